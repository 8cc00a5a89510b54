"""The ``ec-buildext`` command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional

from . import __version__, cmake_dir, get_include
from .arch import ARCHES, get_arch
from .cache import write_text_atomic
from .errors import UserError, fail
from .settings import SETTINGS, load_settings, settings_docs
from .thunks import SYNTAXES
from .toolchains.llvm import find_llvm, mingw_root
from .toolchains.msvc import find_msvc
from .wheeltools.retag import retag_wheel

__all__ = ["main"]


def _cmd_settings(args: argparse.Namespace) -> int:
    if args.docs:
        print(settings_docs(), end="")
        return 0
    settings = load_settings(Path(args.project))
    width = max(len(s.name) for s in SETTINGS)
    for spec in SETTINGS:
        value = settings[spec.name] or "(empty)"
        print(f"{spec.name:<{width}}  {value:<24}  from {settings.sources[spec.name]}")
    return 0


def _cmd_doctor(args: argparse.Namespace) -> int:
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


def _cmd_toolchain(args: argparse.Namespace) -> int:
    from .cmake_toolchain import render
    from .plan import choose_compiler

    arch = get_arch(args.arch)
    # The same choice as a build's, with --compiler for the toolchain setting.
    compiler = choose_compiler(
        arch,
        toolchain=args.compiler,
        llvm_root=args.llvm_root or "",
        sysroot=Path(args.sysroot) if args.sysroot else None,
    )
    text = render(arch, compiler)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        write_text_atomic(Path(args.output), text)
        print(f"wrote {args.output}: {arch.name} with {args.compiler}", file=sys.stderr)
    return 0


def _cmd_forwarder(args: argparse.Namespace) -> int:
    from .forwarder import build_pure_forwarder

    out = build_pure_forwarder(
        find_llvm(args.llvm_root or ""), Path(args.output), Path(args.native), Path(args.ec)
    )
    print(f"wrote {out}: Arm64X pure forwarder", file=sys.stderr)
    return 0


def _cmd_inspect(args: argparse.Namespace) -> int:
    from .wheeltools.inspect import format_reports, inspect_path, reports_json

    reports = [r for path in args.paths for r in inspect_path(Path(path))]
    print(reports_json(reports) if args.json else format_reports(reports))
    return 0


def _cmd_audit(args: argparse.Namespace) -> int:
    from .wheeltools.audit import audit_wheel

    problems = audit_wheel(Path(args.wheel))
    for problem in problems:
        print(f"problem: {problem}")
    print(f"{args.wheel}: {len(problems)} problem(s)" if problems else f"{args.wheel}: OK")
    return 1 if problems else 0


def _cmd_install(args: argparse.Namespace) -> int:
    from .wheeltools.install import install_wheel

    print(f"installed {install_wheel(Path(args.wheel), force=args.force)}")
    return 0


def _cmd_repair(args: argparse.Namespace) -> int:
    from .wheeltools.repair import repair_wheel

    results = repair_wheel(
        Path(args.wheel),
        Path(args.wheel_dir),
        [Path(p) for p in args.add_path],
        Path(args.extra_wheels_to) if args.extra_wheels_to else None,
    )
    for result in results:
        print(f"wrote {result.wheel} ({len(result.vendored)} DLL(s) vendored)")
    return 0


def _cmd_cibw(args: argparse.Namespace) -> int:
    from .wheeltools.cibw import cibw_toml, workflow_yaml

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


def _cmd_thunks(args: argparse.Namespace) -> int:
    from .thunks import thunks_for_header

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


def _cmd_retag(args: argparse.Namespace) -> int:
    out = retag_wheel(
        Path(args.wheel), args.platform, Path(args.output_dir) if args.output_dir else None
    )
    print(out)
    return 0


def build_parser() -> argparse.ArgumentParser:
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

    p = sub.add_parser(
        "settings",
        help="show the effective settings and where each came from",
        description="Show the effective settings of a project: pyproject.toml "
        "[tool.ec-buildext], then EC_BUILDEXT_* environment variables.",
    )
    p.add_argument("project", nargs="?", default=".", help="project folder (default: .)")
    p.add_argument("--docs", action="store_true", help="print the settings table as Markdown")
    p.set_defaults(func=_cmd_settings)

    p = sub.add_parser(
        "doctor",
        help="show the toolchains found and what each arch can build",
        description="Report LLVM, MSVC and mingw-w64 headers found here, with "
        "versions, and which architectures this machine can build.",
    )
    p.add_argument("--llvm-root", help="LLVM folder, or 'ziglang' (default: discovery order)")
    p.set_defaults(func=_cmd_doctor)

    p = sub.add_parser(
        "toolchain",
        help="write a CMake toolchain file",
        description="Write a CMake toolchain file for a target, usable alone: "
        "cmake -G Ninja -DCMAKE_TOOLCHAIN_FILE=FILE ...  Without --sysroot on a "
        "non-Windows host the file sets up a CRT-less build.",
    )
    p.add_argument("--arch", required=True, choices=list(ARCHES), help="target architecture")
    p.add_argument(
        "--compiler",
        default="clang-cl",
        choices=("clang-cl", "msvc"),
        help="compiler family (default: clang-cl)",
    )
    p.add_argument("--llvm-root", help="LLVM folder, or 'ziglang' (default: discovery order)")
    p.add_argument("--sysroot", help="Windows SDK + MSVC CRT tree (xwin or copied VS layout)")
    p.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    p.set_defaults(func=_cmd_toolchain)

    p = sub.add_parser(
        "forwarder",
        help="link an Arm64X pure-forwarder DLL",
        description="Link an Arm64X DLL with no code whose native view forwards every export "
        "of --native and whose EC (x64) view forwards every export of --ec. Each is a .dll "
        "(exports read from it, forwarded to its file name) or a .def file (forwarded to its "
        "LIBRARY name).",
    )
    p.add_argument("--native", required=True, help="e.g. foo_arm64.dll or foo_arm64.def")
    p.add_argument("--ec", required=True, help="e.g. foo_x64.dll or foo_x64.def")
    p.add_argument("-o", "--output", required=True, help="forwarder DLL to write, e.g. foo.dll")
    p.add_argument("--llvm-root", help="LLVM folder, or 'ziglang' (default: discovery order)")
    p.set_defaults(func=_cmd_forwarder)

    p = sub.add_parser(
        "inspect",
        help="show what each binary is: kind, views, exports, imports, code map, loaders",
        description="For each DLL/PYD/EXE (or each inside a wheel): raw machine, real kind "
        "(x86, x64, arm64, arm64ec, arm64x, arm64x-forwarder), each view's exports, imports "
        "and code ranges, entry-thunk coverage of EC exports, which processes can load it. "
        "Exit 2 on an unreadable input.",
    )
    p.add_argument("paths", nargs="+", metavar="FILE|WHEEL")
    p.add_argument("--json", action="store_true", help="the stable JSON form (docs/inspect.md)")
    p.set_defaults(func=_cmd_inspect)

    p = sub.add_parser(
        "audit",
        help="fail when a wheel's binaries cannot load where its tag promises",
        description="Exit 1 when a binary cannot load in the processes the wheel's platform "
        "tag promises, an exported EC function has no entry thunk, an Arm64X module's EC view "
        "lacks an export of its native view, or a module's file name is one the promised "
        "CPython does not import. Exit 2 on an unreadable wheel.",
    )
    p.add_argument("wheel")
    p.set_defaults(func=_cmd_audit)

    p = sub.add_parser(
        "install",
        help="install a wheel pip refuses (win_arm64ec) into this environment",
        description="Install with pypa's installer after checking that this interpreter can "
        "load the wheel's binaries (win_arm64ec: x64 Python on an ARM64 machine). Recorded so "
        "that pip list and pip uninstall see it.",
    )
    p.add_argument("wheel")
    p.add_argument(
        "--force",
        action="store_true",
        help="install even if this interpreter cannot load it (with a warning)",
    )
    p.set_defaults(func=_cmd_install)

    p = sub.add_parser(
        "repair",
        help="vendor the DLLs a wheel's binaries import, per view (delvewheel for EC/X)",
        description="Copy each non-system DLL that a view of a binary imports, found in "
        "--add-path folders, next to that binary, after checking it loads in every process "
        "that view is loaded by. Refuses, naming each missing or unloadable DLL, rather than "
        "write a wheel that would not load. Names are not mangled.",
    )
    p.add_argument("wheel")
    p.add_argument("-w", "--wheel-dir", required=True, help="folder for the repaired wheel")
    p.add_argument(
        "--add-path",
        action="append",
        default=[],
        metavar="DIR",
        help="folder to look for DLLs in (repeatable)",
    )
    p.add_argument(
        "--extra-wheels-to",
        metavar="DIR",
        help="repair other-arch wheels built beside WHEEL (arch lists) into DIR",
    )
    p.set_defaults(func=_cmd_repair)

    p = sub.add_parser(
        "cibw",
        help="print (or add) a [tool.cibuildwheel] block and a workflow for EC/X wheels",
        description="Arm64EC: cibuildwheel's *-win_amd64 identifiers built as arm64ec "
        "(tests skipped there: pip refuses win_arm64ec; the workflow tests them on "
        "windows-11-arm). Arm64X: the *-win_arm64 identifiers. 'x64,arm64ec': both from "
        "*-win_amd64 in one job. Repair and audit with ec-buildext (delvewheel knows "
        "neither). See docs/cibuildwheel.md.",
    )
    p.add_argument("--arch", required=True, choices=("arm64ec", "arm64x", "x64,arm64ec"))
    p.add_argument(
        "--write",
        nargs="?",
        const="pyproject.toml",
        metavar="PYPROJECT",
        help="add the block to PYPROJECT (default: pyproject.toml) instead of printing it",
    )
    p.add_argument(
        "--workflow",
        metavar="FILE",
        help="also write a GitHub Actions workflow to FILE ('-': print it)",
    )
    p.set_defaults(func=_cmd_cibw)

    p = sub.add_parser(
        "thunks",
        help="Arm64EC entry/exit thunks for functions written in assembly",
        description="Read prototypes from a C header (libclang; x64 Windows layouts) and write "
        "an assembly file with the entry thunks (for functions your assembly implements: "
        "--function), exit thunks and guest-exit routines (for functions it calls: --calls), "
        "the .hybmp$x entries and the name -> #name aliases. Name the bodies with "
        "EC_FUNC_BEGIN from ec_thunks.h (ec-buildext --include-dir). Supported: integers, "
        "pointers, enums, bool, float, double, structs and unions of every size, and "
        "variadic functions; bit-fields, vectors and non-default calling conventions are "
        "refused with the reason. With --syntax armasm64 (MSVC's assembler) the body is "
        "|#NAME| (ksarm64.h's A64NAME), the file defines NAME after the word giving its "
        "entry thunk, and the assembly calls possibly-x64 code through |#NAME.guest_exit|.",
    )
    p.add_argument("header", help="the C header that declares the functions")
    p.add_argument(
        "--function",
        action="append",
        default=[],
        metavar="NAME",
        help="a function your assembly implements (repeatable)",
    )
    p.add_argument(
        "--calls",
        action="append",
        default=[],
        metavar="NAME",
        help="a function your assembly calls, maybe x64 code (repeatable)",
    )
    p.add_argument(
        "-I",
        "--include",
        action="append",
        default=[],
        metavar="DIR",
        help="include folder for the header (repeatable)",
    )
    p.add_argument(
        "-D",
        "--define",
        action="append",
        default=[],
        metavar="NAME[=VALUE]",
        help="preprocessor definition for the header (repeatable)",
    )
    p.add_argument(
        "--syntax",
        default="gnu",
        choices=SYNTAXES,
        help="assembler syntax: gnu (default; clang, llvm-mc) or armasm64 (MSVC's "
        "armasm64 -machine ARM64EC; the body is then |#NAME| and the file defines NAME)",
    )
    p.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    p.set_defaults(func=_cmd_thunks)

    p = sub.add_parser(
        "retag",
        help="rewrite a wheel's platform tag (name, WHEEL, RECORD)",
        description="Copy WHEEL with a new platform tag, members copied without "
        "recompression, written atomically.",
    )
    p.add_argument("wheel", help="the .whl file")
    p.add_argument("--platform", required=True, help="new platform tag, e.g. win_arm64ec")
    p.add_argument("-d", "--output-dir", help="output folder (default: beside the wheel)")
    p.set_defaults(func=_cmd_retag)
    return parser


def main(argv: Optional[list[str]] = None) -> int:
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
    from .peheader import PeFormatError

    try:
        return int(args.func(args))
    except PeFormatError as e:  # unreadable binary or wheel: exit 2, as documented
        fail(e, code=2)
    except UserError as e:
        fail(e)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
