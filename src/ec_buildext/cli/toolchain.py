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
    from ..cmake_ext.toolchain import render
    from ..plan import choose_compiler

    arch = get_arch(args.arch)
    # The choice a build makes, with --compiler standing for the toolchain setting.
    compiler = choose_compiler(
        arch,
        toolchain=args.compiler,
        llvm_root=args.llvm_root or "",
        sysroot=Path(args.sysroot) if args.sysroot else None,
    )
    text = render(arch, compiler)
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
