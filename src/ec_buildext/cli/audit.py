"""``ec-buildext audit``: fail when a wheel's binaries cannot load where its tag promises."""

from __future__ import annotations

import argparse
from pathlib import Path

from .command import Command

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("wheel")


def run(args: argparse.Namespace) -> int:
    from ..wheeltools.audit import audit_wheel

    problems = audit_wheel(Path(args.wheel))
    for problem in problems:
        print(f"problem: {problem}")
    print(f"{args.wheel}: {len(problems)} problem(s)" if problems else f"{args.wheel}: OK")
    return 1 if problems else 0


COMMAND = Command(
    name="audit",
    help="fail when a wheel's binaries cannot load where its tag promises",
    description="Exit 1 when a binary cannot load in the processes the wheel's platform "
    "tag promises, an exported EC function has no entry thunk, an Arm64X module's EC view "
    "lacks an export of its native view, or a module's file name is one the promised "
    "CPython does not import. Exit 2 on an unreadable wheel.",
    add_arguments=add_arguments,
    run=run,
)
