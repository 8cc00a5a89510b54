"""Reading PE files with two independent readers: llvm-readobj and LIEF."""

from __future__ import annotations

import re
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path

import lief


@dataclass
class ReadobjView:
    """What llvm-readobj says about one image."""

    text: str

    @property
    def exports(self) -> list[str]:
        return re.findall(r"Export \{\s*\n\s*Ordinal: \d+\s*\n\s*Name: (\S+)", self.text)

    @property
    def code_map(self) -> list[tuple[int, int, str]]:
        m = re.search(r"CodeMap \[\n(.*?)\n\s*\]", self.text, re.S)
        if not m:
            return []
        return [
            (int(a, 16), int(b, 16), kind)
            for a, b, kind in re.findall(r"(0x[0-9A-F]+) - (0x[0-9A-F]+)\s+(\S+)", m[1])
        ]

    @property
    def chpe_version(self) -> int | None:
        m = re.search(r"CHPEMetadata \[\s*\n\s*Version: (0x[0-9A-F]+)", self.text)
        return int(m[1], 16) if m else None

    @property
    def imported_dlls(self) -> list[str]:
        return re.findall(r"Import \{\s*\n\s*Name: (\S+)", self.text)

    @property
    def forwarders(self) -> dict[str, str]:
        return dict(re.findall(r"Name: (\S+)\s*\n\s*ForwardedTo: (\S+)", self.text))

    @property
    def section_names(self) -> list[str]:
        return re.findall(r"Section \{\s*\n\s*Number: \d+\s*\n\s*Name: (\S+)", self.text)

    @property
    def arm64x_relocations(self) -> list[tuple[int, int]]:
        """(RVA, value) of each VALUE entry of the Arm64X dynamic relocation table."""
        m = re.search(r"Arm64X \[\n(.*?)\n  \]", self.text, re.S)
        if not m:
            return []
        return [
            (int(rva, 16), int(value, 16))
            for rva, value in re.findall(
                r"RVA: (0x[0-9A-F]+)\s*\n\s*Type: VALUE\s*\n\s*Size: 0x\d+\s*\n\s*Value: "
                r"(0x[0-9A-F]+)",
                m[1],
            )
        ]

    def views(self) -> tuple[ReadobjView, ReadobjView | None]:
        """(native or only view, EC view of an Arm64X image): readobj prints the EC
        view of a hybrid image as a HybridObject after the native one."""
        head, sep, hybrid = self.text.partition("HybridObject {")
        return ReadobjView(head), (ReadobjView(hybrid) if sep else None)


def read_pe(tool: str, path: Path, *extra: str) -> ReadobjView:
    proc = subprocess.run(
        [
            tool,
            "--file-headers",
            "--coff-load-config",
            "--coff-exports",
            "--coff-imports",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return ReadobjView(proc.stdout)


def machine_field_offset(path: Path) -> int:
    """File offset (= RVA: headers map 1:1) of the PE header's machine field."""
    data = path.read_bytes()
    (pe_offset,) = struct.unpack_from("<I", data, 0x3C)
    assert data[pe_offset : pe_offset + 4] == b"PE\0\0"
    return pe_offset + 4


def raw_machine(path: Path) -> int:
    """The machine field of the PE header, read from the bytes themselves."""
    (machine,) = struct.unpack_from("<H", path.read_bytes(), machine_field_offset(path))
    return machine


def lief_summary(path: Path) -> dict[str, object]:
    binary = lief.PE.parse(str(path))
    assert binary is not None, f"LIEF cannot parse {path}"
    return {
        "machine": binary.header.machine.value,
        "is_arm64ec": binary.is_arm64ec,
        "is_arm64x": binary.is_arm64x,
        "exports": sorted(e.name for e in binary.get_export().entries)
        if binary.has_exports
        else [],
    }


def assert_arm64ec_dll(dll: Path, readobj_tool: str, exports: list[str]) -> ReadobjView:
    """The checks every Arm64EC image passes; returns what llvm-readobj says of it."""
    view = read_pe(readobj_tool, dll)
    info = lief_summary(dll)
    assert raw_machine(dll) == 0x8664 == info["machine"]  # EC images say AMD64 in the header
    assert info["is_arm64ec"] is True and info["is_arm64x"] is False
    assert view.chpe_version == 2  # the CHPE metadata block is there
    kinds = {kind for _, _, kind in view.code_map}
    assert "ARM64EC" in kinds and "ARM64" not in kinds
    assert view.exports == exports == info["exports"]
    assert "ucrtbase.dll" in view.imported_dlls
    return view


def assert_arm64x(dll: Path, readobj_tool: str) -> tuple[ReadobjView, ReadobjView]:
    """The checks every Arm64X image passes; returns (native view, EC view)."""
    full = read_pe(readobj_tool, dll)
    native, ec_view = full.views()
    assert ec_view is not None, "llvm-readobj shows no EC (hybrid) view"
    info = lief_summary(dll)
    assert raw_machine(dll) == 0xAA64 == info["machine"]
    assert info["is_arm64x"] is True
    assert native.chpe_version == 2
    # The dynamic relocation that gives x64/EC processes their view of the header.
    assert (machine_field_offset(dll), 0x8664) in native.arm64x_relocations
    kinds = {kind for _, _, kind in native.code_map}
    assert {"ARM64", "ARM64EC"} <= kinds
    return native, ec_view
