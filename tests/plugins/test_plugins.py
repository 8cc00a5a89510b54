"""ec_buildext.plugins: process kinds, plugin folders, and loading what can be loaded."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ec_buildext.plugins import classify_process, load_plugins, plugin_dir, process_arch_info

from ..support.kinds import build_kinds


@pytest.mark.parametrize(
    ("interpreter", "native", "kind"),
    [
        ("x64", "x64", "x64"),  # x64 CPython on an x64 machine
        ("x64", "arm64", "arm64ec"),  # x64 CPython on Windows on Arm: emulated + EC
        ("arm64", "arm64", "arm64"),  # native ARM64 CPython
        ("x86", "x64", "x86"),  # WOW64
        ("x86", "arm64", "x86"),
    ],
)
def test_process_kinds(interpreter: str, native: str, kind: str) -> None:
    assert classify_process(interpreter, native) == kind


@pytest.mark.parametrize(
    ("process", "layout", "folder"),
    [
        ("arm64ec", "arch", "x64"),  # the x64 search-path rule
        ("x64", "arch", "x64"),
        ("arm64", "arch", "arm64"),
        ("x86", "arch", "x86"),
        ("arm64ec", "wheel", "win_amd64"),
        ("arm64", "wheel", "win_arm64"),
    ],
)
def test_plugin_dir(process: str, layout: str, folder: str) -> None:
    assert plugin_dir("/app/plugins", layout, process) == Path("/app/plugins") / folder


def test_unknown_layout() -> None:
    with pytest.raises(ValueError, match="unknown layout 'os'"):
        plugin_dir("/p", "os", "x64")


def test_off_windows_the_host_is_reported_and_said() -> None:
    info = process_arch_info()
    if sys.platform != "win32":
        assert info.kind == "x64" and info.how.startswith("not Windows")


@pytest.fixture(scope="module")
def plugin_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """plugins/x64 with what an x64/Arm64EC host may find there, plus mistakes."""
    kinds = build_kinds(tmp_path_factory.mktemp("kinds"))
    base = tmp_path_factory.mktemp("app") / "plugins"
    (base / "x64").mkdir(parents=True)
    (base / "arm64").mkdir()
    for kind, folder in (
        ("x64", "x64"),
        ("arm64ec", "x64"),
        ("arm64x", "x64"),
        ("arm64", "x64"),
        ("arm64", "arm64"),
        ("arm64x", "arm64"),
    ):
        shutil.copy(kinds[kind], base / folder / f"{kind}.dll")
    (base / "x64" / "readme.dll").write_text("not a DLL")
    return base


@pytest.mark.slow
def test_load_plugins_for_an_arm64ec_host(plugin_tree: Path) -> None:
    loaded, skipped = load_plugins(plugin_tree, loader=lambda p: Path(p).name, process="arm64ec")
    assert loaded == ["arm64ec.dll", "arm64x.dll", "x64.dll"]
    reasons = {path.name: why for path, why in skipped}
    assert set(reasons) == {"arm64.dll", "readme.dll"}
    assert (
        "arm64 DLLs load only in arm64 processes, not in an arm64ec process" in reasons["arm64.dll"]
    )
    assert "not a PE file" in reasons["readme.dll"]


@pytest.mark.slow
def test_load_plugins_for_a_native_host(plugin_tree: Path) -> None:
    loaded, skipped = load_plugins(plugin_tree, loader=lambda p: Path(p).name, process="arm64")
    assert loaded == ["arm64.dll", "arm64x.dll"] and skipped == []


def test_plugins_module_needs_only_the_standard_library() -> None:
    code = (
        "import sys; import ec_buildext.plugins; "
        "bad = [m for m in ('lief', 'setuptools', 'scikit_build_core') if m in sys.modules]; "
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
