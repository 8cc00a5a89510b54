"""PEP 517 backend ``ec_buildext.build``: scikit-build-core, aimed at Windows on Arm.

With ``arch = "auto"`` every hook is scikit-build-core's own.  Otherwise the
wheel hooks decide a :class:`~ec_buildext.plan.BuildPlan`, hand scikit-build-core
a generated toolchain file (Ninja generator, target Python's SOABI and,
with ``python-root``, its headers and import library), let it build into a
private folder, and retag the wheel into the output folder.  The user's tree is
never edited.  Config-settings ``ec-buildext.*`` are ours and are not passed on.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Optional

from scikit_build_core import build as _skbuild

from .backend import ConfigSettings, environ_set, plans_for, staged_wheels, strip_ours, user_errors
from .cache import cache_dir, key_of, write_text_atomic
from .plan import BuildPlan, python_cache_entries
from .settings import load_settings, read_tool_table

__all__ = [
    "build_editable",
    "build_sdist",
    "build_wheel",
    "get_requires_for_build_editable",
    "get_requires_for_build_sdist",
    "get_requires_for_build_wheel",
    "prepare_metadata_for_build_editable",
    "prepare_metadata_for_build_wheel",
]


def _toolchain_path(text: str) -> Path:
    """A stable path per toolchain content, so a reused build-dir sees no change."""
    path = cache_dir() / "toolchains" / f"{key_of(text)}.cmake"
    if not path.is_file():
        write_text_atomic(path, text)
    return path


def _python_block(plan: BuildPlan) -> str:
    """Toolchain lines pointing FindPython and SKBUILD_SOABI at the target Python.

    Cache entries in the toolchain file rather than -D options: CMake warns about
    -D variables a project does not use, and most projects use only some of these.
    FORCE, because scikit-build-core pre-seeds SKBUILD_SOABI with the host's value.
    """
    lines = ["", "# The target Python (ec-buildext backend), not the build machine's."]
    for name, value in python_cache_entries(plan, sys.version_info[:2]).items():
        lines.append(f'set({name} "{value}" CACHE STRING "" FORCE)')
    return "\n".join(lines) + "\n"


def _skbuild_settings(plan: BuildPlan, config_settings: ConfigSettings) -> dict[str, Any]:
    toolchain = _toolchain_path(plan.toolchain_file() + _python_block(plan))
    ours: dict[str, Any] = {
        "cmake.define.CMAKE_TOOLCHAIN_FILE": str(toolchain),
        # The host's Python headers and library must never reach a Windows build.
        "cmake.python-hints": "false",
    }
    return {**strip_ours(config_settings), **ours}


def _user_build_dir(config_settings: ConfigSettings) -> str:
    """scikit-build-core's build-dir, if the project or the frontend set one."""
    given = (config_settings or {}).get("build-dir") or (config_settings or {}).get("build.dir", "")
    if given:
        return str(given)
    return str(read_tool_table(Path.cwd(), "scikit-build").get("build-dir", ""))


def _build(
    hook: Any,
    wheel_directory: str,
    config_settings: ConfigSettings,
    metadata_directory: Optional[str],
) -> str:
    with user_errors():
        plans = plans_for(config_settings)
        if not plans:
            return hook(wheel_directory, strip_ours(config_settings), metadata_directory)
        build_dir = _user_build_dir(config_settings) if len(plans) > 1 else ""

        def build_one(plan: BuildPlan, staging: str) -> str:
            skb = _skbuild_settings(plan, config_settings)
            if build_dir:  # several arches must not share one persistent build folder
                skb["build-dir"] = f"{build_dir}/ec-buildext-{plan.arch.name}"
            return hook(staging, skb, metadata_directory)

        generator = {} if os.environ.get("CMAKE_GENERATOR") else {"CMAKE_GENERATOR": "Ninja"}
        with environ_set(**generator):
            return staged_wheels(plans, wheel_directory, build_one)


def build_wheel(
    wheel_directory: str,
    config_settings: ConfigSettings = None,
    metadata_directory: Optional[str] = None,
) -> str:
    return _build(_skbuild.build_wheel, wheel_directory, config_settings, metadata_directory)


def build_editable(
    wheel_directory: str,
    config_settings: ConfigSettings = None,
    metadata_directory: Optional[str] = None,
) -> str:
    return _build(_skbuild.build_editable, wheel_directory, config_settings, metadata_directory)


def build_sdist(sdist_directory: str, config_settings: ConfigSettings = None) -> str:
    with user_errors():
        load_settings(Path.cwd(), config_settings)
    return _skbuild.build_sdist(sdist_directory, strip_ours(config_settings))


def get_requires_for_build_wheel(config_settings: ConfigSettings = None) -> list[str]:
    return list(_skbuild.get_requires_for_build_wheel(strip_ours(config_settings)))


def get_requires_for_build_editable(config_settings: ConfigSettings = None) -> list[str]:
    return list(_skbuild.get_requires_for_build_editable(strip_ours(config_settings)))


def get_requires_for_build_sdist(config_settings: ConfigSettings = None) -> list[str]:
    return list(_skbuild.get_requires_for_build_sdist(strip_ours(config_settings)))


def prepare_metadata_for_build_wheel(
    metadata_directory: str, config_settings: ConfigSettings = None
) -> str:
    return _skbuild.prepare_metadata_for_build_wheel(
        metadata_directory, strip_ours(config_settings)
    )


def prepare_metadata_for_build_editable(
    metadata_directory: str, config_settings: ConfigSettings = None
) -> str:
    return _skbuild.prepare_metadata_for_build_editable(
        metadata_directory, strip_ours(config_settings)
    )
