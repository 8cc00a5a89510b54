"""Build time of a real multi-file project, unchanged, from its PyPI sdist.

brotli 1.1.0 (33 C files, setuptools; one extension of 32 sources) is built, in one
run, alternating, as:

* ``arm64ec``: ec_buildext.setuptools, EC_BUILDEXT_ARCH=arm64ec (default parallelism);
* ``arm64x``: the same with EC_BUILDEXT_ARCH=arm64x (both views of every source);
* ``native``: the project's own backend (setuptools.build_meta) with the host compiler:
  the Linux wheel its users build today with `pip wheel`.

Each build runs its backend hook in a fresh process (pyproject_hooks, as pip does, without
pip's isolated environment: the same for all three).  Printed: median wall times, the
pairwise-median ratios arm64x/arm64ec (target <= 1.3) and arm64ec/native (<= 1.0), and the
CPU-time ratio arm64x/arm64ec (<= 2.1; the floor is about 2: two compiles per source).
``--serial`` adds the same two builds with ``[build_ext] parallel = 1`` for context;
``--free-cores`` adds arm64ec pinned to half the machine's cores, so arm64x against it
shows arm64x's wall time when the cores arm64ec leaves free take its second view (the
situation the 1.3 target describes, which a 2-core machine cannot give arm64ec itself).

Run: python bench/real_projects.py [--runs N] [--serial] [--free-cores]
The sdist is downloaded once into ~/.cache/ec-buildext-bench (EC_BUILDEXT_BENCH_CACHE).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from pyproject_hooks import BuildBackendHookCaller, BuildBackendWarning

PROJECT = ("brotli", "1.1.0")
CACHE = Path(os.environ.get("EC_BUILDEXT_BENCH_CACHE", Path.home() / ".cache/ec-buildext-bench"))


@dataclass
class Kind:
    """One way of building the project, and what its builds measured."""

    name: str
    backend: str
    env: dict[str, str]
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    #: Cores other processes kept busy during each build (the machine is shared).
    others: list[float] = field(default_factory=list)
    outcome: str = ""
    #: The cores its builds may use (None: all of the machine's).
    cores: Optional[set[int]] = None


def sdist() -> Path:
    """The project's sdist, downloaded once (pip, no binaries, no dependencies)."""
    name, version = PROJECT
    CACHE.mkdir(parents=True, exist_ok=True)
    found = [p for p in CACHE.glob("*.tar.gz") if p.name.lower() == f"{name}-{version}.tar.gz"]
    if not found:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--no-binary",
                ":all:",
                f"{name}=={version}",
                "-d",
                str(CACHE),
                "-q",
            ],
            check=True,
        )
        found = [p for p in CACHE.glob("*.tar.gz") if p.name.lower().startswith(name)]
    return found[0]


def unpack(archive: Path, into: Path) -> Path:
    with tarfile.open(archive) as tar:
        tar.extractall(into)  # a known sdist from PyPI
    return next(p for p in into.iterdir() if p.is_dir())


class _Failed(Exception):
    """A build hook failed; the message is the end of its output."""


def _runner(env: dict[str, str], cores: Optional[set[int]]):  # type: ignore[no-untyped-def]
    def pin() -> None:
        if cores is not None:
            os.sched_setaffinity(0, cores)

    def run(cmd, cwd=None, extra_environ=None):  # type: ignore[no-untyped-def]
        full = {**os.environ, **(extra_environ or {}), **env}
        proc = subprocess.run(
            cmd, cwd=cwd, env=full, capture_output=True, text=True, check=False, preexec_fn=pin
        )
        if proc.returncode:
            raise _Failed((proc.stdout + proc.stderr)[-3000:])

    return run


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _machine_busy() -> float:
    """CPU seconds every process on the machine has used (Linux; 0 elsewhere)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0
    ticks = [int(f) for f in fields]
    idle = ticks[3] + ticks[4]  # idle + iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def build(kind: Kind, project: Path, out: Path) -> tuple[float, float, str]:
    """One clean wheel build: (wall s, CPU s of every process it ran, outcome)."""
    for leftover in ("bin", "build", "dist", "python/brotli.egg-info", "brotli.egg-info"):
        shutil.rmtree(project / leftover, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    caller = BuildBackendHookCaller(
        str(project), kind.backend, runner=_runner(kind.env, kind.cores)
    )
    cpu, start = _children_cpu(), time.perf_counter()
    outcome = "wheel " + caller.build_wheel(str(out))
    return time.perf_counter() - start, _children_cpu() - cpu, outcome


def ratio(a: list[float], b: list[float]) -> float:
    return statistics.median(x / y for x, y in zip(a, b))


def verdict(value: float, target: float) -> str:
    return f"target <= {target}  {'OK' if value <= target else 'MISSED'}"


def report(kinds: dict[str, Kind], load: tuple[float, float]) -> None:
    for kind in kinds.values():
        print(
            f"{kind.name:18s} wall median {statistics.median(kind.wall):6.2f}s  "
            f"CPU median {statistics.median(kind.cpu):6.2f}s  ({kind.outcome})"
        )
    ec, x, native = kinds["arm64ec"], kinds["arm64x"], kinds["native"]
    rows = [
        ("wall arm64x / arm64ec", ratio(x.wall, ec.wall), 1.3),
        ("wall arm64ec / native", ratio(ec.wall, native.wall), 1.0),
        ("CPU  arm64x / arm64ec", ratio(x.cpu, ec.cpu), 2.1),
    ]
    for what, value, target in rows:
        print(f"  {what}: {value:.3f}  {verdict(value, target)}")
    if "arm64x -j1" in kinds:
        serial_x, serial_ec = kinds["arm64x -j1"], kinds["arm64ec -j1"]
        print(
            f"  context: wall arm64x -j1 / arm64ec -j1: {ratio(serial_x.wall, serial_ec.wall):.3f}"
        )
        print(f"  context: wall arm64ec / arm64ec -j1: {ratio(ec.wall, serial_ec.wall):.3f}")
        print(f"  context: wall arm64x / arm64x -j1: {ratio(x.wall, serial_x.wall):.3f}")
    if "arm64ec, half the cores" in kinds:
        half = kinds["arm64ec, half the cores"]
        print(
            "  context: wall arm64x / arm64ec on half the cores (arm64x's second view on "
            f"the cores arm64ec leaves free): {ratio(x.wall, half.wall):.3f}"
        )
    others = [o for kind in kinds.values() for o in kind.others]
    print(
        f"machine: {os.cpu_count()} cores; load average (1 min) {load[0]:.2f} before, "
        f"{load[1]:.2f} after; other processes kept {statistics.median(others):.2f} cores "
        f"busy during the builds (median; {min(others):.2f}-{max(others):.2f})"
    )


def main() -> int:
    warnings.filterwarnings("ignore", category=BuildBackendWarning)  # brotli's setup.py
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--serial", action="store_true", help="also build with -j1")
    parser.add_argument(
        "--free-cores",
        action="store_true",
        help="also build arm64ec pinned to half the cores: arm64x against it shows what "
        "arm64x's wall time is when the cores arm64ec leaves free take its second view",
    )
    args = parser.parse_args()
    ours = "ec_buildext.setuptools"
    kinds = {
        "arm64ec": Kind("arm64ec", ours, {"EC_BUILDEXT_ARCH": "arm64ec"}),
        "arm64x": Kind("arm64x", ours, {"EC_BUILDEXT_ARCH": "arm64x"}),
        "native": Kind("native", "setuptools.build_meta", {}),
    }
    archive = sdist()
    with tempfile.TemporaryDirectory(prefix="ec-bench-real-") as tmp:
        work = Path(tmp)
        if args.serial:
            serial = work / "serial.cfg"
            serial.write_text("[build_ext]\nparallel = 1\n")
            for arch in ("arm64ec", "arm64x"):
                env = {"EC_BUILDEXT_ARCH": arch, "DIST_EXTRA_CONFIG": str(serial)}
                kinds[f"{arch} -j1"] = Kind(f"{arch} -j1", ours, env)
        if args.free_cores:
            allowed = sorted(os.sched_getaffinity(0))
            half = set(allowed[: max(1, len(allowed) // 2)])
            env = {"EC_BUILDEXT_ARCH": "arm64ec"}
            kinds["arm64ec, half the cores"] = Kind(
                "arm64ec, half the cores", ours, env, cores=half
            )
        projects = {name: unpack(archive, work / f"src-{i}") for i, name in enumerate(kinds)}
        print(f"{archive.name}: {', '.join(kinds)}; {args.runs} runs after a warm-up", flush=True)
        load = os.getloadavg()[0]
        order = list(kinds)
        for run in range(args.runs + 1):
            for name in order:
                busy = _machine_busy()
                wall, cpu, outcome = build(kinds[name], projects[name], work / "out")
                others = max(0.0, (_machine_busy() - busy - cpu) / wall)
                if run:  # the first round warms caches (runtime objects, the target CPython)
                    kinds[name].wall.append(wall)
                    kinds[name].cpu.append(cpu)
                    kinds[name].others.append(others)
                    kinds[name].outcome = outcome
                print(
                    f"  run {run} {name}: {wall:.2f}s wall, {cpu:.2f}s CPU, "
                    f"other processes {others:.2f} cores",
                    flush=True,
                )
            order = order[1:] + order[:1]  # no build always first or last
        report(kinds, (load, os.getloadavg()[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
