"""The build model both renderers read (ec_buildext.model, the compiler and runtime
types of plan.py and toolchains/): per-view runtime records keyed by view, compile flags
by language, the link setup, and the C++ decision of setuptools builds (from the
sources compiled, never from the files lying in the project folder)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from setuptools import Extension

from ec_buildext.arch import ARM64, ARM64EC, ARM64X, X64, Arch
from ec_buildext.model import Language, configured_view, link_views, source_language, uses_cxx
from ec_buildext.setuptools_ext.build_ext import _links_cxx
from ec_buildext.setuptools_ext.driver import link_command
from ec_buildext.toolchains import crtless

from .helpers import COMPILER_KINDS, make_compiler, make_plan, make_spec

ARCHES = [ARM64EC, ARM64X, ARM64, X64]


@pytest.fixture
def cxx_libraries(root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each view's C++ runtime as a path under ``root`` (building libc++ takes minutes;
    tests/test_runtime_cxx.py builds and links the real one)."""
    monkeypatch.setattr(
        crtless, "cxx_runtime_library", lambda llvm, view: root / f"ecxx-{view.name}.lib"
    )
    return root


def test_views_are_named_not_positioned() -> None:
    # The configured view of Arm64X is its Arm64EC view; its runtime inputs lead a link.
    assert configured_view(ARM64X) is ARM64EC
    assert link_views(ARM64X) == (ARM64EC, ARM64)
    assert [configured_view(a) for a in (ARM64EC, ARM64, X64)] == [ARM64EC, ARM64, X64]


def test_source_languages() -> None:
    assert source_language("a.c") is Language.C and source_language("A.C") is Language.C
    assert {source_language(f"a{s}") for s in (".cc", ".cpp", ".cxx", ".c++")} == {Language.CXX}
    assert source_language("a.S") is None and source_language("a.hpp") is None
    assert not uses_cxx(["a.c", "b.S", "c.hpp"]) and uses_cxx(["a.c", "b.cpp"])


@pytest.mark.parametrize("arch", ARCHES, ids=lambda a: a.name)
def test_crtless_runtime_per_view(root: Path, arch: Arch) -> None:
    compiler = make_compiler("crtless", arch, root)
    support = root / "crtless"
    for view in arch.views:
        found = compiler.view_runtime(view, cxx=False)
        # Arm64X: each view its own runtime support (load config) and C runtime.
        native = arch is ARM64X and view is ARM64
        assert found.view is view
        assert found.support_objects == (
            support / ("native-runtime.obj" if native else "runtime.obj"),
        )
        assert found.c_runtime == (support / ("native-ecrt.lib" if native else "ecrt.lib"),)
        assert found.cxx_runtime == ()


@pytest.mark.parametrize("kind", [k for k in COMPILER_KINDS if k != "crtless"])
@pytest.mark.parametrize("arch", ARCHES, ids=lambda a: a.name)
def test_sdk_runtimes_add_nothing_per_view(
    root: Path, kind: str, arch: Arch, cxx_libraries: Path
) -> None:
    # The SDK/CRT's own libraries (C++ too) are the toolchain's default libraries.
    compiler = make_compiler(kind, arch, root)
    for view in arch.views:
        assert compiler.view_runtime(view, cxx=True).inputs == ()


def test_crtless_cxx_runtime_per_view(root: Path, cxx_libraries: Path) -> None:
    compiler = make_compiler("crtless", ARM64X, root)
    for view in (ARM64EC, ARM64):
        found = compiler.view_runtime(view, cxx=True)
        assert found.cxx_runtime == (root / f"ecxx-{view.name}.lib",)
        assert found.inputs[-1] == root / f"ecxx-{view.name}.lib"


@pytest.mark.parametrize("arch", ARCHES, ids=lambda a: a.name)
def test_crtless_compile_flags_by_language(root: Path, arch: Arch) -> None:
    compiler = make_compiler("crtless", arch, root)
    flags = compiler.compile_flags(configured_view(arch))
    # C: asynchronous SEH first; C++: libc++'s headers first; both the runtime's headers.
    assert flags.for_language(Language.C)[:2] == ("-Xclang", "-fasync-exceptions")
    assert "-fasync-exceptions" not in flags.for_language(Language.CXX)
    assert flags.for_language(Language.CXX)[: len(flags.cxx)] == flags.cxx
    assert flags.common[0] == f"/external:I{root / 'crtless/mingw-include'}"
    assert flags.system_include_dirs == ()
    assert (flags.release, flags.debug) == (("/clang:-O2",), ("/clang:-O0",))


@pytest.mark.parametrize("layout", ["vs", "xwin"])
def test_sysroot_headers_are_folders(root: Path, layout: str) -> None:
    flags = make_compiler(f"sysroot-{layout}", ARM64, root).compile_flags(ARM64)
    assert flags.system_include_dirs and all(d.is_dir() for d in flags.system_include_dirs)
    assert flags.for_language(Language.C) == ()  # ARM64: no softintrin
    assert (flags.release, flags.debug) == (("/O2", "/MD"), ("/Od", "/MD"))


@pytest.mark.parametrize("kind", COMPILER_KINDS)
@pytest.mark.parametrize("arch", ARCHES, ids=lambda a: a.name)
def test_link_setup(root: Path, kind: str, arch: Arch) -> None:
    setup = make_compiler(kind, arch, root).link_setup(arch)
    if kind == "crtless":
        assert setup.library_dirs == (root / "crtless/lib",)
        assert setup.library_overlay == root / "crtless/lib-overlay.yaml"
        assert setup.dll_entry == "_DllMainCRTStartup"
        assert setup.default_libraries == ("kernel32.lib", "ucrtbase.lib")
        return
    assert setup.dll_entry is None and setup.flags == ()
    soft = ("softintrin.lib",) if kind == "msvc" and arch.has_ec_view else ()
    assert setup.default_libraries == soft


@pytest.mark.parametrize("arch", ARCHES, ids=lambda a: a.name)
def test_a_cxx_source_links_the_cxx_runtime(root: Path, arch: Arch, cxx_libraries: Path) -> None:
    plan = make_plan(arch, make_compiler("crtless", arch, root))
    libraries = [str(root / f"ecxx-{v.name}.lib") for v in link_views(arch)]

    def cxx_inputs(command: list[str]) -> list[str]:
        return [a for a in command if Path(a).name.startswith("ecxx-")]

    objects = [root / "a.obj"]
    c_only = link_command(plan, make_spec(root, "a.c"), objects, None)
    assert cxx_inputs(c_only) == []
    with_cxx = link_command(plan, make_spec(root, "a.c", "b.cpp"), objects, None)
    assert cxx_inputs(with_cxx) == libraries  # each view its own, the EC view's first
    # C++ compiled apart (a build_clib library): the spec says so.
    apart = link_command(plan, make_spec(root, "a.c", links_cxx=True), objects, None)
    assert cxx_inputs(apart) == libraries
    # A probe executable never takes it.
    probe = link_command(plan, make_spec(root, "b.cpp"), objects, None, executable=True)
    assert cxx_inputs(probe) == []


def test_build_ext_decides_cxx_from_the_sources_built(root: Path) -> None:
    # A C++ file lying in the project folder does not count; the sources built do.
    (root / "unused.cpp").write_text("")
    c_ext, cxx_ext = Extension("m", ["m.c"]), Extension("m", ["m.c", "n.cc"])
    no_clib = SimpleNamespace(libraries=None)
    assert not _links_cxx(no_clib, c_ext) and _links_cxx(no_clib, cxx_ext)
    assert _links_cxx(no_clib, Extension("m", ["m.c"], language="c++"))
    # build_ext links every build_clib library: their C++ counts.
    c_clib = SimpleNamespace(libraries=[("helper", {"sources": ["h.c"]})])
    cxx_clib = SimpleNamespace(libraries=[("helper", {"sources": ["h.c", "k.cpp"]})])
    assert not _links_cxx(c_clib, c_ext) and _links_cxx(cxx_clib, c_ext)
