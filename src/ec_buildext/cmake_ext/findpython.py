"""The cache entries that point CMake's FindPython (and scikit-build-core) at the target
CPython instead of the build machine's."""

from __future__ import annotations

import sys

from .. import cmake_dir
from ..build_inputs import python_views
from ..model import configured_view
from ..plan import BuildPlan
from .interpreter import target_interpreter
from .text import cmake_path

__all__ = ["python_block", "python_cache_entries"]

#: The include folder FindPython is given when a cross build has no target CPython: a
#: path that holds no Python.h, so Development components are not found.
_NO_TARGET_CPYTHON = "/ec-buildext-has-no-target-cpython/include"


def python_cache_entries(plan: BuildPlan) -> dict[str, str]:
    """CMake cache entries that make FindPython and scikit-build-core see the target Python.

    The Interpreter component is the interpreter running the build (a Windows
    python.exe in python-root cannot run here), made to answer for the target (see
    :func:`~.interpreter.target_interpreter`); Development.Module, the SOABI and so the
    module suffix are the target's (for Arm64X, the configured EC view's CPython)."""
    soabi = plan.arch.soabi(plan.python.version)
    entries = {"SKBUILD_SOABI": soabi}
    interpreter = target_interpreter(plan.arch, plan.python.version).as_posix()
    python = python_views(plan).get(configured_view(plan.arch))
    for prefix in ("Python", "Python3"):
        entries[f"{prefix}_EXECUTABLE"] = interpreter
        entries[f"{prefix}_SOABI"] = soabi
        if python is not None:
            entries[f"{prefix}_ROOT_DIR"] = python.root.as_posix()
            entries[f"{prefix}_INCLUDE_DIR"] = python.include_dir.as_posix()
            entries[f"{prefix}_LIBRARY"] = python.import_library().as_posix()
            entries[f"{prefix}_FIND_REGISTRY"] = "NEVER"
        elif sys.platform != "win32":
            # A cross build without a target CPython: never the build machine's headers,
            # which FindPython would otherwise ask the interpreter for.
            entries[f"{prefix}_INCLUDE_DIR"] = _NO_TARGET_CPYTHON
    return entries


def python_block(plan: BuildPlan) -> str:
    """Toolchain lines pointing FindPython and SKBUILD_SOABI at the target Python.

    Cache entries in the toolchain file rather than -D options: CMake warns about
    -D variables a project does not use, and most projects use only some of these.
    FORCE, because scikit-build-core pre-seeds SKBUILD_SOABI with the host's value.
    The FindPython/FindPython3 shims (``cmake/findpython``) let the Interpreter
    component be the build's own interpreter in a cross build."""
    lines = ["", "# The target Python (ec-buildext backend), not the build machine's."]
    for name, value in python_cache_entries(plan).items():
        lines.append(f'set({name} "{value}" CACHE STRING "" FORCE)')
    lines.append(f'set(EC_BUILDEXT_PYTHON_SOABI "{plan.arch.soabi(plan.python.version)}")')
    lines.append(f'list(PREPEND CMAKE_MODULE_PATH "{cmake_path(cmake_dir() / "findpython")}")')
    return "\n".join(lines) + "\n"
