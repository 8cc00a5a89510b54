"""``ec-buildext test`` end to end on a small project of the tests' own: an Arm64EC
project whose x64 twin is built and run in the Windows CPython of the running
interpreter's X.Y under Wine, and whose one test meets a function Wine 8.0 does not
implement (``ucrtbase.dll``'s ``crealf``): the failure is named as Wine's; and one that
crashes, after which Wine would wait for a debugger for ever."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..support import wine
from ..support.commands import pip_wheel, run
from ..support.paths import TEST_DATA

pytestmark = pytest.mark.slow


def wintest_environment() -> dict[str, str]:
    env = {**os.environ, "EC_BUILDEXT_LLVM_ROOT": "ziglang"}
    env["EC_BUILDEXT_CACHE_DIR"] = str(wine.tests_cache() / "runtime-cache")
    env.pop("EC_BUILDEXT_ARCH", None)
    return env


def test_a_function_wine_lacks_is_named_as_a_wine_limitation(tmp_path: Path) -> None:
    project = tmp_path / "wine_crealf"
    shutil.copytree(TEST_DATA / "wine_crealf", project)
    env = wintest_environment()
    # The test command comes from the project's [tool.cibuildwheel].
    argv = [sys.executable, "-m", "ec_buildext", "test", "--no-build-isolation", str(project)]
    proc = run(argv, env=env, check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out[-4000:]
    assert "this project builds for arm64ec: ARM64 and Arm64EC code cannot run" in out, out[-4000:]
    assert "building the x64 twin of" in out, out[-4000:]
    assert "running the tests under Wine: python -c import wineprobe;" in out, out[-4000:]
    # Wine's own line, then ours after the tests' output.
    assert "unimplemented function ucrtbase.dll.crealf" in out, out[-4000:]
    assert (
        "ec-buildext: Wine limitation, not the build's: Wine has no implementation of "
        "ucrtbase.dll.crealf (Windows has it)"
    ) in out
    assert f"the tests exited with status {proc.returncode}" in out, out[-4000:]


def test_given_wheels_the_x64_one_is_tested(tmp_path: Path) -> None:
    # The Arm64EC wheel and the x64 wheel of the same project, given: no twin is built,
    # the x64 one runs, with its extra; the command given overrides [tool.cibuildwheel]'s.
    project = tmp_path / "wine_crealf"
    shutil.copytree(TEST_DATA / "wine_crealf", project)
    env = wintest_environment()
    for arch in ("arm64ec", "x64"):
        pip_wheel(project, tmp_path / "dist", {**env, "EC_BUILDEXT_ARCH": arch})
    wheels = sorted(str(w) for w in (tmp_path / "dist").glob("*.whl"))
    assert [Path(w).name.rsplit("-", 1)[1] for w in wheels] == ["win_amd64.whl", "win_arm64ec.whl"]
    # Its extra "test" (iniconfig) is installed with it (test-extras).
    command = "python -c \"import sys, wineprobe, iniconfig; print('loaded', sys.platform)\""
    argv = [sys.executable, "-m", "ec_buildext", "test", *wheels, "--project", str(project)]
    proc = run([*argv, "--command", command, "--extras", "test"], env=env, check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]
    assert "this project builds for arm64ec:" in out, out[-4000:]
    assert "building the x64 twin" not in out, out[-4000:]
    assert "loaded win32" in proc.stdout, out[-4000:]
    assert "the tests passed" in out, out[-4000:]


def test_a_crash_ends_the_run_instead_of_waiting_for_a_debugger(tmp_path: Path) -> None:
    project = tmp_path / "wine_crealf"
    shutil.copytree(TEST_DATA / "wine_crealf", project)
    env = wintest_environment()
    pip_wheel(project, tmp_path / "dist", {**env, "EC_BUILDEXT_ARCH": "x64"})
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    command = "python -c \"import wineprobe; print('crashing', flush=True); wineprobe.crash()\""
    argv = [sys.executable, "-m", "ec_buildext", "test", str(wheel), "--project", str(project)]
    # Without the stop, Wine's process never ends: the timeout fails the test.
    proc = subprocess.run(
        [*argv, "--command", command], env=env, capture_output=True, text=True, timeout=600
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out[-4000:]
    # The tests' own output came through, then Wine's line, then ours.
    assert "crashing" in proc.stdout, out[-4000:]
    assert "ec-buildext: the tests crashed: Wine said 'wine: Unhandled page fault" in out, out
    # Wine 8.0 either ends the process (status 5 seen) or waits for a debugger for ever:
    # then it is stopped.
    assert "starting debugger" in out, out[-4000:]
    assert "stopped after 10 s" in out or "the process ended with status" in out, out[-4000:]
