"""``ec-buildext cibw``: a [tool.cibuildwheel] block and a workflow for EC/X wheels."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UserError
from .command import Command

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--arch",
        choices=("arm64ec", "arm64x", "x64,arm64ec"),
        help="the arch of the block (required without --cross-from-linux; with it, build "
        "only arm64ec or arm64x instead of both)",
    )
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
    parser.add_argument(
        "--cross-from-linux",
        action="store_true",
        help="write (to --workflow FILE) a workflow that builds on ubuntu-latest and tests on "
        "windows-11-arm instead of the cibuildwheel one; no [tool.cibuildwheel] block",
    )
    tests = parser.add_argument_group(
        "tests of --cross-from-linux (default: test-command, test-requires and test-sources "
        "of [tool.cibuildwheel] in ./pyproject.toml)"
    )
    tests.add_argument("--test-command", metavar="COMMAND", help="as cibuildwheel's test-command")
    tests.add_argument(
        "--test-requires", metavar="REQS", help="as cibuildwheel's test-requires (space-separated)"
    )
    tests.add_argument(
        "--test-sources", metavar="PATHS", help="as cibuildwheel's test-sources (space-separated)"
    )


def _write_workflow(target: str, text: str) -> None:
    from ..cache import write_text_atomic

    if target == "-":
        print(text, end="")
    else:
        write_text_atomic(Path(target), text)
        print(f"wrote {target}", file=sys.stderr)


def _run_cross(args: argparse.Namespace) -> int:
    from ..wheeltools.cross_workflow import CROSS_ARCHES, cross_workflow_yaml, suite_options

    if not args.workflow or args.write:
        raise UserError(
            "--cross-from-linux writes a workflow only: give --workflow FILE ('-' prints it) "
            "and no --write (that workflow does not use cibuildwheel)."
        )
    if args.arch not in (None, *CROSS_ARCHES):
        raise UserError(
            f"--cross-from-linux builds arm64ec and arm64x wheels (both unless --arch names "
            f"one), not {args.arch}: the x64 build is tested on Linux by `ec-buildext test`."
        )
    arches = [args.arch] if args.arch else list(CROSS_ARCHES)
    settings = suite_options(Path.cwd(), args.test_command, args.test_requires, args.test_sources)
    _write_workflow(args.workflow, cross_workflow_yaml(settings, arches))
    return 0


def run(args: argparse.Namespace) -> int:
    from ..cache import write_text_atomic
    from ..wheeltools.cibw import cibw_toml, workflow_yaml

    if args.cross_from_linux:
        return _run_cross(args)
    if (args.test_command, args.test_requires, args.test_sources) != (None, None, None):
        raise UserError(
            "--test-command, --test-requires and --test-sources are for --cross-from-linux; "
            "cibuildwheel reads its own test settings from [tool.cibuildwheel]."
        )
    if args.arch is None:
        raise UserError(
            "--arch is required (arm64ec, arm64x or x64,arm64ec) for the [tool.cibuildwheel] "
            "block; or pass --cross-from-linux --workflow FILE for the build-on-Linux workflow."
        )
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
        _write_workflow(args.workflow, workflow_yaml())
    return 0


COMMAND = Command(
    name="cibw",
    help="print (or add) a [tool.cibuildwheel] block and a workflow for EC/X wheels",
    description="Arm64EC: cibuildwheel's *-win_amd64 identifiers built as arm64ec "
    "(tests skipped there: pip refuses win_arm64ec; the workflow tests them on "
    "windows-11-arm). Arm64X: the *-win_arm64 identifiers. 'x64,arm64ec': both from "
    "*-win_amd64 in one job. Repair and audit with ec-buildext (delvewheel knows "
    "neither). --cross-from-linux: a workflow that builds on ubuntu-latest and tests on "
    "windows-11-arm instead. See docs/cibuildwheel.md.",
    add_arguments=add_arguments,
    run=run,
)
