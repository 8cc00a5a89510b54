"""The target CPython value (target_python.py): which folder each view uses, the import
library names, and the lines a build prints about it."""

from __future__ import annotations

from pathlib import Path

from ec_buildext.arch import ARM64, ARM64EC, X64
from ec_buildext.target_python import CPythonFolder, Origin, TargetPython

X64_ROOT, ARM64_ROOT = Path("/py/x64"), Path("/py/arm64")


def test_views_find_their_cpython_by_its_arch() -> None:
    # x64 and Arm64EC modules (and the EC view) load in x64 CPython, arm64 ones in ARM64's.
    pair = TargetPython(
        (3, 13),
        False,
        {
            X64: CPythonFolder(X64_ROOT),
            ARM64: CPythonFolder(ARM64_ROOT, setting="python-root-native"),
        },
    )
    assert pair.is_pair and pair.main is not None and pair.main.path == X64_ROOT
    assert pair.native is not None and pair.native.path == ARM64_ROOT
    assert [pair.include_dir(v) for v in (X64, ARM64EC, ARM64)] == [
        X64_ROOT / "include",
        X64_ROOT / "include",
        ARM64_ROOT / "include",
    ]
    assert pair.library(ARM64, limited=True) == ARM64_ROOT / "libs" / "python3.lib"
    single = TargetPython((3, 13), False, {ARM64: CPythonFolder(ARM64_ROOT)})
    assert not single.is_pair and single.native is None and single.include_dir(X64) is None
    assert single.library(ARM64, limited=False) == ARM64_ROOT / "libs" / "python313.lib"


def test_import_library_names() -> None:
    assert TargetPython((3, 9), False).import_library(False) == "python39.lib"
    assert TargetPython((3, 13), True).import_library(False) == "python313t.lib"
    assert TargetPython((3, 13), True).import_library(True) == "python3t.lib"


def test_summary_says_where_each_folder_came_from() -> None:
    made = "x64 CPython, made from /usr/bin/python3.13 (CPython 3.13, headers in /inc)"
    target = TargetPython(
        (3, 13),
        False,
        {
            ARM64: CPythonFolder(
                ARM64_ROOT,
                Origin.ENVIRONMENT,
                "DIST_EXTRA_CONFIG=/c (library_dirs)",
                "python-root-native",
            ),
            X64: CPythonFolder(X64_ROOT, Origin.SYNTHESIZED, made),
        },
    )
    assert target.summary() == [
        f"target python: {X64_ROOT} (native view: {ARM64_ROOT})",
        f"python-root: {X64_ROOT} ({made})",
        f"python-root-native: {ARM64_ROOT} (from DIST_EXTRA_CONFIG=/c (library_dirs))",
    ]
    running = CPythonFolder(X64_ROOT, Origin.RUNNING, "the CPython running this build")
    assert running.note() == f"python-root: {X64_ROOT} (from the CPython running this build)"
    assert CPythonFolder(X64_ROOT).note() is None  # a setting: nothing to say


def test_why_there_is_none() -> None:
    target = TargetPython((3, 13), False, missing=(("python-root", "no C headers"),))
    assert target.problem == "no C headers"
    assert target.summary() == [
        "target python: none (a module with Python.h would need one)",
        "python-root: none, and none could be made: no C headers",
    ]
    assert TargetPython((3, 13), False).problem == ""
