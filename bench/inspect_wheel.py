"""`ec-buildext inspect` of a wheel holding 50 DLLs, timed as a whole process.

The DLLs are real: the Arm64X and Arm64EC samples built here, 25 copies of each
under different names.  Target < 5 s (median of 5 runs).
Run: python bench/inspect_wheel.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_dlls(work: Path) -> list[bytes]:
    dlls = []
    for sample, member in (
        ("cmake_arm64x", "ecx/ecx.dll"),
        ("cmake_ctypes", "ecsample/ecsample_native.dll"),
    ):
        out = work / sample
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "-q",
                "--no-build-isolation",
                "--no-deps",
                str(ROOT / "sample_projects" / sample),
                "-w",
                str(out),
            ],
            check=True,
            capture_output=True,
        )
        (wheel,) = out.glob("*.whl")
        with zipfile.ZipFile(wheel) as z:
            dlls.append(z.read(member))
    return dlls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ec-bench-inspect-") as tmp:
        work = Path(tmp)
        dlls = build_dlls(work)
        wheel = work / "fifty-1.0-py3-none-win_arm64.whl"
        with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as z:
            for i in range(50):
                z.writestr(f"fifty/lib{i:02d}.dll", dlls[i % 2])
            z.writestr("fifty-1.0.dist-info/WHEEL", "Wheel-Version: 1.0\nTag: py3-none-win_arm64\n")
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-m", "ec_buildext", "inspect", "--json", str(wheel)],
                capture_output=True,
                text=True,
                check=True,
            )
            times.append(time.perf_counter() - start)
        count = proc.stdout.count('"path"')
    median = statistics.median(times)
    print(
        f"inspect of a wheel with {count} DLLs: median {median:.2f}s "
        f"(min {min(times):.2f}, max {max(times):.2f}, {len(times)} runs)  target < 5 s  "
        f"{'OK' if median < 5 else 'MISSED'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
