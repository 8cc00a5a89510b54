"""Each setting is declared once, as an attribute of BuildOptions: the loader's spec, the
typed value and the docs all come from that declaration."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest

from ec_buildext.arch import ARM64EC, X64
from ec_buildext.settings import (
    SETTINGS,
    BuildOptions,
    SettingSpec,
    Toolchain,
    load_settings,
    settings_docs,
)


def test_every_setting_is_a_declaration_of_build_options() -> None:
    declared = [v for v in vars(BuildOptions).values() if isinstance(v, SettingSpec)]
    assert list(SETTINGS) == declared
    assert len({s.name for s in SETTINGS}) == len(SETTINGS)
    docs = settings_docs()
    for spec in SETTINGS:
        assert f"| `{spec.name}` | `{spec.env_var}` |" in docs


def test_defaults_convert_to_typed_values(tmp_path: Path) -> None:
    options = load_settings(tmp_path, {}, {}).options()
    assert options.arches == ()
    assert options.toolchain == "auto"
    assert options.llvm_root == ""
    assert options.sysroot is None and options.python_root is None
    assert options.python_root_native is None
    assert options.audit is False and options.reproducible is False
    assert options.wheel_tag is None
    assert options.thunks is None
    assert set(options.sources) == {s.name for s in SETTINGS}


def test_given_values_convert_to_typed_values(tmp_path: Path) -> None:
    environ = {
        "EC_BUILDEXT_ARCH": "x64, arm64ec",
        "EC_BUILDEXT_TOOLCHAIN": "clang-cl",
        "EC_BUILDEXT_SYSROOT": "~/xwin",
        "EC_BUILDEXT_AUDIT": "true",
        "EC_BUILDEXT_WHEEL_TAG": "win_arm64ec",
    }
    options = load_settings(tmp_path, {"ec-buildext.reproducible": True}, environ).options()
    assert options.arches == (X64, ARM64EC)
    assert options.toolchain == "clang-cl"
    assert options.sysroot == Path("~/xwin").expanduser()
    assert options.audit is True and options.reproducible is True
    assert options.wheel_tag == "win_arm64ec"
    assert options.sources["toolchain"] == "environment variable EC_BUILDEXT_TOOLCHAIN"


def test_toolchain_choices_are_the_literal() -> None:
    assert BuildOptions.toolchain.choices == get_args(Toolchain) == ("auto", "msvc", "clang-cl")


def test_options_are_read_only(tmp_path: Path) -> None:
    options = load_settings(tmp_path, {}, {}).options()
    with pytest.raises(AttributeError, match="'audit'"):
        options.audit = True
