"""The setuptools plugin half of ``ec_buildext.setuptools``.

setuptools calls :func:`finalize_distribution_options` (entry point
``setuptools.finalize_distribution_options``) for every distribution in an
environment where ec-buildext is installed.  It does nothing unless the
ec-buildext backend is driving this very build (``ACTIVE_PLAN`` is set, in
this process, around the wrapped setuptools hook) or a build of it started this
process (:data:`CHILD_SETTINGS` in the environment: a wrapped backend such as
pdm-backend runs ``python setup.py build`` in a subprocess); then it swaps in the
Arm64EC/Arm64X-aware ``build_ext``, built on the project's own ``build_ext``
subclass when it has one, so the user's files stay untouched.
"""

from __future__ import annotations

import contextlib
import json
import os
from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from .plan import BuildPlan
    from .setuptools_ext.outcome import ExtensionRecord

__all__ = [
    "ACTIVE_PLAN",
    "ACTIVE_RECORD",
    "CHILD_SETTINGS",
    "child_settings",
    "finalize_distribution_options",
]

#: The plan of the build the backend is running in this process, if any.
ACTIVE_PLAN: Optional[BuildPlan] = None
#: The extension modules that build declares and why any failed (set with ACTIVE_PLAN).
ACTIVE_RECORD: Optional[ExtensionRecord] = None
#: The variable that carries a build's project folder and settings (one arch) to
#: setuptools in the processes the build starts.
CHILD_SETTINGS = "EC_BUILDEXT_SETUPTOOLS_CHILD"
#: The child process's cross compiler, installed for the rest of the process.
_CHILD_COMPILER = contextlib.ExitStack()


def child_settings(project: str, values: dict[str, str]) -> str:
    """The value of :data:`CHILD_SETTINGS` for a build of one arch."""
    return json.dumps({"project": project, "settings": values})


def _plan_of_parent_build() -> Optional[BuildPlan]:
    """The plan of the build that started this process (None: no such build), made
    again from its settings, its cross compiler installed for good."""
    global ACTIVE_PLAN
    text = os.environ.get(CHILD_SETTINGS)
    if not text:
        return None
    from pathlib import Path

    from .backend import user_errors
    from .plan import make_plans
    from .settings import CONFIG_PREFIX, load_settings
    from .setuptools_ext.compiler import cross_compiler_installed

    given = json.loads(text)
    config = {CONFIG_PREFIX + k: v for k, v in given["settings"].items()}
    with user_errors():
        (plan,) = make_plans(load_settings(Path(given["project"]), config, environ={}))
    _CHILD_COMPILER.enter_context(cross_compiler_installed(plan))
    ACTIVE_PLAN = plan
    return plan


def finalize_distribution_options(dist: Any) -> None:
    plan = ACTIVE_PLAN or _plan_of_parent_build()
    if plan is None:
        return

    from .setuptools_ext.build_ext import ec_build_class, ec_build_ext_class

    record = ACTIVE_RECORD
    if record is None:  # a process the build started: the build checks the wheel itself
        from .setuptools_ext.outcome import ExtensionRecord

        record = ExtensionRecord()
    # Declared here too: a setup.py that falls back runs setup() again without them.
    package = f"{dist.ext_package}." if dist.ext_package else ""
    names = [getattr(ext, "name", None) for ext in dist.ext_modules or []]
    record.declare(package + name for name in names if isinstance(name, str))
    dist.cmdclass["build_ext"] = ec_build_ext_class(dist.cmdclass.get("build_ext"), plan, record)
    dist.cmdclass["build"] = ec_build_class(dist.cmdclass.get("build"))
    # One build folder per arch: setuptools keeps build/lib between builds, and a
    # module built for another arch (another file name) would end up in the wheel.
    build_options = dist.get_option_dict("build")
    if "build_base" not in build_options:
        folder = os.path.join("build", f"ec-buildext-{plan.arch.name}")
        build_options["build_base"] = ("ec-buildext", folder)


# After other plugins (setuptools' own hooks use order 0).
finalize_distribution_options.order = 100  # type: ignore[attr-defined]
