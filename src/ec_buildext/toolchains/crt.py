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
* what mingw-w64's C library headers declare and neither ucrtbase.dll exports nor
  the rest provides (tests/runtime/test_header_declarations.py checks every
  declaration): mingw-w64's libmingwex sources for it (``__fpclassify``, ``tsearch``,
  ``mkstemp``, ``__mingw_aligned_malloc``, its own printf/scanf/strtod family,
  x64's long double complex functions, ARM64's ``__mingw_setjmp``); for what the
  wheel has no source of, ``runtime/crt/declared.c`` (``wmemcpy``, ``strtok_r``,
  ``strndup``, ``sincos``, ``vswscanf``, ``ftime64``, the POSIX names ``cputs``...),
  ``runtime/crt/ucrt_inline.c`` (the UCRT functions MSVC's headers inline and
  mingw-w64's declare dllimport: ``_cprintf_s``, ``_snwscanf``) and
  ``runtime/crt/clocks.c`` (``clock_gettime``, ``nanosleep``), all weak: a project's
  own definition wins;
* the TLS directory (``tls.c``: ``thread_local``), the stack protector of code built
  with ``/GS`` (``stackguard.c``) and, for x64, ``strtold``/``wcstold``;
* what clang calls where compiler-rt's builtins would answer: ``__int128``
  division and remainder (``int128.c``: ``__udivti3``, ``__divti3``, ``__umodti3``,
  ``__modti3``, ``__udivmodti4``), its conversions from and to float and double
  (``int128_float.c``: ``__floattidf``, ``__fixdfti``, ... ``__fixunssfti``), and
  complex multiplication and division (``complex.c``: ``__muldc3``, ``__divdc3``,
  ``__mulsc3``, ``__divsc3``).
"""

from __future__ import annotations

import functools
from pathlib import Path

from ..arch import ARM64EC, X64, Arch
from ..cache import cached_folder, key_of
from .library import Compile, RuntimeLibrary, build_library
from .llvm import LlvmToolchain

__all__ = ["CRT_LIBRARY", "DLL_ENTRY", "c_runtime", "crt_sources"]

#: The library file in each view's folder, linked by name.
CRT_LIBRARY = "ecrt.lib"
#: The entry point of every CRT-less DLL (runtime/crt/dllentry.c).
DLL_ENTRY = "_DllMainCRTStartup"

#: ec-buildext's own sources of the C runtime.
OWN_DIR = Path(__file__).parent / "runtime" / "crt"
#: The x64 stack probe (``__chkstk``), x64 code in the Arm64EC library: x64 objects
#: linked into Arm64EC images (prebuilt MASM objects) call it, and cannot call ARM's.
X64_STACK_PROBE = Path(__file__).parent / "runtime" / "x64_stack_probe.S"

#: gdtoa's library sources in the wheel (David M. Gay's conversions, as mingw-w64 has them).
GDTOA = (
    "dmisc",
    "dtoa",
    "g__fmt",
    "g_dfmt",
    "g_ffmt",
    "g_xfmt",
    "gdtoa",
    "gethex",
    "gmisc",
    "hd_init",
    "hexnan",
    "misc",
    "smisc",
    "strtodg",
    "strtodnrp",
    "strtof",
    "sum",
    "ulp",
)


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
    "misc/mingw_controlfp.c",  # what the fenv functions call
    "misc/mingw_setfp.c",
    # ucrtbase.dll's iswctype is __msvcrt_iswctype in mingw-w64's .def: its headers
    # declare iswctype dllimport, and this defines it (and __imp_iswctype).
    "ctype/iswctype.c",
    # What mingw-w64's <ws2tcpip.h> declares as functions and its libws2_32.a defines
    # (MSVC's headers inline them): IN6_IS_ADDR_*, IN6ADDR_*, gai_strerror (pycares).
    "libsrc/ws2tcpip/*.c",
    # What mingw-w64's C library headers declare and its libmingwex defines, ucrtbase.dll
    # not exporting it (tests/runtime/test_header_declarations.py finds them): the
    # out-of-line definitions of GNU extern inline functions (a debug build calls them),
    "math/fpclassify*.c",
    "math/signbit*.c",
    "misc/fwide.c",
    "stdio/lltoa.c",
    "stdio/lltow.c",
    "stdio/ulltoa.c",
    "stdio/ulltow.c",
    "stdio/wtoll.c",
    # mingw-w64's own functions and POSIX ones (<malloc.h>'s __mingw_aligned_*,
    # <search.h>'s tsearch family, <stdlib.h>'s mkstemp, <time.h>'s tzset),
    "math/ldexpf.c",
    "math/nexttoward*.c",
    "misc/mingw-aligned-malloc.c",
    "misc/__mingw_filename_cp.c",
    "misc/__mingw_isleadbyte_cp.c",
    "misc/mingw_mbwc_convert.c",
    "misc/ucrt_tzset.c",
    "misc/ucrt-access.c",
    "misc/mingw-access.c",
    "misc/ucrt_at_quick_exit.c",
    "misc/ucrt_mbsinit.c",
    "misc/memset_explicit.c",
    "misc/gettimeofday.c",
    "misc/mkdtemp.c",
    "misc/mkstemp.c",
    "misc/t*.c",
    "ctype/_iscsym*_l.c",
    "ctype/towctrans.c",
    "string/ucrt__wcstok.c",
    # mingw-w64's own printf/scanf family and conversions (__mingw_snprintf,
    # __mingw_strtod, ...: pformat and gdtoa), which its headers call when a project sets
    # __USE_MINGW_ANSI_STDIO=1 or names them, and its matherr hook; not gdtoa's two
    # build-time programs (arithchk.c, qnan.c: each has a main), nor its strtopx.c (its
    # strtold would replace x64's own, runtime/crt/longdouble.c, and ucrtbase's).
    "stdio/mingw_*.c",
    *(f"gdtoa/{name}.c" for name in GDTOA),
    "misc/mingw_wcsto*.c",
    "crt/usermatherr.c",
    # x64's 80-bit long double complex functions (not cpowl, ctanl and ctanhl, which
    # need compiler-rt's __mulxc3/__divxc3), and ARM64's setjmp/longjmp.
    "complex/_cabs.c",
    *(
        f"complex/{name}.c"
        for name in (
            "cabsl",
            "cacosl",
            "cargl",
            "casinl",
            "catanl",
            "ccosl",
            "cexpl",
            "cimagl",
            "clog10l",
            "clogl",
            "conjl",
            "cprojl",
            "creall",
            "csinl",
            "csqrtl",
        )
    ),
    "misc/mingw_longjmp.S",
)


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


#: How the C runtime speaks of itself while it is built.
_LIBRARY = RuntimeLibrary(
    name="the C runtime",
    failing="the C runtime",
    hint="This LLVM may be broken or too old; choose another with the llvm-root setting, "
    "or give a Windows SDK/CRT tree with the sysroot setting.",
)


def _compiles(llvm: LlvmToolchain, view: Arch, mingw: Path, objects: Path) -> list[Compile]:
    compiles = []
    for i, source in enumerate(crt_sources(mingw)):
        obj = objects / f"{i:03d}-{source.stem}.obj"
        compiles.append(Compile(_compile_argv(llvm, view, mingw, source, obj), obj, source.name))
    if view is ARM64EC:  # x64 code, for the x64 objects an Arm64EC image links
        obj = objects / "x64-stack-probe.obj"
        argv = [str(llvm.tool("clang")), f"--target={X64.gnu_triple}", "-c", str(X64_STACK_PROBE)]
        compiles.append(Compile([*argv, "-o", str(obj)], obj, X64_STACK_PROBE.name))
    return compiles


def _key(llvm: LlvmToolchain, view: Arch, mingw: Path) -> str:
    """By content: the LLVM version, every source, and how they are built."""
    return key_of(
        llvm.version,
        view.name,
        sorted((p.name, p.read_bytes()) for p in crt_sources(mingw)),
        X64_STACK_PROBE.read_bytes(),
        Path(__file__).read_bytes(),
    )


def c_runtime(llvm: LlvmToolchain, view: Arch, mingw: Path) -> Path:
    """The folder holding ``ecrt.lib`` for ``view`` (built on first use, with a line
    saying so: it takes seconds, once per machine)."""

    def fill(out: Path) -> None:
        compiles = functools.partial(_compiles, llvm, view, mingw)
        build_library(_LIBRARY, llvm, view, compiles, out / CRT_LIBRARY)

    return cached_folder(f"crt-{view.name}-{_key(llvm, view, mingw)}", fill)
