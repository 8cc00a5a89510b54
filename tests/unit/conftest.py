"""The unit layer: fast tests, no build: command lines and toolchain files built from fake
folders, the arch table (its triples checked with one clang compile each), settings,
cibuildwheel's variables, the Arm64X launcher's rewriting, the docs that must not drift."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh folder for fake toolchains, which is also the working directory (sources
    are given relative to it, as setuptools gives them)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
