"""What a plan's compiles and links take per view from the target CPython and the
runtime: the one place both renderers (``cmake_ext``, ``setuptools_ext``) ask.

The target CPython's folders, version and ABI come from the plan's
:class:`~ec_buildext.target_python.TargetPython`; :func:`python_views` gives them per
view, as the renderers use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .arch import Arch
from .model import ViewRuntime, link_views
from .plan import BuildPlan
from .target_python import TargetPython

__all__ = ["PythonView", "python_views", "view_runtimes"]


@dataclass(frozen=True)
class PythonView:
    """The target CPython one view compiles and links against."""

    view: Arch
    #: The Windows CPython layout (``include/``, ``libs/``).
    root: Path
    target: TargetPython

    @property
    def include_dir(self) -> Path:
        return self.root / "include"

    @property
    def libs_dir(self) -> Path:
        return self.root / "libs"

    def import_library(self, limited_api: bool = False) -> Path:
        """``libs/pythonXY.lib`` (``python3.lib`` for the stable ABI)."""
        return self.libs_dir / self.target.import_library(limited_api)


def python_views(plan: BuildPlan) -> dict[Arch, PythonView]:
    """The target CPython of each view of the plan that has one."""
    found = {}
    for view in plan.arch.views:
        root = plan.python.root(view)
        if root is not None:
            found[view] = PythonView(view, root, plan.python)
    return found


def view_runtimes(plan: BuildPlan, arch: Arch, cxx: bool) -> list[ViewRuntime]:
    """What each view of ``arch`` (the plan's arch, or its configured view alone) takes
    from the runtime, in link order; ``cxx``: the link has C++ (its C++ runtime too)."""
    return [plan.compiler.view_runtime(view, cxx) for view in link_views(arch)]
