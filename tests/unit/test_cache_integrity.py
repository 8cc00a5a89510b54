"""Cache entries are checked against their manifest and made again when damaged; builds
that find an entry missing make it once (cache.cached_folder)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from ec_buildext import cache

SRC = Path(cache.__file__).resolve().parent.parent


def _fill(folder: Path) -> None:
    (folder / "lib").mkdir()
    (folder / "lib" / "runtime.lib").write_bytes(bytes(range(256)) * 40)
    (folder / "runtime.obj").write_bytes(b"\x64\xaa" + b"\x00" * 98)


@pytest.fixture()
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EC_BUILDEXT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_VERIFIED", set())
    return tmp_path / "cache"


def _counting_fill(calls: list[Path]) -> Callable[[Path], None]:
    def fill(folder: Path) -> None:
        calls.append(folder)
        _fill(folder)

    return fill


def _reuse(name: str, calls: list[Path]) -> Path:
    """Use the entry as a new process would (nothing remembered)."""
    cache._VERIFIED.clear()
    return cache.cached_folder(name, _counting_fill(calls))


def test_manifest_lists_every_file_with_size_and_hash(fresh_cache: Path) -> None:
    import hashlib

    folder = cache.cached_folder("entry", _fill)
    manifest = json.loads((folder / cache.MANIFEST).read_text())
    lib = folder / "lib" / "runtime.lib"
    assert manifest["files"] == {
        "lib/runtime.lib": [lib.stat().st_size, hashlib.sha256(lib.read_bytes()).hexdigest()],
        "runtime.obj": [100, hashlib.sha256((folder / "runtime.obj").read_bytes()).hexdigest()],
    }
    assert cache.entry_problem(folder) is None


def test_intact_entry_is_not_made_again(fresh_cache: Path) -> None:
    calls: list[Path] = []
    _reuse("entry", calls)
    _reuse("entry", calls)
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        ("flip", "lib/runtime.lib is not the file that was written"),
        ("truncate", "lib/runtime.lib has 100 bytes, not 10240"),
        ("empty", "lib/runtime.lib has 0 bytes, not 10240"),
        ("delete", "lib/runtime.lib is missing"),
        ("no-manifest", "it has no manifest"),
        ("bad-manifest", "its manifest cannot be read"),
    ],
)
def test_damaged_entry_is_made_again(
    fresh_cache: Path, capsys: pytest.CaptureFixture[str], damage: str, problem: str
) -> None:
    calls: list[Path] = []
    folder = _reuse("entry", calls)
    lib = folder / "lib" / "runtime.lib"
    clean = lib.read_bytes()
    if damage == "flip":
        data = bytearray(clean)
        data[1000] ^= 0x01
        lib.write_bytes(bytes(data))
    elif damage == "truncate":
        lib.write_bytes(clean[:100])
    elif damage == "empty":
        lib.write_bytes(b"")
    elif damage == "delete":
        lib.unlink()
    elif damage == "no-manifest":
        (folder / cache.MANIFEST).unlink()
    else:
        (folder / cache.MANIFEST).write_text("{not json")
    assert problem in (cache.entry_problem(folder) or "")
    capsys.readouterr()
    again = _reuse("entry", calls)
    assert again == folder and len(calls) == 2
    assert lib.read_bytes() == clean
    assert cache.entry_problem(folder) is None
    err = capsys.readouterr().err
    assert f"cache entry {folder} is damaged ({problem}" in err and "making it again" in err
    # Nothing left beside the entry but its lock file.
    assert sorted(p.name for p in fresh_cache.iterdir()) == [".entry.lock", "entry"]


def test_damage_after_first_use_is_seen_by_the_next_process(fresh_cache: Path) -> None:
    """One process hashes an entry once; the next process checks it again."""
    calls: list[Path] = []
    folder = _reuse("entry", calls)
    (folder / "runtime.obj").write_bytes(b"\x00" * 100)
    assert cache.cached_folder("entry", _counting_fill(calls)) == folder
    assert len(calls) == 1  # same process: not hashed again
    _reuse("entry", calls)
    assert len(calls) == 2


_RACER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    from ec_buildext import cache

    def fill(folder):
        with open(sys.argv[2], "a") as log:
            log.write("fill\\n")
        time.sleep(1)
        (folder / "made").write_text("once")

    print(cache.cached_folder("raced", fill))
    """
)


def test_two_processes_make_a_missing_entry_once(fresh_cache: Path, tmp_path: Path) -> None:
    log = tmp_path / "fills.log"
    env = {**os.environ, "EC_BUILDEXT_CACHE_DIR": str(fresh_cache)}
    argv = [sys.executable, "-c", _RACER, str(SRC), str(log)]
    first = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while not log.is_file() and time.monotonic() < deadline:  # the first one is filling
        time.sleep(0.05)
    second = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
    out, _ = first.communicate(timeout=60)
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    assert log.read_text() == "fill\n"
    assert "waiting for another build that is making" in second.stderr
    assert out.decode().strip() == second.stdout.strip() == str(fresh_cache / "raced")
    assert (fresh_cache / "raced" / "made").read_text() == "once"


def test_unwritable_cache_is_one_paragraph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if os.geteuid() == 0:
        blocked = tmp_path / "file"
        blocked.write_text("")
        monkeypatch.setenv("EC_BUILDEXT_CACHE_DIR", str(blocked / "cache"))
    else:
        tmp_path.chmod(0o500)
        monkeypatch.setenv("EC_BUILDEXT_CACHE_DIR", str(tmp_path / "cache"))
    with pytest.raises(cache.UserError, match=r"cannot write .*entry"):
        cache.cached_folder("entry", _fill)


def test_wrapper_script_program_round_trip() -> None:
    """The program a zig wrapper script runs is read back from it, whatever its path
    (the cache forgets wrappers whose zig is gone by it)."""
    import shlex

    from ec_buildext.toolchains.llvm import _wrapped_program

    for path in ["/usr/lib/zig", "/tmp/we'ird $(x) `y` (z)/zig", "/a b/zig"]:
        script = f'#!/bin/sh\nexec {shlex.join([path, "clang", "-x"])} "$@"\n'
        assert _wrapped_program(script) == path
    assert (
        _wrapped_program('@echo off\r\n@"C:\\z i g\\zig.exe" clang %*\r\n') == "C:\\z i g\\zig.exe"
    )
    assert _wrapped_program("#!/bin/sh\necho nothing\n") is None
