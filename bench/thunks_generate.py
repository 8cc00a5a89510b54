"""`ec-buildext thunks` on a header of 500 prototypes, timed as a whole process.

Target < 2 s (median of 5 runs), for each output syntax (gnu, armasm64).  The
prototypes mix every scalar class and up to twelve parameters, so entry and exit
thunks of many shapes are generated.
Run: python bench/thunks_generate.py [--runs N] [--count N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TYPES = [
    "int",
    "unsigned char",
    "short",
    "long long",
    "void *",
    "float",
    "double",
    "const char *",
    "unsigned long long",
    "_Bool",
]


def header(count: int) -> tuple[str, list[str]]:
    lines, names = ["#include <stdint.h>", "#include <stddef.h>"], []
    for i in range(count):
        params = [TYPES[(i * 7 + k * 3) % len(TYPES)] for k in range(i % 13)]
        result = TYPES[i % len(TYPES)] if i % 5 else "void"
        names.append(f"fn{i}")
        lines.append(f"{result} fn{i}({', '.join(params) or 'void'});")
    return "\n".join(lines) + "\n", names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--count", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ec-bench-thunks-") as tmp:
        text, names = header(args.count)
        path = Path(tmp) / "many.h"
        path.write_text(text)
        for syntax in ("gnu", "armasm64"):
            out = Path(tmp) / f"many_thunks_{syntax}.txt"
            command = [
                sys.executable,
                "-m",
                "ec_buildext",
                "thunks",
                str(path),
                *[
                    a
                    for i, n in enumerate(names)
                    for a in ("--function" if i % 2 else "--calls", n)
                ],
                "--syntax",
                syntax,
                "-o",
                str(out),
            ]
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                subprocess.run(command, check=True, capture_output=True)
                times.append(time.perf_counter() - start)
            median = statistics.median(times)
            print(
                f"{syntax:8}: thunks for {args.count} prototypes "
                f"({out.stat().st_size // 1024} KiB of assembly): median {median:.2f}s "
                f"(min {min(times):.2f}, max {max(times):.2f})  target < 2 s  "
                f"{'OK' if median < 2 else 'MISSED'}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
