"""What both PEP 517 backends share: settings, the plan, the environment, retagging.

A backend wraps another one (scikit-build-core, setuptools).  With ``arch =
"auto"`` it only strips ec-buildext's config-settings and delegates.  Otherwise
the wrapped backend builds into a private folder and only the retagged wheel
reaches the output folder, so a failed build leaves nothing there.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Callable, Optional

from .environment import reconcile
from .errors import UserError, fail
from .plan import BuildPlan, make_plans
from .settings import CONFIG_PREFIX, load_settings
from .wheel import retag_wheel, retagged_name

__all__ = [
    "ConfigSettings",
    "environ_set",
    "log",
    "plans_for",
    "staged_wheel",
    "staged_wheels",
    "strip_ours",
    "user_errors",
]

ConfigSettings = Optional[Mapping[str, Any]]


def log(message: str) -> None:
    print(f"ec-buildext: {message}", file=sys.stderr, flush=True)


def strip_ours(config_settings: ConfigSettings) -> dict[str, Any]:
    """config-settings without ``ec-buildext.*``: wrapped backends reject unknown keys."""
    return {k: v for k, v in (config_settings or {}).items() if not k.startswith(CONFIG_PREFIX)}


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """A :class:`UserError` ends the hook with its paragraph and exit 1, no traceback."""
    try:
        yield
    except UserError as e:
        fail(e)


@contextlib.contextmanager
def environ_set(**values: str) -> Iterator[None]:
    """Environment variables set for the duration of a wrapped build."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def plans_for(config_settings: ConfigSettings) -> list[BuildPlan]:
    """The plans for the project in the current folder (empty for ``auto``), checked
    against the environment and announced."""
    plans = make_plans(load_settings(Path.cwd(), config_settings))
    for plan in plans:
        for line in plan.summary() + reconcile(plan.arch, os.environ):
            log(line)
    return plans


def _audit(wheel: Path, final_name: str) -> None:
    """The audit of the wheel as it will be named, before it reaches the output folder."""
    from .audit import audit_reports
    from .inspect import inspect_path

    problems = audit_reports(final_name, inspect_path(wheel))
    if problems:
        raise UserError(
            f"audit = true and {final_name} has problems, so it was not written:\n"
            + "\n".join(f"  - {p}" for p in problems)
        )
    log(f"audit: {final_name} OK")


def staged_wheels(
    plans: list[BuildPlan], wheel_directory: str, build: Callable[[BuildPlan, str], str]
) -> str:
    """Build every plan's wheel; the first one's name is what the frontend receives."""
    names = [
        staged_wheel(plan, wheel_directory, lambda staging, p=plan: build(p, staging))
        for plan in plans
    ]
    if len(names) > 1:
        log(
            f"also wrote {', '.join(names[1:])} beside {names[0]}; a PEP 517 frontend takes "
            "only the first (python -m build and cibuildwheel's built-wheel folder keep all; "
            "`ec-buildext repair --extra-wheels-to` moves them out of cibuildwheel's way)"
        )
    return names[0]


def staged_wheel(plan: BuildPlan, wheel_directory: str, build: Callable[[str], str]) -> str:
    """Run ``build(staging_folder)`` (returns the wheel's name), retag into wheel_directory."""
    out_dir = Path(wheel_directory)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="ec-buildext-"))
    try:
        built = staging / build(str(staging))
        if plan.audit:
            _audit(built, retagged_name(built.name, plan.wheel_tag))
        final = retag_wheel(built, plan.wheel_tag, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log(f"wrote {final.name}")
    return final.name
