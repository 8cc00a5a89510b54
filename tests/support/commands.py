"""Real commands as a user runs them: ec-buildext, pip and pypa/build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


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
