"""Real PyPI projects that need the C or C++ runtime, built unchanged but for
[build-system], as Arm64EC and Arm64X with no SDK.

brotli (C) needed only ``snprintf``; ujson is C with a C++ library (double-conversion);
libsvm-official is C++ loaded with ctypes; pycryptodome builds despite its x86 paths.
Levenshtein (Cython C++ through scikit-build-core) takes rapidfuzz's SSE2 path by the
x64 macros Arm64EC defines, as with MSVC, and clang cannot compile it for Arm64EC.
The build interpreter is CPython 3.13 (the synthesized target CPython is the
build's own); the runtimes come from the tests' persistent cache.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from . import wine
from .conftest import run
from .pe import read_pe

pytestmark = pytest.mark.slow
SYSTEM_DLLS = {"ucrtbase.dll", "kernel32.dll", "python313.dll"}
SETUPTOOLS = "ec_buildext.setuptools"
CMAKE = "ec_buildext.build"


def sdist(name: str, version: str) -> Path:
    """The project's sdist from PyPI, kept in the tests' cache."""
    dest = wine.tests_cache() / "sdists"
    dest.mkdir(parents=True, exist_ok=True)
    wanted = {f"{n}-{version}.tar.gz" for n in (name, name.replace("-", "_"))}
    found = [p for p in dest.iterdir() if p.name.lower() in wanted]
    if not found:
        argv = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary"]
        argv += [":all:", f"{name}=={version}", "-d", str(dest)]
        subprocess.run(argv, capture_output=True, check=False)
        found = [p for p in dest.iterdir() if p.name.lower() in wanted]
    if not found:
        pytest.skip(f"pip could not download the {name} {version} sdist")
    return found[0]


def unpack(archive: Path, dest: Path, backend: str) -> Path:
    """The sdist unpacked, its [build-system] table replaced (nothing else changes)."""
    with tarfile.open(archive) as tar:
        tar.extractall(dest, filter="data")
    (project,) = dest.iterdir()
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text() if pyproject.exists() else ""
    table = f'[build-system]\nrequires = ["ec-buildext[llvm]"]\nbuild-backend = "{backend}"\n\n'
    found = re.search(r"(?ms)^\[build-system\]\n.*?(?=^\[|\Z)", text)
    text = text[: found.start()] + table + text[found.end() :] if found else table + text
    pyproject.write_text(text)
    return project


@pytest.fixture(scope="session")
def py313_build_deps(py313: Path) -> Path:
    """CPython 3.13 with what the projects' own builds import (no build isolation)."""
    deps = ["setuptools>=80", "setuptools-scm[simple]>=9.2", "cffi", "packaging", "Cython"]
    run([str(py313), "-m", "pip", "install", "-q", *deps])
    return py313


def build(
    python: Path, name: str, version: str, backend: str, arch: str, tmp_path: Path
) -> subprocess.CompletedProcess[str]:
    project = unpack(sdist(name, version), tmp_path / "src", backend)
    env = {**os.environ, "EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_ARCH": arch}
    env["EC_BUILDEXT_CACHE_DIR"] = str(wine.tests_cache() / "runtime-cache")
    pip = [str(python), "-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "-v"]
    argv = [*pip, str(project), "-w", str(tmp_path / "dist")]
    return subprocess.run(argv, env=env, capture_output=True, text=True, check=False)


def assert_system_imports_only(tmp_path: Path, readobj_tool: str) -> list[str]:
    """Every binary of the one wheel built imports only system DLLs (both views)."""
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as z:
        members = [n for n in z.namelist() if n.endswith((".pyd", ".dll"))]
        z.extractall(tmp_path / "x")
    assert members
    for member in members:
        main, ec_view = read_pe(readobj_tool, tmp_path / "x" / member).views()
        for view in [main] + ([ec_view] if ec_view is not None else []):
            assert {d.lower() for d in view.imported_dlls} <= SYSTEM_DLLS, member
    return members


PROJECTS = [
    ("brotli", "1.1.0", SETUPTOOLS),
    ("ujson", "6.1.0", SETUPTOOLS),
    ("libsvm-official", "3.37.0", SETUPTOOLS),
]


@pytest.mark.parametrize("arch", ["arm64ec", "arm64x"])
@pytest.mark.parametrize(("name", "version", "backend"), PROJECTS, ids=[p[0] for p in PROJECTS])
def test_project_builds(
    name: str,
    version: str,
    backend: str,
    arch: str,
    tmp_path: Path,
    py313_build_deps: Path,
    readobj_tool: str,
) -> None:
    proc = build(py313_build_deps, name, version, backend, arch, tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert_system_imports_only(tmp_path, readobj_tool)


def test_pycryptodome_builds(tmp_path: Path, py313_build_deps: Path, readobj_tool: str) -> None:
    # x86 paths chosen by the x64 macros Arm64EC defines: none reaches this build.
    proc = build(py313_build_deps, "pycryptodome", "4.4.0", SETUPTOOLS, "arm64ec", tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert_system_imports_only(tmp_path, readobj_tool)


def test_levenshtein_takes_sse2_as_msvc_would(tmp_path: Path, py313_build_deps: Path) -> None:
    # rapidfuzz-cpp picks SSE2 by _M_AMD64/_M_X64, which Arm64EC defines (as MSVC
    # does, whose softintrin.lib then emulates SSE2): clang has no such emulation, so
    # the EC compile stops in emmintrin.h (the CMake build shows clang's own errors).
    proc = build(py313_build_deps, "levenshtein", "0.27.5", CMAKE, "arm64ec", tmp_path)
    assert proc.returncode != 0
    assert "simd_sse2.hpp" in proc.stdout + proc.stderr
