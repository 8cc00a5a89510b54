"""``ec-buildext doctor``: the toolchains found here and what each arch can build."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from .command import Command, add_llvm_root

if TYPE_CHECKING:
    from ..arch import Arch

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_llvm_root(parser)


def run(args: argparse.Namespace) -> int:
    from .. import __version__
    from ..arch import ARCHES, ARM64EC
    from ..errors import UserError
    from ..toolchains.llvm import find_llvm, mingw_root
    from ..toolchains.msvc import find_msvc

    print(f"ec-buildext {__version__} on {sys.platform}, Python {sys.version.split()[0]}")
    llvm_usable = True
    try:
        llvm = find_llvm(args.llvm_root or "")
        print(f"LLVM: {llvm.version_text} from {llvm.origin}")
        for name, path in sorted(llvm.tools.items()):
            print(f"  {name:<13} {path}")
    except UserError as e:
        llvm_usable = False
        print(f"LLVM: not usable: {e}")
    mingw = mingw_root()
    print(f"mingw-w64 headers for CRT-less builds: {mingw or 'not found (pip install ziglang)'}")
    msvc = find_msvc(ARM64EC)
    if msvc is not None:
        print(f"MSVC: {msvc.describe()}")
    else:
        print("MSVC: not found" + (" (not Windows)" if sys.platform != "win32" else ""))
    print("What this machine can build (the choice a build makes, runtime prepared):")
    for arch in ARCHES.values():
        print(f"  {arch.name:<8} -> {arch.wheel_tag:<12} {_verdict(arch, args.llvm_root or '')}")
    print("Optional parts:")
    for extra, what, check in (
        ("thunks", "ec-buildext thunks (reads C headers with libclang)", _libclang_loads),
        (
            "inspect",
            "ec-buildext inspect / audit / repair (reads binaries with LIEF)",
            _lief_imports,
        ),
    ):
        print(f"  {what}: {'yes' if check() else f'no: pip install ec-buildext[{extra}]'}")
    # An LLVM asked for by name that cannot be used is a failure, not a report.
    return 1 if args.llvm_root and not llvm_usable else 0


def _verdict(arch: Arch, llvm_root: str) -> str:
    """Whether a build of ``arch`` would start here, and with what: the plan's own choice."""
    from ..errors import UserError
    from ..plan import ClangCl, choose_compiler

    try:
        compiler = choose_compiler(arch, llvm_root=llvm_root)
    except UserError as e:
        return f"no: {str(e).split('. ')[0]}"
    if not isinstance(compiler, ClangCl):
        return "yes, with MSVC"
    return f"yes, with clang-cl; runtime: {compiler.runtime.describe()}"


def _libclang_loads() -> bool:
    try:
        from clang import cindex

        cindex.conf.lib  # loads the shared library  # noqa: B018
    except Exception:  # ImportError, or cindex's LibclangError when the library is missing
        return False
    return True


def _lief_imports() -> bool:
    try:
        import lief  # noqa: F401
    except ImportError:
        return False
    return True


COMMAND = Command(
    name="doctor",
    help="show the toolchains found and what each arch can build",
    description="Report LLVM, MSVC and mingw-w64 headers found here, with "
    "versions, and which architectures this machine can build.",
    add_arguments=add_arguments,
    run=run,
)
