"""``ec-buildext repair``: vendor the DLLs a wheel's binaries import, per view."""

from __future__ import annotations

import argparse
from pathlib import Path

from .command import Command

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("wheel")
    parser.add_argument("-w", "--wheel-dir", required=True, help="folder for the repaired wheel")
    parser.add_argument(
        "--add-path",
        action="append",
        default=[],
        metavar="DIR",
        help="folder to look for DLLs in (repeatable)",
    )
    parser.add_argument(
        "--extra-wheels-to",
        metavar="DIR",
        help="repair other-arch wheels built beside WHEEL (arch lists) into DIR",
    )


def run(args: argparse.Namespace) -> int:
    from ..wheeltools.repair import repair_wheel

    results = repair_wheel(
        Path(args.wheel),
        Path(args.wheel_dir),
        [Path(p) for p in args.add_path],
        Path(args.extra_wheels_to) if args.extra_wheels_to else None,
    )
    for result in results:
        print(f"wrote {result.wheel} ({len(result.vendored)} DLL(s) vendored)")
    return 0


COMMAND = Command(
    name="repair",
    help="vendor the DLLs a wheel's binaries import, per view (delvewheel for EC/X)",
    description="Copy each non-system DLL that a view of a binary imports, found in "
    "--add-path folders, next to that binary, after checking it loads in every process "
    "that view is loaded by. Refuses, naming each missing or unloadable DLL, rather than "
    "write a wheel that would not load. Names are not mangled.",
    add_arguments=add_arguments,
    run=run,
)
