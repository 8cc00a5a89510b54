"""Retagging: new name, WHEEL and RECORD; members byte-identical; atomic; verified by others."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from installer.sources import WheelFile

from ec_buildext.errors import UserError
from ec_buildext.wheeltools.retag import parse_wheel_name, retag_wheel, retagged_name

from ..support.commands import pip_wheel, run


@pytest.fixture(scope="module")
def real_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel made by setuptools through pip, with a compressible and an incompressible file."""
    src = tmp_path_factory.mktemp("proj")
    pkg = src / "demo"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("VALUE = 1\n" * 2000)
    (pkg / "blob.bin").write_bytes(os.urandom(300_000))
    (src / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n'
        '[project]\nname = "demo"\nversion = "2.0"\n'
        '[tool.setuptools.package-data]\ndemo = ["*.bin"]\n'
    )
    out = tmp_path_factory.mktemp("wheels")
    pip_wheel(src, out, {})
    (wheel,) = out.glob("*.whl")
    return wheel


def raw_members(path: Path) -> dict[str, bytes]:
    """Compressed bytes of every member, read from the local headers."""
    out = {}
    with zipfile.ZipFile(path) as z, path.open("rb") as f:
        for info in z.infolist():
            f.seek(info.header_offset)
            header = f.read(30)
            name_len, extra_len = struct.unpack_from("<HH", header, 26)
            f.seek(name_len + extra_len, os.SEEK_CUR)
            out[info.filename] = f.read(info.compress_size)
    return out


def test_names() -> None:
    assert (
        retagged_name("a-1.0-py3-none-any.whl", "win_arm64ec") == "a-1.0-py3-none-win_arm64ec.whl"
    )
    assert retagged_name("a_b-1.0-1build-cp311-cp311-linux_x86_64.whl", "win_arm64") == (
        "a_b-1.0-1build-cp311-cp311-win_arm64.whl"
    )
    assert parse_wheel_name("x-2-cp39-abi3-win_amd64.whl").abi == "abi3"
    with pytest.raises(UserError, match="not a wheel file name"):
        parse_wheel_name("x-2.tar.gz")


@pytest.mark.slow
def test_retag_rewrites_tag_and_keeps_members(real_wheel: Path, tmp_path: Path) -> None:
    out = retag_wheel(real_wheel, "win_arm64ec", tmp_path)
    assert out.name == "demo-2.0-py3-none-win_arm64ec.whl"
    assert list(tmp_path.iterdir()) == [out]
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None
        wheel_text = z.read("demo-2.0.dist-info/WHEEL").decode()
        assert "Tag: py3-none-win_arm64ec" in wheel_text
        assert "any" not in wheel_text.split("Tag:", 1)[1]
        assert z.namelist()[-1] == "demo-2.0.dist-info/RECORD"
    before, after = raw_members(real_wheel), raw_members(out)
    assert before.keys() == after.keys()
    changed = {k for k in before if before[k] != after[k]}
    # Only WHEEL and RECORD differ; every other member is copied byte for byte.
    assert changed <= {"demo-2.0.dist-info/WHEEL", "demo-2.0.dist-info/RECORD"}
    assert "demo-2.0.dist-info/WHEEL" in changed


@pytest.mark.slow
def test_record_verifies_with_installer_and_wheel(real_wheel: Path, tmp_path: Path) -> None:
    out = retag_wheel(real_wheel, "win_arm64ec", tmp_path)
    with WheelFile.open(out) as source:
        source.validate_record()  # raises on a wrong hash or size
    run([sys.executable, "-m", "wheel", "unpack", "-d", str(tmp_path / "u"), str(out)])
    assert (tmp_path / "u" / "demo-2.0" / "demo" / "blob.bin").stat().st_size == 300_000


@pytest.mark.slow
def test_compressed_tags(real_wheel: Path, tmp_path: Path) -> None:
    out = retag_wheel(real_wheel, "win_arm64.win_arm64ec", tmp_path)
    assert out.name.endswith("-py3-none-win_arm64.win_arm64ec.whl")
    with zipfile.ZipFile(out) as z:
        lines = z.read("demo-2.0.dist-info/WHEEL").decode().splitlines()
    tags = [line for line in lines if line.startswith("Tag:")]
    assert tags == ["Tag: py3-none-win_arm64", "Tag: py3-none-win_arm64ec"]


@pytest.mark.slow
def test_retag_in_place_replaces_atomically(real_wheel: Path, tmp_path: Path) -> None:
    first = retag_wheel(real_wheel, "win_arm64ec", tmp_path)
    again = retag_wheel(first, "win_arm64ec")
    assert again == first and sorted(p.name for p in tmp_path.iterdir()) == [first.name]
    with WheelFile.open(again) as source:
        source.validate_record()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_outputs_get_ordinary_file_modes(real_wheel: Path, tmp_path: Path) -> None:
    """Written through mkstemp (0600) but published as an ordinary write would be:
    0666/0777 less the umask for new files, the old mode for replaced ones."""
    import stat

    from ec_buildext.cache import write_text_atomic

    umask = os.umask(0o022)
    os.umask(umask)
    wheel = retag_wheel(real_wheel, "win_arm64ec", tmp_path)
    assert stat.S_IMODE(wheel.stat().st_mode) == 0o666 & ~umask
    text = tmp_path / "pyproject.toml"
    write_text_atomic(text, "a\n")
    assert stat.S_IMODE(text.stat().st_mode) == 0o666 & ~umask
    text.chmod(0o640)
    write_text_atomic(text, "b\n")  # rewriting a user's file keeps its mode
    assert stat.S_IMODE(text.stat().st_mode) == 0o640 and text.read_text() == "b\n"
    script = tmp_path / "clang.sh"
    write_text_atomic(script, "#!/bin/sh\n", executable=True)
    assert stat.S_IMODE(script.stat().st_mode) == 0o777 & ~umask


@pytest.mark.slow
def test_truncated_wheel_leaves_nothing(real_wheel: Path, tmp_path: Path) -> None:
    broken = tmp_path / "src" / real_wheel.name
    broken.parent.mkdir()
    data = real_wheel.read_bytes()
    # Keep the central directory, drop the middle: members' data no longer exist.
    broken.write_bytes(data[:200] + b"\0" * (len(data) - 400) + data[-200:])
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(UserError):
        retag_wheel(broken, "win_arm64ec", out)
    assert list(out.iterdir()) == []


@pytest.mark.slow
def test_cli_retag_and_error(real_wheel: Path, tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ec_buildext",
            "retag",
            str(real_wheel),
            "--platform",
            "win_arm64",
            "-d",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout.strip().endswith("demo-2.0-py3-none-win_arm64.whl")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ec_buildext",
            "retag",
            str(tmp_path / "nope.whl"),
            "--platform",
            "win_arm64",
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "ec-buildext: error:" in proc.stderr
