"""Real PyPI projects that needed the C runtime, built unchanged but for [build-system].

brotli's only missing piece in a CRT-less build was ``snprintf`` (mingw-w64 implements
it statically); with ec-buildext's C runtime it builds as Arm64EC and Arm64X.  The
build interpreter is CPython 3.13 (the synthesized target CPython is the build's own).
"""

from __future__ import annotations

import os
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
BUILD_SYSTEM = (
    '[build-system]\nrequires = ["setuptools", "ec-buildext[llvm]"]\n'
    'build-backend = "ec_buildext.setuptools"\n'
)
SYSTEM_DLLS = {"ucrtbase.dll", "kernel32.dll", "python313.dll"}


def sdist(name: str, version: str) -> Path:
    """The project's sdist from PyPI, kept in the tests' cache."""
    dest = wine.tests_cache() / "sdists"
    dest.mkdir(parents=True, exist_ok=True)
    wanted = f"{name}-{version}.tar.gz".lower()
    found = [p for p in dest.iterdir() if p.name.lower() == wanted]
    if not found:
        argv = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary"]
        argv += [":all:", f"{name}=={version}", "-d", str(dest)]
        subprocess.run(argv, capture_output=True, check=False)
        wanted = f"{name}-{version}.tar.gz".lower()
    found = [p for p in dest.iterdir() if p.name.lower() == wanted]
    if not found:
        pytest.skip(f"pip could not download the {name} {version} sdist")
    return found[0]


def unpack(archive: Path, dest: Path) -> Path:
    with tarfile.open(archive) as tar:
        tar.extractall(dest, filter="data")
    (project,) = dest.iterdir()
    (project / "pyproject.toml").write_text(BUILD_SYSTEM)
    return project


@pytest.mark.parametrize("arch", ["arm64ec", "arm64x"])
def test_brotli(arch: str, tmp_path: Path, py313: Path, readobj_tool: str) -> None:
    project = unpack(sdist("brotli", "1.1.0"), tmp_path / "src")
    out = tmp_path / "dist"
    env = {**os.environ, "EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_ARCH": arch}
    env["EC_BUILDEXT_CACHE_DIR"] = str(wine.tests_cache() / "runtime-cache")
    pip = [str(py313), "-m", "pip", "wheel", "--no-build-isolation", "--no-deps"]
    run([*pip, str(project), "-w", str(out)], env=env)
    (wheel,) = out.iterdir()
    with zipfile.ZipFile(wheel) as z:
        (member,) = [n for n in z.namelist() if n.endswith(".pyd")]
        z.extract(member, tmp_path / "x")
    main, ec_view = read_pe(readobj_tool, tmp_path / "x" / member).views()
    for view in [main] + ([ec_view] if ec_view is not None else []):
        assert {d.lower() for d in view.imported_dlls} <= SYSTEM_DLLS
        assert "PyInit__brotli" in view.exports
