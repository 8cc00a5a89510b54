"""A per-user cache of generated files, filled atomically; temporary names.

LLVM wrapper scripts, runtime-support objects and import libraries depend only
on the toolchain and the target, so builds share them.  Each entry is a folder
made under a temporary name and renamed into place when complete: a crash or a
concurrent build never leaves a half-written entry behind.

Every temporary file or folder ec-buildext makes (cache entries being filled,
files written atomically, the retagged wheel before its rename, the build's
staging folder) carries :func:`temp_prefix`'s tag: this host and the process id.
A process killed with SIGKILL cannot remove its own; :func:`remove_stale` removes
them on a later run, once the owning process is gone (or after a day, for names
from another host or a reused process id).  Temporaries of live processes,
concurrent builds among them, are never touched.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from .errors import UserError

__all__ = [
    "cache_dir",
    "cached_folder",
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
    return UserError(
        f"cannot write {path}: {why}. Choose a folder that exists (or can be made) and "
        "that you can write to, or fix its permissions."
    )


def cache_dir() -> Path:
    """``$EC_BUILDEXT_CACHE_DIR``, else the platform's user cache folder."""
    explicit = os.environ.get("EC_BUILDEXT_CACHE_DIR")
    if explicit:
        return Path(explicit)
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


def cached_folder(name: str, fill: Callable[[Path], None]) -> Path:
    """The cache folder ``name``, made by ``fill(tmp_folder)`` on first use."""
    final = cache_dir() / name
    if final.is_dir():
        return final
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(final.parent)
        tmp = Path(tempfile.mkdtemp(prefix=temp_prefix(f".{final.name}."), dir=final.parent))
    except OSError as e:  # EC_BUILDEXT_CACHE_DIR somewhere read-only
        raise output_error(final, e) from None
    try:
        fill(tmp)
        try:
            tmp.rename(final)
        except OSError:
            if not final.is_dir():  # not a concurrent build that got there first
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return final


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
