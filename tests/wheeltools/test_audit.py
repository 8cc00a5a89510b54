"""audit: every problem it names, on wheels real builds made; clean on good wheels."""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from ..support.commands import ec, pip_wheel
from ..support.paths import SAMPLES
from ..support.paths import TEST_DATA as DATA

pytestmark = pytest.mark.slow
PYXY = f"{sys.version_info[0]}{sys.version_info[1]}"


def build(project: Path, tmp_path: Path, *config: str) -> Path:
    copy = tmp_path / project.name
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("build", "*.egg-info"))
    out = tmp_path / "dist"
    extra = [a for c in config for a in ("--config-settings", c)]
    pip_wheel(copy, out, {"EC_BUILDEXT_LLVM_ROOT": "ziglang"}, *extra)
    (wheel,) = out.iterdir()
    return wheel


@pytest.mark.parametrize(
    ("project", "config"),
    [
        ("cmake_ctypes", ()),
        ("cmake_arm64x", ()),
        ("setuptools_ctypes", ()),
        ("setuptools_ctypes", ("ec-buildext.arch=arm64x",)),
        ("cmake_ctypes", ("ec-buildext.arch=arm64",)),
        ("cmake_ctypes", ("ec-buildext.arch=x64",)),
    ],
)
def test_good_wheels_pass(
    project: str, config: tuple[str, ...], tmp_path: Path, cache_dir: Path
) -> None:
    wheel = build(SAMPLES / project, tmp_path, *config)
    proc = ec("audit", str(wheel), check=False)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.strip() == f"{wheel}: OK"


@pytest.mark.parametrize(
    ("project", "config", "expected"),
    [
        (
            "cmake_ctypes",
            ("ec-buildext.arch=arm64", "ec-buildext.wheel-tag=win_arm64ec"),
            [
                "ecsample/ecsample_native.dll: arm64 binary, loadable only by arm64 processes, but "
                "the tag win_arm64ec promises arm64ec processes too"
            ],
        ),
        (
            "cmake_ctypes",
            ("ec-buildext.arch=x64", "ec-buildext.wheel-tag=win_arm64"),
            [
                "ecsample/ecsample_native.dll: x64 binary, loadable only by x64, arm64ec "
                "processes, but the tag win_arm64 promises arm64 processes too"
            ],
        ),
        (
            "audit_missing_export",
            (),
            [
                "missingexport/lopsided.dll: the EC view lacks exports the native view has (x64 "
                "processes will not find them): only_native"
            ],
        ),
        (
            "audit_no_thunk",
            (),
            [
                f"nothunk.cp{PYXY}-win_amd64.pyd: exported EC functions without an entry thunk "
                "(x64 CPython calls them and would crash): PyInit_nothunk"
            ],
        ),
        # A win_amd64 tag promises x64 processes on real x64 CPUs too: no Arm64X there.
        (
            "setuptools_ctypes",
            ("ec-buildext.arch=arm64x", "ec-buildext.wheel-tag=win_amd64"),
            [
                "ecst/_native.pyd: arm64x binary, loadable only by arm64ec, arm64 processes, "
                "but the tag win_amd64 promises x64 processes too"
            ],
        ),
        (
            "setuptools_ctypes",
            ("ec-buildext.wheel-tag=win_arm64",),
            [
                f"ecst/_native.cp{PYXY}-win_amd64.pyd: arm64ec binary, loadable only by arm64ec "
                "processes, but the tag win_arm64 promises arm64 processes too",
                f"ecst/_native.cp{PYXY}-win_amd64.pyd: CPython for win_arm64 does not import a "
                f"module named .cpXY-win_amd64.pyd (name it name.cpXY-win_arm64.pyd)",
            ],
        ),
    ],
)
def test_broken_wheels_fail_with_each_problem(
    project: str, config: tuple[str, ...], expected: list[str], tmp_path: Path, cache_dir: Path
) -> None:
    source = SAMPLES / project if (SAMPLES / project).is_dir() else DATA / project
    wheel = build(source, tmp_path, *config)
    proc = ec("audit", str(wheel), check=False)
    problems = [
        line[len("problem: ") :]
        for line in proc.stdout.splitlines()
        if line.startswith("problem: ")
    ]
    assert problems == expected
    assert proc.returncode == 1
    if project == "audit_no_thunk":  # whether x64 code calls bare_add the image cannot show
        assert (
            f"warning: nothunk.cp{PYXY}-win_amd64.pyd: exported EC code without an entry "
            "thunk (an x64 caller would crash; fine if no x64 code calls it, as for labels): "
            "bare_add"
        ) in proc.stdout.splitlines()


def test_audit_setting_stops_a_bad_build(tmp_path: Path, cache_dir: Path) -> None:
    copy = tmp_path / "nothunk"
    shutil.copytree(DATA / "audit_no_thunk", copy)
    out = tmp_path / "dist"
    out.mkdir()
    proc = pip_wheel(
        copy, out, {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_AUDIT": "true"}, check=False
    )
    text = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "has problems, so it was not written" in text
    assert "PyInit_nothunk" in text and "Traceback" not in text
    assert "audit: warning: " in text and "bare_add" in text
    assert list(out.iterdir()) == []


def test_audit_setting_passes_a_good_build(tmp_path: Path, cache_dir: Path) -> None:
    out = tmp_path / "dist"
    proc = pip_wheel(
        SAMPLES / "cmake_arm64x",
        out,
        {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_AUDIT": "true"},
    )
    assert "ec-buildext: audit: ecx-1.0-py3-none-win_arm64.whl OK" in proc.stdout + proc.stderr
    assert [p.name for p in out.iterdir()] == ["ecx-1.0-py3-none-win_arm64.whl"]
    with zipfile.ZipFile(out / "ecx-1.0-py3-none-win_arm64.whl") as z:
        assert "ecx/ecx.dll" in z.namelist()
