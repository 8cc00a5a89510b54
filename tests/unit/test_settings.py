"""Settings: three sources, one precedence, and errors that name key, source and fix."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ec_buildext.errors import UserError
from ec_buildext.settings import SETTINGS, load_settings, settings_docs

from ..support.paths import ROOT


def project(tmp_path: Path, table: str) -> Path:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "p"\nversion = "1"\n\n[tool.ec-buildext]\n' + table
    )
    return tmp_path


def test_defaults_without_pyproject(tmp_path: Path) -> None:
    s = load_settings(tmp_path, {}, {})
    assert s.arch == "auto"
    assert s["toolchain"] == "auto"
    assert all(src == "default" for src in s.sources.values())


def test_precedence_pyproject_config_env(tmp_path: Path) -> None:
    p = project(tmp_path, 'arch = "arm64"\ntoolchain = "clang-cl"\nwheel-tag = "win_arm64"\n')
    s = load_settings(
        p,
        {"ec-buildext.arch": "x64", "ec-buildext.wheel-tag": "win_amd64"},
        {"EC_BUILDEXT_ARCH": "arm64ec"},
    )
    assert s.arch == "arm64ec"
    assert s.sources["arch"] == "environment variable EC_BUILDEXT_ARCH"
    assert s["wheel-tag"] == "win_amd64"
    assert s.sources["wheel-tag"].startswith("config-settings")
    assert s["toolchain"] == "clang-cl"
    assert s.sources["toolchain"] == "pyproject.toml [tool.ec-buildext]"


def test_config_settings_list_takes_the_last(tmp_path: Path) -> None:
    s = load_settings(tmp_path, {"ec-buildext.arch": ["x64", "arm64ec"]}, {})
    assert s.arch == "arm64ec"


def test_other_config_settings_are_ignored(tmp_path: Path) -> None:
    s = load_settings(tmp_path, {"cmake.build-type": "Debug", "wheel.py-api": "py3"}, {})
    assert s.arch == "auto"


@pytest.mark.parametrize(
    ("where", "expected_source"),
    [
        ("pyproject", "pyproject.toml [tool.ec-buildext]"),
        ("config", "config-settings (-C ec-buildext.archh=...)"),
        ("env", "environment variable EC_BUILDEXT_ARCHH"),
    ],
)
def test_unknown_key_names_key_source_and_known_keys(
    tmp_path: Path, where: str, expected_source: str
) -> None:
    p = project(tmp_path, 'archh = "arm64ec"\n' if where == "pyproject" else "")
    config = {"ec-buildext.archh": "arm64ec"} if where == "config" else {}
    env = {"EC_BUILDEXT_ARCHH": "arm64ec"} if where == "env" else {}
    with pytest.raises(UserError) as err:
        load_settings(p, config, env)
    text = str(err.value)
    assert expected_source in text
    assert "archh" in text or "ARCHH" in text
    for spec in SETTINGS:
        assert spec.name in text or spec.env_var in text


def test_bad_value_names_allowed_values(tmp_path: Path) -> None:
    with pytest.raises(UserError) as err:
        load_settings(project(tmp_path, 'arch = "arm65"\n'), {}, {})
    text = str(err.value)
    assert "'arch'" in text and "'arm65'" in text
    assert "auto, arm64ec, arm64x, arm64, x64" in text
    assert "pyproject.toml" in text


def test_bad_wheel_tag(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="platform tag"):
        load_settings(tmp_path, {}, {"EC_BUILDEXT_WHEEL_TAG": "win-arm64ec!"})


def test_non_string_value(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="must be a string"):
        load_settings(project(tmp_path, 'toolchain = ["msvc"]\n'), {}, {})


def test_arch_list(tmp_path: Path) -> None:
    s = load_settings(project(tmp_path, 'arch = ["x64", "arm64ec"]\n'), {}, {})
    assert s.arches == ["x64", "arm64ec"] and s.arch == "x64"
    assert load_settings(tmp_path, {}, {"EC_BUILDEXT_ARCH": "arm64x,arm64ec"}).arches == [
        "arm64x",
        "arm64ec",
    ]
    for bad in ("x64,x64", "auto,x64", "x64,arm65"):
        with pytest.raises(UserError, match="a list of distinct values other than auto"):
            load_settings(tmp_path, {}, {"EC_BUILDEXT_ARCH": bad})


def test_one_wheel_tag_for_several_arches_is_refused(tmp_path: Path) -> None:
    from ec_buildext.plan import make_plans

    settings = load_settings(
        tmp_path, {}, {"EC_BUILDEXT_ARCH": "x64,arm64ec", "EC_BUILDEXT_WHEEL_TAG": "win_amd64"}
    )
    with pytest.raises(UserError, match="every wheel would get the same name"):
        make_plans(settings)


def test_invalid_toml(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.ec-buildext\narch=")
    with pytest.raises(UserError, match="not valid TOML"):
        load_settings(tmp_path, {}, {})


def test_cache_dir_variable_is_not_a_setting(tmp_path: Path) -> None:
    assert load_settings(tmp_path, {}, {"EC_BUILDEXT_CACHE_DIR": "/x"}).arch == "auto"


def test_docs_are_generated_from_the_model() -> None:
    assert (ROOT / "docs" / "settings.md").read_text() == settings_docs()


def test_cli_settings_shows_sources(tmp_path: Path) -> None:
    p = project(tmp_path, 'arch = "arm64ec"\n')
    out = subprocess.run(
        [sys.executable, "-m", "ec_buildext", "settings", str(p)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "arch" in out and "arm64ec" in out and "from pyproject.toml [tool.ec-buildext]" in out
    assert "toolchain" in out and "from default" in out


def test_cli_settings_error_has_no_traceback(tmp_path: Path) -> None:
    p = project(tmp_path, 'arch = "arm65"\n')
    proc = subprocess.run(
        [sys.executable, "-m", "ec_buildext", "settings", str(p)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr.startswith("ec-buildext: error: setting 'arch'")
    assert "Traceback" not in proc.stderr
