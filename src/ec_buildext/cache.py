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

__all__ = ["cache_dir", "cached_folder", "key_of", "write_text_atomic"]


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


def write_text_atomic(path: Path, text: str, *, executable: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        if executable:
            os.chmod(tmp, 0o755)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
