"""Runtime libraries ec-buildext builds from source on their first use (the C runtime,
the C++ runtime): every source compiled at once, one job per core, into one archive,
with a line before, progress lines (objects done of all) and a line after.

An interrupted build (Ctrl-C, or a failing compile) stops at once: queued compiles
are cancelled and running ones terminated.  The archive names its members by their
object's name alone, not the temporary folder they were compiled in, so two builds
of one library are byte-identical.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

from ..arch import Arch
from ..cpus import usable_cpus
from ..errors import log
from ..runner import Stopped, ToolGroup, run_tool
from .llvm import LlvmToolchain

__all__ = ["Compile", "RuntimeLibrary", "build_library"]


@dataclass(frozen=True)
class Compile:
    """One source's compile: the command, the object it writes, the source's name."""

    argv: list[str]
    obj: Path
    source: str


@dataclass(frozen=True)
class RuntimeLibrary:
    """How one runtime library speaks of itself."""

    #: "the C runtime", "the C++ runtime (libc++, libc++abi, libunwind)".
    name: str
    #: What failing names ("the C runtime", "the C++ runtime (libc++)").
    failing: str
    #: The way out after a failed command.
    hint: str


def _run(
    library: RuntimeLibrary,
    argv: list[str],
    what: str,
    cwd: Optional[Path] = None,
    group: Optional[ToolGroup] = None,
) -> None:
    hint = f"\n{library.hint}"
    run_tool(
        argv,
        f"building {library.failing} ({what})",
        keep_last=2000,
        explain=lambda _: hint,
        cwd=cwd,
        group=group,
    )


class _Progress:
    """Counts finished compiles and says so at every tenth of them (and the last)."""

    def __init__(self, library: RuntimeLibrary, view: Arch, total: int) -> None:
        self.label = f"{library.name} for {view.name}"
        self.total = total
        self.done = 0
        self.lock = threading.Lock()

    def one_done(self) -> None:
        with self.lock:
            self.done += 1
            if self.done % max(1, self.total // 10) == 0 or self.done == self.total:
                log(f"{self.label}: {self.done} of {self.total} objects")


def _compile_all(library: RuntimeLibrary, view: Arch, jobs: Sequence[Compile]) -> None:
    """Every compile, one per core; Ctrl-C or a failure stops the others at once."""
    progress = _Progress(library, view, len(jobs))
    group = ToolGroup()

    def compile_one(job: Compile) -> None:
        try:
            _run(library, job.argv, job.source, group=group)
        except Stopped:
            return
        progress.one_done()

    pool = ThreadPoolExecutor(max_workers=usable_cpus())
    try:
        for future in [pool.submit(compile_one, job) for job in jobs]:
            future.result()
    except BaseException:  # Ctrl-C, or a failed compile: nothing more runs
        group.stop()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def build_library(
    library: RuntimeLibrary,
    llvm: LlvmToolchain,
    view: Arch,
    compiles: Callable[[Path], Sequence[Compile]],
    archive: Path,
) -> None:
    """Compile ``compiles(objects folder)`` and archive the objects into ``archive`` (in
    the folder being filled), saying so on standard error; the objects are removed."""
    started = time.monotonic()
    objects_dir = archive.parent / "obj"
    objects_dir.mkdir()
    jobs = compiles(objects_dir)
    log(
        f"building {library.name} for {view.name} (first time on this machine: "
        f"{len(jobs)} sources, {min(usable_cpus(), len(jobs))} at a time)"
    )
    _compile_all(library, view, jobs)
    lib_tool = [str(llvm.tool("llvm-lib")), "/nologo", f"/machine:{view.machine}"]
    # Members named relative to the objects folder: no temporary path in the archive.
    members = [str(job.obj.relative_to(objects_dir)) for job in jobs]
    _run(library, [*lib_tool, f"/out:{archive.resolve()}", *members], archive.name, objects_dir)
    for job in jobs:  # the archive holds them
        job.obj.unlink()
    objects_dir.rmdir()
    took = time.monotonic() - started
    log(f"{library.name} for {view.name} built in {took:.1f} s")
