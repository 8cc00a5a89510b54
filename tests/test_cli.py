"""The command line: help that explains, and the small commands."""

from __future__ import annotations

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
