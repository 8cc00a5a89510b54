"""A setup.py that catches a failed extension and falls back to pure Python: the build
names the missing module and its first error, and never writes a Linux-tagged wheel."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from ..support.commands import assert_build_refused, pip_wheel
from ..support.paths import TEST_DATA as DATA
from ..support.setuptools_builds import PYXY, copy_project

pytestmark = pytest.mark.slow
FIRST_ERROR = "src/speedups.c(2,10): fatal error: 'sys/prctl.h' file not found"


def test_fallback_to_pure_python_is_refused(tmp_path: Path) -> None:
    project = copy_project(DATA / "setuptools_fallback", tmp_path)
    text = assert_build_refused(
        project,
        tmp_path / "dist",
        {"EC_BUILDEXT_LLVM_ROOT": "ziglang"},
        "the project declares 1 extension module(s), and 1 of them are not in "
        f"fallback-1.0-cp{PYXY}-cp{PYXY}-win_amd64.whl",  # setup.py saw the target
    )
    assert f"  - fallback._speedups: {FIRST_ERROR}" in text
    assert "allow-missing-extensions = true" in text


@pytest.mark.parametrize(
    ("target_view", "built_tag"), [("true", "win_amd64"), ("false", "linux_x86_64")]
)
def test_allowed_fallback_is_tagged_for_windows(
    target_view: str, built_tag: str, tmp_path: Path
) -> None:
    """setuptools tags the wheel for the platform setup.py saw (the build machine's
    without the target view): the wheel written has the target's tag."""
    project = copy_project(DATA / "setuptools_fallback", tmp_path)
    out = tmp_path / "dist"
    env = {
        "EC_BUILDEXT_LLVM_ROOT": "ziglang",
        "EC_BUILDEXT_ALLOW_MISSING_EXTENSIONS": "true",
        "EC_BUILDEXT_TARGET_VIEW": target_view,
    }
    proc = pip_wheel(project, out, env)
    text = proc.stdout + proc.stderr
    (wheel,) = out.iterdir()
    assert wheel.name == f"fallback-1.0-cp{PYXY}-cp{PYXY}-win_arm64ec.whl"
    assert f"  - fallback._speedups: {FIRST_ERROR}" in text
    assert (
        f"fallback-1.0-cp{PYXY}-cp{PYXY}-{built_tag}.whl has no DLL, .pyd or .exe but is "
        "tagged for a platform: it gets win_arm64ec, as a Windows build of the project would"
    ) in text
    with zipfile.ZipFile(wheel) as z:
        assert "fallback/__init__.py" in z.namelist()
        assert not [n for n in z.namelist() if n.endswith((".so", ".pyd"))]
        wheel_file = z.read("fallback-1.0.dist-info/WHEEL").decode()
    assert f"Tag: cp{PYXY}-cp{PYXY}-win_arm64ec" in wheel_file
