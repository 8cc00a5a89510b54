"""What cibuildwheel's environment says, against arch: agree, note, or refuse."""

from __future__ import annotations

from pathlib import Path

import pytest

from ec_buildext.arch import get_arch
from ec_buildext.environment import reconcile, target_python
from ec_buildext.errors import UserError


def test_nothing_set_says_nothing() -> None:
    assert target_python({}) is None
    assert reconcile(get_arch("arm64ec"), {}) == []


@pytest.mark.parametrize(
    ("environ", "platform"),
    [
        ({"SETUPTOOLS_EXT_SUFFIX": ".cp312-win_arm64.pyd"}, "win_arm64"),
        (
            {"SETUPTOOLS_EXT_SUFFIX": ".cp39-win_amd64.pyd", "VSCMD_ARG_TGT_ARCH": "arm64"},
            "win_amd64",
        ),
        ({"VSCMD_ARG_TGT_ARCH": "ARM64"}, "win_arm64"),
        ({"VSCMD_ARG_TGT_ARCH": "x64"}, "win_amd64"),
        ({"VSCMD_ARG_TGT_ARCH": "x86"}, "win32"),
    ],
)
def test_target_python(environ: dict[str, str], platform: str) -> None:
    found = target_python(environ)
    assert found is not None and found.platform == platform


def test_dist_extra_config_plat_name(tmp_path: Path) -> None:
    cfg = tmp_path / "extra.cfg"
    cfg.write_text("[build_ext]\nplat_name=win-arm64\nlibrary_dirs=C:\\py\\libs\n")
    found = target_python({"DIST_EXTRA_CONFIG": str(cfg)})
    assert found is not None and found.platform == "win_arm64"
    assert "plat_name win_arm64" in found.source


# Which CPython can load which arch: x64 CPython (an x64 or, on ARM64, an Arm64EC
# process) loads x64, Arm64EC and Arm64X modules; ARM64 CPython ARM64 and Arm64X ones.
@pytest.mark.parametrize(
    ("arch", "platform", "ok"),
    [
        ("arm64ec", "win_amd64", True),
        ("arm64ec", "win_arm64", False),
        ("arm64x", "win_amd64", True),
        ("arm64x", "win_arm64", True),
        ("arm64", "win_arm64", True),
        ("arm64", "win_amd64", False),
        ("x64", "win_amd64", True),
        ("x64", "win_arm64", False),
        ("arm64ec", "win32", False),
    ],
)
def test_load_compatibility(arch: str, platform: str, ok: bool) -> None:
    environ = {"SETUPTOOLS_EXT_SUFFIX": f".cp311-{platform}.pyd"}
    if ok:
        lines = reconcile(get_arch(arch), environ)
        assert len(lines) == 1
    else:
        with pytest.raises(UserError, match=f"cannot load {arch} binaries"):
            reconcile(get_arch(arch), environ)


def test_agreeing_suffix_is_kept_and_other_toolset_noted() -> None:
    lines = reconcile(
        get_arch("arm64ec"),
        {"SETUPTOOLS_EXT_SUFFIX": ".cp311-win_amd64.pyd", "VSCMD_ARG_TGT_ARCH": "x64"},
    )
    assert lines == [
        "SETUPTOOLS_EXT_SUFFIX=.cp311-win_amd64.pyd: building for win_amd64 CPython, which can "
        "load arm64ec modules.",
        "VSCMD_ARG_TGT_ARCH=x64 is not used: arch = arm64ec compiles with the arm64 toolset.",
    ]


def test_broken_dist_extra_config(tmp_path: Path) -> None:
    cfg = tmp_path / "bad.cfg"
    cfg.write_text("plat_name = no section header\n")
    with pytest.raises(UserError, match=r"not a valid setup\.cfg-style file"):
        target_python({"DIST_EXTRA_CONFIG": str(cfg)})
