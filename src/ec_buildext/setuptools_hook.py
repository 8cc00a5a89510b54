"""The setuptools plugin half of ``ec_buildext.setuptools``.

setuptools calls :func:`finalize_distribution_options` (entry point
``setuptools.finalize_distribution_options``) for every distribution in an
environment where ec-buildext is installed.  It does nothing unless the
ec-buildext backend is driving this very build (``ACTIVE_PLAN`` is set, in
this process, around the wrapped setuptools hook); then it swaps in the
Arm64EC/Arm64X-aware ``build_ext``, built on the project's own ``build_ext``
subclass when it has one, so the user's files stay untouched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from .plan import BuildPlan
    from .setuptools_ext.outcome import ExtensionRecord

__all__ = ["ACTIVE_PLAN", "ACTIVE_RECORD", "finalize_distribution_options"]

#: The plan of the build the backend is running in this process, if any.
ACTIVE_PLAN: Optional[BuildPlan] = None
#: The extension modules that build declares and why any failed (set with ACTIVE_PLAN).
ACTIVE_RECORD: Optional[ExtensionRecord] = None


def finalize_distribution_options(dist: Any) -> None:
    if ACTIVE_PLAN is None or ACTIVE_RECORD is None:
        return
    import os

    from .setuptools_ext.build_ext import ec_build_class, ec_build_ext_class

    # Declared here too: a setup.py that falls back runs setup() again without them.
    package = f"{dist.ext_package}." if dist.ext_package else ""
    names = [getattr(ext, "name", None) for ext in dist.ext_modules or []]
    ACTIVE_RECORD.declare(package + name for name in names if isinstance(name, str))
    dist.cmdclass["build_ext"] = ec_build_ext_class(
        dist.cmdclass.get("build_ext"), ACTIVE_PLAN, ACTIVE_RECORD
    )
    dist.cmdclass["build"] = ec_build_class(dist.cmdclass.get("build"))
    # One build folder per arch: setuptools keeps build/lib between builds, and a
    # module built for another arch (another file name) would end up in the wheel.
    build_options = dist.get_option_dict("build")
    if "build_base" not in build_options:
        folder = os.path.join("build", f"ec-buildext-{ACTIVE_PLAN.arch.name}")
        build_options["build_base"] = ("ec-buildext", folder)


# After other plugins (setuptools' own hooks use order 0).
finalize_distribution_options.order = 100  # type: ignore[attr-defined]
