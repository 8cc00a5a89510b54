"""``ec-buildext doctor``: the toolchains found here and what each arch can build."""

from __future__ import annotations

import argparse
import sys

from .command import Command, add_llvm_root

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_llvm_root(parser)


def run(args: argparse.Namespace) -> int:
    from .. import __version__
    from ..arch import ARCHES, get_arch
    from ..errors import UserError
    from ..toolchains.llvm import find_llvm, mingw_root
    from ..toolchains.msvc import find_msvc

    print(f"ec-buildext {__version__} on {sys.platform}, Python {sys.version.split()[0]}")
    try:
        llvm = find_llvm(args.llvm_root or "")
    except UserError as e:
        llvm = None
        print(f"LLVM: not usable: {e}")
    if llvm is not None:
        print(f"LLVM: {llvm.version_text} from {llvm.origin}")
        for name, path in sorted(llvm.tools.items()):
            print(f"  {name:<13} {path}")
    mingw = mingw_root()
    print(f"mingw-w64 headers for CRT-less builds: {mingw or 'not found (pip install ziglang)'}")
    msvc = find_msvc(get_arch("arm64ec"))
    if msvc is not None:
        print(f"MSVC: {msvc.describe()}")
    else:
        print("MSVC: not found" + (" (not Windows)" if sys.platform != "win32" else ""))
    print("What this machine can build:")
    for arch in ARCHES.values():
        if msvc is not None:
            reason = "yes, with MSVC"
        elif llvm is None:
            reason = "no: no LLVM"
        elif llvm.version[0] < arch.min_llvm:
            reason = f"no: LLVM {llvm.version_text} < {arch.min_llvm}"
        elif sys.platform != "win32" and mingw is None:
            reason = "no: CRT-less builds need the ziglang wheel's mingw-w64 headers (or a sysroot)"
        else:
            reason = "yes, with clang-cl" + (
                "" if sys.platform == "win32" else " (cross, CRT-less or sysroot)"
            )
        print(f"  {arch.name:<8} -> {arch.wheel_tag:<12} {reason}")
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
    return 0


def _libclang_loads() -> bool:
    try:
        from clang import cindex  # type: ignore[import-untyped]  # no stubs

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
