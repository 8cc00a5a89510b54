"""``reproducible = true``: the same sources built in two folders, at two times, give
byte-identical wheels, without SOURCE_DATE_EPOCH."""

from __future__ import annotations

import os
import shutil
import struct
import sys
import time
import zipfile
from pathlib import Path

import pytest

from ..support.commands import run
from ..support.paths import SAMPLES

pytestmark = pytest.mark.slow


def _build(project: Path, out: Path, cache: Path, *settings: str) -> Path:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(EC_BUILDEXT_LLVM_ROOT="ziglang", EC_BUILDEXT_CACHE_DIR=str(cache))
    config = [a for s in settings for a in ("-C", s)]
    argv = [sys.executable, "-m", "build", "--wheel", "--no-isolation", *config]
    run([*argv, str(project), "-o", str(out)], env=env)
    (wheel,) = out.glob("*.whl")
    return wheel


def _pe_time(wheel: Path) -> int:
    with zipfile.ZipFile(wheel) as z:
        name = next(n for n in z.namelist() if n.endswith((".dll", ".pyd")))
        data = z.read(name)
    (pe,) = struct.unpack_from("<I", data, 0x3C)
    return int(struct.unpack_from("<I", data, pe + 8)[0])


@pytest.mark.parametrize("sample", ["cmake_ctypes", "setuptools_ctypes"])
def test_two_folders_two_times_one_wheel(sample: str, tmp_path: Path, cache_dir: Path) -> None:
    wheels = []
    for name in ("first", "second-folder"):
        project = tmp_path / name / sample
        shutil.copytree(SAMPLES / sample, project)
        wheels.append(
            _build(project, tmp_path / f"dist-{name}", cache_dir, "ec-buildext.reproducible=true")
        )
        time.sleep(2.1)  # past the 2-second resolution of ZIP times
    assert wheels[0].name == wheels[1].name
    assert wheels[0].read_bytes() == wheels[1].read_bytes()
    # /Brepro: a hash of the image, not the time of the link.
    assert abs(_pe_time(wheels[0]) - time.time()) > 24 * 3600
    with zipfile.ZipFile(wheels[0]) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
