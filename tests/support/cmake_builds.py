"""Plain cmake + ninja (the PyPI wheels of this environment) on an ec-buildext toolchain file."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from .commands import ec, run


def tool(name: str) -> str:
    """cmake/ninja from this Python's environment (the PyPI wheels), else PATH."""
    local = Path(sys.executable).parent / name
    return str(local) if local.is_file() else (shutil.which(name) or name)


def cmake_configure(source: Path, build: Path, toolchain: Path, *defines: str) -> None:
    run(
        [
            tool("cmake"),
            "-G",
            "Ninja",
            f"-DCMAKE_MAKE_PROGRAM={tool('ninja')}",
            f"-DCMAKE_TOOLCHAIN_FILE={toolchain}",
            "-DCMAKE_BUILD_TYPE=Release",
            *defines,
            "-S",
            str(source),
            "-B",
            str(build),
        ]
    )


def cmake_build(source: Path, build: Path, toolchain: Path, *defines: str) -> None:
    cmake_configure(source, build, toolchain, *defines)
    run([tool("cmake"), "--build", str(build)])


def cmake_build_for(
    arch: str, source: Path, build: Path, *defines: str, llvm_root: str = "ziglang"
) -> None:
    """`ec-buildext toolchain --arch ARCH` (written beside ``build``) + plain cmake/ninja."""
    toolchain = build.parent / f"{build.name}.cmake"
    ec("toolchain", "--arch", arch, "--llvm-root", llvm_root, "-o", str(toolchain))
    cmake_build(source, build, toolchain, *defines)
