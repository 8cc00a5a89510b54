"""Wheel member names by Windows' path rules (wheeltools.validate), one name at a time,
and RECORD compared with the members as Windows resolves their names."""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile

import pytest

from ec_buildext.wheeltools.validate import BadWheel, check_member_name, validate_wheel, windows_key


@pytest.mark.parametrize(
    "name",
    [
        "pkg/__init__.py",
        "pkg/",
        "pkg/sub/mod.cp313-win_amd64.pyd",
        "pkg-1.0.dist-info/RECORD",
        ".hidden/x",  # a leading dot is an ordinary name
        "pkg/console.py",  # "con" only as the whole stem is a device
        "pkg/com10.dll",
        "pkg/lpt.txt",
        "pkg/nul_handler.py",
        "pkg/caf\u00e9.py",
        "pkg/a b.py",
    ],
)
def test_names_windows_accepts(name: str) -> None:
    assert check_member_name(name) == ""


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("a/./b.py", "'.' component"),
        ("a//b.py", "'.' component"),
        ("./a.py", "'.' component"),
        ("a/b.py.", "ending in a dot or a space"),
        ("a./b.py", "ending in a dot or a space"),
        ("a/b.py ", "ending in a dot or a space"),
        ("a /b.py", "ending in a dot or a space"),
        ("CON", "device name"),
        ("a/con", "device name"),
        ("a/Con.txt", "device name"),
        ("a/nul.tar.gz", "device name"),
        ("a/COM1.py", "device name"),
        ("a/com0", "device name"),
        ("a/LPT9.dll", "device name"),
        ("a/lpt\u00b9", "device name"),
        ("AUX/x.py", "device name"),
        ("a/PRN .txt", "device name"),
        ("a/CONIN$", "device name"),
        ("a/conout$.log", "device name"),
        ("a/b|c", "the character '|'"),
        ("a/b?c", "the character '?'"),
        ("a/b*c", "the character '*'"),
        ('a/b"c', "the character '\"'"),
        ("a/<b>", "the character '<'"),
        ("a/b\x1fc", "the character '\\x1f'"),
        ("a/b\tc", "the character '\\t'"),
        ("../x", "'..'"),
        ("/x", "absolute"),
        ("a\\b", "backslash"),
        ("c:x", "colon"),
        ("", "empty name"),
    ],
)
def test_names_windows_refuses(name: str, why: str) -> None:
    assert why in check_member_name(name)


def test_windows_key_folds_case_normalisation_and_folder_slash() -> None:
    assert windows_key("Pkg/CAF\u00c9.py") == windows_key("pkg/cafe\u0301.py")
    assert windows_key("pkg/") == windows_key("PKG")
    assert windows_key("a/b") != windows_key("a/c")


def _wheel(members: dict[str, bytes], record_names: dict[str, str]) -> zipfile.ZipFile:
    """A wheel whose RECORD spells each member as ``record_names`` says."""
    buffer = io.BytesIO()
    lines = []
    for name, data in members.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        lines.append(f"{record_names.get(name, name)},sha256={digest},{len(data)}\n")
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
        z.writestr("p-1.dist-info/RECORD", "".join(lines) + "p-1.dist-info/RECORD,,\n")
    return zipfile.ZipFile(io.BytesIO(buffer.getvalue()))


MEMBERS = {"p/__init__.py": b"x = 1\n", "p-1.dist-info/WHEEL": b"Wheel-Version: 1.0\n"}


def test_record_is_compared_on_windows_names() -> None:
    """RECORD spelling a member in another case names the same file on Windows."""
    z = _wheel(MEMBERS, {"p/__init__.py": "P/__INIT__.py"})
    assert validate_wheel(z, "w.whl") == "p-1.dist-info"


def test_record_listing_one_file_twice_by_windows_names() -> None:
    z = _wheel(MEMBERS, {})
    text = z.read("p-1.dist-info/RECORD").decode() + "P/__init__.py,,\n"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for info in z.infolist():
            data = text.encode() if info.filename.endswith("RECORD") else z.read(info)
            out.writestr(info.filename, data)
    with pytest.raises(BadWheel, match=r"lists 'P/__init__\.py' twice"):
        validate_wheel(zipfile.ZipFile(io.BytesIO(buffer.getvalue())), "w.whl")
