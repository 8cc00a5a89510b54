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
from .plan import BuildPlan, make_plan
from .settings import CONFIG_PREFIX, load_settings
from .wheel import retag_wheel, retagged_name

__all__ = [
    "ConfigSettings",
    "environ_set",
    "log",
    "plan_for",
    "staged_wheel",
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


def plan_for(config_settings: ConfigSettings) -> Optional[BuildPlan]:
    """The plan for the project in the current folder, announced; None for ``auto``."""
    plan = make_plan(load_settings(Path.cwd(), config_settings))
    if plan is not None:
        for line in plan.summary() + reconcile(plan.arch, os.environ):
            log(line)
    return plan


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
