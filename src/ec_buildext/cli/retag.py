"""``ec-buildext retag``: rewrite a wheel's platform tag (name, WHEEL, RECORD)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .command import Command

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("wheel", help="the .whl file")
    parser.add_argument("--platform", required=True, help="new platform tag, e.g. win_arm64ec")
    parser.add_argument("-d", "--output-dir", help="output folder (default: beside the wheel)")


def run(args: argparse.Namespace) -> int:
    from ..wheeltools.retag import retag_wheel

    out = retag_wheel(
        Path(args.wheel), args.platform, Path(args.output_dir) if args.output_dir else None
    )
    print(out)
    return 0


COMMAND = Command(
    name="retag",
    help="rewrite a wheel's platform tag (name, WHEEL, RECORD)",
    description="Copy WHEEL with a new platform tag, members copied without "
    "recompression, written atomically.",
    add_arguments=add_arguments,
    run=run,
)
