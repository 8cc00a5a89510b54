"""The ``ec-buildext`` command.

One module per command (``command.Command``: its parser setup beside its handler);
adding a command is adding its module and one entry in :data:`COMMANDS`.  Command
modules import at their top only what their parser needs: LIEF, libclang, the thunks
package and toolchain discovery are imported when a command runs, so ``--help`` is quick
and works without the optional parts.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Optional

from .. import __version__, cmake_dir, get_include
from ..errors import UserError, fail
from . import (
    audit,
    cibw,
    doctor,
    forwarder,
    inspect,
    install,
    repair,
    retag,
    settings,
    test,
    thunks,
    toolchain,
)
from .command import Command

__all__ = ["COMMANDS", "build_parser", "main"]

COMMANDS: tuple[Command, ...] = (
    settings.COMMAND,
    doctor.COMMAND,
    toolchain.COMMAND,
    forwarder.COMMAND,
    inspect.COMMAND,
    audit.COMMAND,
    install.COMMAND,
    repair.COMMAND,
    cibw.COMMAND,
    test.COMMAND,
    thunks.COMMAND,
    retag.COMMAND,
)


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with the flags that print and exit, and one subparser per command."""
    parser = argparse.ArgumentParser(
        prog="ec-buildext",
        description=(
            "Windows Arm64EC/Arm64X wheels from CMake and setuptools projects. As a build "
            'backend: build-backend = "ec_buildext.build" and [tool.ec-buildext] arch = '
            '"arm64ec" in pyproject.toml. This command inspects and helps.'
        ),
    )
    parser.add_argument("--version", action="version", version=f"ec-buildext {__version__}")
    parser.add_argument(
        "--cmake-dir",
        action="store_true",
        help="print the folder of EcBuildExt.cmake (for include()) and exit",
    )
    parser.add_argument(
        "--include-dir",
        action="store_true",
        help="print the folder of ec-buildext's C headers (ec_plugin_path.h, ec_thunks.h) and exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add_arguments(
            sub.add_parser(command.name, help=command.help, description=command.description)
        )
    return parser


def main(argv: Optional[list[str]] = None) -> int:
    """Run ``ec-buildext ARGS``; a user's mistake is one paragraph on stderr and exit 1."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.cmake_dir:
        print(cmake_dir())
        return 0
    if args.include_dir:
        print(get_include())
        return 0
    if not args.command:
        parser.print_help()
        return 2
    from ..peheader import PeFormatError

    run = next(c.run for c in COMMANDS if c.name == args.command)
    try:
        code = int(run(args))
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        return code
    except BrokenPipeError:
        return _stdout_closed()
    except PeFormatError as e:  # unreadable binary or wheel: exit 2, as documented
        fail(e, code=2)
    except UserError as e:
        fail(e)


def _stdout_closed() -> int:
    """The reader of our output went away (``ec-buildext inspect W | head``): stop
    quietly, with the status a shell gives a process SIGPIPE ended (128 + 13)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # Python's final flush must not fail again
    return 141
