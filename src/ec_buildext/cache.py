"""A per-user cache of generated files, filled atomically; temporary names.

LLVM wrapper scripts, runtime-support objects and import libraries depend only
on the toolchain and the target, so builds share them.  Each entry is a folder
made under a temporary name and renamed into place when complete: a crash or a
concurrent build never leaves a half-written entry behind.  The last file written
into an entry is its manifest (size and SHA-256 of every file): an entry is checked
against it the first time a process uses it, and one that no longer matches (a
flipped byte, a truncated or deleted file, no manifest) is made again, with a line
saying so.  Builds that find the same entry missing make it once: the first takes a
lock, the others wait for it (a line says so) and then use what it made.

Every temporary file or folder ec-buildext makes (cache entries being filled,
files written atomically, the retagged wheel before its rename, the build's
staging folder) carries :func:`temp_prefix`'s tag: this host and the process id.
A process killed with SIGKILL cannot remove its own; :func:`remove_stale` removes
them on a later run, once the owning process is gone (or after a day, for names
from another host or a reused process id).  Temporaries of live processes,
concurrent builds among them, are never touched.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import shlex
import shutil
import socket
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Callable, Optional

from .errors import UserError, log

__all__ = [
    "cache_dir",
    "cached_folder",
    "command_script",
    "entry_problem",
    "key_of",
    "output_error",
    "remove_stale",
    "remove_stale_in_cache",
    "replace_atomic",
    "temp_prefix",
    "write_text_atomic",
]

_HOST = hashlib.sha256(socket.gethostname().encode()).hexdigest()[:6]
#: A temporary name temp_prefix made: the tag, then mkstemp's 8 random characters.
_TEMP_NAME = re.compile(r"ecb-(?P<host>[0-9a-f]{6})-(?P<pid>\d+)-[a-z0-9_]{8}(?:\.tmp)?$")
#: A temporary wheel of retag before temporary names carried a process (no owner to
#: ask: removed once older than a day).
_OLD_WHEEL_TEMP = re.compile(r"^\..+\.whl\.[a-z0-9_]{8}\.tmp$")
#: Past this age a temporary is stale whoever made it: a build writes its
#: temporaries within minutes, and process ids are reused.
_STALE_AFTER = 24 * 3600


def temp_prefix(base: str) -> str:
    """The ``prefix`` for mkstemp/mkdtemp: ``base`` then this host and process."""
    return f"{base}ecb-{_HOST}-{os.getpid()}-"


def _process_gone(pid: int) -> bool:
    if sys.platform == "win32":  # os.kill there terminates the process: ask nothing
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, another user's
        return False
    try:  # a killed process nobody has reaped yet (Linux) is gone too
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]


def remove_stale(folder: Path) -> list[Path]:
    """Remove the temporaries in ``folder`` whose process is gone; return them.

    Only names :func:`temp_prefix` made, so nothing of anyone else's.  Errors are
    ignored: a concurrent run may be removing the same one, and a folder that
    cannot be listed has nothing of ours to clean."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        m = _TEMP_NAME.search(entry.name)
        if m is None and not _OLD_WHEEL_TEMP.match(entry.name):
            continue
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        gone = m is not None and m["host"] == _HOST and _process_gone(int(m["pid"]))
        if not (age > _STALE_AFTER or gone):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def remove_stale_in_cache() -> None:
    """:func:`remove_stale` on the cache and its folders (``toolchains/``...): what
    killed builds left, also in folders no later build fills again."""
    root = cache_dir()
    remove_stale(root)
    try:
        folders = [e.path for e in os.scandir(root) if e.is_dir(follow_symlinks=False)]
    except OSError:
        return
    for folder in folders:
        remove_stale(Path(folder))


def output_error(path: Path, error: OSError) -> UserError:
    """The paragraph for an output ``path`` that cannot be written."""
    why = error.strerror or str(error)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        fix = "Free some space on that disk, or choose a folder on another one"
        if path.is_relative_to(cache_dir()):
            fix += " (EC_BUILDEXT_CACHE_DIR moves the cache)"
    else:
        fix = (
            "Choose a folder that exists (or can be made) and that you can write to, "
            "or fix its permissions"
        )
    return UserError(f"cannot write {path}: {why}. {fix}.")


def cache_dir() -> Path:
    """``$EC_BUILDEXT_CACHE_DIR``, else the platform's user cache folder."""
    explicit = os.environ.get("EC_BUILDEXT_CACHE_DIR")
    if explicit:
        path = Path(explicit).expanduser()
        if not path.is_absolute():
            # A build runs in the project's folder (pip's, build's): a relative cache
            # would be written into the sources, and CMake takes only full paths.
            raise UserError(
                f"EC_BUILDEXT_CACHE_DIR is a relative path ({explicit!r}); a build runs in "
                "the project's folder, so the cache would be written among its sources. "
                "Give a full path (e.g. EC_BUILDEXT_CACHE_DIR=$PWD/" + explicit + "), or "
                "unset it to use the user cache folder."
            )
        return path
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "ec-buildext"


def key_of(*parts: object) -> str:
    """A short stable hash of ``parts`` for naming cache entries."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


#: The file, in each cache entry, that lists its other files' sizes and hashes.
MANIFEST = ".ec-buildext-manifest.json"
#: Entries checked by this process: each is hashed once per process, not per use.
_VERIFIED: set[Path] = set()


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _entry_files(folder: Path) -> dict[str, list[object]]:
    """Every file under ``folder`` but the manifest: relative POSIX path -> [size, sha256]."""
    files: dict[str, list[object]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST):
        files[path.relative_to(folder).as_posix()] = [path.stat().st_size, _file_digest(path)]
    return files


def _write_manifest(folder: Path) -> None:
    text = json.dumps({"version": 1, "files": _entry_files(folder)}, indent=1, sort_keys=True)
    (folder / MANIFEST).write_text(text + "\n", encoding="utf-8")


def entry_problem(folder: Path) -> Optional[str]:
    """What is wrong with the cache entry ``folder`` (None: every file is as written)."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        recorded = {str(k): (int(v[0]), str(v[1])) for k, v in manifest["files"].items()}
    except FileNotFoundError:
        return "it has no manifest"
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return "its manifest cannot be read"
    for name, (size, digest) in recorded.items():
        path = folder / name
        try:
            actual = path.stat().st_size
            if actual != size:
                return f"{name} has {actual} bytes, not {size}"
            if _file_digest(path) != digest:
                return f"{name} is not the file that was written"
        except FileNotFoundError:
            return f"{name} is missing"
        except OSError as e:
            return f"{name} cannot be read ({e.strerror or e})"
    return None


def _usable(final: Path) -> bool:
    """Whether the entry ``final`` exists and is intact; a damaged one is removed, with a
    line saying so, so that it is made again."""
    if final in _VERIFIED:
        if final.is_dir():
            return True
        _VERIFIED.discard(final)
    if not final.is_dir():
        return False
    problem = entry_problem(final)
    if problem is None:
        _VERIFIED.add(final)
        return True
    log(f"cache entry {final} is damaged ({problem}); making it again")
    try:  # renamed aside first: a concurrent reader keeps the files it has open
        aside = Path(tempfile.mkdtemp(prefix=temp_prefix(f".{final.name}."), dir=final.parent))
        final.rename(aside / "damaged")
        shutil.rmtree(aside, ignore_errors=True)
    except OSError as e:
        raise output_error(final, e) from None
    return False


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _lock(fd: int) -> None:
        while not _try_lock(fd):
            time.sleep(0.2)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)


def cached_folder(name: str, fill: Callable[[Path], None]) -> Path:
    """The cache folder ``name``, made by ``fill(tmp_folder)`` on first use, checked
    against its manifest on each process's first use and made again when damaged."""
    final = cache_dir() / name
    if _usable(final):
        return final
    with _entry_lock(final):
        if not _usable(final):  # else another build made it while this one waited
            _make_entry(final, fill)
    return final


@contextlib.contextmanager
def _entry_lock(final: Path) -> Iterator[None]:
    """An exclusive lock on the entry ``final``'s lock file while it is made (another
    build that wants it waits, saying so); closing the file releases it."""
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(final.parent / f".{final.name}.lock", os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as e:  # EC_BUILDEXT_CACHE_DIR somewhere read-only
        raise output_error(final, e) from None
    try:
        if not _try_lock(fd):
            log(f"waiting for another build that is making {final}")
            _lock(fd)
        yield
    finally:
        os.close(fd)


def command_script(folder: str, name: str, words: list[str]) -> Path:
    """An executable ``name`` that runs ``words`` followed by its own arguments, in the
    cache folder ``folder-<key of words>`` (``name.cmd`` on Windows): for tools that
    must be named as one program (CMake's CMAKE_AR, a build's CC)."""

    def fill(where: Path) -> None:
        if sys.platform == "win32":
            body = " ".join(f'"{w}"' for w in words)
            write_text_atomic(where / f"{name}.cmd", f"@{body} %*\r\n")
        else:
            # shlex: a path with ' $ ` ( or a space stays one word to the shell.
            script = f'#!/bin/sh\nexec {shlex.join(words)} "$@"\n'
            write_text_atomic(where / name, script, executable=True)

    found = cached_folder(f"{folder}-{key_of(words)}", fill)
    return found / (f"{name}.cmd" if sys.platform == "win32" else name)


def _make_entry(final: Path, fill: Callable[[Path], None]) -> None:
    try:
        remove_stale(final.parent)
        tmp = Path(tempfile.mkdtemp(prefix=temp_prefix(f".{final.name}."), dir=final.parent))
    except OSError as e:
        raise output_error(final, e) from None
    try:
        fill(tmp)
        _write_manifest(tmp)  # last: an entry with a manifest is complete
        try:
            tmp.rename(final)
        except OSError:
            if not final.is_dir():  # not a concurrent build that got there first
                raise
        _VERIFIED.add(final)
    except (OSError, UserError) as e:
        # A tool that could not write its output says so in its own words (and our
        # paragraph would blame the tool): name the full disk instead.
        full = _disk_full(final.parent)
        if full is not None:
            raise output_error(final, full) from None
        if isinstance(e, OSError) and e.errno in _CANNOT_WRITE:
            raise output_error(final, e) from None
        raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


#: What an OSError of writing into the cache means: no space, no permission.
_CANNOT_WRITE = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}
#: Less free space than this where an entry failed to be made: the disk is the cause.
_FULL_BELOW = 1 << 20


def _disk_full(folder: Path) -> Optional[OSError]:
    """An ENOSPC error when the file system holding ``folder`` is (about) full."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return None
    if free >= _FULL_BELOW:
        return None
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# Read once, at import: os.umask can only be read by setting it, which is not
# safe while other threads create files.
_UMASK = _read_umask()


def replace_atomic(tmp: Path, target: Path, *, executable: bool = False) -> None:
    """Rename the finished temporary file ``tmp`` over ``target``, with the mode an
    ordinary write would give: the old file's, else 0666/0777 less the umask
    (``mkstemp`` makes its files 0600, readable by their owner only)."""
    if target.exists():
        mode = target.stat().st_mode & 0o7777
    else:
        mode = (0o777 if executable else 0o666) & ~_UMASK
    if executable:
        mode |= 0o111 & ~_UMASK
    os.chmod(tmp, mode)
    os.replace(tmp, target)


def write_text_atomic(path: Path, text: str, *, executable: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename; a path
    that cannot be written is a :class:`UserError`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(f".{path.name}."), dir=path.parent)
    except OSError as e:
        raise output_error(path, e) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        replace_atomic(Path(tmp), path, executable=executable)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
