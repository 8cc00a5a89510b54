"""What a compile costs besides the compiler, per compile, measured in one run.

1. ziglang's tools behind their wrapper scripts (a shell exec'ing ``zig clang``) versus
   ``zig clang`` started directly, as the setuptools driver starts it now:
   ``clang-cl --version``, so nothing but start-up is measured.
2. The Arm64X launcher of CMake builds (hybrid.py run by its path, ``python -I -S``,
   once per compile) versus the two compiles it runs, started directly at once, on a small
   C file (as CMake writes the command: the wrapper, /Fo, depfile flags), and the
   launcher's start-up alone (its usage message), against ``python -m`` and bare Python.
3. For scale: one compile of that small file, and the median compile of brotli's
   sources (bench/real_projects.py) is about 140 ms of CPU here.

Each pair alternates; median wall and CPU times (of every process started) of N runs
(default 30) and their differences are printed.

Run: python bench/compile_overheads.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ec_buildext.arch import ARM64, ARM64EC, CEnvironment
from ec_buildext.cmake_ext.launcher import hybrid_launcher
from ec_buildext.toolchains.llvm import find_llvm


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(argv_list: list[list[str]], cwd: Path) -> tuple[float, float]:
    """(wall, CPU) of the commands started at once, until the last ends."""
    cpu, start = _children_cpu(), time.perf_counter()
    procs = [
        subprocess.Popen(a, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for a in argv_list
    ]
    for proc in procs:
        proc.wait()
    return time.perf_counter() - start, _children_cpu() - cpu


def compare(name: str, runs: int, cwd: Path, a: list[list[str]], b: list[list[str]]) -> None:
    timed(a, cwd), timed(b, cwd)  # warm-up
    ta, tb = [], []
    for _ in range(runs):
        ta.append(timed(a, cwd))
        tb.append(timed(b, cwd))
    print(f"{name}:")
    for what, index in (("wall", 0), ("CPU ", 1)):
        ma = statistics.median(t[index] for t in ta) * 1000
        mb = statistics.median(t[index] for t in tb) * 1000
        print(f"  {what} {ma:6.1f} ms vs {mb:6.1f} ms: {ma - mb:+6.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    llvm = find_llvm("ziglang")
    wrapper, direct = [str(llvm.tool("clang-cl"))], llvm.command("clang-cl")
    print(f"load average (1 min) {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="ec-bench-ovh-") as tmp:
        work = Path(tmp)
        compare(
            "clang-cl --version: wrapper script vs zig direct",
            args.runs,
            work,
            [[*wrapper, "--version"]],
            [[*direct, "--version"]],
        )
        (work / "small.c").write_text("int add(int a, int b) { return a + b; }\n")
        ec = [
            *wrapper,
            f"--target={ARM64EC.triple(CEnvironment.GNU)}",
            "/nologo",
            "/clang:-O2",
            "-clang:-MD",
            "-clang:-MTsmall.c.obj",
            "-clang:-MFsmall.c.obj.d",
            "/Fosmall.c.obj",
            "/c",
            "small.c",
        ]
        native = [
            *ec[:1],
            f"--target={ARM64.triple(CEnvironment.GNU)}",
            *ec[2:4],
            "/Fosmall.c.arm64.obj",
            *ec[-2:],
        ]
        launcher = hybrid_launcher()
        target = f"--native-target={ARM64.triple(CEnvironment.GNU)}"
        compare(
            "Arm64X compile of small.c: launcher vs both compiles at once",
            args.runs,
            work,
            [[*launcher, "compile", target, "--", *ec]],
            [ec, native],
        )
        compare(
            "launcher start-up (usage): as CMake runs it vs python -m ec_buildext.hybrid",
            args.runs,
            work,
            [launcher],
            [[sys.executable, "-m", "ec_buildext.hybrid"]],
        )
        compare(
            "launcher start-up (usage) vs python -c pass",
            args.runs,
            work,
            [launcher],
            [[sys.executable, "-c", "pass"]],
        )
        compare(
            "one compile of small.c vs nothing (sh -c true)",
            args.runs,
            work,
            [ec],
            [["sh", "-c", "true"]],
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
