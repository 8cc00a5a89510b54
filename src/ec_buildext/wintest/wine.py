"""``wine64`` found, its private prefix in ec-buildext's cache, Windows paths."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..cache import cache_dir
from ..errors import UserError

__all__ = ["Wine", "find_wine", "windows_path"]

#: Debian's wine64 package puts the loader here, off PATH.
DEBIAN_WINE64 = Path("/usr/lib/wine/wine64")


def windows_path(path: Path) -> str:
    """``path`` as Windows programs under Wine see it (drive Z: is the Linux root)."""
    return "Z:" + str(path.absolute()).replace("/", "\\")


@dataclass(frozen=True)
class Wine:
    """The Wine loader and the prefix ec-buildext's tests run in."""

    loader: Path
    prefix: Path

    @property
    def started_before(self) -> bool:
        """Whether the prefix is made (its first start takes tens of seconds)."""
        return (self.prefix / "system.reg").is_file()

    def environment(self, base: Mapping[str, str]) -> dict[str, str]:
        """``base`` with this prefix, Wine's own messages off, and no display (the
        tests need none: Wine must not open windows)."""
        env = {**base, "WINEPREFIX": str(self.prefix), "WINEDEBUG": "-all"}
        # No Mono/Gecko installer dialogs; no winedbg crash report after an unhandled
        # exception (Wine has printed its line saying what happened).
        env["WINEDLLOVERRIDES"] = "mscoree,mshtml=;winedbg.exe=d"
        env.pop("DISPLAY", None)
        return env


def find_wine(environ: Mapping[str, str], prefix: Optional[Path] = None) -> Wine:
    """Debian's ``/usr/lib/wine/wine64``, else ``wine64`` or ``wine`` on PATH; the
    prefix ``prefix``, by default ``wine-prefix`` in ec-buildext's cache."""
    candidates = [str(DEBIAN_WINE64), shutil.which("wine64"), shutil.which("wine")]
    found = next((c for c in candidates if c and os.access(c, os.X_OK)), None)
    if found is None:
        raise UserError(
            "ec-buildext test runs the tests in a Windows CPython under Wine, and no Wine "
            f"was found ({DEBIAN_WINE64}, wine64 or wine on PATH). Install it (Debian and "
            "Ubuntu: apt-get install wine64; elsewhere your distribution's 64-bit Wine "
            "package), or run the tests on Windows."
        )
    folder = prefix if prefix is not None else cache_dir() / "wine-prefix"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UserError(
            f"cannot make the Wine prefix {folder}: {e.strerror}. Set EC_BUILDEXT_CACHE_DIR "
            "to a folder you can write to."
        ) from None
    return Wine(Path(found), folder)
