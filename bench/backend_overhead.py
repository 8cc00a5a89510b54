"""Backend overhead and retag speed, each printed as a ratio measured in this run.

1. Wheel build of sample_projects/cmake_ctypes through ec_buildext.build versus
   plain scikit_build_core.build driven by hand with the same generated
   toolchain file and cache entries (5 builds each, alternating).  Target <= 1.10.
2. Retag of a 200 MB wheel versus a plain file copy of it (5 each, alternating).
   Target <= 2.0.

Run: python bench/backend_overhead.py [--runs N] [--wheel-mb M]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from pyproject_hooks import BuildBackendHookCaller

from ec_buildext.build import _skbuild_settings
from ec_buildext.plan import make_plan
from ec_buildext.settings import load_settings
from ec_buildext.wheeltools.retag import retag_wheel

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_projects" / "cmake_ctypes"


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _runner(cmd, cwd=None, extra_environ=None):  # type: ignore[no-untyped-def]
    """Run a hook quietly; on failure show what it printed."""
    env = {**os.environ, **(extra_environ or {})}
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode:
        sys.exit(f"build hook failed:\n{proc.stdout}\n{proc.stderr}")


def build_once(project: Path, backend: str, config: dict[str, str], out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    caller = BuildBackendHookCaller(str(project), backend, runner=_runner)
    caller.build_wheel(str(out), config_settings=config)


def bench_backend(runs: int, work: Path) -> float:
    ours = work / "ours"
    theirs = work / "theirs"
    shutil.copytree(SAMPLE, ours)
    shutil.copytree(SAMPLE, theirs)
    pyproject = theirs / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text().replace(
            'build-backend = "ec_buildext.build"', 'build-backend = "scikit_build_core.build"'
        )
    )
    os.environ.setdefault("EC_BUILDEXT_LLVM_ROOT", "ziglang")
    os.environ.setdefault("CMAKE_GENERATOR", "Ninja")
    # The same toolchain file and cache entries ec-buildext would pass, given by hand.
    plan = make_plan(load_settings(ours, {}))
    assert plan is not None
    by_hand = _skbuild_settings(plan, {})
    build_once(ours, "ec_buildext.build", {}, work / "warm1")  # warm caches on both sides
    build_once(theirs, "scikit_build_core.build", by_hand, work / "warm2")
    t_ours, t_theirs = [], []
    for _ in range(runs):
        t_ours.append(timed(lambda: build_once(ours, "ec_buildext.build", {}, work / "o")))
        t_theirs.append(
            timed(lambda: build_once(theirs, "scikit_build_core.build", by_hand, work / "t"))
        )
    ratio = statistics.median(a / b for a, b in zip(t_ours, t_theirs))
    print(
        f"wheel build: ec_buildext.build median {statistics.median(t_ours):.2f}s, "
        f"scikit_build_core.build by hand median {statistics.median(t_theirs):.2f}s"
    )
    print(
        f"  ratio (pairwise median) {ratio:.3f}  target <= 1.10  "
        f"{'OK' if ratio <= 1.10 else 'MISSED'}"
    )
    return ratio


def make_big_wheel(path: Path, megabytes: int) -> None:
    """About ``megabytes`` on disk: mostly incompressible members (like DLLs), some text."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(megabytes // 4):
            z.writestr(f"big/part{i:03d}.bin", os.urandom(4 << 20))
            z.writestr(f"big/part{i:03d}.py", f"VALUE_{i} = {i}\n" * 20_000)
        z.writestr("big-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: big\nVersion: 1.0\n")
        z.writestr(
            "big-1.0.dist-info/WHEEL",
            "Wheel-Version: 1.0\nRoot-Is-Purelib: false\nTag: py3-none-linux_x86_64\n",
        )
        z.writestr("big-1.0.dist-info/RECORD", "big-1.0.dist-info/RECORD,,\n")


def bench_retag(runs: int, megabytes: int, work: Path) -> float:
    wheel = work / "big-1.0-py3-none-linux_x86_64.whl"
    make_big_wheel(wheel, megabytes)
    size = wheel.stat().st_size
    out = work / "retagged"
    out.mkdir()
    t_retag, t_copy = [], []
    for _ in range(runs):
        t_retag.append(timed(lambda: retag_wheel(wheel, "win_arm64ec", out)))
        t_copy.append(timed(lambda: shutil.copyfile(wheel, out / "copy.whl")))
    ratio = statistics.median(a / b for a, b in zip(t_retag, t_copy))
    print(
        f"retag of a {size / 1e6:.0f} MB wheel: median {statistics.median(t_retag):.3f}s, "
        f"file copy median {statistics.median(t_copy):.3f}s"
    )
    print(
        f"  ratio (pairwise median) {ratio:.3f}  target <= 2.0  "
        f"{'OK' if ratio <= 2.0 else 'MISSED'}"
    )
    return ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--wheel-mb", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ec-bench-") as tmp:
        bench_backend(args.runs, Path(tmp))
        bench_retag(args.runs, args.wheel_mb, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
