"""``ec-buildext toolchain``: a CMake toolchain file, usable alone."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..arch import ARCHES
from .command import Command, add_llvm_root

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--arch", required=True, choices=list(ARCHES), help="target architecture")
    parser.add_argument(
        "--compiler",
        default="clang-cl",
        choices=("clang-cl", "msvc"),
        help="compiler family (default: clang-cl)",
    )
    add_llvm_root(parser)
    parser.add_argument("--sysroot", help="Windows SDK + MSVC CRT tree (xwin or copied VS layout)")
    parser.add_argument(
        "-o", "--output", default="-", help="output file (default: standard output)"
    )


def run(args: argparse.Namespace) -> int:
    from ..arch import get_arch
    from ..cache import write_text_atomic
    from ..cmake_toolchain import render_clang_cl, render_msvc
    from ..errors import UserError
    from ..toolchains.crtless import crtless_support
    from ..toolchains.llvm import find_llvm
    from ..toolchains.msvc import find_msvc
    from ..toolchains.sysroot import open_sysroot

    arch = get_arch(args.arch)
    if args.compiler == "msvc":
        msvc = find_msvc(arch)
        if msvc is None:
            raise UserError(
                "--compiler msvc needs Visual Studio with the ARM64 build tools on Windows "
                "(none found). Use --compiler clang-cl to cross-build with LLVM."
            )
        text = render_msvc(arch, msvc)
    else:
        llvm = find_llvm(args.llvm_root or "")
        llvm.check_arch(arch)
        sysroot = open_sysroot(Path(args.sysroot)) if args.sysroot else None
        crtless = None
        if sysroot is None and sys.platform != "win32":
            crtless = crtless_support(llvm, arch.name)
        text = render_clang_cl(arch, llvm, sysroot=sysroot, crtless=crtless)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        write_text_atomic(Path(args.output), text)
        print(f"wrote {args.output}: {arch.name} with {args.compiler}", file=sys.stderr)
    return 0


COMMAND = Command(
    name="toolchain",
    help="write a CMake toolchain file",
    description="Write a CMake toolchain file for a target, usable alone: "
    "cmake -G Ninja -DCMAKE_TOOLCHAIN_FILE=FILE ...  Without --sysroot on a "
    "non-Windows host the file sets up a CRT-less build.",
    add_arguments=add_arguments,
    run=run,
)
