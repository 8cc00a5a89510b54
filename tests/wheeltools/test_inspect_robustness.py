"""inspect/audit on bad input: one clear error, exit 2, no traceback, nothing written."""

from __future__ import annotations

import contextlib
import json
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ec_buildext.wheeltools.inspect import InspectError, format_reports, inspect_bytes, reports_json

from ..support.commands import ec
from ..support.kinds import build_kinds


@pytest.fixture(scope="module")
def kinds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_kinds(tmp_path_factory.mktemp("kinds"))


def dvrt_offset(dll: Path) -> int:
    """File offset of the Arm64X dynamic value relocation table (in .a64xrm/.reloc)."""
    import lief

    binary = lief.PE.parse(str(dll))
    lc = binary.load_configuration
    section = binary.sections[lc.dynamic_value_reloctable_section - 1]
    return section.offset + lc.dynamic_value_reloctable_offset


def bad_inputs(kinds: dict[str, Path], folder: Path) -> dict[str, Path]:
    good = kinds["arm64x"].read_bytes()
    cases = {
        "empty.dll": b"",
        "text.dll": b"this is not a PE file\n" * 20,
        "truncated.dll": good[:300],
        "mz-only.dll": b"MZ" + b"\0" * 62,
    }
    corrupt = bytearray(good)
    at = dvrt_offset(kinds["arm64x"])
    corrupt[at : at + 64] = b"\xff" * 64
    cases["corrupt-dvrt.dll"] = bytes(corrupt)
    paths = {}
    for name, data in cases.items():
        (folder / name).write_bytes(data)
        paths[name] = folder / name
    slip = folder / "slip-1.0-py3-none-win_arm64.whl"
    with zipfile.ZipFile(slip, "w") as z:
        z.writestr("../../escape.dll", good)
        z.writestr("slip-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\n")
    paths["zip-slip"] = slip
    notzip = folder / "broken-1.0-py3-none-win_arm64.whl"
    notzip.write_bytes(b"PK\x03\x04 not really")
    paths["bad-zip"] = notzip
    return paths


@pytest.mark.slow
@pytest.mark.parametrize(
    "case",
    [
        "empty.dll",
        "text.dll",
        "truncated.dll",
        "mz-only.dll",
        "corrupt-dvrt.dll",
        "zip-slip",
        "bad-zip",
    ],
)
@pytest.mark.parametrize("command", ["inspect", "audit"])
def test_bad_input_exit_2(
    case: str, command: str, kinds: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    path = bad_inputs(kinds, inputs)[case]
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    before = sorted(p for p in tmp_path.rglob("*"))
    proc = ec(command, str(path), check=False)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stderr.startswith("ec-buildext: error: ")
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "Traceback" not in proc.stderr
    assert sorted(p for p in tmp_path.rglob("*")) == before  # nothing written anywhere
    assert not (tmp_path.parent / "escape.dll").exists()


@pytest.mark.slow
@settings(
    max_examples=10_000,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_fuzz_mutated_binaries(kinds_bytes: list[bytes], data: st.DataObject) -> None:
    """10,000 mutations of real binaries: a report or InspectError, nothing else."""
    original = data.draw(st.sampled_from(kinds_bytes))
    mutated = bytearray(original)
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(mutated) - 1))
        mutated[at] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        mutated = mutated[: data.draw(st.integers(0, len(mutated)))]
    with contextlib.suppress(InspectError):
        report = inspect_bytes(bytes(mutated), "fuzz.dll")
        reports_json([report])  # every name the binary gives is text, in both forms
        format_reports([report])


@pytest.fixture(scope="module")
def kinds_bytes(kinds: dict[str, Path]) -> list[bytes]:
    return [p.read_bytes() for p in kinds.values()]


@pytest.mark.slow
def test_export_name_not_utf8(kinds: dict[str, Path], tmp_path: Path) -> None:
    """An export name that is not UTF-8 (a byte 0xFF in plug_name) is shown with a
    backslash escape, in the text and the JSON form."""
    data = kinds["x64"].read_bytes()
    assert data.count(b"plug_name\0") == 1
    dll = tmp_path / "odd.dll"
    dll.write_bytes(data.replace(b"plug_name\0", b"plug_n\xffme\0"))
    text = ec("inspect", str(dll), check=False)
    assert text.returncode == 0 and "Traceback" not in text.stderr, text.stderr
    assert "plug_n\\xffme" in text.stdout
    proc = ec("inspect", "--json", str(dll), check=False)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    (report,) = json.loads(proc.stdout)
    names = [e["name"] for view in report["views"] for e in view["exports"]]
    assert names == ["plug_add", "plug_n\\xffme"]


def test_no_file() -> None:
    proc = ec("inspect", os.devnull + "-missing", check=False)
    assert proc.returncode == 2 and "no such file" in proc.stderr
