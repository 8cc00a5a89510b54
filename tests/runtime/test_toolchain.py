"""Finding LLVM: the embedded ziglang wheel, Debian's LLVM, and clear refusals."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ec_buildext.arch import get_arch
from ec_buildext.errors import UserError
from ec_buildext.toolchains.llvm import find_llvm, mingw_root

from ..support.llvm import DEBIAN_LLVM

OLD_LLVM = Path("/usr/lib/llvm-14")
needs_old_llvm = pytest.mark.skipif(
    not (OLD_LLVM / "bin" / "clang-cl").is_file(),
    reason="Debian's clang-14/lld-14 are not installed (.ci/run installs them)",
)


def test_ziglang_wrappers_run_zig_llvm(cache_dir: Path) -> None:
    llvm = find_llvm("ziglang")
    assert llvm.version >= (21, 0, 0)
    assert "ziglang" in llvm.origin
    for name in ("clang", "clang-cl", "lld-link", "llvm-lib", "llvm-dlltool"):
        assert llvm.tool(name).is_file()
        assert str(llvm.tool(name)).startswith(str(cache_dir))
    out = subprocess.run(
        [str(llvm.tool("clang-cl")), "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert f"clang version {llvm.version_text}" in out
    # clang finds its own headers through the wrapper's -resource-dir.
    probe = subprocess.run(
        [str(llvm.tool("clang")), "--target=arm64ec-w64-windows-gnu", "-E", "-x", "c", "-"],
        input="#include <stddef.h>\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert probe.returncode == 0, probe.stderr
    assert mingw_root() is not None


def test_auto_prefers_the_embedded_llvm(cache_dir: Path) -> None:
    assert "ziglang" in find_llvm("").origin


@pytest.mark.skipif(
    not (DEBIAN_LLVM / "bin" / "clang-cl").is_file(),
    reason="Debian's clang-22/lld-22 are not installed",
)
def test_debian_llvm_by_root() -> None:
    llvm = find_llvm(str(DEBIAN_LLVM))
    assert llvm.version[0] == 22
    assert llvm.tool("lld-link").parent == DEBIAN_LLVM / "bin"


def test_missing_root_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="is not a folder"):
        find_llvm(str(tmp_path / "nowhere"))
    with pytest.raises(UserError, match="no clang-cl in"):
        find_llvm(str(tmp_path))


@needs_old_llvm
def test_old_llvm_is_refused_with_version_and_fix() -> None:
    llvm = find_llvm(str(OLD_LLVM))
    assert llvm.version[0] == 14
    with pytest.raises(UserError) as err:
        llvm.check_arch(get_arch("arm64ec"))
    text = str(err.value)
    assert "LLVM 14." in text and "too old to build arm64ec" in text and ">= 18" in text
    assert "ec-buildext[llvm]" in text
    llvm.check_arch(get_arch("x64"))  # old LLVM is fine where the table says so


@pytest.mark.slow
def test_doctor_reports_what_builds(cache_dir: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ec_buildext", "doctor"], capture_output=True, text=True, check=True
    ).stdout
    assert "LLVM: " in out and "ziglang" in out
    assert "arm64ec  -> win_arm64ec  yes" in out
    assert "ec-buildext thunks (reads C headers with libclang): yes" in out
    assert "inspect / audit / repair (reads binaries with LIEF): yes" in out
    hidden = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.modules['lief'] = sys.modules['clang'] = None; "
            "from ec_buildext.cli import main; sys.exit(main(['doctor']))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "libclang): no: pip install ec-buildext[thunks]" in hidden
    assert "LIEF): no: pip install ec-buildext[inspect]" in hidden
