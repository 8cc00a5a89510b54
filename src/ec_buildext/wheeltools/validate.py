"""The one check every command runs on a wheel before using it.

retag, repair, audit, inspect and install read wheels that someone else may
have made.  Before any of them writes or reports anything, :func:`open_wheel`
refuses a wheel (naming the member) whose

* member names are unsafe: absolute, with ``..``, a backslash, a drive colon or
  a NUL, so that extracting them would leave the target folder;
* member names break Windows' path rules (a wheel for Windows is installed there):
  an empty or ``.`` component (``a//b``, ``./a``: another spelling of a name), a
  component ending in a dot or a space (Windows drops them: ``x.dll.`` is ``x.dll``),
  a reserved device name (``CON``, ``nul.txt``, ``COM1.py``, ``CONIN$``), a character
  Windows forbids (``<>"|?*``, control characters);
* members are not plain files or folders (symbolic links, devices);
* member names repeat as Windows resolves them: case and Unicode normalisation
  (NFC/NFD) aside, or a name that is both a file and a folder;
* ``*.dist-info/WHEEL`` is not exactly one, or ``RECORD`` is missing;
* ``RECORD`` lies: a member it does not list, a line for a file the wheel does
  not hold, a hash or size that does not match the member's bytes.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import stat
import unicodedata
import zipfile
from pathlib import Path, PurePosixPath

from ..errors import UserError

__all__ = ["BadWheel", "check_member_name", "open_wheel", "validate_wheel", "windows_key"]

#: Hashes a wheel's RECORD may use (PEP 427 forbids md5 and sha1).
_HASHES = frozenset({"sha256", "sha384", "sha512", "sha3_256", "sha3_384", "sha3_512", "blake2b"})
#: RECORD's own line, and its signatures, carry no hash.
_UNHASHED = ("RECORD", "RECORD.jws", "RECORD.p7s")
_CHUNK = 1 << 20
#: The folders of ``NAME.data/`` that installers map to install locations.
_SCHEMES = frozenset({"purelib", "platlib", "headers", "scripts", "data"})


class BadWheel(UserError):
    """A wheel refused by :func:`validate_wheel`; the message names the member."""


#: Device names Windows reserves in every folder, with any extension (``nul.txt``).
_DEVICES = frozenset(
    {"con", "prn", "aux", "nul", "conin$", "conout$"}
    | {
        f"{port}{n}"
        for port in ("com", "lpt")
        for n in [*"0123456789", "\u00b9", "\u00b2", "\u00b3"]
    }
)
#: Characters no Windows file name may hold (besides ``/``, ``\\`` and ``:``, checked first).
_FORBIDDEN = frozenset('<>"|?*') | {chr(c) for c in range(32)}


def windows_key(name: str) -> str:
    """The name Windows resolves ``name`` to, for comparing members: folders without
    their trailing slash, case and Unicode normalisation (NFC/NFD) aside."""
    return unicodedata.normalize("NFC", name.rstrip("/")).lower()


def _component_problem(part: str) -> str:
    if part in ("", "."):
        return "an empty or '.' component (another spelling of a shorter name)"
    if part.endswith((".", " ")):
        return f"the component {part!r} ending in a dot or a space, which Windows drops"
    if part.split(".")[0].rstrip(" ").lower() in _DEVICES:
        return f"the component {part!r}, a device name Windows reserves"
    bad = sorted(set(part) & _FORBIDDEN)
    if bad:
        return f"the character {bad[0]!r}, which Windows does not allow in file names"
    return ""


def check_member_name(name: str) -> str:
    """Why the member name ``name`` is unsafe to extract, or cannot be a file on Windows,
    or empty if it is neither."""
    path = PurePosixPath(name)
    if not name or "\x00" in name:
        return "an empty name or a NUL byte"
    if name.startswith("/") or path.is_absolute():
        return "an absolute path"
    if "\\" in name:
        return "a backslash (a Windows path separator)"
    if ":" in name:
        return "a drive or stream colon"
    if ".." in path.parts:
        return "a '..' component that leaves the install folder"
    for part in name.removesuffix("/").split("/"):
        why = _component_problem(part)
        if why:
            return why
    return ""


def _kind_problem(info: zipfile.ZipInfo) -> str:
    mode = info.external_attr >> 16
    if info.create_system != 3 or not stat.S_IFMT(mode):
        return ""  # no Unix mode recorded: a plain file or folder
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "not a plain file or folder"
    return ""


def _record_rows(
    z: zipfile.ZipFile, record_path: str, where: str
) -> dict[str, tuple[str, str, str]]:
    """RECORD's lines by :func:`windows_key`: (name as written, hash, size)."""
    try:
        text = z.read(record_path).decode("utf-8")
    except UnicodeDecodeError:
        raise BadWheel(f"{where}: {record_path} is not UTF-8 text.") from None
    rows: dict[str, tuple[str, str, str]] = {}
    for row in csv.reader(io.StringIO(text)):
        if not row:
            continue
        if len(row) != 3:
            raise BadWheel(f"{where}: {record_path} has a malformed line {','.join(row)!r}.")
        name, digest, size = row
        why = check_member_name(name)
        if why:
            raise BadWheel(f"{where}: {record_path} lists {name!r}, which has {why}.")
        key = windows_key(name)
        if key in rows:
            raise BadWheel(f"{where}: {record_path} lists {name!r} twice.")
        rows[key] = (name, digest, size)
    return rows


def _check_hash(
    z: zipfile.ZipFile, info: zipfile.ZipInfo, digest: str, size: str, where: str
) -> None:
    algorithm, _, expected = digest.partition("=")
    if algorithm not in _HASHES or not expected:
        raise BadWheel(
            f"{where}: RECORD gives {info.filename} the hash {digest!r}, not one of "
            f"{', '.join(sorted(_HASHES))}."
        )
    h = hashlib.new(algorithm)
    length = 0
    limit = int(size) if size.isdigit() else -1
    with z.open(info) as member:  # zipfile checks the CRC at the end
        while length <= limit and (chunk := member.read(_CHUNK)):
            h.update(chunk)  # stops past the size RECORD gives: no unbounded zip bomb
            length += len(chunk)
    actual = base64.urlsafe_b64encode(h.digest()).rstrip(b"=").decode()
    if actual != expected or length != limit:
        raise BadWheel(
            f"{where}: {info.filename} does not match its RECORD line (hash or size differ): "
            "the wheel was changed after it was built. Rebuild it, or get it again from "
            "its source."
        )


def _check_file_folder_clash(
    infos: list[zipfile.ZipInfo], seen: dict[str, str], where: str
) -> None:
    """A member that is a file and, by another member's path, also a folder."""
    files = {windows_key(i.filename): i.filename for i in infos if not i.is_dir()}
    for key, name in seen.items():
        parts = key.split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            if folder in files:
                raise BadWheel(
                    f"{where}: member {files[folder]!r} is a file, and {name!r} needs a "
                    "folder of that name."
                )


def validate_wheel(z: zipfile.ZipFile, where: str) -> str:
    """Check the open wheel ``z`` (named ``where`` in messages); return its
    ``*.dist-info`` folder name.  Raises :class:`BadWheel`."""
    infos = z.infolist()
    seen: dict[str, str] = {}
    for info in infos:
        name = info.filename
        why = check_member_name(name) or _kind_problem(info)
        if why:
            raise BadWheel(
                f"{where}: member {name!r} is {why}"
                if why.startswith(("a symbolic", "not a"))
                else f"{where}: member {name!r} has {why}"
            )
        key = windows_key(name)
        if key in seen:
            raise BadWheel(
                f"{where}: members {seen[key]!r} and {name!r} are the same file "
                "(on Windows, names differing only in case or Unicode normalisation are "
                "one file)."
            )
        seen[key] = name
    _check_file_folder_clash(infos, seen, where)
    wheels = [
        i.filename
        for i in infos
        if i.filename.count("/") == 1 and i.filename.endswith(".dist-info/WHEEL")
    ]
    if len(wheels) != 1:
        raise BadWheel(
            f"{where}: {len(wheels)} *.dist-info/WHEEL files where a wheel has exactly one."
        )
    dist_info = wheels[0].split("/")[0]
    data = f"{dist_info.removesuffix('.dist-info')}.data/"
    for info in infos:
        scheme = info.filename[len(data) :].split("/")[0] if info.filename.startswith(data) else ""
        if scheme and scheme not in _SCHEMES:
            raise BadWheel(
                f"{where}: member {info.filename!r} is in {data}{scheme}/, which is not one of "
                f"the install locations {', '.join(sorted(_SCHEMES))}."
            )
    record_path = f"{dist_info}/RECORD"
    if record_path not in z.NameToInfo:
        raise BadWheel(f"{where}: no {record_path}, so its files cannot be checked.")
    rows = _record_rows(z, record_path, where)
    unhashed = {windows_key(f"{dist_info}/{n}") for n in _UNHASHED}
    for info in infos:
        key = windows_key(info.filename)
        if info.is_dir() or key in unhashed:
            continue
        if key not in rows:
            raise BadWheel(f"{where}: member {info.filename!r} is not listed in {record_path}.")
        _check_hash(z, info, *rows[key][1:], where)
    members = {windows_key(n) for n in z.NameToInfo}
    missing = sorted(rows[k][0] for k in set(rows) - members - unhashed)
    if missing:
        raise BadWheel(
            f"{where}: {record_path} lists {missing[0]!r}"
            f"{f' and {len(missing) - 1} more' if len(missing) > 1 else ''}, which the wheel "
            "does not contain."
        )
    return dist_info


def open_wheel(path: Path) -> tuple[zipfile.ZipFile, str]:
    """``path`` opened and validated, and its ``*.dist-info`` folder; the caller closes
    it.  Raises :class:`BadWheel` (not a ZIP archive, or refused by :func:`validate_wheel`)."""
    if not path.is_file():
        raise BadWheel(f"{path}: no such wheel file.")
    try:
        z = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile, EOFError) as e:
        raise BadWheel(f"{path} is not a readable wheel ({e}): a wheel is a ZIP archive.") from None
    try:
        dist_info = validate_wheel(z, str(path))
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as e:
        z.close()
        raise BadWheel(f"{path} is damaged ({e}). Rebuild it, or get it again.") from None
    except BaseException:
        z.close()
        raise
    return z, dist_info
