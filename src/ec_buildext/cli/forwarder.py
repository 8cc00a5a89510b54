"""``ec-buildext forwarder``: an Arm64X pure-forwarder DLL."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .command import Command, add_llvm_root

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--native", required=True, help="e.g. foo_arm64.dll or foo_arm64.def")
    parser.add_argument("--ec", required=True, help="e.g. foo_x64.dll or foo_x64.def")
    parser.add_argument(
        "-o", "--output", required=True, help="forwarder DLL to write, e.g. foo.dll"
    )
    add_llvm_root(parser)


def run(args: argparse.Namespace) -> int:
    from ..forwarder import build_pure_forwarder
    from ..toolchains.llvm import find_llvm

    out = build_pure_forwarder(
        find_llvm(args.llvm_root or ""), Path(args.output), Path(args.native), Path(args.ec)
    )
    print(f"wrote {out}: Arm64X pure forwarder", file=sys.stderr)
    return 0


COMMAND = Command(
    name="forwarder",
    help="link an Arm64X pure-forwarder DLL",
    description="Link an Arm64X DLL with no code whose native view forwards every export "
    "of --native and whose EC (x64) view forwards every export of --ec. Each is a .dll "
    "(exports read from it, forwarded to its file name) or a .def file (forwarded to its "
    "LIBRARY name).",
    add_arguments=add_arguments,
    run=run,
)
