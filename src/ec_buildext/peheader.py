"""What a PE file is, from its headers alone, with the standard library only.

Enough to answer "who can load this?" at run time (``ec_buildext.plugins``) and
to read export names (pure forwarders), without LIEF: the raw machine field, the
sections, the load config's CHPE metadata pointer and the dynamic value
relocation table.  An Arm64EC image says AMD64 in its header; what marks it is
the CHPE metadata.  An Arm64X image says ARM64 and also has CHPE metadata (and a
DVRT that rewrites the header for its EC view).  ``ec_buildext.wheeltools.inspect`` reads
the rest (views, exports per view, code map) with LIEF.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Union

from .arch import IMAGE_MACHINE_KINDS, BinaryKind
from .errors import UserError

__all__ = [
    "PeFormatError",
    "PeHeader",
    "archive_machines",
    "archive_members",
    "classify",
    "object_default_libraries",
    "read_header",
]

_SCN_CNT_CODE = 0x20
_SCN_MEM_EXECUTE = 0x20000000
_DIR_EXPORT, _DIR_LOAD_CONFIG = 0, 10
_CHPE_POINTER_OFFSET_64 = 0xC8


class PeFormatError(UserError):
    """The bytes are not a PE image ec-buildext can read."""


@dataclass(frozen=True)
class Section:
    name: str
    rva: int
    virtual_size: int
    raw_offset: int
    raw_size: int
    characteristics: int

    @property
    def executable(self) -> bool:
        return bool(self.characteristics & (_SCN_CNT_CODE | _SCN_MEM_EXECUTE))


@dataclass(frozen=True)
class PeHeader:
    """The parts of a PE image that decide its kind."""

    machine: int
    image_base: int
    sections: tuple[Section, ...]
    directories: tuple[tuple[int, int], ...]
    chpe_metadata_va: int
    has_dvrt: bool
    data: bytes

    def offset(self, rva: int) -> int:
        """File offset of ``rva``; PeFormatError if no section (or header) holds it."""
        for s in self.sections:
            if s.rva <= rva < s.rva + max(s.virtual_size, s.raw_size):
                if rva - s.rva >= s.raw_size:
                    raise PeFormatError(f"RVA {rva:#x} is in {s.name} but past its file data")
                return s.raw_offset + rva - s.rva
        if self.sections and rva < self.sections[0].rva:
            return rva  # the headers map 1:1
        raise PeFormatError(f"RVA {rva:#x} is in no section")

    def c_string(self, rva: int) -> str:
        start = self.offset(rva)
        end = self.data.find(b"\0", start)
        if end < 0:
            raise PeFormatError(f"unterminated string at RVA {rva:#x}")
        return self.data[start:end].decode("ascii", errors="replace")

    def u32(self, rva: int) -> int:
        off = self.offset(rva)
        return _unpack("<I", self.data, off)[0]

    @property
    def has_code(self) -> bool:
        return any(s.executable and s.raw_size for s in self.sections)

    def export_names(self) -> list[str]:
        rva, size = self.directories[_DIR_EXPORT] if self.directories else (0, 0)
        if not rva or not size:
            return []
        count, names_rva = self.u32(rva + 24), self.u32(rva + 32)
        if count > 65536:
            raise PeFormatError(f"export table claims {count} names")
        return [self.c_string(self.u32(names_rva + 4 * i)) for i in range(count)]


def archive_members(data: bytes) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of each member of an ``ar`` archive (``.lib``, ``.a``), the
    archive's own tables (``/``, ``//``, ``/SYM64/``, ``__.SYMDEF``) left out.  Nothing
    when ``data`` is not an archive."""
    if not data.startswith(b"!<arch>\n"):
        return
    offset, long_names = 8, b""
    while offset + 60 <= len(data):
        name = data[offset : offset + 16].rstrip().decode("latin-1")
        try:
            size = int(data[offset + 48 : offset + 58])
        except ValueError:
            return
        member = data[offset + 60 : offset + 60 + size]
        offset += 60 + size + (size & 1)
        if name == "//":  # GNU/COFF long names, which "/<offset>" names point into
            long_names = member
        elif name.startswith("#1/") and name[3:].isdigit():  # BSD: the name opens the data
            length = int(name[3:])
            yield member[:length].rstrip(b"\0").decode("latin-1"), member[length:]
        elif name[1:].isdigit():
            start = int(name[1:])
            end = long_names.find(b"\n", start)
            found = long_names[start : end if end >= 0 else None].decode("latin-1")
            yield found.rstrip("/\0"), member
        elif name not in ("/", "/SYM64/") and not name.startswith("__.SYMDEF"):
            yield name.rstrip("/"), member


def archive_machines(data: bytes) -> set[int]:
    """The COFF machine values of the members of a ``.lib`` archive (import
    libraries: short import members; static libraries: objects).  Empty when
    ``data`` is not an archive."""
    machines = set()
    for _, member in archive_members(data):
        if len(member) >= 8:
            short_import = member[:4] == b"\0\0\xff\xff"
            (machine,) = struct.unpack_from("<H", member, 6 if short_import else 0)
            machines.add(machine)
    return machines


#: A COFF object's header: machine, section count, ... (20 bytes); a /bigobj object's
#: (``ANON_OBJECT_HEADER_BIGOBJ``, 56 bytes) opens with 0x0000 0xFFFF and counts its
#: sections in a 32-bit field at 44.
_BIGOBJ_SIGNATURE = b"\0\0\xff\xff"
_DEFAULTLIB = re.compile(r'[/-]defaultlib:(?:"([^"]+)"|(\S+))', re.IGNORECASE)


def object_default_libraries(data: bytes) -> list[str]:
    """The libraries a COFF object asks for in its ``.drectve`` section
    (``/DEFAULTLIB:name``, which ``#pragma comment(lib, "name")`` writes), in order;
    nothing when ``data`` is not a COFF object or has no such section."""
    if data[:4] == _BIGOBJ_SIGNATURE:
        if len(data) < 56:
            return []
        (count,) = struct.unpack_from("<I", data, 44)
        table = 56
    else:
        if len(data) < 20:
            return []
        count, optional = (
            struct.unpack_from("<H", data, 2)[0],
            struct.unpack_from("<H", data, 16)[0],
        )
        table = 20 + optional
    for i in range(count):
        at = table + 40 * i
        if at + 40 > len(data):
            return []
        if data[at : at + 8].rstrip(b"\0") == b".drectve":
            size, start = struct.unpack_from("<II", data, at + 16)
            text = data[start : start + size].decode("latin-1")
            return [quoted or bare for quoted, bare in _DEFAULTLIB.findall(text)]
    return []


def _unpack(fmt: str, data: bytes, offset: int) -> tuple[int, ...]:
    try:
        return struct.unpack_from(fmt, data, offset)
    except struct.error:
        raise PeFormatError(f"truncated at offset {offset:#x}") from None


def read_header(source: Union[bytes, Path], name: str = "") -> PeHeader:
    """Parse the headers of a PE image (a path or its bytes)."""
    if isinstance(source, Path):
        name = name or str(source)
        try:
            data = source.read_bytes()
        except OSError as e:
            raise PeFormatError(f"cannot read {source}: {e.strerror}") from None
    else:
        data = source
    where = f"{name}: " if name else ""
    try:
        if len(data) < 0x40 or data[:2] != b"MZ":
            raise PeFormatError("not a PE file (no MZ header)")
        (pe,) = _unpack("<I", data, 0x3C)
        if data[pe : pe + 4] != b"PE\0\0":
            raise PeFormatError("not a PE file (no PE signature)")
        machine, n_sections = _unpack("<HH", data, pe + 4)
        (optional_size,) = _unpack("<H", data, pe + 20)
        optional = pe + 24
        (magic,) = _unpack("<H", data, optional)
        if magic == 0x20B:
            (image_base,) = _unpack("<Q", data, optional + 24)
            count_at, dirs_at = optional + 108, optional + 112
        elif magic == 0x10B:
            (image_base,) = _unpack("<I", data, optional + 28)
            count_at, dirs_at = optional + 92, optional + 96
        else:
            raise PeFormatError(f"unknown optional-header magic {magic:#x}")
        (n_dirs,) = _unpack("<I", data, count_at)
        pairs = (_unpack("<II", data, dirs_at + 8 * i) for i in range(min(n_dirs, 16)))
        directories = tuple((rva, size) for rva, size in pairs)
        sections = []
        for i in range(min(n_sections, 96)):
            at = optional + optional_size + 40 * i
            raw_name = data[at : at + 8]
            vsize, rva, raw_size, raw_offset = _unpack("<IIII", data, at + 8)
            (chars,) = _unpack("<I", data, at + 36)
            sections.append(
                Section(
                    raw_name.rstrip(b"\0").decode("ascii", "replace"),
                    rva,
                    vsize,
                    raw_offset,
                    raw_size,
                    chars,
                )
            )
        header = PeHeader(machine, image_base, tuple(sections), directories, 0, False, data)
        chpe, dvrt = 0, False
        if magic == 0x20B and len(directories) > _DIR_LOAD_CONFIG:
            lc_rva, lc_size = directories[_DIR_LOAD_CONFIG]
            if lc_rva and lc_size >= _CHPE_POINTER_OFFSET_64 + 8:
                size = header.u32(lc_rva)
                if size >= _CHPE_POINTER_OFFSET_64 + 8:
                    (dvrt_va, chpe) = _unpack("<QQ", data, header.offset(lc_rva) + 0xC0)
                    (dvrt_offset,) = (
                        _unpack("<I", data, header.offset(lc_rva) + 0xE0) if size >= 0xE8 else (0,)
                    )
                    dvrt = bool(dvrt_va or dvrt_offset)
        return PeHeader(machine, image_base, tuple(sections), directories, chpe, dvrt, data)
    except PeFormatError as e:
        raise PeFormatError(f"{where}{e}") from None


def classify(header: PeHeader) -> BinaryKind:
    """What the image is; PeFormatError for machines ec-buildext does not know."""
    base = IMAGE_MACHINE_KINDS.get(header.machine)
    if base is None:
        raise PeFormatError(f"unknown machine {header.machine:#06x} in the PE header")
    if not header.chpe_metadata_va:
        return base
    if base is BinaryKind.X64:
        return BinaryKind.ARM64EC
    if base is BinaryKind.ARM64:
        return BinaryKind.ARM64X if header.has_code else BinaryKind.ARM64X_FORWARDER
    raise PeFormatError(f"CHPE metadata in a {base} image: not a layout Windows loads")
