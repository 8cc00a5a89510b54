"""Compiling against softintrin's headers with Debian's clang, and the CPU they are
checked against."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from ec_buildext.arch import ARM64EC, CEnvironment
from ec_buildext.toolchains.diagnose import MINGW_MSVC_DIR, msvc_predefined_macros
from ec_buildext.toolchains.llvm import mingw_root

from .commands import run
from .llvm import DEBIAN_LLVM
from .softintrin_battery import SOFTINTRIN

CLANG = DEBIAN_LLVM / "bin" / "clang"


def cpu_flags() -> set[str]:
    """This machine's CPU features, as /proc/cpuinfo names them."""
    text = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    return {w for line in text.splitlines() if line.startswith("flags") for w in line.split()}


# Compiles only, with the real clang: quick.
def ec_compile(source: Path, *flags: str, clang: Path = CLANG) -> subprocess.CompletedProcess[str]:
    """clang for Arm64EC in GNU mode on mingw-w64's headers with MSVC's extensions and
    macros (``_MSC_VER`` too: the Arm64EC view takes MSVC's paths), as CRT-less builds
    compile; the softintrin folder as a plain -I (warnings in it are shown, not
    suppressed)."""
    mingw = mingw_root()
    assert mingw is not None
    macros = msvc_predefined_macros(ARM64EC)
    argv = [str(clang), f"--target={ARM64EC.triple(CEnvironment.GNU)}", "-fms-extensions", *macros]
    argv += ["-I", str(SOFTINTRIN), "-I", str(MINGW_MSVC_DIR)]
    argv += ["-isystem", str(mingw / "include/any-windows-any")]
    return run([*argv, *flags, "-c", str(source), "-o", os.devnull], check=False)


needs_clang = pytest.mark.skipif(not CLANG.is_file(), reason="needs Debian's clang-22")


def clang_header(name: str) -> Path:
    """One of Debian clang's own headers (its resource folder's include/)."""
    resource = run([str(CLANG), "-print-resource-dir"]).stdout.strip()
    return Path(resource) / "include" / name


def clang_intrinsic_names(header: Path) -> set[str]:
    """The intrinsics a clang header defines: its functions and function-like macros
    (a definition starts a line, or follows ``static`` and the return type there)."""
    text = header.read_text().replace("\\\n", " ")
    definition = r"^(?:#\s*define\s+|static\b[^(;{]*?\b)?(_mm256_\w+|_mm_\w+|_cvt\w+)\s*\("
    return set(re.findall(definition, text, re.M))
