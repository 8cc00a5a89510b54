"""A project that defines _GNU_SOURCE (or _POSIX_C_SOURCE, _XOPEN_SOURCE) calls the
UCRT's printf and strtod, as its Windows build does, not mingw-w64's own
(__mingw_snprintf, __mingw_strtod: libmingwex, no system DLL has them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..support import wine
from ..support.pe import read_pe
from ..support.small_dll import SYSTEM_DLLS, small_dll
from ..support.wine import Wine, windows_path

pytestmark = pytest.mark.slow

SOURCE = """
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
__declspec(dllexport) int fmt(char *out, int n, const char *number) {
  double v = strtod(number, NULL);
  return snprintf(out, n, "%.3f|%lld|%zu", v, (long long)(v * 1000), (size_t)n);
}
"""


def _dll(arch: str, tmp_path: Path) -> Path:
    return small_dll(tmp_path, SOURCE, arch, wine.tests_cache() / "runtime-cache")


def test_gnu_source_formats_with_the_ucrt(
    tmp_path: Path, windows_cpython313: Path, wine_runner: Wine
) -> None:
    dll = _dll("x64", tmp_path)
    code = f"""
import ctypes
d = ctypes.CDLL({windows_path(dll)!r})
out = ctypes.create_string_buffer(64)
print(d.fmt(out, 64, b"2.71828"), out.value.decode())
"""
    out = wine_runner.python(windows_cpython313, code, path=tmp_path).stdout.split()
    assert out == ["13", "2.718|2718|64"]


@pytest.mark.parametrize("arch", ["arm64ec", "arm64x"])
def test_gnu_source_links_for_arm(arch: str, tmp_path: Path, readobj_tool: str) -> None:
    dll = _dll(arch, tmp_path)
    main, ec_view = read_pe(readobj_tool, dll).views()
    for view in [main] + ([ec_view] if ec_view is not None else []):
        assert {d.lower() for d in view.imported_dlls} <= SYSTEM_DLLS
