"""``ec-buildext install``: install a wheel pip refuses (win_arm64ec) into this environment."""

from __future__ import annotations

import argparse
from pathlib import Path

from .command import Command

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("wheel")
    parser.add_argument(
        "--force",
        action="store_true",
        help="install even if this interpreter cannot load it (with a warning)",
    )


def run(args: argparse.Namespace) -> int:
    from ..wheeltools.install import install_wheel

    print(f"installed {install_wheel(Path(args.wheel), force=args.force)}")
    return 0


COMMAND = Command(
    name="install",
    help="install a wheel pip refuses (win_arm64ec) into this environment",
    description="Install with pypa's installer after checking that this interpreter can "
    "load the wheel's binaries (win_arm64ec: x64 Python on an ARM64 machine). Recorded so "
    "that pip list and pip uninstall see it.",
    add_arguments=add_arguments,
    run=run,
)
