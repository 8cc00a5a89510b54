"""``ec-buildext inspect``: what each binary is, view by view."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..arch import BinaryKind
from .command import Command

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="FILE|WHEEL")
    parser.add_argument(
        "--json", action="store_true", help="the stable JSON form (docs/inspect.md)"
    )


def run(args: argparse.Namespace) -> int:
    from ..wheeltools.inspect import format_reports, inspect_path, reports_json

    reports = [r for path in args.paths for r in inspect_path(Path(path))]
    print(reports_json(reports) if args.json else format_reports(reports))
    return 0


COMMAND = Command(
    name="inspect",
    help="show what each binary is: kind, views, exports, imports, code map, loaders",
    description="For each DLL/PYD/EXE (or each inside a wheel): raw machine, real kind "
    f"({', '.join(BinaryKind)}), each view's exports, imports "
    "and code ranges, entry-thunk coverage of EC exports, which processes can load it. "
    "Exit 2 on an unreadable input.",
    add_arguments=add_arguments,
    run=run,
)
