"""The environment cibuildwheel (or a developer prompt) sets, read against ``arch``.

cibuildwheel builds each wheel for one Windows CPython and says which through
``SETUPTOOLS_EXT_SUFFIX``, ``DIST_EXTRA_CONFIG`` (``plat_name``) and
``VSCMD_ARG_TGT_ARCH``.  ec-buildext's ``arch`` decides the compiler target; the
environment decides which CPython will import the result.  They agree when that
CPython's process can load the arch (x64 CPython loads Arm64EC and Arm64X
modules; ARM64 CPython loads ARM64 and Arm64X ones); otherwise the build stops.
Where they agree but name things differently, ``arch`` wins, and one line says so.
"""

from __future__ import annotations

import configparser
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .arch import CPYTHON_PLATFORMS, TOOLSET_PLATFORMS, Arch, processes_of_platform
from .errors import UserError
from .target_python import CPythonFolder, Origin

__all__ = ["TargetPlatform", "offered_pythons", "reconcile", "target_python"]

_SUFFIX = re.compile(rf"-({'|'.join(CPYTHON_PLATFORMS)})\.pyd$")


@dataclass(frozen=True)
class TargetPlatform:
    """The Windows CPython platform the environment builds for, and who said so."""

    platform: str
    source: str


def _from_dist_extra_config(path: str) -> Optional[str]:
    parser = _read_dist_extra_config(path)
    for section in ("build_ext", "build", "bdist_wheel"):
        plat = parser.get(section, "plat_name", fallback="") or parser.get(
            section, "plat-name", fallback=""
        )
        if plat:
            return plat.replace("-", "_")
    return None


def _read_dist_extra_config(path: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except configparser.Error as e:
        raise UserError(
            f"DIST_EXTRA_CONFIG={path} is not a valid setup.cfg-style file ({e})."
        ) from None
    return parser


def offered_pythons(environ: Mapping[str, str], running: Optional[Path]) -> list[CPythonFolder]:
    """Windows CPython folders (include/Python.h present) the environment points at,
    each with who points at it: cibuildwheel's DIST_EXTRA_CONFIG names the target
    CPython's ``libs`` folder when it cross-compiles for ARM64 (the build itself runs on
    the host's CPython); ``running`` is the CPython running the build, on Windows."""
    found = []
    config = environ.get("DIST_EXTRA_CONFIG", "")
    if config:
        dirs = _read_dist_extra_config(config).get("build_ext", "library_dirs", fallback="")
        for libs in filter(None, (d.strip() for d in dirs.split(os.pathsep))):
            source = f"DIST_EXTRA_CONFIG={config} (library_dirs)"
            found.append(CPythonFolder(Path(libs).parent, Origin.ENVIRONMENT, source))
    if running is not None:
        found.append(CPythonFolder(running, Origin.RUNNING, "the CPython running this build"))
    return [f for f in found if (f.path / "include" / "Python.h").is_file()]


def target_python(environ: Mapping[str, str]) -> Optional[TargetPlatform]:
    """The target CPython platform named by the environment, if any."""
    suffix = environ.get("SETUPTOOLS_EXT_SUFFIX", "")
    m = _SUFFIX.search(suffix)
    if m:
        return TargetPlatform(m[1], f"SETUPTOOLS_EXT_SUFFIX={suffix}")
    config = environ.get("DIST_EXTRA_CONFIG", "")
    if config:
        plat = _from_dist_extra_config(config)
        if plat and processes_of_platform(plat):
            return TargetPlatform(plat, f"DIST_EXTRA_CONFIG={config} (plat_name {plat})")
    toolset = environ.get("VSCMD_ARG_TGT_ARCH", "").lower()
    if toolset in TOOLSET_PLATFORMS:
        return TargetPlatform(TOOLSET_PLATFORMS[toolset], f"VSCMD_ARG_TGT_ARCH={toolset}")
    return None


def reconcile(arch: Arch, environ: Mapping[str, str]) -> list[str]:
    """Lines to print about the environment; UserError when it contradicts ``arch``."""
    target = target_python(environ)
    if target is None:
        return []
    processes = processes_of_platform(target.platform)
    if not set(arch.loadable_by) & set(processes):
        raise UserError(
            f"{target.source} says this build is for {target.platform} CPython, which runs "
            f"as a {' or '.join(processes)} process and cannot load {arch.name} binaries "
            f"(loaded by {', '.join(arch.loadable_by)} processes). Build {arch.name} for a "
            "CPython that can load it (Arm64EC: the win_amd64 identifiers; Arm64X: either), "
            "or change arch (`ec-buildext cibw` prints a matching configuration)."
        )
    lines = []
    suffix = environ.get("SETUPTOOLS_EXT_SUFFIX")
    if suffix and arch.python_platform != target.platform:
        names_for = arch.python_platform or "both ARM64 and x64 CPython (.pyd)"
        lines.append(
            f"SETUPTOOLS_EXT_SUFFIX={suffix} is not used: arch = {arch.name} names modules "
            f"for {names_for}."
        )
    else:
        lines.append(
            f"{target.source}: building for {target.platform} CPython, which can "
            f"load {arch.name} modules."
        )
    if environ.get("VSCMD_ARG_TGT_ARCH", "").lower() not in ("", arch.msvc_toolset):
        lines.append(
            f"VSCMD_ARG_TGT_ARCH={environ['VSCMD_ARG_TGT_ARCH']} is not used: arch = "
            f"{arch.name} compiles with the {arch.msvc_toolset} toolset."
        )
    return lines
