"""The C++ runtime of CRT-less builds: libc++, libc++abi and libunwind, per view.

Built static (``ecxx.lib``) from the sources in the ziglang wheel (``lib/libcxx``,
``lib/libcxxabi``, ``lib/libunwind``) with the discovered clang in GNU mode, with
exceptions (Windows SEH: libunwind's ``Unwind-seh.cpp`` under libc++abi's
``__gxx_personality_seh0``), RTTI and Win32 threads; cached by content, built on the
first C++ link of the machine (minutes, in parallel, with a line saying so).

zig's copy of libc++ has no ``__config_site``: its ``__config`` expects the
configuration as ``-D`` flags (ARM64EC.md section 7), which :data:`CONFIG` holds for
the library's build and every C++ compile against it.  ``_LIBCPP_DISABLE_VISIBILITY_
ANNOTATIONS`` keeps libc++'s headers from declaring its functions ``dllimport``: the
library is linked into each DLL, which then imports only system DLLs.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from ..arch import Arch
from ..cache import cached_folder, key_of
from ..errors import UserError
from .library import Compile, RuntimeLibrary, build_library
from .llvm import LlvmToolchain

__all__ = ["CONFIG", "CXX_LIBRARY", "MSVC_DIALECT", "compile_flags", "cxx_runtime", "cxx_sources"]

#: The library file in each view's folder.
CXX_LIBRARY = "ecxx.lib"

#: libc++'s configuration (what CMake writes into __config_site upstream).
CONFIG = (
    "_LIBCPP_ABI_VERSION=1",
    "_LIBCPP_ABI_NAMESPACE=__1",
    "_LIBCPP_HAS_THREADS=1",
    "_LIBCPP_HAS_THREAD_API_WIN32=1",
    "_LIBCPP_HAS_THREAD_API_PTHREAD=0",
    "_LIBCPP_HAS_THREAD_API_EXTERNAL=0",
    "_LIBCPP_HAS_THREAD_API_C11=0",
    "_LIBCPP_HAS_MONOTONIC_CLOCK=1",
    "_LIBCPP_HAS_TERMINAL=1",
    "_LIBCPP_HAS_MUSL_LIBC=0",
    "_LIBCPP_HAS_VENDOR_AVAILABILITY_ANNOTATIONS=0",
    "_LIBCPP_HAS_FILESYSTEM=1",
    "_LIBCPP_HAS_RANDOM_DEVICE=1",
    "_LIBCPP_HAS_LOCALIZATION=1",
    "_LIBCPP_HAS_UNICODE=1",
    "_LIBCPP_HAS_WIDE_CHARACTERS=1",
    "_LIBCPP_HAS_NO_STD_MODULES",
    "_LIBCPP_HAS_TIME_ZONE_DATABASE=0",
    "_LIBCPP_INSTRUMENTED_WITH_ASAN=0",
    "_LIBCPP_PSTL_BACKEND_SERIAL",
    "_LIBCPP_HARDENING_MODE_DEFAULT=_LIBCPP_HARDENING_MODE_NONE",
    "_LIBCPP_ASSERTION_SEMANTIC_DEFAULT=_LIBCPP_ASSERTION_SEMANTIC_IGNORE",
    "_LIBCPP_DISABLE_VISIBILITY_ANNOTATIONS",
    "_LIBCXXABI_DISABLE_VISIBILITY_ANNOTATIONS",
)

#: libc++ sources for Windows: no IBM/z/OS support, no libdispatch, no time zone
#: database (it reads tzdata files a Windows machine does not have).
_LIBCXX_GLOBS = (
    "src/*.cpp",
    "src/support/win32/*.cpp",
    "src/filesystem/*.cpp",
    "src/experimental/keep.cpp",
    "src/experimental/log_hardening_failure.cpp",
    "src/experimental/chrono_exception.cpp",
)
#: libc++abi less the no-exceptions stubs and operator new/delete (libc++ has them).
_LIBCXXABI_SKIP = ("cxa_noexception.cpp", "stdlib_new_delete.cpp")
#: libunwind for SEH: the unwinder, its C API and the register save/restore code.
_LIBUNWIND = (
    "libunwind.cpp",
    "Unwind-seh.cpp",
    "UnwindLevel1.c",
    "UnwindLevel1-gcc-ext.c",
    "UnwindRegistersSave.S",
    "UnwindRegistersRestore.S",
)


def cxx_sources(lib: Path) -> list[tuple[str, Path]]:
    """(part, source) of the runtime; ``lib`` is the ziglang wheel's ``lib``."""
    cxx = [p for g in _LIBCXX_GLOBS for p in sorted((lib / "libcxx").glob(g))]
    abi = sorted(
        p for p in (lib / "libcxxabi" / "src").glob("*.cpp") if p.name not in _LIBCXXABI_SKIP
    )
    unwind = [lib / "libunwind" / "src" / name for name in _LIBUNWIND]
    return [("cxx", p) for p in cxx] + [("abi", p) for p in abi] + [("unwind", p) for p in unwind]


#: What a C++ compile that sees MSVC's ``_MSC_VER`` (the Arm64EC view: diagnose.py,
#: MSVC_COMPILER_MACROS) needs against this runtime: libc++ takes ``_MSC_VER`` on
#: Windows for the Microsoft C++ ABI (vcruntime's exceptions and type_info), and this
#: runtime is the Itanium ABI of clang's GNU mode (libc++abi, SEH unwinding);
#: ``_MSVC_LANG``, the C++ standard as MSVC states it, which code under ``_MSC_VER``
#: reads instead of ``__cplusplus``.
MSVC_DIALECT = ("-D_LIBCPP_ABI_FORCE_ITANIUM=1", "-D_MSVC_LANG=__cplusplus")


def compile_flags(lib: Path) -> tuple[str, ...]:
    """clang-cl flags of a C++ compile against the runtime: libc++'s headers before the
    C library's (its <cmath> and friends #include_next them), its configuration, and
    exceptions on, as MSVC's /EHsc (a view with ``_MSC_VER`` adds :data:`MSVC_DIALECT`)."""
    includes = [lib / "libcxx" / "include", lib / "libcxxabi" / "include"]
    return (
        "-Xclang",
        "-nostdinc++",
        *(f"/external:I{d}" for d in includes),
        *(f"-D{c}" for c in CONFIG),
        "/EHsc",
    )


def _part_flags(part: str, lib: Path, source: Path) -> list[str]:
    if part == "cxx":
        src = lib / "libcxx"
        return [
            "-std=c++23",
            "-D_LIBCPP_BUILDING_LIBRARY",
            "-DLIBCXX_BUILDING_LIBCXXABI",
            f"-I{src / 'src'}",
            f"-I{src / 'libc'}",  # LLVM libc's float parsing, for from_chars
        ]
    if part == "abi":
        return [
            "-std=c++23",
            "-D_LIBCXXABI_BUILDING_LIBRARY",
            "-D_LIBCPP_BUILDING_LIBRARY",
            f"-I{lib / 'libcxx' / 'src'}",
            f"-I{lib / 'libcxxabi' / 'src'}",
        ]
    language = {".cpp": ["-std=c++17", "-fno-rtti", "-fno-exceptions"], ".c": ["-std=c99"]}
    return [
        *language.get(source.suffix, []),
        "-D_LIBUNWIND_IS_NATIVE_ONLY",  # else the 32-bit ARM SEH path is compiled
        "-D_LIBUNWIND_HIDE_SYMBOLS",
        f"-I{lib / 'libunwind' / 'src'}",
    ]


def _compile_argv(llvm: LlvmToolchain, view: Arch, lib: Path, part: str, source: Path) -> list[str]:
    return [
        str(llvm.tool("clang")),
        f"--target={view.gnu_triple}",
        "-nostdinc++",
        "-nostdlibinc",
        *(f"-isystem{lib / d / 'include'}" for d in ("libcxx", "libcxxabi", "libunwind")),
        f"-isystem{lib / 'libc' / 'include' / 'any-windows-any'}",
        *(f"-D{c}" for c in CONFIG),
        "-D_UCRT",
        "-D__MSVCRT_VERSION__=0xE00",
        "-D_WIN32_WINNT=0x0A00",
        "-O2",
        "-w",
        *_part_flags(part, lib, source),
        "-c",
        str(source),
    ]


#: How the C++ runtime speaks of itself while it is built.
_LIBRARY = RuntimeLibrary(
    name="the C++ runtime (libc++, libc++abi, libunwind)",
    failing="the C++ runtime (libc++)",
    hint="This LLVM or ziglang wheel may not match; choose another with the llvm-root "
    "setting, or give a Windows SDK/CRT tree with the sysroot setting.",
)


def _compiles(llvm: LlvmToolchain, view: Arch, lib: Path, objects: Path) -> list[Compile]:
    compiles = []
    for i, (part, source) in enumerate(cxx_sources(lib)):
        obj = objects / f"{i:03d}-{part}-{source.stem}.obj"
        argv = [*_compile_argv(llvm, view, lib, part, source), "-o", str(obj)]
        compiles.append(Compile(argv, obj, str(source)))
    return compiles


def _key(llvm: LlvmToolchain, view: Arch, lib: Path) -> str:
    """The LLVM version, the sources (names and sizes: reading 3 MB on every build would
    cost more than it tells), libc++'s headers' version line, and this module."""
    sources = cxx_sources(lib)
    return key_of(
        llvm.version,
        view.name,
        [(part, p.name, p.stat().st_size) for part, p in sources],
        (lib / "libcxx" / "include" / "__config").stat().st_size,
        Path(__file__).read_bytes(),
    )


def libcxx_major(lib: Path) -> int:
    """The LLVM major version of the libc++ sources in ``lib`` (``_LIBCPP_VERSION``)."""
    config = (lib / "libcxx" / "include" / "__config").read_text(errors="replace")
    found = re.search(r"#\s*define\s+_LIBCPP_VERSION\s+(\d+)", config)
    return int(found[1]) // 10000 if found else 0


def cxx_runtime_problem(llvm: LlvmToolchain, lib: Path) -> str:
    """Why ``llvm`` cannot build the C++ runtime from ``lib`` ("" when it can): libc++
    is built with the clang of its own release (it uses that clang's newest language
    features; tested with both at 22)."""
    needed = libcxx_major(lib)
    if llvm.version[0] >= needed:
        return ""
    return (
        f"the C++ runtime (libc++ {needed} from the ziglang wheel) needs clang >= {needed} "
        f"to build, and this LLVM is {llvm.version_text} ({llvm.origin}). Use the embedded "
        "LLVM (llvm-root = 'ziglang') or an LLVM of that version for C++ projects."
    )


def cxx_runtime(llvm: LlvmToolchain, view: Arch, lib: Path) -> Path:
    """The folder holding ``ecxx.lib`` for ``view`` (``lib``: the ziglang wheel's
    ``lib``), built on first use with a line saying so."""
    problem = cxx_runtime_problem(llvm, lib)
    if problem:
        raise UserError(problem[0].upper() + problem[1:])

    def fill(out: Path) -> None:
        compiles = functools.partial(_compiles, llvm, view, lib)
        build_library(_LIBRARY, llvm, view, compiles, out / CXX_LIBRARY)

    return cached_folder(f"cxx-{view.name}-{_key(llvm, view, lib)}", fill)
