"""Builds a setup.py starts itself (cause 3 of issue 21): its CMake on a bundled C
library finds the cross toolchain through the environment, and a nested build that
still uses the build machine's compiler is refused at the link, never put in a wheel.

The project (tests/data/setuptools_nested_cmake) runs CMake on ``bundled/`` from its
``build_ext``, as pycares does with c-ares, and links the static library CMake made.
Archives and modules are read with Debian's llvm-readobj."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from ..support.commands import assert_build_refused, run
from ..support.paths import TEST_DATA as DATA
from ..support.pe import assert_arm64ec_dll, assert_arm64x, raw_machine, read_pe
from ..support.setuptools_builds import PYXY, build, copy_project, extract
from ..support.wine import Wine, run_in_windows

pytestmark = pytest.mark.slow
PROJECT = DATA / "setuptools_nested_cmake"
#: What llvm-readobj calls each arch's objects (Arm64X: the library holds both views').
OBJECT_FORMATS = {
    "arm64ec": {"COFF-ARM64EC"},
    "x64": {"COFF-x86-64"},
    "arm64x": {"COFF-ARM64", "COFF-ARM64EC"},
}


def bundled_library(project: Path) -> Path:
    """The static library the project's CMake call made."""
    (library,) = project.glob("build/ec-buildext-*/temp*/bundled/bundled.lib")
    return library


def object_formats(readobj_tool: str, library: Path) -> set[str]:
    """The format llvm-readobj reads in each member of ``library``."""
    text = run([readobj_tool, "--file-headers", str(library)]).stdout
    return set(re.findall(r"^Format: (\S+)$", text, re.M))


@pytest.mark.parametrize("arch", ["arm64ec", "x64", "arm64x"])
def test_bundled_cmake_library_is_built_for_the_target(
    arch: str, tmp_path: Path, readobj_tool: str, cache_dir: Path
) -> None:
    """The nested CMake configures for Windows (its configured header says Windows,
    <sys/socket.h> absent, <winsock2.h> found) and compiles COFF objects of the arch
    (Arm64X: through the toolchain file's launcher, both views' objects in one library)."""
    project = copy_project(PROJECT, tmp_path)
    wheel = build(project, tmp_path, {"EC_BUILDEXT_ARCH": arch})
    library = bundled_library(project)
    assert object_formats(readobj_tool, library) == OBJECT_FORMATS[arch]
    config = (library.parent / "bundled_config.h").read_text()
    assert '"Windows"' in config and "HAVE_SYS_SOCKET_H 0" in config
    assert "HAVE_WINSOCK2_H 1" in config
    if arch == "arm64x":
        dll = extract(wheel, "nested.pyd", tmp_path / "x")
        native, ec_view = assert_arm64x(dll, readobj_tool)
        assert native.exports == ec_view.exports == ["PyInit_nested"]
    elif arch == "arm64ec":
        dll = extract(wheel, f"nested.cp{PYXY}-win_amd64.pyd", tmp_path / "x")
        assert_arm64ec_dll(dll, readobj_tool, ["PyInit_nested"])
    else:
        dll = extract(wheel, f"nested.cp{PYXY}-win_amd64.pyd", tmp_path / "x")
        assert raw_machine(dll) == 0x8664
        assert read_pe(readobj_tool, dll).exports == ["PyInit_nested"]
    assert b"Windows winsock2.h" in dll.read_bytes()


def test_bundled_library_runs_in_windows_cpython(
    py313: Path, windows_cpython313: Path, wine_runner: Wine, tmp_path: Path, cache_dir: Path
) -> None:
    """The x64 build, made on CPython 3.13, imported and called by Windows CPython."""
    project = copy_project(PROJECT, tmp_path)
    env = {**os.environ, "EC_BUILDEXT_ARCH": "x64", "EC_BUILDEXT_LLVM_ROOT": "ziglang"}
    argv = [str(py313), "-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "-v"]
    run([*argv, str(project), "-w", str(tmp_path / "dist")], env=env)
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    code = "import nested; print(nested.answer(20)); print(nested.configured())"
    lines = run_in_windows(wine_runner, windows_cpython313, [wheel], code, tmp_path / "site")
    assert lines == ["42", "Windows winsock2.h"]


def test_nested_build_with_the_host_compiler_is_refused(tmp_path: Path, cache_dir: Path) -> None:
    """The project's CMake call drops the environment and names cc: its ELF archive
    stops the link with the paragraph, and no wheel is written."""
    project = copy_project(PROJECT, tmp_path)
    text = assert_build_refused(
        project,
        tmp_path / "dist",
        {
            "EC_BUILDEXT_ARCH": "arm64ec",
            "EC_BUILDEXT_LLVM_ROOT": "ziglang",
            "NESTED_HOST_COMPILER": "1",
        },
        "is an archive of ELF objects (bundled.c.o)",
    )
    assert "libbundled.a" in text and "CMAKE_TOOLCHAIN_FILE" in text
    assert "found the build machine's compiler instead of the cross compiler" in text
