"""What one ``ec-buildext`` command is: its parser setup beside its handler."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Callable

__all__ = ["Command", "add_llvm_root"]


@dataclass(frozen=True)
class Command:
    """A subcommand; ``ec_buildext.cli.COMMANDS`` lists them in ``--help`` order."""

    name: str
    help: str  # its line in ``ec-buildext --help``
    description: str  # the paragraph opening ``ec-buildext NAME --help``
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]  # the exit code; a UserError becomes exit 1


def add_llvm_root(parser: argparse.ArgumentParser) -> None:
    """The ``--llvm-root`` option, the same for every command that finds LLVM."""
    parser.add_argument("--llvm-root", help="LLVM folder, or 'ziglang' (default: discovery order)")
