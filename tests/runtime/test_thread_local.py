"""C++ thread_local objects with destructors (clang calls __cxa_thread_atexit): each
thread's run when it ends, the unloading thread's before the static destructors; a DLL
without them gets no TLS directory for it.  The x64 build runs in Windows CPython under
Wine; every view links with system imports only."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from ..support import wine
from ..support.commands import pip_wheel, run
from ..support.pe import read_pe
from ..support.small_dll import DEMO, SYSTEM_DLLS, small_dll
from ..support.wine import Wine, windows_path

pytestmark = pytest.mark.slow

SOURCE = r"""
#include <thread>
#include <vector>

static int destroyed = 0;
static std::vector<int> order;

struct Counter {
  int n = 0;
  ~Counter() { destroyed += 1; order.push_back(n); }
};
static thread_local Counter counter;

extern "C" __declspec(dllexport) int run_threads(int n) {
  for (int i = 0; i < n; i++) {
    std::thread t([i] { counter.n = 10 + i; });
    t.join();  // the thread has ended: its counter is gone
  }
  return destroyed;
}

extern "C" __declspec(dllexport) int last_destroyed(void) {
  return order.empty() ? -1 : order.back();
}

// Initialized per-thread data: each thread's block is a copy of the template.
static thread_local long long table[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

extern "C" __declspec(dllexport) long long table_sums(int n) {
  long long total = 0;
  for (int i = 0; i < n; i++) {
    std::thread t([&total] {
      for (long long v : table) total += v;  // 136 in each new thread
      for (long long &v : table) v = -1;
    });
    t.join();
  }
  return total;
}

extern "C" __declspec(dllexport) void *PyInit_tlsdemo(void) { return 0; }
"""


def _tls_dll(tmp_path: Path, arch: str) -> Path:
    project = tmp_path / arch / "project"
    project.mkdir(parents=True)
    (project / "pyproject.toml").write_text((DEMO / "pyproject.toml").read_text())
    (project / "setup.py").write_text(
        "from setuptools import Extension, setup\n"
        "setup(ext_modules=[Extension('tlsdemo', ['tls.cpp'], language='c++')])\n"
    )
    (project / "tls.cpp").write_text(SOURCE)
    env = {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_ARCH": arch}
    env["EC_BUILDEXT_CACHE_DIR"] = str(wine.tests_cache() / "runtime-cache")
    pip_wheel(project, tmp_path / arch / "dist", env)
    (wheel,) = (tmp_path / arch / "dist").iterdir()
    with zipfile.ZipFile(wheel) as z:
        (member,) = [n for n in z.namelist() if n.endswith(".pyd")]
        return Path(z.extract(member, tmp_path / arch / "x"))


def test_thread_local_destructors_run_as_threads_end(
    tmp_path: Path, windows_cpython313: Path, wine_runner: Wine
) -> None:
    dll = _tls_dll(tmp_path, "x64")
    code = f"""
import ctypes
d = ctypes.CDLL({windows_path(dll)!r})
d.table_sums.restype = ctypes.c_longlong
print(d.run_threads(3), d.last_destroyed(), d.table_sums(3))
"""
    out = wine_runner.python(windows_cpython313, code, path=tmp_path).stdout.split()
    assert out == ["3", "12", str(3 * sum(range(1, 17)))]


@pytest.mark.parametrize("arch", ["x64", "arm64ec"])
def test_tls_template_holds_every_thread_local(
    arch: str, tmp_path: Path, readobj_tool: str
) -> None:
    """The TLS directory's template is the whole .tls section: the compiler's .tls$
    data included (from its start, where section-relative offsets count from)."""
    dll = _tls_dll(tmp_path, arch)
    tls = run([readobj_tool, "--coff-tls-directory", str(dll)]).stdout
    start = int(re.search(r"StartAddressOfRawData: (0x[0-9A-F]+)", tls)[1], 16)
    end = int(re.search(r"EndAddressOfRawData: (0x[0-9A-F]+)", tls)[1], 16)
    headers = run([readobj_tool, "--file-headers", "--sections", str(dll)]).stdout
    base = int(re.search(r"ImageBase: (0x[0-9A-F]+)", headers)[1], 16)
    section = re.search(
        r"Name: \.tls .*?VirtualSize: (0x[0-9A-F]+)\s+VirtualAddress: (0x[0-9A-F]+)", headers, re.S
    )
    size, address = int(section[1], 16), int(section[2], 16)
    assert start == base + address
    assert end - start >= 16 * 8  # the table, at least
    assert end <= base + address + size


@pytest.mark.parametrize("arch", ["arm64ec", "arm64x"])
def test_thread_local_links_for_arm(arch: str, tmp_path: Path, readobj_tool: str) -> None:
    dll = _tls_dll(tmp_path, arch)
    main, ec_view = read_pe(readobj_tool, dll).views()
    for view in [main] + ([ec_view] if ec_view is not None else []):
        assert {d.lower() for d in view.imported_dlls} <= SYSTEM_DLLS
        assert "run_threads" in view.exports


@pytest.mark.parametrize("arch", ["x64", "arm64ec"])
def test_no_tls_directory_without_thread_local(
    arch: str, tmp_path: Path, readobj_tool: str
) -> None:
    """The thread-exit list is linked only where __cxa_thread_atexit is called."""
    dll = small_dll(
        tmp_path, "int plain(void) { return 1; }", arch, wine.tests_cache() / "runtime-cache"
    )
    tls = run([readobj_tool, "--coff-tls-directory", str(dll)]).stdout
    assert "TLSDirectory {" in tls and "StartAddressOfRawData" not in tls
