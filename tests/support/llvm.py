"""The LLVMs the tests build with, and the LLVM readers that check what was built."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DEBIAN_LLVM = Path("/usr/lib/llvm-22")

# Each LLVM the tests build with: the embedded ziglang wheel, and Debian's llvm-22.
LLVM_PARAMS = [
    pytest.param("ziglang", id="ziglang"),
    pytest.param(
        str(DEBIAN_LLVM),
        id="debian-llvm-22",
        marks=pytest.mark.skipif(
            not (DEBIAN_LLVM / "bin" / "clang-cl").is_file(),
            reason="Debian's clang-22/lld-22 are not installed (.ci/run installs them)",
        ),
    ),
]


def find_tool(name: str) -> str:
    """An LLVM reader from Debian's llvm-22 (installed by .ci/run), never from our own code."""
    for candidate in (DEBIAN_LLVM / "bin" / name, shutil.which(f"{name}-22"), shutil.which(name)):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    pytest.fail(f"{name} not found: .ci/run installs Debian's llvm-22, which provides it")
