"""Static-library (archive) commands of an Arm64X build, for lib.exe and llvm-lib.

[lib]: Microsoft, "Overview of LIB" / "Build Arm64X binaries": ``lib /MACHINE:ARM64X``
makes an Arm64X archive holding ARM64 and Arm64EC objects (llvm-lib accepts the same
option, ARM64EC.md section 3). CMake writes ``/machine:ARM64EC`` for the configured
Arm64EC target; the archive step replaces it and adds each object's native sidecar.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ec_buildext.arch import ARM64, ARM64EC, ARM64X, X64, Arch
from ec_buildext.hybrid import hybrid_archive_command
from ec_buildext.setuptools_ext.compiler import EcCompiler
from ec_buildext.setuptools_ext.driver import archive_command

from .helpers import make_compiler, make_plan


@pytest.mark.parametrize("tool", ["lib.exe", "llvm-lib"])
def test_arm64x_archive(tool: str) -> None:
    argv = [tool, "/nologo", "/machine:ARM64EC", "/out:t.lib", "a.c.obj", "b.c.obj"]

    def compiled(path: str) -> bool:  # only a.c had a native compile (b.c: EC-only)
        return path == "a.c.arm64.obj"

    assert hybrid_archive_command(argv, compiled, machine="ARM64X") == [
        tool,
        "/nologo",
        "/out:t.lib",
        "a.c.obj",
        "a.c.arm64.obj",
        "b.c.obj",
        "/machine:ARM64X",
    ]


def test_machine_option_in_any_spelling_is_replaced() -> None:
    # [lib]: options are case-insensitive and take / or -: one /machine: remains.
    argv = ["llvm-lib", "-MACHINE:arm64ec", "/out:t.lib", "a.obj"]
    assert hybrid_archive_command(argv, lambda p: False, machine="ARM64X") == [
        "llvm-lib",
        "/out:t.lib",
        "a.obj",
        "/machine:ARM64X",
    ]


@pytest.mark.parametrize("kind", ["crtless", "msvc"])
@pytest.mark.parametrize("arch", [ARM64EC, ARM64X, ARM64, X64], ids=lambda a: a.name)
def test_build_clib_archive(root: Path, kind: str, arch: Arch) -> None:
    # setuptools' build_clib archives the names object_filenames() gives: compile()'s own
    # (the configured view's object; the other views' go with it), one archive of every
    # view's objects [lib]: /MACHINE:ARM64X for Arm64X.
    compiler = EcCompiler(make_plan(arch, make_compiler(kind, arch, root)))
    (name,) = compiler.object_filenames(["src/h.cpp"], output_dir="build/temp")
    view = ARM64EC if arch is ARM64X else arch
    assert Path(name) == Path("build/temp/ec-buildext") / view.name / "src/h.cpp.obj"
    objects = [Path("a.obj"), Path("b.obj")]
    tool = "llvm/bin/llvm-lib" if kind == "crtless" else "lib.exe"
    command = archive_command(compiler.plan, objects, Path("h.lib"))
    assert command[0].endswith(tool) and command[1:] == [
        "/nologo",
        f"/machine:{arch.machine}",
        "/out:h.lib",
        "a.obj",
        "b.obj",
    ]
