"""Runtime libraries ec-buildext builds from source on their first use (the C runtime,
the C++ runtime): every source compiled at once, one job per core, into one archive,
with a line before and after (it takes seconds to a minute, once per machine)."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..arch import Arch
from ..cpus import usable_cpus
from ..runner import run_tool
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
    #: About how long its first build takes, in seconds.
    estimated_seconds: int


def _run(library: RuntimeLibrary, argv: list[str], what: str) -> None:
    hint = f"\n{library.hint}"
    run_tool(argv, f"building {library.failing} ({what})", keep_last=2000, explain=lambda _: hint)


def build_library(
    library: RuntimeLibrary,
    llvm: LlvmToolchain,
    view: Arch,
    compiles: Callable[[Path], Sequence[Compile]],
    archive: Path,
) -> None:
    """Compile ``compiles(objects folder)`` and archive the objects into ``archive`` (in
    the folder being filled), saying so on standard error; the objects are removed."""
    print(
        f"ec-buildext: building {library.name} for {view.name} (first time on this "
        f"machine, about {library.estimated_seconds} s)",
        file=sys.stderr,
        flush=True,
    )
    started = time.monotonic()
    objects_dir = archive.parent / "obj"
    objects_dir.mkdir()
    jobs = compiles(objects_dir)
    with ThreadPoolExecutor(max_workers=usable_cpus()) as pool:
        for future in [pool.submit(_run, library, c.argv, c.source) for c in jobs]:
            future.result()
    lib_tool = [str(llvm.tool("llvm-lib")), "/nologo", f"/machine:{view.machine}"]
    _run(library, [*lib_tool, f"/out:{archive}", *(str(c.obj) for c in jobs)], archive.name)
    for job in jobs:  # the archive holds them
        job.obj.unlink()
    objects_dir.rmdir()
    took = time.monotonic() - started
    print(f"ec-buildext: {library.name} for {view.name} built in {took:.1f} s", file=sys.stderr)
