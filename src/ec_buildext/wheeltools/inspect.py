"""``ec-buildext inspect``: what each binary really is, view by view (built on LIEF).

For every DLL/PYD/EXE (inside a wheel too): the raw machine, the real kind, the
views (an Arm64X image has a native and an EC view), per view the exports
(forwarders shown as such), imports and code-map ranges, whether each exported
EC function has an entry thunk, and which processes can load it.  The JSON form
is documented in docs/inspect.md and stable.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Optional

from ..arch import ARM64EC, BinaryKind, ProcessKind, arch_of_code_range
from ..peheader import PeFormatError, classify, read_header
from ..plugins import loadable_by
from .validate import BadWheel, open_wheel

__all__ = [
    "BINARY_SUFFIXES",
    "BinaryReport",
    "ExportInfo",
    "InspectError",
    "ViewReport",
    "format_reports",
    "inspect_bytes",
    "inspect_path",
    "reports_json",
]

BINARY_SUFFIXES = (".dll", ".pyd", ".exe")
_MAX_MEMBER = 512 << 20


class InspectError(PeFormatError):
    """An input inspect/audit cannot read (exit 2)."""


@dataclass
class ExportInfo:
    name: str
    rva: int
    forwarded_to: Optional[str] = None
    #: For EC-view functions: does it have an entry thunk (callable from x64)?
    entry_thunk: Optional[bool] = None


@dataclass
class ViewReport:
    arch: BinaryKind
    exports: list[ExportInfo] = field(default_factory=list)
    imports: list[str] = field(default_factory=list)
    code_ranges: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class BinaryReport:
    path: str
    machine: int
    kind: BinaryKind
    views: list[ViewReport]
    loadable_by: list[ProcessKind]
    #: Certain: this binary fails where its kind says it loads.
    problems: list[str] = field(default_factory=list)
    #: Possible: fails only if something outside the image happens (docs/inspect.md).
    warnings: list[str] = field(default_factory=list)


def _lief() -> Any:
    try:
        import lief
    except ImportError:
        raise InspectError(
            "inspect and audit read binaries with LIEF, which is not installed: "
            "pip install ec-buildext[inspect]"
        ) from None
    lief.logging.disable()
    return lief


def _range_kind(start_offset: int) -> str:
    """A code-map entry's kind (the low two bits of its start offset) as a view's name."""
    view = arch_of_code_range(start_offset & 3)
    return "unknown" if view is None else view.name


def _code_ranges(binary: Any) -> list[dict[str, Any]]:
    chpe = binary.load_configuration.chpe_metadata if binary.has_configuration else None
    if chpe is None:
        return []
    return [
        {"kind": _range_kind(r.start_offset), "start": r.start, "end": r.end}
        for r in chpe.code_ranges
    ]


def _entry_thunk(binary: Any, data: bytes, rva: int, ranges: list[dict[str, Any]]) -> bool:
    """Does the EC function behind export ``rva`` have an entry thunk?

    Exports of EC functions point at an x64 thunk that the CHPE redirection table
    sends to the EC function.  lld writes ``thunk - function + 1`` into the four
    bytes before an EC function that has an entry thunk: an odd offset (thunks and
    functions are 4-byte aligned) to EC code.  Without one, those bytes are the end
    of whatever precedes the function (an instruction, or padding).
    """
    chpe = binary.load_configuration.chpe_metadata
    redirect = {r.src: r.dst for r in chpe.redirections}
    target = redirect.get(rva, rva)

    def in_ec_code(address: int) -> bool:
        return any(r["kind"] == ARM64EC.name and r["start"] <= address < r["end"] for r in ranges)

    if not in_ec_code(target):
        return True  # not EC code (data, or x64 code): needs no entry thunk
    offset = binary.rva_to_offset(target - 4)
    if offset + 4 > len(data):
        return False
    word = int.from_bytes(data[offset : offset + 4], "little", signed=True)
    thunk = target + word - 1
    return word % 4 == 1 and thunk != target and in_ec_code(thunk)


def _text(name: Any) -> str:
    """A name from the binary as text: LIEF gives bytes for a name that is not UTF-8
    (shown with backslash escapes, as Python shows such bytes)."""
    if isinstance(name, bytes):
        return name.decode("utf-8", errors="backslashreplace")
    return str(name)


def _view(
    binary: Any, arch: BinaryKind, data: bytes, ranges: list[dict[str, Any]], ec_view: bool
) -> ViewReport:
    view = ViewReport(arch, code_ranges=ranges)
    if binary.has_exports:
        for entry in binary.get_export().entries:
            forwarded = _text(entry.forward_information) if entry.is_forwarded else None
            name = _text(entry.name) if entry.name else f"#{entry.ordinal}"
            export = ExportInfo(name, entry.address, forwarded)
            if ec_view and not forwarded:
                export.entry_thunk = _entry_thunk(binary, data, entry.address, ranges)
            view.exports.append(export)
        view.exports.sort(key=lambda e: e.name)
    view.imports = sorted({_text(imp.name) for imp in binary.imports})
    return view


def _judge_missing_thunks(report: BinaryReport, missing: list[str]) -> None:
    """Sort exported EC code without an entry thunk into certain and possible crashes.

    The image shows that x64 code entering there would crash, not that any does:
    who calls an export is outside it.  Certain is ``PyInit_*`` of a module (x64
    CPython calls it on import).  The rest may be labels no one calls, such as
    ``__NLG_Dispatch2``/``__NLG_Return2`` in Microsoft's vcruntime140 (points a
    debugger watches during unwinding), or functions only ARM64 code calls."""
    certain = [n for n in missing if n.startswith("PyInit_") and report.path.endswith(".pyd")]
    possible = [n for n in missing if n not in certain]
    if certain:
        report.problems.append(
            f"exported EC functions without an entry thunk (x64 CPython calls them and "
            f"would crash): {', '.join(certain)}"
        )
    if possible:
        report.warnings.append(
            f"exported EC code without an entry thunk (an x64 caller would crash; fine if "
            f"no x64 code calls it, as for labels): {', '.join(possible)}"
        )


def inspect_bytes(data: bytes, name: str) -> BinaryReport:
    """Report on one PE image given as bytes; InspectError if it cannot be read."""
    try:
        header = read_header(data, name)
        kind = classify(header)
    except PeFormatError as e:
        raise InspectError(str(e)) from None
    lief = _lief()
    config = lief.PE.ParserConfig()
    config.parse_arm64x_binary = True
    binary = lief.PE.parse(data, config)
    if binary is None:
        raise InspectError(f"{name}: LIEF cannot parse this PE image")
    try:
        ranges = _code_ranges(binary)
        if kind in (BinaryKind.ARM64X, BinaryKind.ARM64X_FORWARDER):
            nested = binary.nested_pe_binary
            if nested is None:
                raise InspectError(
                    f"{name}: Arm64X image whose EC view cannot be read "
                    "(damaged dynamic value relocation table?)"
                )
            views = [
                _view(binary, BinaryKind.ARM64, data, ranges, False),
                _view(nested, BinaryKind.ARM64EC, data, ranges, True),
            ]
        else:
            views = [_view(binary, kind, data, ranges, kind is BinaryKind.ARM64EC)]
    except (RuntimeError, ValueError, AttributeError, TypeError) as e:
        raise InspectError(f"{name}: damaged PE image ({e})") from None
    report = BinaryReport(name, header.machine, kind, views, list(loadable_by(kind)))
    for view in views:
        _judge_missing_thunks(report, [e.name for e in view.exports if e.entry_thunk is False])
    if len(views) == 2:
        native = {e.name for e in views[0].exports}
        ec = {e.name for e in views[1].exports}
        if native - ec:
            report.problems.append(
                "the EC view lacks exports the native view has (x64 processes will not find "
                f"them): {', '.join(sorted(native - ec))}"
            )
    return report


def _wheel_reports(path: Path) -> list[BinaryReport]:
    try:
        wheel, _ = open_wheel(path)
    except BadWheel as e:
        raise InspectError(str(e)) from None
    with wheel:
        reports = []
        for info in wheel.infolist():
            if info.filename.lower().endswith(BINARY_SUFFIXES):
                if info.file_size > _MAX_MEMBER:
                    raise InspectError(f"{path}: {info.filename} is too large to inspect")
                reports.append(inspect_bytes(wheel.read(info), info.filename))
        return reports


def inspect_path(path: Path) -> list[BinaryReport]:
    """Reports for a binary, or for every binary inside a wheel (checked by
    :func:`~ec_buildext.wheeltools.validate.open_wheel`, read in memory)."""
    if not path.is_file():
        raise InspectError(f"{path}: no such file")
    if path.suffix.lower() == ".whl":
        try:
            return _wheel_reports(path)
        except (zipfile.BadZipFile, OSError, EOFError) as e:
            raise InspectError(f"{path}: not a readable wheel ({e})") from None
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InspectError(f"{path}: {e.strerror}") from None
    return [inspect_bytes(data, str(path))]


def reports_json(reports: list[BinaryReport]) -> str:
    return json.dumps([asdict(r) for r in reports], indent=2)


def format_reports(reports: list[BinaryReport]) -> str:
    """The human-readable form: one block per binary, one line per view."""
    lines: list[str] = []
    for r in reports:
        lines.append(f"{r.path}")
        lines.append(
            f"  kind {r.kind} (raw machine {r.machine:#06x}), loadable by "
            f"{', '.join(r.loadable_by)} processes"
        )
        for v in r.views:
            ranges = ", ".join(f"{c['kind']} {c['start']:#x}-{c['end']:#x}" for c in v.code_ranges)
            lines.append(
                f"  view {v.arch}: {len(v.exports)} exports, imports "
                f"{', '.join(v.imports) or 'nothing'}" + (f"; code {ranges}" if ranges else "")
            )
            for e in v.exports:
                note = f" -> {e.forwarded_to}" if e.forwarded_to else ""
                if e.entry_thunk is not None:
                    note += "" if e.entry_thunk else "  (NO ENTRY THUNK)"
                lines.append(f"    {e.name}{note}")
        lines += [f"  problem: {p}" for p in r.problems]
        lines += [f"  warning: {w}" for w in r.warnings]
    return "\n".join(lines)
