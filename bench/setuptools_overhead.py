"""setuptools backend overhead and build_ext parallelism, as ratios measured in one run.

1. Wheel build of sample_projects/setuptools_ctypes (arch = arm64ec) through
   ec_buildext.setuptools with ``[build_ext] parallel = 1``, versus the same compile and
   link commands run directly one after another (5 each, alternating).  Target <= 1.15.
   For context, the same wheel build versus plain setuptools.build_meta building the
   project for this machine (gcc): what setuptools itself costs, whatever the target.
2. The sample's 8 sources built with build_ext -j2 versus -j1 (DIST_EXTRA_CONFIG
   [build_ext] parallel; the default is one compile per core): whole wheel builds, and
   the compile step alone (what -j changes).  Target <= 0.65.

Run: python bench/setuptools_overhead.py [--runs N]
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
from pathlib import Path
from typing import Optional

from pyproject_hooks import BuildBackendHookCaller

from ec_buildext.plan import make_plan
from ec_buildext.settings import load_settings
from ec_buildext.setuptools_ext.driver import (
    ExtensionSpec,
    build_extension,
    compile_command,
    link_command,
    object_path,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_projects" / "setuptools_ctypes"
SOURCES = ["adler32", "crc32", "fnv1a", "reverse", "words", "histogram", "stats", "version"]


def _quiet(cmd, cwd=None, extra_environ=None):  # type: ignore[no-untyped-def]
    env = {**os.environ, **(extra_environ or {})}
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode:
        sys.exit(f"build failed:\n{proc.stdout}\n{proc.stderr}")


def backend_build(
    project: Path, out: Path, extra_env: dict[str, str], backend: str = "ec_buildext.setuptools"
) -> None:
    shutil.rmtree(project / "build", ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    caller = BuildBackendHookCaller(str(project), backend, runner=_quiet)
    with caller.subprocess_runner(
        lambda c, cwd=None, extra_environ=None: _quiet(
            c, cwd, {**(extra_environ or {}), **extra_env}
        )
    ):
        caller.build_wheel(str(out))


def direct_build(project: Path, work: Path, jobs: int = 0) -> None:
    """The compile and link commands ec-buildext runs for the sample, run directly
    one by one (``jobs=0``), or through ec-buildext's driver ``jobs`` at a time."""
    shutil.rmtree(work, ignore_errors=True)
    generated = work / "generated"
    generated.mkdir(parents=True)
    (generated / "ecst_config.h").write_text('#define ECST_VERSION "1.0"\n')
    plan = make_plan(load_settings(project, {}))
    assert plan is not None
    spec = ExtensionSpec(
        name="ecst._native",
        sources=tuple(project / "src" / f"{s}.c" for s in SOURCES),
        output=work / "_native.pyd",
        temp_dir=work / "temp",
        define_macros=(("ECST_BUILD", None), ("ECST_HISTOGRAM_BINS", "256")),
        include_dirs=(str(project / "src"), str(generated)),
    )
    if jobs:
        build_extension(plan, spec, jobs, log=lambda _: None)
        return
    view = plan.arch
    for source in spec.sources:
        object_path(spec, view, source).parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(compile_command(plan, view, source, spec), check=True, capture_output=True)
    objects = [object_path(spec, view, s) for s in spec.sources]
    subprocess.run(link_command(plan, spec, objects, None), check=True, capture_output=True)


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def pairwise(runs: int, a, b) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    a(), b()  # warm-up, not counted
    ta, tb = [], []
    for _ in range(runs):
        ta.append(timed(a))
        tb.append(timed(b))
    return ta, tb


def report(
    what: str, names: tuple[str, str], ta: list[float], tb: list[float], target: Optional[float]
) -> None:
    ratio = statistics.median(x / y for x, y in zip(ta, tb))
    print(
        f"{what}: {names[0]} median {statistics.median(ta):.2f}s, "
        f"{names[1]} median {statistics.median(tb):.2f}s"
    )
    if target is None:
        verdict = "(context, no target)"
    else:
        verdict = f"target <= {target}  {'OK' if ratio <= target else 'MISSED'}"
    print(f"  ratio (pairwise median) {ratio:.3f}  {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("EC_BUILDEXT_LLVM_ROOT", "ziglang")
    with tempfile.TemporaryDirectory(prefix="ec-bench-st-") as tmp:
        work = Path(tmp)
        project = work / "ecst"
        shutil.copytree(SAMPLE, project, ignore=shutil.ignore_patterns("build", "*.egg-info"))
        serial = work / "serial.cfg"
        serial.write_text("[build_ext]\nparallel = 1\n")
        one_job = {"DIST_EXTRA_CONFIG": str(serial)}
        ta, tb = pairwise(
            args.runs,
            lambda: backend_build(project, work / "out", one_job),
            lambda: direct_build(project, work / "direct"),
        )
        report("wheel build", ("ec_buildext.setuptools", "direct commands"), ta, tb, 1.15)
        ta, tb = pairwise(
            args.runs,
            lambda: backend_build(project, work / "out", one_job),
            lambda: backend_build(
                project, work / "out", {"EC_BUILDEXT_ARCH": "auto"}, "setuptools.build_meta"
            ),
        )
        report(
            "context",
            ("ec_buildext.setuptools arm64ec -j1", "setuptools.build_meta native"),
            ta,
            tb,
            None,
        )
        parallel = work / "parallel.cfg"
        parallel.write_text("[build_ext]\nparallel = 2\n")
        ta, tb = pairwise(
            args.runs,
            lambda: backend_build(project, work / "out", {"DIST_EXTRA_CONFIG": str(parallel)}),
            lambda: backend_build(project, work / "out", one_job),
        )
        report("wheel build", ("-j2", "-j1"), ta, tb, 0.65)
        ta, tb = pairwise(
            args.runs,
            lambda: direct_build(project, work / "j2", jobs=2),
            lambda: direct_build(project, work / "j1", jobs=1),
        )
        report("compile+link step", ("-j2", "-j1"), ta, tb, 0.65)
    return 0


if __name__ == "__main__":
    sys.exit(main())
