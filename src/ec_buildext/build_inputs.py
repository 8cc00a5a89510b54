"""What a plan's compiles and links take per view from the target CPython and the
runtime: the one place both renderers (``cmake_ext``, ``setuptools_ext``) ask.

Every read of the plan's CPython folders and of the target's version and ABI goes
through :func:`python_views`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .arch import Arch, python_import_library
from .model import ViewRuntime, link_views
from .plan import BuildPlan
from .toolchains.cpython import build_free_threaded

__all__ = ["PythonView", "python_views", "view_runtimes"]


@dataclass(frozen=True)
class PythonView:
    """The target CPython one view compiles and links against."""

    view: Arch
    #: The Windows CPython layout (``include/``, ``libs/``).
    root: Path
    version: tuple[int, int]
    free_threaded: bool

    @property
    def include_dir(self) -> Path:
        return self.root / "include"

    @property
    def libs_dir(self) -> Path:
        return self.root / "libs"

    def import_library(self, limited_api: bool = False) -> Path:
        """``libs/pythonXY.lib`` (``python3.lib`` for the stable ABI)."""
        name = python_import_library(self.version, limited_api, self.free_threaded)
        return self.libs_dir / name


def python_views(
    plan: BuildPlan, py_version: Optional[tuple[int, int]] = None
) -> dict[Arch, PythonView]:
    """The target CPython of each view of the plan that has one (``py_version``: the
    target's version, by default this interpreter's)."""
    version = py_version or (sys.version_info[0], sys.version_info[1])
    free_threaded = build_free_threaded()
    found = {}
    for view in plan.arch.views:
        root = plan.python_root_for(view)
        if root is not None:
            found[view] = PythonView(view, root, version, free_threaded)
    return found


def view_runtimes(plan: BuildPlan, arch: Arch, cxx: bool) -> list[ViewRuntime]:
    """What each view of ``arch`` (the plan's arch, or its configured view alone) takes
    from the runtime, in link order; ``cxx``: the link has C++ (its C++ runtime too)."""
    return [plan.compiler.view_runtime(view, cxx) for view in link_views(arch)]
