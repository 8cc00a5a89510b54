"""``ec-buildext audit``: fail when a wheel's binaries cannot load where its tag promises."""

from __future__ import annotations

import argparse
from pathlib import Path

from .command import Command

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("wheel")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="count warnings (possible problems) as problems: exit 1",
    )


def run(args: argparse.Namespace) -> int:
    from ..wheeltools.audit import audit_wheel

    found = audit_wheel(Path(args.wheel))
    problems = found.problems + (found.warnings if args.strict else [])
    warnings = [] if args.strict else found.warnings
    for problem in problems:
        print(f"problem: {problem}")
    for warning in warnings:
        print(f"warning: {warning}")
    summary = f"{len(problems)} problem(s)" if problems else "OK"
    print(f"{args.wheel}: {summary}" + (f", {len(warnings)} warning(s)" if warnings else ""))
    return 1 if problems else 0


COMMAND = Command(
    name="audit",
    help="fail when a wheel's binaries cannot load where its tag promises",
    description="Exit 1 when a binary certainly fails: it cannot load in the processes "
    "the wheel's platform tag promises, a module's PyInit_ has no entry thunk, an Arm64X "
    "module's EC view lacks an export of its native view, or a module's file name is one "
    "the promised CPython does not import. Warn (exit 0; 1 with --strict) about other "
    "exported EC code without an entry thunk: only its callers decide. Exit 2 on an "
    "unreadable or inconsistent wheel.",
    add_arguments=add_arguments,
    run=run,
)
