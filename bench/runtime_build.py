"""The CRT-less runtime's cost, printed as measured in this run.

1. First build of the C runtime (toolchains/crt.py: mingw-w64's printf/scanf
   wrappers and the DLL entry point) and of the C++ runtime (toolchains/cxx.py:
   libc++, libc++abi, libunwind) for each view, in an empty cache, each in a process
   of its own.  Target: under 4 minutes per view on 2 cores.
2. The runtime step of a build with a warm cache (finding the cached runtimes:
   ``crtless_support`` and ``cxx_libraries`` for each architecture), in a fresh
   process as every build runs it, and the link of a small Arm64EC C++ DLL against
   them.  Target: under 0.5 s.

Run: python bench/runtime_build.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STEP = """
import sys, time
from ec_buildext.arch import get_arch
from ec_buildext.toolchains.crtless import crtless_support, cxx_runtime_library
from ec_buildext.toolchains.llvm import find_llvm
llvm = find_llvm("ziglang")
for name in sys.argv[1:]:
    start = time.perf_counter()
    crtless_support(llvm, get_arch(name))
    c_done = time.perf_counter()
    for view in get_arch(name).views:
        cxx_runtime_library(llvm, view)
    print(name, c_done - start, time.perf_counter() - c_done)
"""

LINK = """
import subprocess, sys, time
from ec_buildext.arch import get_arch
from ec_buildext.model import link_views
from ec_buildext.plan import ClangCl
from ec_buildext.toolchains.crtless import crtless_support
from ec_buildext.toolchains.llvm import find_llvm
llvm = find_llvm("ziglang")
arch = get_arch(sys.argv[1])
start = time.perf_counter()
compiler = ClangCl(llvm, crtless_support(llvm, arch))
setup = compiler.link_setup(arch)
inputs = [str(p) for v in link_views(arch) for p in compiler.view_runtime(v, cxx=True).inputs]
found = time.perf_counter()
subprocess.run(
    [str(llvm.tool("lld-link")), "/nologo", "/dll", f"/machine:{arch.machine}", sys.argv[2],
     *setup.flags, f"/entry:{setup.dll_entry}", f"/libpath:{setup.library_dirs[0]}",
     *inputs, *setup.default_libraries, f"/out:{sys.argv[3]}"],
    check=True,
)
print(found - start, time.perf_counter() - found)
"""

SOURCE = """
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
extern "C" __declspec(dllexport) int count(const char *word) {
  static std::map<std::string, int> seen;
  try {
    if (!*word) throw std::invalid_argument("empty");
    return ++seen[word];
  } catch (const std::exception &e) {
    return -static_cast<int>(std::snprintf(nullptr, 0, "%s", e.what()));
  }
}
"""

COMPILE = """
import subprocess, sys
from ec_buildext.arch import ARM64EC
from ec_buildext.model import Language
from ec_buildext.toolchains.crtless import crtless_support
from ec_buildext.toolchains.llvm import find_llvm
llvm = find_llvm("ziglang")
flags = crtless_support(llvm, ARM64EC).compile_flags(ARM64EC)
subprocess.run([str(llvm.tool("clang-cl")), "--target=" + ARM64EC.gnu_triple,
                *flags.for_language(Language.CXX), "/c", sys.argv[1],
                "/Fo" + sys.argv[2]], check=True)
"""


def _python(code: str, *args: str, cache: Path) -> list[str]:
    env = {**os.environ, "EC_BUILDEXT_CACHE_DIR": str(cache)}
    argv = [sys.executable, "-c", code, *args]
    proc = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"failed:\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout.split()


def main() -> None:
    views = ["x64", "arm64ec", "arm64"]
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        print(f"{os.cpu_count()} cores; an empty cache in {cache}")
        _python(
            "from ec_buildext.toolchains.llvm import find_llvm; find_llvm('ziglang')", cache=cache
        )
        for view in views:
            start = time.perf_counter()
            _, c_took, cxx_took = _python(STEP, view, cache=cache)
            print(
                f"first build, {view:8}: C runtime {float(c_took):5.1f} s, C++ runtime "
                f"{float(cxx_took):6.1f} s, in all {time.perf_counter() - start:6.1f} s "
                "(target < 240 s)"
            )
        for arch in [*views, "arm64x"]:
            _python(STEP, arch, cache=cache)  # arm64x: its import libraries, once
            _, c_took, cxx_took = _python(STEP, arch, cache=cache)
            total = float(c_took) + float(cxx_took)
            print(f"warm runtime lookup, {arch:8}: {total:6.3f} s (target < 0.5 s)")
        source, obj = Path(tmp) / "count.cpp", Path(tmp) / "count.obj"
        source.write_text(SOURCE)
        _python(COMPILE, str(source), str(obj), cache=cache)
        found, linked = _python(
            LINK, "arm64ec", str(obj), str(Path(tmp) / "count.dll"), cache=cache
        )
        print(
            f"warm arm64ec C++ DLL: runtime found in {float(found):.3f} s, linked with it in "
            f"{float(linked):.3f} s (the whole runtime step: {float(found) + float(linked):.3f} s, "
            "target < 0.5 s)"
        )


if __name__ == "__main__":
    main()
