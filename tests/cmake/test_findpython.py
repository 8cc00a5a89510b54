"""CMake's FindPython in a cross build, the way scikit-build-core's documentation tells
users to write it: ``find_package(Python COMPONENTS Interpreter Development.Module)`` and
``python_add_library(... WITH_SOABI)``, with no python-root (the build makes the target
CPython from the interpreter running it).  The module must be named for the target and
import the target's pythonXY.dll in every view; read back with llvm-readobj."""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from ..support.commands import pip_wheel, run
from ..support.llvm import find_tool
from ..support.paths import TEST_DATA as DATA
from ..support.pe import read_pe

pytestmark = pytest.mark.slow

PYXY = f"{sys.version_info[0]}{sys.version_info[1]}"


def ecapi_cmake(dest: Path, minimum: str, package: str = "Python") -> Path:
    """The ecapi module as a CMake project requiring CMake ``minimum`` (4.1 and later
    turn policy CMP0190 on: no Interpreter search in a cross build without an emulator),
    finding ``package`` (FindPython or FindPython3)."""
    shutil.copytree(DATA / "cpython_api_cmake", dest)
    shutil.copy(DATA / "cpython_api" / "ecapi.c", dest)
    cmakelists = dest / "CMakeLists.txt"
    text = cmakelists.read_text().replace("VERSION 3.20", f"VERSION {minimum}")
    text = text.replace("find_package(Python ", f"find_package({package} ")
    text = text.replace("python_add_library(", f"{package}_add_library(")
    cmakelists.write_text(text)
    return dest


def imported_dlls(readobj: str, pyd: Path) -> list[str]:
    text = run([readobj, "--coff-imports", str(pyd)]).stdout
    return sorted({line.split(":", 1)[1].strip() for line in text.splitlines() if "Name:" in line})


@pytest.mark.parametrize(
    ("arch", "minimum", "package", "module"),
    [
        ("x64", "3.20", "Python", f"ecapi.cp{PYXY}-win_amd64.pyd"),
        ("x64", "4.1", "Python", f"ecapi.cp{PYXY}-win_amd64.pyd"),
        ("x64", "4.1", "Python3", f"ecapi.cp{PYXY}-win_amd64.pyd"),
        ("arm64ec", "3.20", "Python", f"ecapi.cp{PYXY}-win_amd64.pyd"),
        ("arm64x", "3.20", "Python", "ecapi.pyd"),  # one file for ARM64 and x64 CPython
    ],
)
def test_interpreter_and_development_module(
    arch: str, minimum: str, package: str, module: str, tmp_path: Path, cache_dir: Path
) -> None:
    project = ecapi_cmake(tmp_path / "ecapi", minimum, package)
    out = tmp_path / "dist"
    proc = pip_wheel(
        project,
        out,
        {"EC_BUILDEXT_LLVM_ROOT": "ziglang"},
        "-C",
        f"ec-buildext.arch={arch}",
        "-C",
        "build.verbose=true",  # ninja prints the link command
    )
    text = proc.stdout + proc.stderr
    assert "found components: Interpreter Development.Module" in text
    # The build machine's libraries (FindPython asks the interpreter) never reach the link.
    assert "lld-link" in text and "-ldl" not in text
    assert f"made from {sys.executable}" in text
    (wheel,) = out.glob("*.whl")
    with zipfile.ZipFile(wheel) as z:
        names = [n for n in z.namelist() if n.endswith(".pyd")]
        assert names == [module]
        z.extract(module, tmp_path)
    readobj = find_tool("llvm-readobj")
    pyd = tmp_path / module
    assert f"python{PYXY}.dll" in imported_dlls(readobj, pyd)
    if sys.version_info < (3, 13):  # PY_SSIZE_T_CLEAN's exports are in the import library
        imports = run([readobj, "--coff-imports", str(pyd)]).stdout
        assert "_PyArg_ParseTuple_SizeT" in imports
    if arch == "arm64x":
        native, ec_view = read_pe(readobj, pyd).views()
        assert ec_view is not None
        for view in (native, ec_view):
            assert f"python{PYXY}.dll" in view.imported_dlls
