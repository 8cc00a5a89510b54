"""``ec-buildext test`` end to end on a small project of the tests' own: an Arm64EC
project whose x64 twin is built and run in the Windows CPython of the running
interpreter's X.Y under Wine, and whose one test meets a function Wine 8.0 does not
implement (``ucrtbase.dll``'s ``crealf``): the failure is named as Wine's."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from ..support import wine
from ..support.commands import run
from ..support.paths import TEST_DATA

pytestmark = pytest.mark.slow


def test_a_function_wine_lacks_is_named_as_a_wine_limitation(tmp_path: Path) -> None:
    project = tmp_path / "wine_crealf"
    shutil.copytree(TEST_DATA / "wine_crealf", project)
    env = {**os.environ, "EC_BUILDEXT_LLVM_ROOT": "ziglang"}
    env["EC_BUILDEXT_CACHE_DIR"] = str(wine.tests_cache() / "runtime-cache")
    env.pop("EC_BUILDEXT_ARCH", None)
    # The test command comes from the project's [tool.cibuildwheel].
    argv = [sys.executable, "-m", "ec_buildext", "test", "--no-build-isolation", str(project)]
    proc = run(argv, env=env, check=False)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out[-4000:]
    assert "this project builds for arm64ec: ARM64 and Arm64EC code cannot run" in out
    assert "building the x64 twin of" in out
    assert "running the tests under Wine: python -c import wineprobe;" in out
    # Wine's own line, then ours after the tests' output.
    assert "unimplemented function ucrtbase.dll.crealf" in out, out[-4000:]
    assert (
        "ec-buildext: Wine limitation, not the build's: Wine has no implementation of "
        "ucrtbase.dll.crealf (Windows has it)"
    ) in out
    assert f"the tests exited with status {proc.returncode}" in out
