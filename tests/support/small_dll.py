"""One C file built CRT-less into a DLL for an arch (the C runtime's tests)."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

from .commands import pip_wheel
from .paths import TEST_DATA

#: A setuptools project of one C DLL with a constructor, DllMain, atexit and printf calls.
DEMO = TEST_DATA / "crt_demo"
#: What the C runtime may import: the system's C library and Win32 core.
SYSTEM_DLLS = {"ucrtbase.dll", "kernel32.dll"}


def small_project(
    tmp_path: Path, source: str, extra_compile_args: list[str], libraries: Sequence[str] = ()
) -> Path:
    """A setuptools project of one C file (a DLL loaded with ctypes)."""
    project = tmp_path / "small"
    project.mkdir()
    (project / "pyproject.toml").write_text((DEMO / "pyproject.toml").read_text())
    (project / "setup.py").write_text(
        "from setuptools import Extension, setup\n"
        "setup(ext_modules=[Extension('crtdemo', ['small.c'], export_symbols=['PyInit_crtdemo'],"
        f" extra_compile_args={extra_compile_args!r}, libraries={list(libraries)!r})])\n"
    )
    (project / "small.c").write_text(source + "\nvoid *PyInit_crtdemo(void) { return 0; }\n")
    return project


def small_dll(
    tmp_path: Path,
    source: str,
    arch: str,
    cache: Path,
    extra_compile_args: Sequence[str] = (),
    libraries: Sequence[str] = (),
) -> Path:
    """small_project built CRT-less for ``arch`` (in its own folder), the DLL taken out
    of the wheel."""
    folder = tmp_path / arch
    folder.mkdir()
    project = small_project(folder, source, list(extra_compile_args), libraries)
    env = {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_CACHE_DIR": str(cache)}
    pip_wheel(project, folder / "dist", {**env, "EC_BUILDEXT_ARCH": arch})
    (wheel,) = (folder / "dist").iterdir()
    with zipfile.ZipFile(wheel) as z:
        (member,) = [n for n in z.namelist() if n.endswith(".pyd")]
        return Path(z.extract(member, folder / "x"))
