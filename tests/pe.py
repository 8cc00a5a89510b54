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


def read_pe(tool: str, path: Path) -> ReadobjView:
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


def raw_machine(path: Path) -> int:
    """The machine field of the PE header, read from the bytes themselves."""
    data = path.read_bytes()
    (pe_offset,) = struct.unpack_from("<I", data, 0x3C)
    assert data[pe_offset : pe_offset + 4] == b"PE\0\0"
    (machine,) = struct.unpack_from("<H", data, pe_offset + 4)
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
