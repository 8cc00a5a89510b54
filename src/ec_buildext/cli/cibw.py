"""``ec-buildext cibw``: a [tool.cibuildwheel] block and a workflow for EC/X wheels."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .command import Command

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--arch", required=True, choices=("arm64ec", "arm64x", "x64,arm64ec"))
    parser.add_argument(
        "--write",
        nargs="?",
        const="pyproject.toml",
        metavar="PYPROJECT",
        help="add the block to PYPROJECT (default: pyproject.toml) instead of printing it",
    )
    parser.add_argument(
        "--workflow",
        metavar="FILE",
        help="also write a GitHub Actions workflow to FILE ('-': print it)",
    )


def run(args: argparse.Namespace) -> int:
    from ..cache import write_text_atomic
    from ..errors import UserError
    from ..wheeltools.cibw import cibw_toml, workflow_yaml

    block = cibw_toml(args.arch)
    if args.write:
        pyproject = Path(args.write)
        text = pyproject.read_text(encoding="utf-8") if pyproject.is_file() else ""
        if "[tool.cibuildwheel" in text:
            raise UserError(
                f"{pyproject} already has [tool.cibuildwheel] settings; merge the block "
                "printed by `ec-buildext cibw` (without --write) by hand."
            )
        write_text_atomic(pyproject, text.rstrip("\n") + "\n\n" + block if text else block)
        print(f"added [tool.cibuildwheel] settings for {args.arch} to {pyproject}", file=sys.stderr)
    else:
        print(block, end="")
    if args.workflow:
        workflow = workflow_yaml()
        if args.workflow == "-":
            print(workflow, end="")
        else:
            write_text_atomic(Path(args.workflow), workflow)
            print(f"wrote {args.workflow}", file=sys.stderr)
    return 0


COMMAND = Command(
    name="cibw",
    help="print (or add) a [tool.cibuildwheel] block and a workflow for EC/X wheels",
    description="Arm64EC: cibuildwheel's *-win_amd64 identifiers built as arm64ec "
    "(tests skipped there: pip refuses win_arm64ec; the workflow tests them on "
    "windows-11-arm). Arm64X: the *-win_arm64 identifiers. 'x64,arm64ec': both from "
    "*-win_amd64 in one job. Repair and audit with ec-buildext (delvewheel knows "
    "neither). See docs/cibuildwheel.md.",
    add_arguments=add_arguments,
    run=run,
)
