"""The CRT-less runtime's cost, printed as measured in this run.

1. First build of the C runtime (toolchains/crt.py: mingw-w64's printf/scanf
   wrappers and the DLL entry point) for each view, in an empty cache, each in a
   process of its own.  Target: under 4 minutes per view on 2 cores.
2. The runtime step of a build with a warm cache (finding the cached runtime:
   ``crtless_support`` for each architecture), in a fresh process as every build
   runs it.  Target: under 0.5 s.
The C++ runtime (libc++, libc++abi, libunwind) is not built by ec-buildext yet.

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
from ec_buildext.toolchains.crtless import crtless_support
from ec_buildext.toolchains.llvm import find_llvm
llvm = find_llvm("ziglang")
for name in sys.argv[1:]:
    start = time.perf_counter()
    crtless_support(llvm, get_arch(name))
    print(name, time.perf_counter() - start)
"""


def _python(code: str, *args: str, cache: Path) -> list[str]:
    env = {**os.environ, "EC_BUILDEXT_CACHE_DIR": str(cache)}
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=True
    )
    return proc.stdout.split()


def main() -> None:
    views = ["x64", "arm64ec", "arm64"]
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        print(f"{os.cpu_count()} cores; an empty cache in {cache}")
        _python(STEP, cache=cache)  # the LLVM wrappers, outside the timings
        for view in views:
            start = time.perf_counter()
            _python(STEP, view, cache=cache)
            print(f"first build, {view:8}: {time.perf_counter() - start:6.2f} s (target < 240 s)")
        for arch in [*views, "arm64x"]:
            _python(STEP, arch, cache=cache)  # arm64x: its import libraries, once
            _, took = _python(STEP, arch, cache=cache)
            print(f"warm runtime step, {arch:8}: {float(took):6.3f} s (target < 0.5 s)")


if __name__ == "__main__":
    main()
