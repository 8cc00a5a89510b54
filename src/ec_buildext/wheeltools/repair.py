"""``ec-buildext repair``: vendor the DLLs a wheel's binaries import, view by view.

delvewheel knows machines 0x14c, 0x8664 and 0xaa64 only and rejects
multi-architecture tags, so it cannot repair Arm64EC or Arm64X wheels.  This
does what those wheels need and says exactly what it cannot do:

* every DLL a view of a binary imports (not a Windows system DLL, not already in
  the wheel beside it) is looked up in the ``--add-path`` folders;
* the DLL found must load in every process that view is loaded by under the
  wheel's tag (the EC view of an Arm64X module: x64-ABI processes; its native
  view: ARM64 ones).  One file serves both views of an Arm64X module, so its
  dependency must be Arm64X too, or an Arm64X pure forwarder (whose targets are
  then vendored the same way);
* found DLLs are copied next to the binary that imports them (CPython and
  ``ctypes`` load extension dependencies from the importing DLL's folder), and
  their own imports are followed.  Names are not mangled.

Sibling wheels of the same project and version (built beside it by a multi-arch
build) are repaired too, into ``--extra-wheels-to``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Optional

from ..arch import PROCESSES, BinaryKind, ProcessKind, processes_of_platform, promised_processes
from ..errors import UserError
from ..peheader import PeFormatError, classify, read_header
from ..plugins import loadable_by
from .inspect import BinaryReport, inspect_bytes, inspect_path
from .retag import parse_wheel_name, rewrite_wheel
from .validate import open_wheel

__all__ = ["RepairResult", "is_system_dll", "repair_wheel"]

#: Windows system DLLs (System32): every machine has them.
_SYSTEM = frozenset(
    (
        "kernel32",
        "kernelbase",
        "ntdll",
        "user32",
        "gdi32",
        "gdiplus",
        "advapi32",
        "shell32",
        "shlwapi",
        "ole32",
        "oleaut32",
        "comctl32",
        "comdlg32",
        "ws2_32",
        "wsock32",
        "iphlpapi",
        "bcrypt",
        "crypt32",
        "secur32",
        "rpcrt4",
        "setupapi",
        "version",
        "winmm",
        "winspool",
        "imm32",
        "dbghelp",
        "psapi",
        "userenv",
        "uxtheme",
        "dwmapi",
        "opengl32",
        "d3d11",
        "d3d12",
        "dxgi",
        "ucrtbase",
        "msvcrt",
        "mswsock",
        "netapi32",
        "wtsapi32",
        "powrprof",
        "pdh",
        "cfgmgr32",
        "normaliz",
        "ncrypt",
    )
)
_PYTHON = re.compile(r"^python3\d*(_d)?$")


def is_system_dll(name: str) -> bool:
    """A DLL every Windows machine (or every CPython) provides: never vendored."""
    stem = name.lower().removesuffix(".dll")
    return (
        stem in _SYSTEM or bool(_PYTHON.match(stem)) or stem.startswith(("api-ms-win-", "ext-ms-"))
    )


def _view_processes(view: BinaryKind) -> set[ProcessKind]:
    """Process kinds a view of a binary runs in: those of the CPython its code is for
    (an Arm64EC view runs in x64 CPython, on ARM64 machines)."""
    return set(processes_of_platform(PROCESSES[ProcessKind(view.value)].cpython_platform))


@dataclass
class RepairResult:
    wheel: Path
    vendored: list[str]


def _find(name: str, add_paths: list[Path]) -> Optional[Path]:
    for folder in add_paths:
        for candidate in folder.glob("*"):
            if candidate.name.lower() == name.lower() and candidate.is_file():
                return candidate
    return None


def _forward_targets(report: BinaryReport) -> list[tuple[BinaryKind, str]]:
    """(view arch, DLL) each forwarder export of a pure forwarder sends the loader to."""
    out = []
    for view in report.views:
        for module in sorted(
            {e.forwarded_to.rsplit(".", 1)[0] for e in view.exports if e.forwarded_to}
        ):
            out.append((view.arch, f"{module}.dll"))
    return out


def _check_view(
    report: BinaryReport,
    view: BinaryKind,
    dll: str,
    found: Path,
    kind: BinaryKind,
    promised: frozenset[ProcessKind],
    problems: list[str],
) -> bool:
    """Can every process that loads ``view`` of ``report`` load ``found``?

    Those are the processes of the view that the tag promises, and, for an Arm64X
    binary, every process it was built to load in: its EC view serves x64 processes
    on Windows on Arm even in a wheel tagged win_arm64."""
    needed = sorted(_view_processes(view) & (promised | set(report.loadable_by)))
    cannot = [p for p in needed if p not in loadable_by(kind)]
    if cannot:
        problems.append(
            f"{report.path} ({view} view, loaded by {', '.join(needed)} processes) imports "
            f"{dll}; {found} is an {kind} DLL, which {', '.join(cannot)} processes cannot "
            "load. Provide a build of it they can load (for an Arm64X module: an Arm64X "
            f"{dll}, or an Arm64X pure forwarder made with `ec-buildext forwarder` plus "
            "the DLLs it forwards to)"
        )
    return not cannot


def _plan_vendoring(
    reports: list[BinaryReport],
    members: set[str],
    promised: frozenset[ProcessKind],
    add_paths: list[Path],
) -> tuple[dict[str, bytes], list[str], list[str]]:
    vendored: dict[str, bytes] = {}
    kinds: dict[str, BinaryKind] = {}
    found_at: dict[str, Path] = {}
    notes: list[str] = []
    problems: list[str] = []
    present = {m.lower() for m in members}
    queue = [(r, view.arch, dll) for r in reports for view in r.views for dll in view.imports]
    queue += [(r, arch, dll) for r in reports for arch, dll in _forward_targets(r)]
    while queue:
        report, view, dll = queue.pop(0)
        if is_system_dll(dll):
            continue
        folder = str(PurePosixPath(report.path).parent)
        target = dll if folder == "." else f"{folder}/{dll}"
        if target.lower() in present:
            continue
        if target in kinds:  # already vendored for another view: must suit this one too
            _check_view(report, view, dll, found_at[target], kinds[target], promised, problems)
            continue
        found = _find(dll, add_paths)
        if found is None:
            problems.append(
                f"{report.path} ({view} view) imports {dll}, which is not a Windows system "
                f"DLL and is not in {', '.join(map(str, add_paths)) or 'any --add-path folder'}:"
                " add its folder with --add-path"
            )
            continue
        try:
            kind = classify(read_header(found))
        except PeFormatError as e:
            problems.append(f"{found} (imported by {report.path}) is not a usable DLL: {e}")
            continue
        kinds[target], found_at[target] = kind, found
        if not _check_view(report, view, dll, found, kind, promised, problems):
            continue
        data = found.read_bytes()
        vendored[target] = data
        notes.append(f"vendored {found} as {target} ({kind}; for the {view} view of {report.path})")
        dep = inspect_bytes(data, target)
        queue += [(dep, v.arch, d) for v in dep.views for d in v.imports]
        queue += [(dep, arch, d) for arch, d in _forward_targets(dep)]
    return vendored, notes, problems


def _repair_one(wheel: Path, dest: Path, add_paths: list[Path]) -> RepairResult:
    promised = promised_processes(parse_wheel_name(wheel.name).platforms)
    z, _ = open_wheel(wheel)  # refused before anything is planned or written
    with z:
        members = set(z.namelist())
    vendored, notes, problems = _plan_vendoring(inspect_path(wheel), members, promised, add_paths)
    if problems:
        raise UserError(
            f"cannot repair {wheel.name}; nothing was written:\n"
            + "\n".join(f"  - {p}" for p in problems)
        )
    dest.mkdir(parents=True, exist_ok=True)
    out = rewrite_wheel(wheel, dest / wheel.name, add=vendored)
    for note in notes:
        print(f"ec-buildext: {note}")
    return RepairResult(out, sorted(vendored))


def repair_wheel(
    wheel: Path, dest: Path, add_paths: list[Path], extra_wheels_to: Optional[Path] = None
) -> list[RepairResult]:
    """Repair ``wheel`` into ``dest``; its multi-arch siblings into ``extra_wheels_to``."""
    if not wheel.is_file():
        raise UserError(f"{wheel}: no such wheel file.")
    stem = parse_wheel_name(wheel.name).stem
    siblings = sorted(
        p
        for p in wheel.parent.glob(f"{stem}-*.whl")
        if p != wheel and parse_wheel_name(p.name).stem == stem
    )
    results = [_repair_one(wheel, dest, add_paths)]
    if siblings and extra_wheels_to is None:
        print(
            f"ec-buildext: warning: {', '.join(p.name for p in siblings)} were built beside "
            f"{wheel.name} and are not repaired: give --extra-wheels-to"
        )
    elif siblings:
        assert extra_wheels_to is not None
        results += [_repair_one(p, extra_wheels_to, add_paths) for p in siblings]
    return results
