"""The target Python, not the build machine's: SOABI, module name, headers, pythonXY.lib."""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from ec_buildext.toolchain import find_llvm

from .conftest import pip_wheel, run
from .pe import raw_machine, read_pe

pytestmark = pytest.mark.slow
PYXY = f"{sys.version_info[0]}{sys.version_info[1]}"


@pytest.fixture
def windows_python_layout(tmp_path: Path, cache_dir: Path) -> Path:
    """A Windows CPython folder as FindPython reads it: include/ and an x64 libs/pythonXY.lib.

    No Windows CPython can be downloaded here, so the headers are a few lines
    declaring what the extension uses; the import library is a real x64 COFF
    import library made by llvm-dlltool for python3XY.dll.
    """
    root = tmp_path / "Python"
    (root / "include").mkdir(parents=True)
    (root / "libs").mkdir()
    major, minor = sys.version_info[:2]
    (root / "include" / "patchlevel.h").write_text(
        f"#define PY_MAJOR_VERSION {major}\n#define PY_MINOR_VERSION {minor}\n"
        f'#define PY_MICRO_VERSION 0\n#define PY_VERSION "{major}.{minor}.0"\n'
    )
    (root / "include" / "pyconfig.h").write_text("#define MS_WIN32\n#define MS_WIN64\n")
    (root / "include" / "Python.h").write_text(
        '#include "pyconfig.h"\ntypedef struct _object PyObject;\n'
        "__declspec(dllimport) PyObject *PyLong_FromLong(long v);\n"
        "#define PyMODINIT_FUNC __declspec(dllexport) PyObject *\n"
    )
    def_file = tmp_path / f"python{PYXY}.def"
    def_file.write_text(f"LIBRARY python{PYXY}.dll\nEXPORTS\nPyLong_FromLong\n")
    dlltool = find_llvm("ziglang").tool("llvm-dlltool")
    run(
        [
            str(dlltool),
            "-m",
            "i386:x86-64",
            "-d",
            str(def_file),
            "-l",
            str(root / "libs" / f"python{PYXY}.lib"),
        ]
    )
    return root


def test_extension_links_the_x64_python_of_python_root(
    windows_python_layout: Path, tmp_path: Path, readobj_tool: str
) -> None:
    project = tmp_path / "pyext"
    shutil.copytree(Path(__file__).parent / "data" / "pyext", project)
    out = tmp_path / "dist"
    pip_wheel(
        project,
        out,
        {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_PYTHON_ROOT": str(windows_python_layout)},
    )
    (wheel,) = out.iterdir()
    assert wheel.name == f"answer-0.1-cp{PYXY}-cp{PYXY}-win_arm64ec.whl"
    with zipfile.ZipFile(wheel) as z:
        module = f"answer.cp{PYXY}-win_amd64.pyd"  # what x64 CPython imports
        assert module in z.namelist()
        z.extract(module, tmp_path)
    found = (project / "build").glob("**/found-python.txt")
    include_dirs, libraries = next(iter(found)).read_text().splitlines()
    assert include_dirs == str(windows_python_layout / "include")
    assert libraries == str(windows_python_layout / "libs" / f"python{PYXY}.lib")
    pyd = tmp_path / module
    view = read_pe(readobj_tool, pyd)
    assert raw_machine(pyd) == 0x8664 and view.chpe_version == 2
    assert view.exports == ["PyInit_answer"]
    assert f"python{PYXY}.dll" in view.imported_dlls


def test_python_root_without_import_library_is_refused(
    windows_python_layout: Path, tmp_path: Path
) -> None:
    (windows_python_layout / "libs" / f"python{PYXY}.lib").unlink()
    project = tmp_path / "pyext"
    shutil.copytree(Path(__file__).parent / "data" / "pyext", project)
    out = tmp_path / "dist"
    out.mkdir()
    proc = pip_wheel(
        project,
        out,
        {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_PYTHON_ROOT": str(windows_python_layout)},
        check=False,
    )
    assert proc.returncode != 0
    assert f"has no libs/python{PYXY}.lib" in proc.stdout + proc.stderr
    assert list(out.iterdir()) == []
