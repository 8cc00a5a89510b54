"""A setup.py that decides by the platform it runs on: in a cross build it sees the
target Windows, so the Windows source is compiled with the Windows flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..support.commands import pip_wheel
from ..support.paths import TEST_DATA as DATA
from ..support.pe import assert_arm64ec_dll
from ..support.setuptools_builds import PYXY, copy_project, extract

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("arch", "tag", "module", "seen"),
    [
        ("arm64ec", "win_arm64ec", f"_native.cp{PYXY}-win_amd64.pyd", "AMD64 win-amd64"),
        ("arm64x", "win_arm64", "_native.pyd", "ARM64 win-arm64"),
    ],
)
def test_setup_py_sees_the_target(
    arch: str, tag: str, module: str, seen: str, tmp_path: Path, cache_dir: Path
) -> None:
    project = copy_project(DATA / "setuptools_target_view", tmp_path)
    out = tmp_path / "dist"
    env = {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_ARCH": arch}
    proc = pip_wheel(project, out, env)
    text = proc.stdout + proc.stderr
    (wheel,) = out.iterdir()
    assert wheel.name == f"targetview-1.0-cp{PYXY}-cp{PYXY}-{tag}.whl"
    dll = extract(wheel, f"targetview/{module}", tmp_path / "x").read_bytes()
    platform = seen.split()[1]
    expected = f"setup.py saw: win32 nt Windows {seen} 10; build_ext saw: {platform} msvc"
    assert expected.encode() in dll  # only native_win32.c has the string
    # With /W3: no -Wall (clang-cl's /Wall, everything) nor its flood of warnings.
    assert "-Wall" not in text and text.count("warning:") < 5


def test_cffi_build_script_sees_the_target(
    tmp_path: Path, cache_dir: Path, readobj_tool: str
) -> None:
    """cffi's ``cffi_modules`` keyword runs the project's build script from inside
    ``setup()``: that script is the project's code and sees Windows, whose ``select``
    has no poll/epoll (pycares' c-ares picks its event backend by them)."""
    project = copy_project(DATA / "setuptools_cffi_target", tmp_path)
    out = tmp_path / "dist"
    pip_wheel(project, out, {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_ARCH": "arm64ec"})
    (wheel,) = out.iterdir()
    assert wheel.name == f"cffidemo-1.0-cp{PYXY}-cp{PYXY}-win_arm64ec.whl"
    dll = extract(wheel, "cffidemo/_demo.pyd", tmp_path / "x")
    assert b"build script saw: win32 select" in dll.read_bytes()
    assert_arm64ec_dll(dll, readobj_tool, ["PyInit__demo"])
