"""Arm64X build time, printed as ratios measured in one run.

Builds sample_projects/cmake_arm64x from a clean build folder (configure + build)
three ways, alternating, 5 times each:

  arm64x     ec-buildext's one-configure Arm64X (toolchain --arch arm64x)
  arm64ec    the same project as plain Arm64EC (toolchain --arch arm64ec)
  two-step   Microsoft's documented recipe reproduced with plain CMake: configure
             and build for ARM64, then configure and build for Arm64EC with the
             link switched to /machine:arm64x and the first tree's objects and
             static library added to it

Targets: arm64x / arm64ec <= 1.8, and arm64x faster than two-step (< 1.0).
Run: python bench/arm64x_build.py [--runs N] [--llvm-root R]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ec_buildext.arch import get_arch
from ec_buildext.toolchains.crtless import crtless_support
from ec_buildext.toolchains.llvm import find_llvm

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_projects" / "cmake_arm64x"
BIN = Path(sys.executable).parent


def raw_machine(path: Path) -> int:
    data = path.read_bytes()
    return int.from_bytes(data[int.from_bytes(data[0x3C:0x40], "little") + 4 :][:2], "little")


def tool(name: str) -> str:
    return str(BIN / name) if (BIN / name).is_file() else name


def run(*argv: str) -> None:
    proc = subprocess.run(argv, capture_output=True, text=True, check=False)
    if proc.returncode:
        sys.exit(f"{' '.join(argv)} failed:\n{proc.stdout}\n{proc.stderr}")


def toolchain(work: Path, arch: str, llvm_root: str) -> Path:
    path = work / f"{arch}.cmake"
    run(
        sys.executable,
        "-m",
        "ec_buildext",
        "toolchain",
        "--arch",
        arch,
        "--llvm-root",
        llvm_root,
        "-o",
        str(path),
    )
    return path


def configure_and_build(build: Path, tc: Path, *defines: str) -> None:
    shutil.rmtree(build, ignore_errors=True)
    run(
        tool("cmake"),
        "-G",
        "Ninja",
        f"-DCMAKE_MAKE_PROGRAM={tool('ninja')}",
        f"-DCMAKE_TOOLCHAIN_FILE={tc}",
        "-DCMAKE_BUILD_TYPE=Release",
        *defines,
        "-S",
        str(SAMPLE),
        "-B",
        str(build),
    )
    run(tool("cmake"), "--build", str(build))


def two_step(work: Path, tcs: dict[str, Path], hybrid_libs: Path, runtimes: list[Path]) -> None:
    native = work / "two-native"
    configure_and_build(native, tcs["arm64"])
    native_inputs = [*sorted(native.glob("CMakeFiles/ecx.dir/src/*.obj")), native / "strutil.lib"]
    libs = " ".join(str(p) for p in [*runtimes, *native_inputs]) + " kernel32.lib ucrtbase.lib"
    configure_and_build(
        work / "two-ec",
        tcs["arm64ec"],
        f"-DCMAKE_SHARED_LINKER_FLAGS=/nodefaultlib /noentry /MANIFEST:NO /libpath:{hybrid_libs} "
        "/machine:ARM64X",
        f"-DCMAKE_C_STANDARD_LIBRARIES={libs}",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--llvm-root", default="ziglang")
    args = parser.parse_args()
    llvm = find_llvm(args.llvm_root)
    hybrid = crtless_support(llvm, get_arch("arm64x"))
    runtimes = [hybrid.runtime_object, hybrid.native_runtime_object]
    with tempfile.TemporaryDirectory(prefix="ec-bench-x-") as tmp:
        work = Path(tmp)
        tcs = {a: toolchain(work, a, args.llvm_root) for a in ("arm64x", "arm64ec", "arm64")}
        ways = {
            "arm64x": lambda: configure_and_build(work / "x", tcs["arm64x"]),
            "arm64ec": lambda: configure_and_build(work / "ec", tcs["arm64ec"]),
            "two-step": lambda: two_step(work, tcs, hybrid.lib_dir, runtimes),
        }
        times: dict[str, list[float]] = {name: [] for name in ways}
        for round_ in range(args.runs + 1):  # round 0 warms caches and is not counted
            for name, build in ways.items():
                start = time.perf_counter()
                build()
                if round_:
                    times[name].append(time.perf_counter() - start)
        # What is timed must be what is claimed: both hybrid ways made Arm64X DLLs.
        for dll in (work / "x" / "ecx.dll", work / "two-ec" / "ecx.dll"):
            assert raw_machine(dll) == 0xAA64, f"{dll} is not an Arm64X image"
    for name, values in times.items():
        print(
            f"{name:9} median {statistics.median(values):.2f}s  "
            f"(min {min(values):.2f}, max {max(values):.2f}, {len(values)} runs)"
        )
    vs_ec = statistics.median(a / b for a, b in zip(times["arm64x"], times["arm64ec"]))
    vs_two = statistics.median(a / b for a, b in zip(times["arm64x"], times["two-step"]))
    print(f"arm64x / arm64ec   {vs_ec:.2f}  target <= 1.8  {'OK' if vs_ec <= 1.8 else 'MISSED'}")
    print(f"arm64x / two-step  {vs_two:.2f}  target < 1.0   {'OK' if vs_two < 1.0 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
