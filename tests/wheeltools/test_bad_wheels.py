"""Wheels someone else made, built to lie: every command that reads one refuses it
the same way, naming the member, and writes nothing (install: nothing half-installed)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from ..support.commands import ec, run
from ..support.paths import ROOT
from ..support.wheels import DIST, GOOD, NAME, Member, make_wheel, record_line

pytestmark = pytest.mark.slow  # a venv and pip per malicious wheel


def _symlink(name: str, target: bytes) -> Member:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, target


def _good_record() -> str:
    return "".join(f"{record_line(n, d)}\n" for n, d in GOOD) + f"{DIST}/RECORD,,\n"


#: (case id, members, RECORD or None for a truthful one, text the refusal must contain).
CASES: list[tuple[str, list[Member], str | None, str]] = [
    ("zip-slip", [*GOOD, ("../../slip_x.txt", b"x")], None, "'../../slip_x.txt'"),
    ("nested-slip", [*GOOD, ("evil/../../x.txt", b"x")], None, "'evil/../../x.txt'"),
    ("absolute", [*GOOD, ("/tmp/abs_x.txt", b"x")], None, "'/tmp/abs_x.txt'"),
    ("backslash", [*GOOD, ("..\\..\\bs_x.txt", b"x")], None, "backslash"),
    ("drive", [*GOOD, ("C:/x.txt", b"x")], None, "colon"),
    ("symlink", [*GOOD, _symlink("evil/link", b"/etc/passwd")], None, "symbolic link"),
    ("duplicate", [*GOOD, ("evil/__init__.py", b"EVIL = 1\n")], None, "same file"),
    ("case-duplicate", [*GOOD, ("evil/Native.DLL", b"x")], None, "same file"),
    (
        "dll-outside-package",
        [*GOOD, ("evil-1.0.data/../../outside.dll", b"MZ")],
        None,
        "outside.dll",
    ),
    ("unknown-data-folder", [*GOOD, ("evil-1.0.data/elsewhere/x.dll", b"MZ")], None, "elsewhere"),
    (
        "record-lists-missing",
        GOOD,
        _good_record() + record_line("evil/ghost.dll", b"x"),
        "ghost.dll",
    ),
    ("record-wrong-hash", GOOD, _good_record().replace("sha256=", "sha256=A", 1), "__init__.py"),
    (
        "record-wrong-size",
        GOOD,
        _good_record().replace(f",{len(GOOD[0][1])}\n", ",1\n", 1),
        "__init__.py",
    ),
    ("unlisted-member", [*GOOD, ("evil/extra.dll", b"MZ")], _good_record(), "evil/extra.dll"),
    (  # 64 MiB of zeros that RECORD calls 10 bytes: reading stops past 10
        "record-understates-size",
        [*GOOD, ("evil/bomb.bin", bytes(64 << 20))],
        _good_record() + "evil/bomb.bin,sha256=AAAA,10\n",
        "evil/bomb.bin",
    ),
    ("record-md5", GOOD, _good_record().replace("sha256=", "md5=", 1), "md5"),
    ("two-wheel-files", [*GOOD, ("other-1.0.dist-info/WHEEL", b"x")], None, "2 *.dist-info"),
    # Windows' path rules: other spellings of one file, names Windows cannot create.
    ("dot-component", [*GOOD, ("evil/./__init__.py", b"EVIL = 1\n")], None, "'.' component"),
    ("empty-component", [*GOOD, ("evil//__init__.py", b"EVIL = 1\n")], None, "'.' component"),
    ("leading-dot", [*GOOD, ("./evil/__init__.py", b"EVIL = 1\n")], None, "'.' component"),
    ("trailing-dot", [*GOOD, ("evil/__init__.py.", b"EVIL = 1\n")], None, "'__init__.py.'"),
    ("trailing-dot-dll", [*GOOD, ("evil/native.dll.", b"MZ evil\n")], None, "'native.dll.'"),
    ("trailing-dot-folder", [*GOOD, ("evil./x.py", b"x")], None, "'evil.'"),
    ("trailing-space", [*GOOD, ("evil/x.py ", b"x")], None, "a dot or a space"),
    ("device", [*GOOD, ("CON", b"x")], None, "'CON', a device name"),
    ("device-extension", [*GOOD, ("evil/nul.txt", b"x")], None, "'nul.txt', a device name"),
    ("device-module", [*GOOD, ("evil/COM1.py", b"x")], None, "'COM1.py', a device name"),
    ("device-folder", [*GOOD, ("AUX/x.py", b"x")], None, "'AUX', a device name"),
    ("device-dll", [*GOOD, ("evil/lpt9.dll", b"MZ")], None, "'lpt9.dll', a device name"),
    ("device-console", [*GOOD, ("evil/CONIN$", b"x")], None, "'CONIN$', a device name"),
    ("pipe", [*GOOD, ("evil/a|b.py", b"x")], None, "the character '|'"),
    ("control-character", [*GOOD, ("evil/a\x01b.py", b"x")], None, "the character '\\x01'"),
    (
        "nfc-nfd",
        [*GOOD, ("evil/caf\u00e9.py", b"x"), ("evil/cafe\u0301.py", b"y")],
        None,
        "same file",
    ),
    ("file-folder", [*GOOD, ("evil/native.dll/x.py", b"x")], None, "needs a folder"),
]


def _no_record(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(folder / NAME, "w") as z:
        for name, data in GOOD:
            z.writestr(name, data)
    return folder / NAME


def _not_a_zip(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / NAME).write_bytes(b"this is not a zip archive\n" * 10)
    return folder / NAME


EXTRA: list[tuple[str, Callable[[Path], Path], str]] = [
    ("no-record", _no_record, "RECORD"),
    ("not-a-zip", _not_a_zip, "not a readable wheel"),
]
ALL = [pytest.param(c[0], id=c[0]) for c in CASES] + [pytest.param(e[0], id=e[0]) for e in EXTRA]


def bad_wheel(case: str, folder: Path) -> tuple[Path, str]:
    for name, members, record, expected in CASES:
        if name == case:
            return make_wheel(folder, members, record), expected
    for name, make, expected in EXTRA:
        if name == case:
            return make(folder), expected
    raise KeyError(case)


def _refused(proc: subprocess.CompletedProcess[str], code: int, expected: str, wheel: Path) -> None:
    assert proc.returncode == code, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("ec-buildext: error: ") and str(wheel) in proc.stderr
    assert expected in proc.stderr, proc.stderr


@pytest.mark.parametrize("case", ALL)
def test_retag_repair_audit_inspect_refuse(case: str, tmp_path: Path) -> None:
    wheel, expected = bad_wheel(case, tmp_path / "in")
    out = tmp_path / "out"
    out.mkdir()
    _refused(
        ec("retag", str(wheel), "--platform", "win_arm64", "-d", str(out), check=False),
        1,
        expected,
        wheel,
    )
    _refused(ec("repair", str(wheel), "-w", str(out), check=False), 1, expected, wheel)
    _refused(ec("audit", str(wheel), check=False), 2, expected, wheel)
    _refused(ec("inspect", str(wheel), check=False), 2, expected, wheel)
    assert list(out.iterdir()) == []
    assert sorted(p.name for p in wheel.parent.iterdir()) == [NAME]


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, dict[str, str]]:
    """A fresh environment with pip, running this checkout's ec-buildext (and its
    dependencies) from PYTHONPATH: what it installs goes into the fresh one."""
    folder = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", str(folder)])
    py = str(folder / "bin" / "python")
    site = Path(
        run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
    )
    ours = sysconfig.get_paths()["purelib"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), ours])}
    return py, site, env


def _tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.mark.parametrize("case", ALL)
def test_install_refuses_before_writing(
    case: str, tmp_path: Path, venv: tuple[str, Path, dict[str, str]]
) -> None:
    py, site, env = venv
    wheel, expected = bad_wheel(case, tmp_path)
    before = _tree(site.parent.parent.parent)
    proc = run([py, "-m", "ec_buildext", "install", "--force", str(wheel)], env=env, check=False)
    _refused(proc, 1, expected, wheel)
    assert _tree(site.parent.parent.parent) == before
    assert "evil" not in run([py, "-m", "pip", "list"], env=env).stdout


def test_install_good_wheel_then_uninstall(
    tmp_path: Path, venv: tuple[str, Path, dict[str, str]]
) -> None:
    py, site, env = venv
    wheel = make_wheel(tmp_path, GOOD)
    run([py, "-m", "ec_buildext", "install", "--force", str(wheel)], env=env)
    assert (site / "evil" / "native.dll").is_file()
    assert "evil" in run([py, "-m", "pip", "list"], env=env).stdout
    run([py, "-m", "pip", "uninstall", "-y", "evil"], env=env)
    assert not (site / "evil").exists() and not (site / DIST).exists()


def test_install_failing_half_way_removes_what_it_wrote(
    tmp_path: Path, venv: tuple[str, Path, dict[str, str]]
) -> None:
    """A file the install cannot write (a folder is in its place) stops it after
    other files were written: they are removed again."""
    py, site, env = venv
    members = [*GOOD[:1], ("evil/zz_blocked.txt", b"x"), *GOOD[1:]]
    wheel = make_wheel(tmp_path, members)
    (site / "evil" / "zz_blocked.txt").mkdir(parents=True)
    try:
        proc = run(
            [py, "-m", "ec_buildext", "install", "--force", str(wheel)], env=env, check=False
        )
        assert proc.returncode == 1 and "nothing was left installed" in proc.stderr
        assert "Traceback" not in proc.stderr
        assert _tree(site / "evil") == {"zz_blocked.txt"}
        assert not (site / DIST).exists()
    finally:
        (site / "evil" / "zz_blocked.txt").rmdir()
        (site / "evil").rmdir()
