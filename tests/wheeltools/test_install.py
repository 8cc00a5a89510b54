"""`ec-buildext install`: a win_arm64ec wheel into a venv, seen and removed by pip."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ..support.commands import pip_wheel, run
from ..support.paths import SAMPLES

pytestmark = pytest.mark.slow


def test_install_with_force_then_pip_sees_and_removes_it(
    ec_buildext_wheel: Path, tmp_path: Path, cache_dir: Path
) -> None:
    out = tmp_path / "dist"
    pip_wheel(SAMPLES / "cmake_ctypes", out, {"EC_BUILDEXT_LLVM_ROOT": "ziglang"})
    (wheel,) = out.glob("*.whl")
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)])
    py = str(venv / "bin" / "python")
    (ours,) = ec_buildext_wheel.glob("*.whl")
    run([py, "-m", "pip", "install", "-q", f"{ours}[inspect]"])

    refused = run([py, "-m", "ec_buildext", "install", str(wheel)], check=False)
    assert refused.returncode == 1
    assert "is for win_arm64ec, which this x64 interpreter cannot load" in refused.stderr
    assert "--force" in refused.stderr and "Traceback" not in refused.stderr

    done = run([py, "-m", "ec_buildext", "install", "--force", str(wheel)])
    assert (
        "warning: " in done.stderr
        and "installed ecsample-1.0-py3-none-win_arm64ec.whl" in done.stdout
    )
    site = Path(
        run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['platlib'])"]).stdout.strip()
    )
    assert (site / "ecsample" / "ecsample_native.dll").is_file()
    assert (site / "ecsample-1.0.dist-info" / "INSTALLER").read_text() == "ec-buildext\n"
    assert "ecsample" in run([py, "-m", "pip", "list"]).stdout

    run([py, "-m", "pip", "uninstall", "-y", "ecsample"])
    assert "ecsample" not in run([py, "-m", "pip", "list"]).stdout
    assert not (site / "ecsample").exists() and not (site / "ecsample-1.0.dist-info").exists()
