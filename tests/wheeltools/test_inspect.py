"""inspect and can_load on every kind of binary, checked against llvm-readobj and LIEF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ec_buildext.peheader import classify, read_header
from ec_buildext.plugins import can_load

from ..support.commands import ec
from ..support.kinds import EXPORTS, KINDS, build_kinds
from ..support.pe import lief_summary, read_pe

# Builds a DLL of every kind first: not in the quick loop (-m "not slow").
pytestmark = pytest.mark.slow

RAW_MACHINE = {
    "x86": 0x14C,
    "x64": 0x8664,
    "arm64": 0xAA64,
    "arm64ec": 0x8664,
    "arm64x": 0xAA64,
    "arm64x-forwarder": 0xAA64,
}


@pytest.fixture(scope="module")
def kinds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_kinds(tmp_path_factory.mktemp("kinds"))


@pytest.mark.parametrize("kind", KINDS)
def test_inspect_json_classifies_and_lists_exports_per_view(
    kind: str, kinds: dict[str, Path], readobj_tool: str, cache_dir: Path
) -> None:
    dll = kinds[kind]
    (report,) = json.loads(ec("inspect", "--json", str(dll)).stdout)
    assert report["path"] == str(dll)
    assert report["kind"] == kind and report["machine"] == RAW_MACHINE[kind]
    assert classify(read_header(dll)) == kind  # the standard-library reader agrees
    info = lief_summary(dll)
    assert info["is_arm64ec"] == (kind == "arm64ec")
    assert info["is_arm64x"] == kind.startswith("arm64x")
    # Exports per view equal what llvm-readobj (an independent reader) lists per view.
    native, hybrid = read_pe(readobj_tool, dll).views()
    readobj_views = [native] + ([hybrid] if hybrid is not None else [])
    assert [v["arch"] for v in report["views"]] == (
        ["arm64", "arm64ec"] if kind.startswith("arm64x") else [kind]
    )
    for view, theirs in zip(report["views"], readobj_views):
        assert sorted(e["name"] for e in view["exports"]) == sorted(theirs.exports) == EXPORTS
    if kind == "arm64x-forwarder":
        forwards = [e["forwarded_to"] for e in report["views"][1]["exports"]]
        assert forwards == ["plug_x64.plug_add", "plug_x64.plug_name"]
        assert not any(s in native.section_names for s in (".text",))
    if kind in ("arm64ec", "arm64x"):
        ec_view = report["views"][-1]
        assert all(e["entry_thunk"] is True for e in ec_view["exports"])
        kinds_in_map = {r["kind"] for r in ec_view["code_ranges"]}
        assert "arm64ec" in kinds_in_map
    assert report["problems"] == []


# The loader rules of ARM64EC.md section 1, written out case by case: an x64-ABI
# process on Windows on Arm ("arm64ec") loads x64, Arm64EC and Arm64X DLLs; native
# ARM64 loads ARM64 and Arm64X; a real x64 CPU only x64; x86 only x86.
CAN_LOAD = {
    ("x86", "x86"): True,
    ("x86", "x64"): False,
    ("x86", "arm64ec"): False,
    ("x86", "arm64"): False,
    ("x64", "x86"): False,
    ("x64", "x64"): True,
    ("x64", "arm64ec"): True,
    ("x64", "arm64"): False,
    ("arm64", "x86"): False,
    ("arm64", "x64"): False,
    ("arm64", "arm64ec"): False,
    ("arm64", "arm64"): True,
    ("arm64ec", "x86"): False,
    ("arm64ec", "x64"): False,
    ("arm64ec", "arm64ec"): True,
    ("arm64ec", "arm64"): False,
    ("arm64x", "x86"): False,
    ("arm64x", "x64"): False,
    ("arm64x", "arm64ec"): True,
    ("arm64x", "arm64"): True,
    ("arm64x-forwarder", "x86"): False,
    ("arm64x-forwarder", "x64"): False,
    ("arm64x-forwarder", "arm64ec"): True,
    ("arm64x-forwarder", "arm64"): True,
}


@pytest.mark.parametrize(("kind", "process"), sorted(CAN_LOAD))
def test_can_load_matrix(kind: str, process: str, kinds: dict[str, Path]) -> None:
    verdict = can_load(kinds[kind], process)
    assert bool(verdict) is CAN_LOAD[kind, process]
    assert verdict.kind == kind
    assert process in verdict.reason


def test_human_output(kinds: dict[str, Path]) -> None:
    out = ec("inspect", str(kinds["arm64x"])).stdout
    assert "kind arm64x (raw machine 0xaa64), loadable by arm64ec, arm64 processes" in out
    assert "view arm64:" in out and "view arm64ec:" in out
