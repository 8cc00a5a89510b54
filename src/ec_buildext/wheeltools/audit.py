"""``ec-buildext audit WHEEL``: can every binary load where the wheel's tag promises?

A wheel tag promises processes: ``win_amd64`` x64 CPython (an x64 process, or an
Arm64EC one on Windows on Arm), ``win_arm64`` native ARM64 CPython,
``win_arm64ec`` x64 CPython on Windows on Arm, ``win32`` x86.  Every binary must
load in every promised process, an Arm64X module's EC view must export what its
native view does, a module's file name must be one the promised CPython imports,
and a module's ``PyInit_*`` must have an entry thunk.  Other exported EC code
without an entry thunk is a warning: only its callers, which the wheel does not
show, decide whether it crashes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..arch import PROCESSES, WHEEL_TAG_PROCESSES, ProcessKind, promised_processes
from ..errors import UserError
from .inspect import BinaryReport, InspectError, inspect_path
from .retag import parse_wheel_name

__all__ = ["PROMISES", "Findings", "audit_reports", "audit_wheel"]

#: Process kinds each wheel platform tag promises to load in.
PROMISES = WHEEL_TAG_PROCESSES
_MODULE_SUFFIX = re.compile(r"\.cp\d+-(?P<plat>[a-z0-9_]+)\.pyd$")


def _name_problem(member: str, processes: frozenset[ProcessKind]) -> str:
    if not member.lower().endswith(".pyd"):
        return ""  # DLLs loaded with ctypes/LoadLibrary may be named anything
    m = _MODULE_SUFFIX.search(member)
    if m is None:
        return ""  # plain name.pyd: every Windows CPython imports it
    wanted = {PROCESSES[p].cpython_platform for p in processes}
    if {m["plat"]} != wanted:
        return (
            f"{member}: CPython for {', '.join(sorted(wanted))} does not import a module "
            f"named .cpXY-{m['plat']}.pyd (name it name.cpXY-{min(wanted)}.pyd"
            f"{' or plain name.pyd' if len(wanted) > 1 else ''})"
        )
    return ""


@dataclass
class Findings:
    """What an audit found: ``problems`` are certain (exit 1); ``warnings`` are
    possible, depending on what the image cannot show (exit 0, printed)."""

    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def audit_reports(wheel_name: str, reports: list[BinaryReport]) -> Findings:
    """What is wrong with a wheel named ``wheel_name`` whose binaries are ``reports``."""
    platforms = parse_wheel_name(wheel_name).platforms
    unknown = [p for p in platforms if p not in PROMISES]
    found = Findings([f"platform tag {p} is not a Windows tag this audit knows" for p in unknown])
    promised = promised_processes(platforms)
    for r in reports:
        unable = sorted(promised - set(r.loadable_by))
        if unable:
            found.problems.append(
                f"{r.path}: {r.kind} binary, loadable only by {', '.join(r.loadable_by)} "
                f"processes, but the tag {'.'.join(platforms)} promises {', '.join(unable)} "
                "processes too"
            )
        found.problems += [f"{r.path}: {p}" for p in r.problems]
        found.warnings += [f"{r.path}: {w}" for w in r.warnings]
        name_problem = _name_problem(r.path, promised)
        if name_problem:
            found.problems.append(name_problem)
    return found


def audit_wheel(path: Path) -> Findings:
    """What is wrong with the wheel at ``path``; InspectError if it cannot be read."""
    try:
        parse_wheel_name(path.name)
    except UserError as e:
        raise InspectError(str(e)) from None
    return audit_reports(path.name, inspect_path(path))
