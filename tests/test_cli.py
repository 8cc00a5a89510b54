"""The command line: help that explains, and the small commands."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import ec_buildext

from .conftest import ec


@pytest.mark.parametrize("command", ["settings", "doctor", "toolchain", "retag"])
def test_every_command_has_help(command: str) -> None:
    proc = ec(command, "--help", check=False)
    assert proc.returncode == 0
    assert f"usage: ec-buildext {command}" in proc.stdout
    assert len(proc.stdout.splitlines()) > 4


def test_no_command_prints_help() -> None:
    proc = ec(check=False)
    assert proc.returncode == 2
    assert "build-backend" in proc.stdout and "toolchain" in proc.stdout


def test_cmake_dir() -> None:
    proc = ec("--cmake-dir", check=False)
    folder = Path(proc.stdout.strip())
    assert folder == ec_buildext.cmake_dir()
    assert (folder / "EcBuildExt.cmake").is_file()


def test_bad_choice_is_argparse_error() -> None:
    proc = ec("toolchain", "--arch", "arm65", check=False)
    assert proc.returncode == 2 and "invalid choice" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_ec_buildext_wheel_ships_every_package_file(tmp_path: Path) -> None:
    """Templates, CMake module, runtime sources, C headers, the thunk reader's headers:
    everything under src/ec_buildext reaches the wheel users install."""
    root = Path(__file__).parent.parent
    source = tmp_path / "source"  # a copy: a build/ folder left in the tree would hide gaps
    shutil.copytree(
        root / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(root / name, source)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(source), "-w", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("ec_buildext-*.whl")
    with zipfile.ZipFile(wheel) as z:
        shipped = {n for n in z.namelist() if n.startswith("ec_buildext/")}
    package = root / "src"
    expected = {
        p.relative_to(package).as_posix()
        for p in (package / "ec_buildext").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert expected - shipped == set()
