"""ec_buildext.setuptools on what real setup.py files do (httptools, pycryptodome,
zstandard): project hooks, compiler probes, host folders, header-name case, pure wheels."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from ec_buildext.plan import make_plan
from ec_buildext.settings import load_settings
from ec_buildext.setuptools_ext.compiler import cross_compiler_installed

# isort: split
from distutils import ccompiler
from distutils.errors import PreprocessError
from distutils.sysconfig import customize_compiler

from ..support.commands import assert_build_refused, pip_wheel
from ..support.paths import TEST_DATA as DATA
from ..support.pe import assert_arm64x, raw_machine, read_pe
from ..support.setuptools_builds import PYXY, build, copy_project, extract

pytestmark = pytest.mark.slow
PROBE_EXPORTS = ["PyInit_probes", "probe_answers", "probes_parser_version"]


@pytest.mark.parametrize("arch", ["arm64ec", "arm64x"])
def test_project_hooks_and_compiler_probes(
    arch: str, tmp_path: Path, readobj_tool: str, cache_dir: Path
) -> None:
    """build_extensions()/build_extension() of the project run (httptools adds its
    vendored folders there), and setup.py's probes get the target's answers:
    `#if !defined(_WIN64)` compiles and links, <sys/mman.h> (the Linux build
    machine's gcc has it) does not."""
    project = copy_project(DATA / "setuptools_probes", tmp_path)
    wheel = build(project, tmp_path, {"EC_BUILDEXT_ARCH": arch})
    if arch == "arm64ec":
        dll = extract(wheel, f"probes.cp{PYXY}-win_amd64.pyd", tmp_path / "x")
        assert raw_machine(dll) == 0x8664
        assert read_pe(readobj_tool, dll).exports == PROBE_EXPORTS
    else:
        dll = extract(wheel, "probes.pyd", tmp_path / "x")
        native, ec_view = assert_arm64x(dll, readobj_tool)
        assert native.exports == ec_view.exports == PROBE_EXPORTS
    assert b"win64=1 mman=0 compiler=msvc\0" in dll.read_bytes()
    # The probe's executable was linked by lld-link for the target (EC view of Arm64X).
    assert raw_machine(project / "build" / "probes" / "win64.exe") == 0x8664


def test_no_host_python_folder_reaches_the_compile(tmp_path: Path, cache_dir: Path) -> None:
    """setup.py names the venv's include/, include/site/pythonX.Y and the host
    Python.h folder (distutils adds some of them by itself): none is compiled with."""
    project = copy_project(DATA / "setuptools_probes", tmp_path)
    text = assert_build_refused(
        project,
        tmp_path / "dist",
        {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "PROBES_FAIL": "1"},
        "asked to fail, to show the compile command",
    )
    (command,) = [line for line in text.splitlines() if "/Tcsrc/probes.c" in line]
    version = f"python{sys.version_info[0]}.{sys.version_info[1]}"
    host = {
        sysconfig.get_paths()["include"],
        os.path.join(sys.prefix, "include"),
        os.path.join(sys.prefix, "include", "site", version),
    }
    assert "/Ibuild" in command.split() and "/Ivendor/include" in command.split()
    assert not [d for d in host if d in command], command


def test_pure_wheel_keeps_its_tag(tmp_path: Path) -> None:
    """No binary in the wheel: no Windows platform tag, and the build says why."""
    project = copy_project(DATA / "setuptools_pure", tmp_path)
    out = tmp_path / "dist"
    proc = pip_wheel(project, out, {})
    assert [p.name for p in out.iterdir()] == ["purepkg-1.0-py3-none-any.whl"]
    assert (
        "ec-buildext: purepkg-1.0-py3-none-any.whl has no DLL, .pyd or .exe, so it keeps its "
        "tag (not win_arm64ec): nothing in it is for one platform"
    ) in proc.stdout + proc.stderr


@pytest.mark.parametrize("backend", ["ec_buildext.setuptools", "ec_buildext.build"])
def test_windows_sdk_header_names_in_any_case(
    backend: str, tmp_path: Path, readobj_tool: str, cache_dir: Path
) -> None:
    """<Windows.h>, <WinSock2.h>, <WS2tcpip.h>, <Psapi.h>, <ShlObj.h> find mingw-w64's
    lower-case headers in a CRT-less build, with both backends; ws2_32's htons links."""
    project = copy_project(DATA / "case_headers", tmp_path)
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('"ec_buildext.setuptools"', f'"{backend}"'))
    wheel = build(project, tmp_path, {})
    name = (
        "caseheaders.dll"
        if backend == "ec_buildext.build"
        else f"caseheaders.cp{PYXY}-win_amd64.pyd"
    )
    dll = extract(wheel, name, tmp_path / "x")
    view = read_pe(readobj_tool, dll)
    assert raw_machine(dll) == 0x8664
    assert {"caseheaders_pid", "caseheaders_port", "caseheaders_sizes"} <= set(view.exports)
    # htons from ws2_32.dll: the import library names it without mingw-w64's "@4".
    # (ucrtbase.dll: the C runtime's DLL entry point.)
    assert sorted(d.lower() for d in view.imported_dlls) == [
        "kernel32.dll",
        "ucrtbase.dll",
        "ws2_32.dll",
    ]


#: A header that shows what the preprocessor saw: MSVC's and clang's arch macros, a
#: mingw-w64 header, the target CPython's headers, a folder and a macro of the caller.
PROBED_HEADER = """\
#include <limits.h>
#include <patchlevel.h>
#include "local.h"
ec=_M_ARM64EC x64=_M_X64 gnu_x64=__x86_64__ arm64=_M_ARM64 int_max=INT_MAX
py=PY_MAJOR_VERSION local=LOCAL zstd=ZSTD_STATIC_LINKING_ONLY
"""
#: The macros' values per arch (a name left as it is: not defined).
SEEN = {
    "arm64ec": "ec=1 x64=100 gnu_x64=1 arm64=_M_ARM64",
    "arm64x": "ec=1 x64=100 gnu_x64=1 arm64=_M_ARM64",  # the EC view
    "arm64": "ec=_M_ARM64EC x64=_M_X64 gnu_x64=__x86_64__ arm64=1",
    "x64": "ec=_M_ARM64EC x64=100 gnu_x64=1 arm64=_M_ARM64",
}


@pytest.mark.parametrize("arch", list(SEEN))
def test_make_cffi_preprocesses_for_the_target(
    arch: str, tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """zstandard's make_cffi.py, step by step, with the real clang-cl: new_compiler(),
    initialize(), customize_compiler(), ``preprocessor`` extended with its flags and run
    on a header (subprocess); then preprocess() to a file, as distutils' config does."""
    monkeypatch.setenv("EC_BUILDEXT_ARCH", arch)
    monkeypatch.setenv("EC_BUILDEXT_LLVM_ROOT", "ziglang")
    monkeypatch.chdir(tmp_path)
    plan = make_plan(load_settings(tmp_path, {}))
    assert plan is not None
    (tmp_path / "inc").mkdir()
    (tmp_path / "inc" / "local.h").write_text("#define LOCAL 7\n")
    header = tmp_path / "probe.h"
    header.write_text(PROBED_HEADER)
    with cross_compiler_installed(plan):
        compiler = ccompiler.new_compiler()
    if hasattr(compiler, "initialize"):
        compiler.initialize()
    customize_compiler(compiler)
    args = getattr(compiler, "preprocessor", None)
    assert args and compiler.compiler_type == "msvc"
    args.extend(["/DZSTD_STATIC_LINKING_ONLY", f"/I{tmp_path / 'inc'}"])
    proc = subprocess.run(
        [*args, str(header)], capture_output=True, text=True, env={**os.environ, "LC_ALL": "C"}
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert not [line for line in lines if line.startswith("#line")]  # /EP: no markers
    assert f"{SEEN[arch]} int_max=2147483647" in lines
    assert "py=3 local=7 zstd=1" in lines

    compiler.preprocess(
        str(header), "pp/probe.i", macros=[("ZSTD_STATIC_LINKING_ONLY", "2")], include_dirs=["inc"]
    )
    text = (tmp_path / "pp" / "probe.i").read_text()
    assert f"{SEEN[arch]} int_max=2147483647" in text
    assert "py=3 local=7 zstd=2" in text

    # C++ by its name: libc++'s headers are found, __cplusplus is set.
    (tmp_path / "probe.cpp").write_text("#include <cstddef>\nstd::size_t cpp = __cplusplus;\n")
    compiler.preprocess(str(tmp_path / "probe.cpp"), "pp/probe.ii")
    assert re.search(r"std::size_t cpp = 20\d\d\d\dL;", (tmp_path / "pp/probe.ii").read_text())
    # A failing preprocess is distutils' PreprocessError, naming the file.
    (tmp_path / "bad.c").write_text('#error "stop here"\n')
    with pytest.raises(PreprocessError, match=r"preprocessing .*bad\.c failed"):
        compiler.preprocess(str(tmp_path / "bad.c"))
