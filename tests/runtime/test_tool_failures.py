"""A broken tool ends a build with one paragraph that names it, never a traceback: an
LLVM tool that is not executable, or an empty script where a tool should be."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ..support.commands import assert_build_refused
from ..support.llvm import DEBIAN_LLVM
from ..support.paths import SAMPLES

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (DEBIAN_LLVM / "bin" / "clang-cl").is_file(), reason="Debian's LLVM 22 is missing"
    ),
]

TOOLS = ("clang", "clang-cl", "lld-link", "llvm-lib", "llvm-dlltool", "llvm-rc")


def _llvm_with(folder: Path, tool: str, damage: str) -> Path:
    """Debian's LLVM 22, linked tool by tool, with ``tool`` damaged."""
    bin_dir = folder / "bin"
    bin_dir.mkdir(parents=True)
    for name in TOOLS:
        if name != tool:
            (bin_dir / name).symlink_to(DEBIAN_LLVM / "bin" / name)
    broken = bin_dir / tool
    if damage == "not-executable":
        shutil.copy(DEBIAN_LLVM / "bin" / tool, broken)
        broken.chmod(0o644)
    else:  # an empty wrapper script
        broken.write_bytes(b"")
        broken.chmod(0o755)
    return folder


@pytest.mark.parametrize(
    ("tool", "damage", "reason"),
    [
        ("llvm-lib", "not-executable", "Permission denied"),
        ("llvm-lib", "empty-script", "Exec format error"),
        ("llvm-dlltool", "empty-script", "Exec format error"),
    ],
)
def test_broken_tool_is_named(tool: str, damage: str, reason: str, tmp_path: Path) -> None:
    llvm = _llvm_with(tmp_path / "llvm", tool, damage)
    env = {
        "EC_BUILDEXT_LLVM_ROOT": str(llvm),
        "EC_BUILDEXT_CACHE_DIR": str(tmp_path / "cache"),  # the runtimes are made here
        "EC_BUILDEXT_ARCH": "arm64ec",
    }
    project = tmp_path / "project"
    shutil.copytree(SAMPLES / "setuptools_ctypes", project)
    text = assert_build_refused(project, tmp_path / "out", env, f"cannot run {llvm}/bin/{tool}")
    assert reason in text
