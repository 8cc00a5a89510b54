"""The C runtime of CRT-less builds, one static library per view (``ecrt.lib``).

What the MSVC CRT or mingw-w64's ``libmingw32``/``libmingwex`` would give a DLL and
``ucrtbase.dll`` does not export, built on first use from the sources in the
ziglang wheel with the discovered clang, and cached by content (every isolated
build environment on the machine shares one copy):

* the ``printf``/``scanf`` family: mingw-w64's ``stdio/ucrt_*.c`` wrappers around
  ucrtbase's ``__stdio_common_*`` (``snprintf``, ``vsnprintf``, ``fprintf``,
  ``fscanf``, ...), which mingw-w64's headers declare but the DLL does not export;
* the DLL entry point (``runtime/crt/dllentry.c``): static constructors at load,
  the project's ``DllMain`` with the loader's reason, ``atexit``/``_onexit``/
  ``__cxa_atexit`` handlers and static destructors at unload; a default
  ``DllMain`` (``dllmain_stub.c``) for projects without one;
* ``mingw_getsp`` (``setjmp`` on ARM64 and Arm64EC), ``_assert``, ``btowc``/``wctob``
  and the ``<fenv.h>`` functions, which mingw-w64 implements itself;
* the TLS directory (``tls.c``: ``thread_local``), the stack protector of code built
  with ``/GS`` (``stackguard.c``) and, for x64, ``strtold``/``wcstold``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..arch import Arch
from ..cache import cached_folder, key_of
from ..errors import UserError
from .llvm import LlvmToolchain

__all__ = ["CRT_LIBRARY", "DLL_ENTRY", "c_runtime", "crt_sources"]

#: The library file in each view's folder, linked by name.
CRT_LIBRARY = "ecrt.lib"
#: The entry point of every CRT-less DLL (runtime/crt/dllentry.c).
DLL_ENTRY = "_DllMainCRTStartup"

#: ec-buildext's own sources of the C runtime.
OWN_DIR = Path(__file__).parent / "runtime" / "crt"

#: mingw-w64 sources compiled into it, relative to the wheel's ``lib/libc/mingw``.
MINGW_GLOBS = (
    "stdio/ucrt_*.c",
    "misc/mingw_getsp.S",
    "misc/_assert.c",
    # What mingw-w64's ucrtbase.def leaves out or marks DATA in favour of its own
    # (btowc/wctob: ucrtbase's may sign-extend; the fenv functions: x87/SSE state).
    "misc/btowc.c",
    "misc/wctob.c",
    "misc/fe*.c",
)

#: Seconds one view's C runtime takes to build on 2 cores (measured: bench/runtime_build.py).
ESTIMATED_SECONDS = 5


def crt_sources(mingw: Path) -> list[Path]:
    """Every source of the C runtime: mingw-w64's (``mingw`` = ``lib/libc``) and ours."""
    sources = [p for pattern in MINGW_GLOBS for p in sorted((mingw / "mingw").glob(pattern))]
    return sources + sorted(OWN_DIR.glob("*.c"))


def _compile_argv(
    llvm: LlvmToolchain, view: Arch, mingw: Path, source: Path, obj: Path
) -> list[str]:
    return [
        str(llvm.tool("clang")),
        f"--target={view.gnu_triple}",
        # Only the wheel's mingw-w64 headers: never a mingw sysroot of the build machine.
        "-nostdlibinc",
        "-isystem",
        str(mingw / "include" / "any-windows-any"),
        f"-I{mingw / 'mingw' / 'include'}",
        "-D_UCRT",
        "-D__MSVCRT_VERSION__=0xE00",
        "-O2",
        "-w",
        "-c",
        str(source),
        "-o",
        str(obj),
    ]


def _run(argv: list[str], what: str) -> None:
    proc = subprocess.run(argv, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise UserError(
            f"building the C runtime failed at {what} (exit {proc.returncode}): "
            f"{' '.join(argv)}\n{(proc.stdout + proc.stderr).strip()[-2000:]}\n"
            "This LLVM may be broken or too old; choose another with the llvm-root setting, "
            "or give a Windows SDK/CRT tree with the sysroot setting."
        )


def _build(llvm: LlvmToolchain, view: Arch, mingw: Path, out: Path) -> None:
    objects_dir = out / "obj"
    objects_dir.mkdir()
    sources = crt_sources(mingw)
    objects = [objects_dir / f"{i:03d}-{s.stem}.obj" for i, s in enumerate(sources)]
    jobs = [(_compile_argv(llvm, view, mingw, s, o), s.name) for s, o in zip(sources, objects)]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for future in [pool.submit(_run, argv, name) for argv, name in jobs]:
            future.result()
    lib = [str(llvm.tool("llvm-lib")), "/nologo", f"/machine:{view.machine}"]
    _run([*lib, f"/out:{out / CRT_LIBRARY}", *map(str, objects)], CRT_LIBRARY)
    for obj in objects:  # the library holds them
        obj.unlink()
    objects_dir.rmdir()


def _key(llvm: LlvmToolchain, view: Arch, mingw: Path) -> str:
    """By content: the LLVM version, every source, and how they are built."""
    return key_of(
        llvm.version,
        view.name,
        sorted((p.name, p.read_bytes()) for p in crt_sources(mingw)),
        Path(__file__).read_bytes(),
    )


def c_runtime(llvm: LlvmToolchain, view: Arch, mingw: Path) -> Path:
    """The folder holding ``ecrt.lib`` for ``view`` (built on first use, with a line
    saying so: it takes seconds, once per machine)."""

    def fill(out: Path) -> None:
        print(
            f"ec-buildext: building the C runtime for {view.name} (first time on this "
            f"machine, about {ESTIMATED_SECONDS} s)",
            file=sys.stderr,
            flush=True,
        )
        started = time.monotonic()
        _build(llvm, view, mingw, out)
        took = time.monotonic() - started
        print(f"ec-buildext: C runtime for {view.name} built in {took:.1f} s", file=sys.stderr)

    return cached_folder(f"crt-{view.name}-{_key(llvm, view, mingw)}", fill)
