"""Unchanged setup.py files that decide by the machine they run on (psutil, greenlet),
built from their PyPI sdists: in a cross build they take their Windows branches."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..support.commands import run
from ..support.pypi_projects import SETUPTOOLS, build_sdist

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def python(py313: Path) -> Path:
    run([str(py313), "-m", "pip", "install", "-q", "setuptools>=80"])
    return py313


def test_psutil_compiles_its_windows_module(python: Path, tmp_path: Path) -> None:
    """psutil picks its platform module by os.name and sys.platform (psutil/_common.py)
    and reads sys.getwindowsversion(): it compiles _psutil_windows.c, not the Linux one."""
    proc = build_sdist(python, "psutil", "7.2.2", SETUPTOOLS, "arm64ec", tmp_path)
    text = proc.stdout + proc.stderr
    assert "psutil._psutil_windows: " in text, text[-3000:]
    assert "_psutil_linux" not in text and "linux/ethtool.h" not in text


def test_greenlet_links_its_windows_switch(python: Path, tmp_path: Path) -> None:
    """greenlet adds its switch routine (switch_x64_masm.obj) only when sys.platform is
    win32 and sys.version says 64 bit, and compiles with /EHsr (clang-cl takes /EHs)."""
    proc = build_sdist(python, "greenlet", "3.5.6", SETUPTOOLS, "x64", tmp_path)
    text = proc.stdout + proc.stderr
    assert "greenlet._greenlet: " in text, text[-3000:]
    assert "invalid value 'sr' in '/EH'" not in text
    assert "undefined symbol: slp_switch" not in text
