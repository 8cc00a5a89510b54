"""Real projects' own test suites, run by ``ec-buildext test`` against their x64 builds
in the real Windows CPython 3.13 under Wine: each sdist unpacked with only
[build-system] replaced, its x64 twin built by the command (no build isolation, on a
CPython 3.13 venv with this checkout), its test requirements fetched as win_amd64
wheels.  The counts are those of the same suites run natively on Linux against PyPI's
manylinux wheels of the same versions (docs/real-projects.md, "Upstream test suites
under Wine").  Sdists, the Windows CPython and the runtimes come from the tests'
persistent cache.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from ..support import wine
from ..support.commands import run
from ..support.pypi_projects import SETUPTOOLS, Project, download_sdist, unpack

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def py313_suite_deps(py313: Path) -> Path:
    """CPython 3.13 with what the projects' own builds import (no build isolation)."""
    deps = ["setuptools>=80", "setuptools-scm[simple]>=9.2", "cppy", "Cython", "wheel"]
    run([str(py313), "-m", "pip", "install", "-q", *deps])
    return py313


def ec_test(python: Path, project: Path, *args: str, arch: str = "") -> tuple[int, str]:
    """``ec-buildext test PROJECT ARGS`` on ``python``; its status and all it printed."""
    env = {**os.environ, "EC_BUILDEXT_LLVM_ROOT": "ziglang"}
    env["EC_BUILDEXT_CACHE_DIR"] = str(wine.tests_cache() / "runtime-cache")
    env.pop("EC_BUILDEXT_ARCH", None)
    if arch:
        env["EC_BUILDEXT_ARCH"] = arch  # what a project building Arm64EC sets
    argv = [str(python), "-m", "ec_buildext", "test", str(project), "--no-build-isolation"]
    proc = run([*argv, *args], env=env, check=False)
    return proc.returncode, proc.stdout + proc.stderr


def sdist_project(name: str, version: str, tmp_path: Path) -> Path:
    return unpack(download_sdist(Project(name, version, ())), tmp_path / "src", SETUPTOOLS)


def test_markupsafe_suite_as_arm64ec_project_runs_its_x64_twin(
    py313_suite_deps: Path, tmp_path: Path
) -> None:
    project = sdist_project("markupsafe", "3.0.2", tmp_path)
    # A second step that fails on purpose: the run's status is the tests'.
    exit_7 = (
        "python -c \"import markupsafe, sys; sys.exit(7 * (markupsafe.escape('<') == '&lt;'))\""
    )
    command = f"pytest {{project}}/tests && {exit_7}"
    args = ("--command", command, "--requires", "pytest")
    status, out = ec_test(py313_suite_deps, project, *args, arch="arm64ec")
    assert "this project builds for arm64ec: ARM64 and Arm64EC code cannot run" in out
    assert "building the x64 twin of" in out
    # Native on Linux: 78 passed (both the C speedups and the Python fallback).
    assert re.search(r"=+ 78 passed in ", out), out[-6000:]
    assert status == 7, out[-3000:]
    assert "the tests exited with status 7" in out


def test_kiwisolver_suite_from_its_cibuildwheel_table(
    py313_suite_deps: Path, tmp_path: Path
) -> None:
    # Its [tool.cibuildwheel] gives test-requires and test-command ({package}/py/tests).
    project = sdist_project("kiwisolver", "1.5.1", tmp_path)
    status, out = ec_test(py313_suite_deps, project)
    assert status == 0, out[-6000:]
    assert "running the tests under Wine: python -m pytest" in out
    assert re.search(r"=+ 50 passed in ", out), out[-3000:]  # native: 50 passed


def test_simplejson_suite_with_its_cibuildwheel_runner(
    py313_suite_deps: Path, tmp_path: Path
) -> None:
    # simplejson's CI runs its unittest suite through this module, C speedups included
    # (their tests skip when the extension is missing: the same 64 skip natively).
    project = sdist_project("simplejson", "4.3.0", tmp_path)
    command = "python -m simplejson.tests._cibw_runner {project}"
    status, out = ec_test(py313_suite_deps, project, "--command", command)
    assert status == 0, out[-6000:]
    assert "Ran 570 tests in " in out and "OK (skipped=64)" in out, out[-3000:]


def test_regex_suite_in_its_package(py313_suite_deps: Path, tmp_path: Path) -> None:
    # The tests ship inside the package (regex/tests): the installed x64 wheel's own.
    project = sdist_project("regex", "2026.11.19", tmp_path)
    command = "python -m unittest regex.tests.test_regex"
    status, out = ec_test(py313_suite_deps, project, "--command", command, arch="arm64x")
    assert status == 0, out[-6000:]
    assert "Ran 103 tests in " in out and "\nOK" in out, out[-3000:]  # native: 103, OK


def test_wrapt_suite(py313_suite_deps: Path, tmp_path: Path) -> None:
    project = sdist_project("wrapt", "2.5.2", tmp_path)
    args = ("--command", "pytest {project}/tests", "--requires", "pytest")
    status, out = ec_test(py313_suite_deps, project, *args)
    assert status == 0, out[-6000:]
    # Native on Linux (PyPI's manylinux wheel): 1375 passed, 43 skipped.
    assert re.search(r"=+ 1375 passed, 43 skipped", out), out[-3000:]


def test_murmurhash_suite_in_its_package(py313_suite_deps: Path, tmp_path: Path) -> None:
    # Cython-generated C++: the C++ runtime under Wine.  Its tests ship in the package.
    project = sdist_project("murmurhash", "1.0.16", tmp_path)
    args = ("--command", "pytest --pyargs murmurhash", "--requires", "pytest")
    status, out = ec_test(py313_suite_deps, project, *args, arch="arm64ec")
    assert status == 0, out[-6000:]
    assert re.search(r"=+ 2 passed in ", out), out[-3000:]  # native: 2 passed
