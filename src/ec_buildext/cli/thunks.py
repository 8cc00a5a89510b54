"""``ec-buildext thunks``: Arm64EC entry/exit thunks for functions written in assembly."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .command import Command

__all__ = ["COMMAND", "SYNTAXES"]

# ec_buildext.thunks.SYNTAXES, spelled here so that `--help` does not import the thunks
# package (a test keeps the two equal).
SYNTAXES = ("gnu", "armasm64")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("header", help="the C header that declares the functions")
    parser.add_argument(
        "--function",
        action="append",
        default=[],
        metavar="NAME",
        help="a function your assembly implements (repeatable)",
    )
    parser.add_argument(
        "--calls",
        action="append",
        default=[],
        metavar="NAME",
        help="a function your assembly calls, maybe x64 code (repeatable)",
    )
    parser.add_argument(
        "-I",
        "--include",
        action="append",
        default=[],
        metavar="DIR",
        help="include folder for the header (repeatable)",
    )
    parser.add_argument(
        "-D",
        "--define",
        action="append",
        default=[],
        metavar="NAME[=VALUE]",
        help="preprocessor definition for the header (repeatable)",
    )
    parser.add_argument(
        "--syntax",
        default="gnu",
        choices=SYNTAXES,
        help="assembler syntax: gnu (default; clang, llvm-mc) or armasm64 (MSVC's "
        "armasm64 -machine ARM64EC; the body is then |#NAME| and the file defines NAME)",
    )
    parser.add_argument(
        "-o", "--output", default="-", help="output file (default: standard output)"
    )


def run(args: argparse.Namespace) -> int:
    from ..cache import write_text_atomic
    from ..errors import UserError
    from ..thunks import thunks_for_header

    if not args.function and not args.calls:
        raise UserError(
            "name at least one function: --function NAME (implemented in your "
            "assembly) or --calls NAME (called from it)."
        )
    text = thunks_for_header(
        Path(args.header),
        args.function,
        args.calls,
        [f"-I{d}" for d in args.include] + [f"-D{d}" for d in args.define],
        args.syntax,
    )
    if args.output == "-":
        sys.stdout.write(text)
    else:
        write_text_atomic(Path(args.output), text)
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


COMMAND = Command(
    name="thunks",
    help="Arm64EC entry/exit thunks for functions written in assembly",
    description="Read prototypes from a C header (libclang; x64 Windows layouts) and write "
    "an assembly file with the entry thunks (for functions your assembly implements: "
    "--function), exit thunks and guest-exit routines (for functions it calls: --calls), "
    "the .hybmp$x entries and the name -> #name aliases. Name the bodies with "
    "EC_FUNC_BEGIN from ec_thunks.h (ec-buildext --include-dir). Supported: integers, "
    "pointers, arrays as parameters, enums, bool, float, double, structs and unions of "
    "every size (bit-fields included), and variadic functions; over-aligned and empty "
    "structs, vectors and non-default calling conventions are refused with the reason. "
    "A comment in the file says why where a thunk's name is not clang's. "
    "With --syntax armasm64 (MSVC's assembler) the body is "
    "|#NAME| (ksarm64.h's A64NAME), the file defines NAME after the word giving its "
    "entry thunk, and the assembly calls possibly-x64 code through |#NAME.guest_exit|.",
    add_arguments=add_arguments,
    run=run,
)
