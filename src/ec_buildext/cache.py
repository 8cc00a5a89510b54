"""A per-user cache of generated files, filled atomically.

LLVM wrapper scripts, runtime-support objects and import libraries depend only
on the toolchain and the target, so builds share them.  Each entry is a folder
made under a temporary name and renamed into place when complete: a crash or a
concurrent build never leaves a half-written entry behind.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Callable

__all__ = ["cache_dir", "cached_folder", "key_of", "replace_atomic", "write_text_atomic"]


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
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=final.parent))
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
    """Write ``text`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        replace_atomic(Path(tmp), path, executable=executable)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
