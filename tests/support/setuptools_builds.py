"""Projects built with ec-buildext's setuptools backend by pip, and what their wheels hold."""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

from installer.sources import WheelFile

from .commands import pip_wheel

#: The build interpreter's CPython version, as pythonXY.dll spells it.
PYXY = f"{sys.version_info[0]}{sys.version_info[1]}"


def copy_project(source: Path, tmp_path: Path) -> Path:
    """A private copy: setuptools writes build/ and *.egg-info into the project."""
    dest = tmp_path / source.name
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("build", "*.egg-info"))
    return dest


def build(project: Path, tmp_path: Path, env: dict[str, str], *extra: str) -> Path:
    """`pip wheel` of ``project`` with the embedded LLVM: the wheel, its RECORD checked."""
    out = tmp_path / "dist"
    pip_wheel(project, out, {"EC_BUILDEXT_LLVM_ROOT": "ziglang", **env}, *extra)
    (wheel,) = out.iterdir()
    with WheelFile.open(wheel) as source:
        source.validate_record()
    return wheel


def extract(wheel: Path, member: str, dest: Path) -> Path:
    """``member`` of the wheel, extracted under ``dest``."""
    with zipfile.ZipFile(wheel) as z:
        assert member in z.namelist(), z.namelist()
        z.extract(member, dest)
    return dest / member
