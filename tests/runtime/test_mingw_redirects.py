"""What mingw-w64's headers redirect to, or declare and only its own static libraries
define, is had as a Windows build has it.  A project that defines _GNU_SOURCE (or
_POSIX_C_SOURCE, _XOPEN_SOURCE) calls the UCRT's printf and strtod, as its Windows build
does, not mingw-w64's own (__mingw_snprintf, __mingw_strtod: libmingwex, no system DLL
has them); <ws2tcpip.h>'s IN6_IS_ADDR_* and gai_strerror come from the C runtime."""

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


#: Functions mingw-w64's <ws2tcpip.h> declares and its libws2_32.a defines (MSVC's
#: headers inline them), which pycares' c-ares calls.
IN6_SOURCE = """
#include <winsock2.h>
#include <ws2tcpip.h>
#include <string.h>
__declspec(dllexport) int v4compat(const unsigned char *bytes) {
  struct in6_addr a;
  memcpy(&a, bytes, 16);
  return IN6_IS_ADDR_V4COMPAT(&a) * 10 + IN6_IS_ADDR_LOOPBACK(&a);
}
__declspec(dllexport) const char *gai_message(int code) { return gai_strerrorA(code); }
"""


def test_ws2tcpip_helpers_run(tmp_path: Path, windows_cpython313: Path, wine_runner: Wine) -> None:
    dll = small_dll(tmp_path, IN6_SOURCE, "x64", wine.tests_cache() / "runtime-cache")
    code = f"""
import ctypes
d = ctypes.CDLL({windows_path(dll)!r})
d.gai_message.restype = ctypes.c_char_p
loopback = bytes(15) + bytes([1])
v4 = bytes(12) + bytes([1, 2, 3, 4])
print(d.v4compat(loopback), d.v4compat(v4), bool(d.gai_message(11001)))
"""
    out = wine_runner.python(windows_cpython313, code, path=tmp_path).stdout.split()
    assert out == ["1", "10", "True"]


@pytest.mark.parametrize("arch", ["arm64ec", "arm64x"])
def test_ws2tcpip_helpers_link_for_arm(arch: str, tmp_path: Path, readobj_tool: str) -> None:
    dll = small_dll(tmp_path, IN6_SOURCE, arch, wine.tests_cache() / "runtime-cache")
    main, ec_view = read_pe(readobj_tool, dll).views()
    for view in [main] + ([ec_view] if ec_view is not None else []):
        assert {d.lower() for d in view.imported_dlls} <= SYSTEM_DLLS | {"ws2_32.dll"}
