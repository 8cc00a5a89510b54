"""PEP 517 backend ``ec_buildext.setuptools``: setuptools, aimed at Windows on Arm.

With ``arch = "auto"`` every hook is ``setuptools.build_meta``'s own.  Otherwise
the wheel hooks decide a build plan, make it active for the setuptools plugin
hook (:mod:`ec_buildext.setuptools_hook`), which swaps in an Arm64EC/Arm64X
``build_ext``, let setuptools build into a private folder, and retag the wheel.
``setup.py``, ``setup.cfg`` and ``[project]`` stay untouched.

The wrapped backend is ``setuptools.build_meta``, or the project's own backend that
drives setuptools in-process (``wrap-backend``: an in-tree backend that runs Cython
first), whose hooks then run with the plan active.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional

from setuptools import build_meta as _setuptools

from . import setuptools_hook
from .backend import (
    ConfigSettings,
    WrappingBackend,
    child_builds,
    environ_set,
    import_backend,
    strip_ours,
    user_errors,
)
from .plan import BuildPlan, make_plans
from .settings import load_settings

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


@contextlib.contextmanager
def _active(plan: BuildPlan) -> Iterator[None]:
    from .setuptools_ext.compiler import cross_compiler_installed

    setuptools_hook.ACTIVE_PLAN = plan
    try:
        with cross_compiler_installed(plan):
            yield
    finally:
        setuptools_hook.ACTIVE_PLAN = None


@contextlib.contextmanager
def _planned(config_settings: ConfigSettings) -> Iterator[None]:
    """For hooks before the build (metadata): the build_ext/build swap is in place too,
    so that options meant for the target (cibuildwheel's plat_name) do not stop them."""
    with user_errors():
        plans = make_plans(load_settings(Path.cwd(), config_settings))
    if not plans:
        yield
        return
    with _active(plans[0]):
        yield


def _build_one(
    plan: BuildPlan,
    hook: Any,
    staging: str,
    config_settings: ConfigSettings,
    metadata_directory: Optional[str],
    several: bool,
) -> str:
    values = dict(load_settings(Path.cwd(), config_settings).values, arch=plan.arch.name)
    child = {
        setuptools_hook.CHILD_SETTINGS: setuptools_hook.child_settings(str(Path.cwd()), values)
    }
    with _active(plan), environ_set(**child_builds(plan), **child):
        return str(hook(staging, strip_ours(config_settings), metadata_directory))


def _chosen_backend(config_settings: ConfigSettings) -> Any:
    """setuptools.build_meta, or the project's own backend that drives it (wrap-backend)."""
    project = Path.cwd()
    options = load_settings(project, config_settings).options()
    if options.wrap_backend is None:
        return _setuptools
    return import_backend(options.wrap_backend, options.wrap_backend_path, project)


_backend = WrappingBackend(_setuptools, _build_one, _planned, _chosen_backend)
build_wheel = _backend.build_wheel
build_editable = _backend.build_editable
build_sdist = _backend.build_sdist
get_requires_for_build_wheel = _backend.get_requires_for_build_wheel
get_requires_for_build_editable = _backend.get_requires_for_build_editable
get_requires_for_build_sdist = _backend.get_requires_for_build_sdist
prepare_metadata_for_build_wheel = _backend.prepare_metadata_for_build_wheel
prepare_metadata_for_build_editable = _backend.prepare_metadata_for_build_editable
