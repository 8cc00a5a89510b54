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
import sys
import zipfile
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
    log,
    strip_ours,
    user_errors,
)
from .errors import UserError
from .plan import BuildPlan, make_plans
from .settings import load_settings
from .setuptools_ext.outcome import ExtensionRecord, missing_modules, missing_paragraph
from .setuptools_ext.target_view import TargetPlatform, target_platform, target_view_installed

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
def _active(plan: BuildPlan) -> Iterator[ExtensionRecord]:
    from .setuptools_ext.compiler import cross_compiler_installed

    record = ExtensionRecord()
    setuptools_hook.ACTIVE_PLAN = plan
    setuptools_hook.ACTIVE_RECORD = record
    try:
        with cross_compiler_installed(plan), target_view_installed(shown_target(plan)):
            yield record
    finally:
        setuptools_hook.ACTIVE_PLAN = None
        setuptools_hook.ACTIVE_RECORD = None


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
    # Made before the target view is shown: ec-buildext's own files are the machine's.
    environment = {**child_builds(plan), **child}
    with _active(plan) as record, environ_set(**environment):
        name = str(hook(staging, strip_ours(config_settings), metadata_directory))
    # Editable wheels hold no module (the hook is setuptools' or the wrapped backend's).
    if getattr(hook, "__name__", "") != "build_editable":
        _check_extensions(plan, Path(staging, name), record)
    return name


def shown_target(plan: BuildPlan, host_platform: str = sys.platform) -> Optional[TargetPlatform]:
    """The Windows the project's setup.py sees: the target's in a cross build (from a
    build machine that is not Windows) unless target-view = false; None: the machine's."""
    if not plan.target_view or host_platform == "win32":
        return None
    return target_platform(plan.arch)


def _check_extensions(plan: BuildPlan, wheel: Path, record: ExtensionRecord) -> None:
    """Declared extension modules missing from the wheel end the build with a paragraph
    naming each and its first error, unless allow-missing-extensions (then a warning)."""
    with zipfile.ZipFile(wheel) as z:
        missing = missing_modules(record.declared, z.namelist())
    if not missing:
        return
    paragraph = missing_paragraph(wheel.name, missing, record, plan.allow_missing_extensions)
    if not plan.allow_missing_extensions:
        raise UserError(paragraph)
    log(f"warning: {paragraph}")


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
