"""inspect and audit on binaries nobody here built: Microsoft's VC++ runtime DLLs for
Windows on Arm, as PyPI's msvc-runtime wheel ships them (Arm64X DLLs, and an
Arm64EC-only vcruntime140_1.dll), checked against Debian's llvm-readobj."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from ..support.commands import ec, run
from ..support.wheels import DIST, make_wheel

pytestmark = pytest.mark.slow  # downloads and reads Microsoft's runtime wheel

_FORMATS = {"COFF-ARM64X": "arm64x", "COFF-ARM64EC": "arm64ec", "COFF-ARM64": "arm64"}
_EXPORT = re.compile(r"Name: (\S+)\n\s*RVA: (0x[0-9A-F]+)")
_RANGE = re.compile(r"(0x[0-9A-F]+) - (0x[0-9A-F]+)\s+(ARM64EC|ARM64|X64)\n")


@pytest.fixture(scope="module")
def reports(msvc_runtime_wheel: Path) -> dict[str, dict[str, Any]]:
    proc = ec("inspect", "--json", str(msvc_runtime_wheel))
    return {r["path"]: r for r in json.loads(proc.stdout)}


def _readobj_view_exports(readobj: str, dll: Path) -> tuple[str, list[dict[str, int]]]:
    """The file's format and, per view (native first), its exports {name: rva}."""
    text = run([readobj, "--coff-exports", str(dll)]).stdout
    kind = _FORMATS[re.search(r"Format: (\S+)", text)[1]]  # type: ignore[index]
    parts = text.split("HybridObject {")
    return kind, [{n: int(rva, 16) for n, rva in _EXPORT.findall(part)} for part in parts]


def _readobj_code_map(readobj: str, dll: Path) -> list[dict[str, Any]]:
    text = run([readobj, "--coff-load-config", str(dll)]).stdout
    if "CodeMap [" not in text:
        return []
    block = text.split("CodeMap [", 1)[1].split("]", 1)[0]
    return [
        {"kind": k.lower(), "start": int(a, 16), "end": int(b, 16)}
        for a, b, k in _RANGE.findall(block + "\n")
    ]


def test_inspect_matches_llvm_readobj(
    msvc_runtime_wheel: Path, reports: dict[str, dict[str, Any]], readobj_tool: str, tmp_path: Path
) -> None:
    with zipfile.ZipFile(msvc_runtime_wheel) as z:
        binaries = [n for n in z.namelist() if n.lower().endswith((".dll", ".pyd"))]
        assert len(binaries) >= 10
        kinds = {}
        for member in binaries:
            dll = tmp_path / member.replace("/", "_")
            dll.write_bytes(z.read(member))
            report = reports[member]
            kind, exports = _readobj_view_exports(readobj_tool, dll)
            kinds[member.rsplit("/", 1)[-1]] = report["kind"]
            assert report["kind"] == kind, member
            expected_views = ["arm64", "arm64ec"] if kind == "arm64x" else [kind]
            assert [v["arch"] for v in report["views"]] == expected_views, member
            for view, names in zip(report["views"], exports, strict=True):
                ours = {e["name"]: e["rva"] for e in view["exports"] if not e["forwarded_to"]}
                assert ours == names, (member, view["arch"])
                assert view["code_ranges"] == _readobj_code_map(readobj_tool, dll), member
    # What ARM64EC.md section 7 records about these DLLs.
    assert kinds["vcruntime140.dll"] == "arm64x" and kinds["msvcp140.dll"] == "arm64x"
    assert kinds["vcruntime140_1.dll"] == "arm64ec"


def test_labels_without_entry_thunks_are_warnings(
    msvc_runtime_wheel: Path, reports: dict[str, dict[str, Any]]
) -> None:
    vcruntime = next(r for p, r in reports.items() if p.endswith("/vcruntime140.dll"))
    ec_view = vcruntime["views"][1]
    missing = sorted(e["name"] for e in ec_view["exports"] if e["entry_thunk"] is False)
    assert missing == ["__NLG_Dispatch2", "__NLG_Return2"]
    assert vcruntime["problems"] == []
    assert "__NLG_Dispatch2, __NLG_Return2" in vcruntime["warnings"][0]

    proc = ec("audit", str(msvc_runtime_wheel), check=False)
    problems = [line for line in proc.stdout.splitlines() if line.startswith("problem: ")]
    warnings = [line for line in proc.stdout.splitlines() if line.startswith("warning: ")]
    # The one certain problem: an Arm64EC-only DLL cannot load in the ARM64 processes
    # win_arm64 promises.
    assert proc.returncode == 1
    assert len(problems) == 1 and problems[0].endswith(
        "vcruntime140_1.dll: arm64ec binary, loadable only by arm64ec processes, but the tag "
        "win_arm64 promises arm64 processes too"
    )
    assert len(warnings) == 2 and all("__NLG_Dispatch2, __NLG_Return2" in w for w in warnings)


def test_an_arm64x_runtime_alone_passes_with_warnings(
    msvc_runtime_wheel: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(msvc_runtime_wheel) as z:
        member = next(n for n in z.namelist() if n.endswith("/vcruntime140.dll"))
        data = z.read(member)
    wheel = make_wheel(
        tmp_path,
        [
            ("vcrt/vcruntime140.dll", data),
            (f"{DIST}/WHEEL", b"Wheel-Version: 1.0\nTag: py3-none-win_arm64\n"),
        ],
        name="evil-1.0-py3-none-win_arm64.whl",
    )
    proc = ec("audit", str(wheel), check=False)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.splitlines()[-1] == f"{wheel}: OK, 1 warning(s)"
    strict = ec("audit", "--strict", str(wheel), check=False)
    assert (
        strict.returncode == 1
        and "problem: vcrt/vcruntime140.dll: exported EC code" in strict.stdout
    )
