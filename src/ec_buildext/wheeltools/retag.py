"""Retagging a wheel for another platform in one streaming pass.

The new wheel is written beside the old one under a temporary name and renamed
into place.  Members are copied as raw compressed bytes (never decompressed or
recompressed); only ``WHEEL`` (new ``Tag:`` lines) and ``RECORD`` (its hash and
size) are rewritten.  Wheels beyond the classic ZIP limits (4 GiB, 65,535
members) are refused with a message rather than half-handled.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import os
import struct
import tempfile
import time
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO

from packaging.utils import parse_wheel_filename

from ..cache import output_error, remove_stale, replace_atomic, temp_prefix
from ..errors import UserError
from .validate import check_member_name, open_wheel, windows_key

__all__ = [
    "WheelName",
    "fixed_zip_time",
    "parse_wheel_name",
    "retag_wheel",
    "retagged_name",
    "rewrite_wheel",
]

_LOCAL_HEADER = struct.Struct("<4s5H3L2H")
_CENTRAL_HEADER = struct.Struct("<4s6H3L5H2L")
_END_RECORD = struct.Struct("<4s4H2LH")
_LIMIT = 0xFFFFFFFF
_COPY_CHUNK = 1 << 20
_ZIP_EPOCH = 315532800  # 1980-01-01T00:00:00Z: DOS times start there


@dataclass(frozen=True)
class WheelName:
    """The parts of a wheel file name, as spelled in it (compressed tag sets such as
    ``cp39.cp310`` keep their order)."""

    #: ``name-version[-build]``: what sibling wheels of one build share.
    stem: str
    py: str
    abi: str
    plat: str

    @property
    def platforms(self) -> tuple[str, ...]:
        """The platform tags, in the name's order."""
        return tuple(self.plat.split("."))


def parse_wheel_name(name: str) -> WheelName:
    """The parts of a wheel file name, checked by pypa's ``packaging`` (the name, a PEP
    440 version, a build number that starts with a digit, well-formed tags)."""
    try:
        parse_wheel_filename(name)
    except ValueError:  # InvalidWheelFilename; InvalidVersion before packaging 23.2
        raise UserError(
            f"{name!r} is not a wheel file name (name-version-py-abi-platform.whl). "
            "Pass the .whl file that a build produced."
        ) from None
    stem, py, abi, plat = name[: -len(".whl")].rsplit("-", 3)
    return WheelName(stem, py, abi, plat)


def retagged_name(name: str, platform_tag: str) -> str:
    """``name`` with its platform tag replaced by ``platform_tag``."""
    p = parse_wheel_name(name)
    return f"{p.stem}-{p.py}-{p.abi}-{platform_tag}.whl"


def _record_hash(data: bytes) -> str:
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _new_wheel_file(text: str, platform_tag: str) -> str:
    """WHEEL metadata with one ``Tag:`` per (py, abi) and new platform."""
    lines = text.splitlines()
    pairs: list[tuple[str, str]] = []
    for line in lines:
        if line.startswith("Tag:"):
            py, abi, _plat = line.split(":", 1)[1].strip().split("-")
            if (py, abi) not in pairs:
                pairs.append((py, abi))
    kept = [line for line in lines if not line.startswith("Tag:")]
    tags = [f"Tag: {py}-{abi}-{plat}" for py, abi in pairs for plat in platform_tag.split(".")]
    return "\n".join(kept + tags) + "\n"


def _new_record(text: str, changed: dict[str, bytes]) -> str:
    out = []
    for line in text.splitlines():
        path = line.rsplit(",", 2)[0] if line else ""
        if path in changed:
            data = changed[path]
            line = f"{path},{_record_hash(data)},{len(data)}"
        out.append(line)
    return "\n".join(out) + "\n"


def _dos_time(info: zipfile.ZipInfo) -> tuple[int, int]:
    y, mo, d, h, mi, s = info.date_time
    return (h << 11) | (mi << 5) | (s // 2), ((y - 1980) << 9) | (mo << 5) | d


class _RawZipWriter:
    """Writes ZIP members whose compressed bytes are already known."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.central: list[bytes] = []

    def add(
        self,
        info: zipfile.ZipInfo,
        crc: int,
        csize: int,
        usize: int,
        method: int,
        data: Iterable[bytes],
    ) -> None:
        offset = self.out.tell()
        if max(offset, csize, usize) >= _LIMIT or len(self.central) >= 0xFFFF:
            raise UserError(
                f"wheel member {info.filename} is beyond the 4 GiB / 65,535-member ZIP "
                "limits that ec-buildext's retagging supports. Split the package."
            )
        name = info.filename.encode("utf-8")
        flags = (info.flag_bits & ~0x08) | 0x800  # sizes known up front; UTF-8 names
        mtime, mdate = _dos_time(info)
        self.out.write(
            _LOCAL_HEADER.pack(
                b"PK\x03\x04", 20, flags, method, mtime, mdate, crc, csize, usize, len(name), 0
            )
        )
        self.out.write(name)
        for chunk in data:
            self.out.write(chunk)
        self.central.append(
            _CENTRAL_HEADER.pack(
                b"PK\x01\x02",
                info.create_version | (info.create_system << 8),
                20,
                flags,
                method,
                mtime,
                mdate,
                crc,
                csize,
                usize,
                len(name),
                0,
                0,
                0,
                0,
                info.external_attr,
                offset,
            )
            + name
        )

    def add_bytes(self, info: zipfile.ZipInfo, data: bytes) -> None:
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        packed = compressor.compress(data) + compressor.flush()
        self.add(info, zlib.crc32(data), len(packed), len(data), zipfile.ZIP_DEFLATED, [packed])

    def finish(self) -> None:
        start = self.out.tell()
        for entry in self.central:
            self.out.write(entry)
        size = self.out.tell() - start
        count = len(self.central)
        self.out.write(_END_RECORD.pack(b"PK\x05\x06", 0, 0, count, count, size, start, 0))


def _raw_member(fp: IO[bytes], info: zipfile.ZipInfo) -> Iterable[bytes]:
    fp.seek(info.header_offset)
    header = fp.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise UserError(f"wheel member {info.filename} has a damaged local header.")
    fields = _LOCAL_HEADER.unpack(header)
    fp.seek(fields[-2] + fields[-1], os.SEEK_CUR)  # name + extra
    remaining = info.compress_size
    while remaining:
        chunk = fp.read(min(_COPY_CHUNK, remaining))
        if not chunk:
            raise UserError(f"wheel member {info.filename} is truncated.")
        remaining -= len(chunk)
        yield chunk


def fixed_zip_time() -> tuple[int, int, int, int, int, int]:
    """The member time of a reproducible wheel: ``SOURCE_DATE_EPOCH`` (UTC), else
    1980-01-01, the earliest a ZIP can hold."""
    try:
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    except ValueError:
        raise UserError(
            f"SOURCE_DATE_EPOCH={os.environ['SOURCE_DATE_EPOCH']!r} is not a number of "
            "seconds since 1970. Set it to an integer (e.g. git log -1 --format=%ct) or unset it."
        ) from None
    y, mo, d, h, mi, sec = time.gmtime(max(epoch, _ZIP_EPOCH))[:6]
    return y, mo, d, h, mi, sec


def retag_wheel(
    wheel: Path,
    platform_tag: str,
    out_dir: Path | None = None,
    *,
    date_time: tuple[int, int, int, int, int, int] | None = None,
) -> Path:
    """Write ``wheel`` retagged to ``platform_tag`` into ``out_dir``; return its path.

    The source is left in place; if the target name equals the source, it is
    replaced atomically.  ``date_time``: one time for every member (reproducible).
    """
    out_dir = wheel.parent if out_dir is None else out_dir
    return rewrite_wheel(
        wheel,
        out_dir / retagged_name(wheel.name, platform_tag),
        platform_tag=platform_tag,
        date_time=date_time,
    )


def _new_record_with(text: str, changed: dict[str, bytes], added: dict[str, bytes]) -> str:
    lines = _new_record(text, changed).splitlines()
    at = next(
        (i for i, line in enumerate(lines) if line.split(",")[0].endswith("/RECORD")), len(lines)
    )
    extra = [f"{name},{_record_hash(data)},{len(data)}" for name, data in added.items()]
    return "\n".join(lines[:at] + extra + lines[at:]) + "\n"


def rewrite_wheel(
    wheel: Path,
    target: Path,
    *,
    platform_tag: str | None = None,
    add: dict[str, bytes] | None = None,
    date_time: tuple[int, int, int, int, int, int] | None = None,
) -> Path:
    """Copy ``wheel`` to ``target`` (through a temporary file and a rename), with a new
    platform tag and/or added members; existing members are copied as raw bytes.
    ``date_time``: the time every member gets, else each keeps its own."""
    add = dict(add or {})
    source, prefix = open_wheel(wheel)
    with source:
        infos = source.infolist()
        present = {windows_key(i.filename) for i in infos}
        clash = sorted(n for n in add if windows_key(n) in present or check_member_name(n))
        if clash:
            raise UserError(f"{wheel} already has {', '.join(clash)}, or the name is unsafe.")
        wheel_path, record_path = f"{prefix}/WHEEL", f"{prefix}/RECORD"
        wheel_text = source.read(wheel_path).decode("utf-8")
        new_wheel = _new_wheel_file(wheel_text, platform_tag) if platform_tag else wheel_text
        new_wheel_bytes = new_wheel.encode()
        new_record = _new_record_with(
            source.read(record_path).decode("utf-8"), {wheel_path: new_wheel_bytes}, add
        ).encode()

        source_fp = source.fp
        if source_fp is None:  # only after close(); here for the type checker
            raise ValueError(f"{wheel} is closed")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            remove_stale(target.parent)  # what a killed retag left
            fd, tmp_name = tempfile.mkstemp(
                prefix=temp_prefix(f".{target.name}."), suffix=".tmp", dir=target.parent
            )
        except OSError as e:
            raise output_error(target, e) from None
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                writer = _RawZipWriter(out)
                for info in infos:
                    if date_time is not None:
                        info = copy.copy(info)
                        info.date_time = date_time
                    if info.filename == wheel_path:
                        writer.add_bytes(info, new_wheel_bytes)
                    elif info.filename == record_path:
                        continue  # written last, as the wheel spec recommends
                    else:
                        writer.add(
                            info,
                            info.CRC,
                            info.compress_size,
                            info.file_size,
                            info.compress_type,
                            _raw_member(source_fp, info),
                        )
                for name, data in add.items():
                    info = zipfile.ZipInfo(name, date_time=date_time or (2026, 1, 1, 0, 0, 0))
                    info.external_attr = 0o644 << 16
                    writer.add_bytes(info, data)
                record_info = copy.copy(source.getinfo(record_path))
                record_info.date_time = date_time or record_info.date_time
                writer.add_bytes(record_info, new_record)
                writer.finish()
            replace_atomic(tmp, target)
        except BaseException as e:
            tmp.unlink(missing_ok=True)
            if isinstance(e, OSError):  # a full disk, a folder removed meanwhile
                raise output_error(target, e) from None
            raise
    return target
