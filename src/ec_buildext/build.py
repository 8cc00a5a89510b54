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
from pathlib import Path
from typing import Any, Optional

from scikit_build_core import build as _skbuild

from .backend import ConfigSettings, WrappingBackend, child_builds, environ_set, strip_ours
from .child_builds import toolchain_path
from .errors import UserError
from .plan import BuildPlan
from .settings import read_tool_table

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


def _skbuild_settings(plan: BuildPlan, config_settings: ConfigSettings) -> dict[str, Any]:
    toolchain = toolchain_path(plan)
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


def _build_one(
    plan: BuildPlan,
    hook: Any,
    staging: str,
    config_settings: ConfigSettings,
    metadata_directory: Optional[str],
    several: bool,
) -> str:
    if plan.thunks is not None:
        raise UserError(
            "[tool.ec-buildext.thunks] in pyproject.toml is for setuptools projects "
            "(build-backend ec_buildext.setuptools); a CMake build would not use it. In a "
            "CMake project call ec_add_thunks(<target> HEADER <file.h> FUNCTIONS <name>...) "
            "in CMakeLists.txt after include(EcBuildExt) (docs/thunks.md), and remove the "
            "table."
        )
    skb = _skbuild_settings(plan, config_settings)
    build_dir = _user_build_dir(config_settings) if several else ""
    if build_dir:  # several arches must not share one persistent build folder
        skb["build-dir"] = f"{build_dir}/ec-buildext-{plan.arch.name}"
    generator = {} if os.environ.get("CMAKE_GENERATOR") else {"CMAKE_GENERATOR": "Ninja"}
    with environ_set(**{**child_builds(plan), **generator}):
        try:
            return str(hook(staging, skb, metadata_directory))
        except (Exception, SystemExit):
            if not plan.python.problem:
                raise
            # CMake ends with "Could NOT find Python": the cause was said long before.
            raise UserError(
                "the CMake build failed. If the project needs Python.h (find_package(Python "
                "... Development.Module)), this is why: it has no target Windows CPython "
                "(python-root, docs/settings.md), and ec-buildext could not make one: "
                f"{plan.python.problem}"
            ) from None


_backend = WrappingBackend(_skbuild, _build_one)
build_wheel = _backend.build_wheel
build_editable = _backend.build_editable
build_sdist = _backend.build_sdist
get_requires_for_build_wheel = _backend.get_requires_for_build_wheel
get_requires_for_build_editable = _backend.get_requires_for_build_editable
get_requires_for_build_sdist = _backend.get_requires_for_build_sdist
# scikit-build-core offers the metadata hooks only when its metadata is safe to
# compute before the build (no overrides on failure); so does this backend.
if hasattr(_skbuild, "prepare_metadata_for_build_wheel"):
    prepare_metadata_for_build_wheel = _backend.prepare_metadata_for_build_wheel
    prepare_metadata_for_build_editable = _backend.prepare_metadata_for_build_editable
else:  # pragma: no cover - depends on the project being built
    __all__ = [n for n in __all__ if not n.startswith("prepare_metadata")]
