"""PEP 517 backend ``ec_buildext.setuptools``: setuptools, aimed at Windows on Arm.

With ``arch = "auto"`` every hook is ``setuptools.build_meta``'s own.  Otherwise
the wheel hooks decide a build plan, make it active for the setuptools plugin
hook (:mod:`ec_buildext.setuptools_hook`), which swaps in an Arm64EC/Arm64X
``build_ext``, let setuptools build into a private folder, and retag the wheel.
``setup.py``, ``setup.cfg`` and ``[project]`` stay untouched.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional

from setuptools import build_meta as _setuptools

from . import setuptools_hook
from .backend import ConfigSettings, plans_for, staged_wheels, strip_ours, user_errors
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
    setuptools_hook.ACTIVE_PLAN = plan
    try:
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


def _build(
    hook: Any,
    wheel_directory: str,
    config_settings: ConfigSettings,
    metadata_directory: Optional[str],
) -> str:
    with user_errors():
        plans = plans_for(config_settings)
        theirs = strip_ours(config_settings)
        if not plans:
            return hook(wheel_directory, theirs, metadata_directory)

        def build_one(plan: BuildPlan, staging: str) -> str:
            with _active(plan):
                return hook(staging, theirs, metadata_directory)

        return staged_wheels(plans, wheel_directory, build_one)


def build_wheel(
    wheel_directory: str,
    config_settings: ConfigSettings = None,
    metadata_directory: Optional[str] = None,
) -> str:
    return _build(_setuptools.build_wheel, wheel_directory, config_settings, metadata_directory)


def build_editable(
    wheel_directory: str,
    config_settings: ConfigSettings = None,
    metadata_directory: Optional[str] = None,
) -> str:
    return _build(_setuptools.build_editable, wheel_directory, config_settings, metadata_directory)


def build_sdist(sdist_directory: str, config_settings: ConfigSettings = None) -> str:
    with user_errors():
        load_settings(Path.cwd(), config_settings)
    return _setuptools.build_sdist(sdist_directory, strip_ours(config_settings))


def get_requires_for_build_wheel(config_settings: ConfigSettings = None) -> list[str]:
    return list(_setuptools.get_requires_for_build_wheel(strip_ours(config_settings)))


def get_requires_for_build_editable(config_settings: ConfigSettings = None) -> list[str]:
    return list(_setuptools.get_requires_for_build_editable(strip_ours(config_settings)))


def get_requires_for_build_sdist(config_settings: ConfigSettings = None) -> list[str]:
    return list(_setuptools.get_requires_for_build_sdist(strip_ours(config_settings)))


def prepare_metadata_for_build_wheel(
    metadata_directory: str, config_settings: ConfigSettings = None
) -> str:
    with _planned(config_settings):
        return _setuptools.prepare_metadata_for_build_wheel(
            metadata_directory, strip_ours(config_settings)
        )


def prepare_metadata_for_build_editable(
    metadata_directory: str, config_settings: ConfigSettings = None
) -> str:
    with _planned(config_settings):
        return _setuptools.prepare_metadata_for_build_editable(
            metadata_directory, strip_ours(config_settings)
        )
