"""ec-buildext is a build requirement of other projects: it must run on Python 3.9."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ..support.commands import run
from ..support.paths import SAMPLES

pytestmark = pytest.mark.slow


def python39() -> str | None:
    """A working Python 3.9 (pyenv's shims exist even where they cannot run it)."""
    candidates = [*glob.glob("/root/.pyenv/versions/3.9*/bin/python3.9"), shutil.which("python3.9")]
    for candidate in filter(None, candidates):
        if subprocess.run([candidate, "-c", "pass"], capture_output=True).returncode == 0:
            return candidate
    return None


PYTHON39 = python39()


@pytest.mark.skipif(PYTHON39 is None, reason="no Python 3.9 interpreter on this machine")
def test_backend_runs_on_python_39(
    ec_buildext_wheel: Path, tmp_path: Path, cache_dir: Path
) -> None:
    env_dir = tmp_path / "py39"
    run([str(PYTHON39), "-m", "venv", str(env_dir)])
    py = str(env_dir / "bin" / "python")
    (wheel,) = ec_buildext_wheel.glob("*.whl")
    run([py, "-m", "pip", "install", "-q", f"{wheel}[llvm]"])
    assert "3.9" in run([py, "-c", "import sys; print(sys.version)"]).stdout
    out = tmp_path / "dist"
    env = {**os.environ, "EC_BUILDEXT_CACHE_DIR": str(cache_dir)}
    run(
        [
            py,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-build-isolation",
            "--no-deps",
            str(SAMPLES / "cmake_ctypes"),
            "-w",
            str(out),
        ],
        env=env,
    )
    assert [p.name for p in out.iterdir()] == ["ecsample-1.0-py3-none-win_arm64ec.whl"]
    settings = run([py, "-m", "ec_buildext", "settings", str(SAMPLES / "cmake_ctypes")]).stdout
    assert "arm64ec" in settings
