"""Wheels written member by member, with a RECORD that tells the truth or one given."""

from __future__ import annotations

import base64
import hashlib
import warnings
import zipfile
from pathlib import Path

#: The wheel the tests make lie: its name, its .dist-info folder and its honest members.
NAME = "evil-1.0-py3-none-win_arm64ec.whl"
DIST = "evil-1.0.dist-info"
GOOD = [
    ("evil/__init__.py", b"VALUE = 1\n"),
    ("evil/native.dll", b"MZ not really a DLL\n"),
    (f"{DIST}/METADATA", b"Metadata-Version: 2.1\nName: evil\nVersion: 1.0\n"),
    (f"{DIST}/WHEEL", b"Wheel-Version: 1.0\nRoot-Is-Purelib: false\nTag: py3-none-win_arm64ec\n"),
]
Member = tuple[str | zipfile.ZipInfo, bytes]


def record_line(name: str, data: bytes) -> str:
    """The RECORD line of a member: name, urlsafe-base64 SHA-256 without padding, size."""
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def make_wheel(
    folder: Path, members: list[Member], record: str | None = None, name: str = NAME
) -> Path:
    """A wheel of ``members`` with a RECORD that tells the truth about them, or ``record``."""
    if record is None:
        names = [m.filename if isinstance(m, zipfile.ZipInfo) else m for m, _ in members]
        record = "".join(f"{record_line(n, d)}\n" for n, (_, d) in zip(names, members))
        record += f"{DIST}/RECORD,,\n"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z, warnings.catch_warnings():
        # Duplicate members are some of the bad wheels: zipfile warns as it writes them.
        warnings.filterwarnings("ignore", "Duplicate name", UserWarning)
        for member, data in members:
            z.writestr(member, data)
        z.writestr(f"{DIST}/RECORD", record)
    return path
