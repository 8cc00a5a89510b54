"""A project's own PEP 517 backend that drives setuptools, kept and wrapped (cause 5 of
issue 21): wrap-backend names it, wrap-backend-path holds its in-tree folder, and its
steps (here: generating the C source, as frozenlist's backend runs Cython) run before
setuptools builds with ec-buildext's compiler and tagging."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..support.commands import assert_build_refused, pip_wheel
from ..support.paths import TEST_DATA as DATA
from ..support.pe import assert_arm64ec_dll
from ..support.setuptools_builds import PYXY, build, copy_project, extract

pytestmark = pytest.mark.slow
PROJECT = DATA / "setuptools_intree_backend"


def test_in_tree_backend_runs_and_the_module_is_arm64ec(
    tmp_path: Path, readobj_tool: str, cache_dir: Path
) -> None:
    project = copy_project(PROJECT, tmp_path)
    wheel = build(project, tmp_path, {"EC_BUILDEXT_ARCH": "arm64ec"})
    assert wheel.name == f"intree_backend-1.0-cp{PYXY}-cp{PYXY}-win_arm64ec.whl"
    dll = extract(wheel, f"generated.cp{PYXY}-win_amd64.pyd", tmp_path / "x")
    assert_arm64ec_dll(dll, readobj_tool, ["PyInit_generated"])
    assert b"made by hooks.py" in dll.read_bytes()


def test_pdm_backend_with_a_pdm_build_extension(
    tmp_path: Path, readobj_tool: str, cache_dir: Path
) -> None:
    """pdm-backend kept: pdm_build.py adds the extension, and pdm-backend builds it with
    `python setup.py build` in a subprocess, which ec-buildext's setuptools plugin
    reaches through the build's environment (setuptools_hook.CHILD_SETTINGS)."""
    pytest.importorskip("pdm.backend")
    project = copy_project(DATA / "pdm_backend_ext", tmp_path)
    wheel = build(project, tmp_path, {"EC_BUILDEXT_ARCH": "arm64ec"})
    assert wheel.name == f"pdmext-1.0-cp{PYXY}-cp{PYXY}-win_arm64ec.whl"
    dll = extract(wheel, f"pdmext/_native.cp{PYXY}-win_amd64.pyd", tmp_path / "x")
    assert_arm64ec_dll(dll, readobj_tool, ["PyInit__native"])


def test_without_wrap_backend_the_step_is_lost(tmp_path: Path, cache_dir: Path) -> None:
    """What the setting is for: setuptools alone sees no extension, a pure wheel."""
    project = copy_project(PROJECT, tmp_path)
    env = {"EC_BUILDEXT_ARCH": "arm64ec", "EC_BUILDEXT_LLVM_ROOT": "ziglang"}
    pip_wheel(project, tmp_path / "dist", env, "-Cec-buildext.wrap-backend=")
    (wheel,) = (tmp_path / "dist").iterdir()
    assert wheel.name == "intree_backend-1.0-py3-none-any.whl"


def test_a_backend_that_cannot_be_imported_is_refused(tmp_path: Path) -> None:
    project = copy_project(PROJECT, tmp_path)
    assert_build_refused(
        project,
        tmp_path / "dist",
        {"EC_BUILDEXT_ARCH": "arm64ec", "EC_BUILDEXT_WRAP_BACKEND_PATH": "elsewhere"},
        "cannot import the backend wrap-backend = 'intree_backend.hooks' names",
    )
