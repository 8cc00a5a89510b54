"""What clang builds say and adjust for code written for MSVC on x64.

* MSVC's predefined macros in clang's GNU mode (the architecture's ``_M_ARM64EC``,
  ``_M_X64``, ...: GNU mode defines ``__x86_64__`` for Arm64EC but none of MSVC's
  names; and in the Arm64EC view ``_MSC_VER``, so code takes the paths a Windows
  (MSVC) build takes there);
* x86 SSE intrinsics in Arm64EC code, which MSVC emulates (softintrin) and clang does
  not: ec-buildext's own headers (``softintrin/``) come first in Arm64EC compiles;
* x86-only compiler flags (``-msse2``, ``/arch:AVX2``) dropped from ARM compiles;
* one paragraph when x86 intrinsics or assembly reach an Arm64EC/ARM64 compile, and
  when a link misses a symbol, instead of the tools' bare errors.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Optional

from ..arch import ARM64EC, X64, Arch

__all__ = [
    "MINGW_MSVC_DIR",
    "MSVC_COMPILER_MACROS",
    "MSVC_PATH_VIEWS",
    "SOFTINTRIN_DIR",
    "SOFTINTRIN_INTRIN_DIR",
    "SymbolOrigin",
    "link_failure_hint",
    "mingw_msvc_flags",
    "msvc_predefined_macros",
    "softintrin_flags",
    "split_x86_flags",
    "symbol_name",
    "takes_msvc_paths",
    "undefined_symbols",
    "unopened_library_hint",
    "x86_code_hint",
]

#: ec-buildext's x86 intrinsics headers for Arm64EC code: SSE to SSE4.2 on clang's
#: generic vectors, which clang lowers to NEON (see softintrin/__ec_softintrin.h), and
#: <cpuid.h> for a CPU with just those (softintrin/__ec_cpuid.h).
SOFTINTRIN_DIR = Path(__file__).parent / "softintrin"
#: softintrin's <intrin.h>, alone in its folder: it must come before mingw-w64's, which
#: is an /external:I folder given before softintrin's (see softintrin/intrin/intrin.h).
SOFTINTRIN_INTRIN_DIR = SOFTINTRIN_DIR / "intrin"

_X86_FLAG = re.compile(
    r"^(-m(sse[0-9a-z.]*|ssse3|avx[0-9a-z]*|aes|pclmul|popcnt|bmi2?|fma4?|f16c|lzcnt|sha|"
    r"xop|movbe|rdrnd|rdseed|adx|mmx|3dnow)|-march=(x86-64\S*|native|haswell|skylake\S*|"
    r"core\S*|nehalem|westmere|sandybridge|ivybridge|broadwell|znver\d)|/arch:(SSE2?|AVX\S*|IA32))$",
    re.IGNORECASE,
)

#: What a compile error says when x86 intrinsics or assembly met an ARM target.
_X86_SIGNS = (
    "immintrin.h",
    "emmintrin.h",
    "xmmintrin.h",
    "pmmintrin.h",
    "tmmintrin.h",
    "smmintrin.h",
    "nmmintrin.h",
    "wmmintrin.h",
    "x86intrin.h",
    "__m128",
    "__m256",
    "_mm_",
    "_mm256_",
    "__m512",
    "_mm512_",
    "__cpuid",
    "__builtin_ia32_",
    "invalid output constraint",
    "unknown register name",
    "unrecognized instruction mnemonic",
    "invalid instruction mnemonic",
)


#: The views whose CRT-less compiles take the code paths MSVC's do: Arm64EC, where the
#: GNU paths of x86 code cannot compile (``cpuid`` assembly, GCC's x86 builtins), and
#: a Windows build of a project is MSVC's, whose ``_MSC_VER`` paths call what
#: softintrin emulates (``__cpuid``, ``_mm_pause``).  x64 and ARM64 keep the GNU paths:
#: they compile there, they are what GCC and clang builds on Linux x86-64 and aarch64
#: test, and real projects' ``_MSC_VER`` paths measured worse there (crc32c's does not
#: compile with clang; cffi's bundled libffi defines ``__attribute__`` away): docs/
#: runtime.md, "Which code paths a CRT-less build takes".
MSVC_PATH_VIEWS = frozenset({ARM64EC})

#: MSVC's compiler macros in those views.  The version is the one CMake's CRT-less
#: toolchain file states (19.40, Visual Studio 2022 17.10).  ``_MSC_EXTENSIONS``: MSVC
#: without /Za, as mingw-w64's headers expect beside ``_MSC_VER`` (without it they
#: rename every anonymous union).  ``_PID_T_``: mingw-w64's guard of ``pid_t``, a type
#: MSVC's headers lack and code on the ``_MSC_VER`` path declares itself (CPython's
#: pyconfig.h: ``int``; mingw-w64's <sys/types.h>: ``__int64``).
MSVC_COMPILER_MACROS = ("_MSC_VER=1940", "_MSC_FULL_VER=194033811", "_MSC_EXTENSIONS=1", "_PID_T_")

#: What clang defines in a view and MSVC does not, undefined: Arm64EC's ``__ARM_NEON``
#: beside ``_M_X64`` sends code down an x86 and a NEON path at once (zstd includes
#: only ``<emmintrin.h>`` and calls ``vst1_u8``).  ``<arm_neon.h>`` still works (it
#: needs ``__ARM_FP``), as it does under MSVC's Arm64EC.
_NOT_MSVC_MACROS = {ARM64EC: ("__ARM_NEON",)}

#: mingw-w64's headers as they must be beside ``_MSC_VER`` in clang's GNU mode: a
#: ``_mingw.h`` that keeps their inline functions GNU's ``extern inline`` (their
#: ``_MSC_VER`` branch makes every one an external definition in every object).
MINGW_MSVC_DIR = Path(__file__).parent / "mingw_msvc"


def takes_msvc_paths(view: Arch) -> bool:
    """Whether CRT-less compiles of ``view`` define ``_MSC_VER`` (:data:`MSVC_PATH_VIEWS`)."""
    return view in MSVC_PATH_VIEWS


def msvc_predefined_macros(view: Arch) -> tuple[str, ...]:
    """``-D``/``-U`` flags that give a GNU-mode compile of ``view`` MSVC's predefined
    macros: the architecture's (:attr:`Arch.msvc_macros`; Arm64EC: _M_X64/_M_AMD64 and
    _M_ARM64EC, never _M_ARM64), and where the view takes MSVC's paths the compiler's
    (:data:`MSVC_COMPILER_MACROS`), less what MSVC does not define there.  clang's GNU
    mode leaves the ``_M_*`` names to mingw-w64's headers, which then skip their own
    definitions, so _ARM64EC_/_ARM64_ (which they define alongside, and test to keep x86
    inline assembly out) come too.  None for Arm64X, which compiles in its two views."""
    if view.is_hybrid:
        return ()
    compiler = MSVC_COMPILER_MACROS if takes_msvc_paths(view) else ()
    defined = (*compiler, *view.msvc_macros)
    return (*(f"-D{m}" for m in defined), *(f"-U{m}" for m in _NOT_MSVC_MACROS.get(view, ())))


def mingw_msvc_flags(view: Arch) -> tuple[str, ...]:
    """The include folders (plain ``/I`` ones, searched before mingw-w64's) that fit
    mingw-w64's headers to code written for MSVC in a CRT-less compile of ``view``: in
    the views that take MSVC's paths, the ``_mingw.h`` for ``_MSC_VER``; in the others,
    softintrin's ``intrin.h`` alone (Arm64EC has it with softintrin), for MSVC's
    intrinsics that mingw-w64's ``<intrin.h>`` lacks there (x64: ``__cpuidex``,
    ``_xgetbv``; ARM64: ``__nop``, ``__yield``, ``_rotl64``, ...)."""
    if takes_msvc_paths(view):
        return (f"/I{MINGW_MSVC_DIR.as_posix()}",)
    return () if view.is_hybrid else (f"/I{SOFTINTRIN_INTRIN_DIR.as_posix()}",)


def softintrin_flags(view: Arch) -> tuple[str, ...]:
    """clang-cl flags that put softintrin's headers ahead of clang's own x86 ones in a
    compile of ``view`` (Arm64EC only: MSVC's cl has its own emulation, and nothing else
    runs x86 intrinsics).  ``/external:I`` folders are searched before clang's resource
    headers, in either C environment; forward slashes suit clang-cl and CMake on any host.
    The ``intrin`` folder is a plain ``/I`` one, searched before every system folder
    (mingw-w64's, which has an ``intrin.h`` too): its ``intrin.h`` includes the one it
    hides, then adds softintrin's and MSVC's CPU queries (``__cpuid``, ``__cpuidex``,
    ``_xgetbv``)."""
    if view is not ARM64EC:
        return ()
    return (f"/external:I{SOFTINTRIN_DIR.as_posix()}", f"/I{SOFTINTRIN_INTRIN_DIR.as_posix()}")


def split_x86_flags(view: Arch, args: Sequence[str]) -> tuple[list[str], list[str]]:
    """(kept, dropped): x86-only flags go from Arm64EC and ARM64 compiles."""
    if view is X64:
        return list(args), []
    kept = [a for a in args if not _X86_FLAG.match(a)]
    return kept, [a for a in args if _X86_FLAG.match(a)]


def x86_code_hint(view: Arch, source: str, output: str) -> str:
    """The paragraph after a failed ARM compile that met x86 intrinsics or assembly."""
    if view is X64 or not any(sign in output for sign in _X86_SIGNS):
        return ""
    if view is ARM64EC:
        what = (
            "ec-buildext emulates SSE to SSE4.2 intrinsics in Arm64EC code, as MSVC does, "
            "and AVX, AVX2, FMA, F16C, AES, PCLMULQDQ, SHA and AVX-512's common 512-bit "
            "part for code compiled for run-time dispatch; its <cpuid.h>, __cpuid, "
            "__cpuidex and _xgetbv report a CPU with SSE4.2 only; the rest of AVX-512, "
            "MMX operations, GCC's __builtin_ia32_* functions and x86 assembly are not "
            "emulated"
        )
        macro = "_M_ARM64EC"
    else:
        what = "ARM64 code has no x86 intrinsics"
        macro = "_M_ARM64"
    return (
        f"\n{source} reached x86 code (AVX intrinsics, x86 assembly or __cpuid) in an "
        f"{view.name} compile: {what}. Arm64EC defines _M_X64 and _M_AMD64 as MSVC does, "
        "so code that picks x86 paths by those macros (or by __x86_64__, or __GNUC__ with "
        "it: a CRT-less build defines both beside _MSC_VER) takes them; test "
        f"{macro} first and use the SSE2 or portable C path (or NEON: arm_neon.h) there, "
        "e.g. #if (defined(_M_X64) || defined(__x86_64__)) && !defined(_M_ARM64EC), or "
        "build on Windows with MSVC."
    )


#: lld's line: "undefined symbol: [__declspec(dllimport) ]NAME[ (EC symbol)]", NAME
#: demangled (C++ names have spaces).
_UNDEFINED = re.compile(
    r"undefined symbol: (?:__declspec\(dllimport\) )?(.+?)(?: \((?:EC|native) symbol\))?$", re.M
)


#: compiler-rt's builtins: an operation and its operand modes (__udivti3, __muldc3,
#: __extendhfsf2, __popcountdi2) or a conversion (__floattixf, __fixunsdfti).
_BUILTIN = re.compile(
    r"__([a-z]+(si|di|ti|sf|df|tf|xf|hf|bf|sc|dc|tc|xc)[234]|(fix|float)(uns)?[a-z]{4})$"
)


def symbol_name(symbol: str) -> str:
    """The C name of a linker symbol: without Arm64EC's ``#`` and the import prefixes."""
    name = symbol.lstrip("#")
    for prefix in ("__imp_aux_", "__imp_"):
        name = name.removeprefix(prefix)
    return name


def undefined_symbols(output: str) -> list[str]:
    """The symbols lld's ``output`` says are undefined, first seen first."""
    return list(dict.fromkeys(_UNDEFINED.findall(output)))


@dataclass(frozen=True)
class SymbolOrigin:
    """Where a CRT-less build's runtime should have found an undefined symbol."""

    #: "ucrtbase": ucrtbase.dll exports it; "header": mingw-w64's C library headers
    #: declare it (``where``: the header); "dll": a system DLL exports it (``where``:
    #: the DLL's name, whose mingw-w64 .def ec-buildext does not make a library of).
    kind: Literal["ucrtbase", "header", "dll"]
    where: str = "ucrtbase"
    #: ucrtbase.dll exports it as data (imported only through dllimport).
    data: bool = False


def _known_provider(name: str) -> Optional[str]:
    """What provides ``name`` on Windows, for the kinds of name that tell by themselves."""
    if name.startswith(("_Py", "Py")):
        return (
            "the target CPython's import library (pythonXY.lib), which lacks it: a name "
            "this Python version does not export, or one the synthesized CPython misses "
            "(a real Windows CPython folder can be given with the python-root setting)"
        )
    cxx = ("??", "_Z", "__cxa_", "_Unwind_", "__gxx_personality", "std::", "operator ")
    if name.startswith(cxx) or "::" in name:
        return (
            "the C++ standard library and C++ runtime (msvcp140/vcruntime140 with MSVC; "
            "libc++/libc++abi/libunwind with LLVM), which ec-buildext's CRT-less runtime "
            "does not provide"
        )
    if name.startswith(("__security_", "__GSHandlerCheck", "__stack_chk")):
        return "the MSVC CRT's /GS stack-protector code (build with /GS- or -fno-stack-protector)"
    if _BUILTIN.match(name):
        return (
            "the compiler's builtins library (compiler-rt), of which ec-buildext's C runtime "
            "has what float, double and __int128 arithmetic calls (not x64's 80-bit long "
            "double or _Float16)"
        )
    return None


def _listed(names: Sequence[str]) -> str:
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)


#: What a runtime gap's paragraph asks of the user first.
_REPORT = (
    "This is a gap in ec-buildext's CRT-less runtime, not in the project: please report "
    "it to ec-buildext with this message."
)


def _runtime_gap_hint(
    first: str, more: str, origin: SymbolOrigin, generated_libraries: Sequence[str]
) -> str:
    """The paragraph for a name the runtime should have had (:class:`SymbolOrigin`)."""
    name = symbol_name(first)
    if origin.kind == "ucrtbase" and origin.data:
        return (
            f"\nThe link needs {first}{more}: ucrtbase.dll exports {name} as data, which a "
            "CRT-less link imports only through a __declspec(dllimport) declaration (no "
            f"auto-import). {_REPORT} Meanwhile, declare it extern __declspec(dllimport) "
            "where the project uses it."
        )
    if origin.kind == "ucrtbase":
        found = "ucrtbase.dll exports it, but the import library ec-buildext makes from "
        found += "mingw-w64's ucrtbase.def leaves it out"
    elif origin.kind == "header":
        found = (
            f"mingw-w64's <{origin.where}> (the C library headers CRT-less builds compile "
            "with) declares it, and neither ucrtbase.dll nor ec-buildext's C runtime "
            "defines it (mingw-w64's own static libraries do)"
        )
    else:
        found = (
            f"{origin.where}.dll exports it (mingw-w64's {origin.where}.def), and "
            f"ec-buildext does not generate {origin.where}.lib (it has "
            f"{_listed(list(generated_libraries))})"
        )
    meanwhile = (
        f"make {origin.where}.lib from mingw-w64's {origin.where}.def with llvm-dlltool "
        "(-d, -l, and -m i386:x86-64, arm64ec or arm64) and give its folder to the link"
        if origin.kind == "dll"
        else f"define {name} in the project (a few lines over a function the UCRT has), "
        "or avoid calling it"
    )
    return f"\nThe link needs {first}{more}: {found}. {_REPORT} Meanwhile, {meanwhile}."


#: lld's line for a library it found nowhere: "could not open 'NAME.lib': REASON" (a
#: bare name: one given with its folder is the build's own mistake); in MinGW mode
#: (/lldmingw) lld looks for a /DEFAULTLIB's NAME.lib as libNAME.a last, and names that.
_UNOPENED = re.compile(r"could not open '([^'/\\]+\.lib|lib[^'/\\]+\.a)'", re.IGNORECASE)


def _requested_name(opened: str, requests: Mapping[str, Sequence[str]]) -> str:
    """The library's name as the objects ask for it (``opened``: what lld looked for)."""
    if not opened.lower().endswith(".a"):
        return opened
    stem = opened[3:-2]
    asked = [n for n in requests if n.rsplit(".", 1)[0] == stem.lower()]
    return asked[0] if asked else f"{stem}.lib"


def _askers(name: str, requests: Mapping[str, Sequence[str]]) -> str:
    found = requests.get(name.lower(), ())
    if not found:
        return "the build names it, or an object asks for it"
    listed = ", ".join(found[:3]) + (f" and {len(found) - 3} more" if len(found) > 3 else "")
    return f"{listed} ask{'s' if len(found) == 1 else ''} for it"


def _release_names(libraries: Sequence[str]) -> str:
    """``libraries`` without their debug variants (libcmtd, libcpmtd1), said once."""
    debug = re.compile(r"(.+)d\d?$")
    kept = [n for n in libraries if not ((m := debug.match(n)) and m[1] in libraries)]
    return ", ".join(kept) + (" and their debug variants" if len(kept) < len(libraries) else "")


def unopened_library_hint(
    output: str,
    generated_libraries: Sequence[str],
    ignored_libraries: Sequence[str],
    requests: Mapping[str, Sequence[str]],
    described_dlls: Collection[str] = (),
) -> str:
    """One paragraph for a CRT-less link that found a library nowhere ('' if none):
    ``requests`` maps a library's lower-case file name to the inputs whose /DEFAULTLIB
    directives (``#pragma comment(lib, ...)``) ask for it; ``described_dlls``: the
    system DLLs mingw-w64 has a .def of (an import library ec-buildext could make)."""
    found = (_requested_name(n, requests) for n in _UNOPENED.findall(output))
    names = list(dict.fromkeys(found))
    if not names:
        return ""
    name = names[0]
    more = f" (and {', '.join(names[1:])})" if len(names) > 1 else ""
    generated = ", ".join(generated_libraries)
    if name.lower().removesuffix(".lib") in generated_libraries:
        return (
            f"\nThe link found no {name}{more} ({_askers(name, requests)}): ec-buildext "
            f"generates it as {name.lower()}, and this lld-link (before LLVM 19, which "
            "reads the case-insensitive overlay) finds it only by that name. Write the "
            "name in lower case, or choose LLVM 19 or later with the llvm-root setting."
        )
    stem = name.lower().removesuffix(".lib")
    if stem in described_dlls:
        return (
            f"\nThe link found no {name}{more} ({_askers(name, requests)}): mingw-w64 "
            f"describes {stem}.dll ({stem}.def), but ec-buildext does not generate its "
            f"import library yet. {_REPORT} Meanwhile, make {stem}.lib from mingw-w64's "
            f"{stem}.def with llvm-dlltool (-d, -l, and -m i386:x86-64, arm64ec or "
            "arm64) and give its folder to the link (setuptools: library_dirs; CMake: "
            "target_link_directories)."
        )
    return (
        f"\nThe link found no {name}{more}: {_askers(name, requests)} "
        f'(#pragma comment(lib, "{name}") in a source is a /DEFAULTLIB directive of its '
        "object), and it is in no library folder of the link. A CRT-less build has the "
        f"Windows import libraries ec-buildext generates ({generated}; any case, with or "
        "without .lib) and leaves out the MSVC runtime's own, which its runtime replaces "
        f"({_release_names(ignored_libraries)}); {name} is neither. If it is a library of "
        "the project or a third party, build it for this target and give its folder to "
        "the link (setuptools: library_dirs; CMake: target_link_directories, or its "
        "full path in target_link_libraries); if it is a Windows SDK library, give a "
        "Windows SDK/CRT tree with the sysroot setting, or build on Windows."
    )


def link_failure_hint(
    output: str,
    generated_libraries: Sequence[str],
    ignored_libraries: Sequence[str] = (),
    requests: Optional[Mapping[str, Sequence[str]]] = None,
    origin: Optional[SymbolOrigin] = None,
    described_dlls: Collection[str] = (),
) -> str:
    """One paragraph explaining a CRT-less link's failure ('' if nothing to add): a
    library found nowhere (:func:`unopened_library_hint`), or undefined symbols;
    ``generated_libraries``: the import libraries the build has (named when a symbol may
    come from another); ``origin``: where the runtime should have found the first
    undefined symbol, when ucrtbase.dll, mingw-w64's headers or a system DLL's .def say
    (then the paragraph calls it a gap in ec-buildext's runtime)."""
    unopened = unopened_library_hint(
        output, generated_libraries, ignored_libraries, requests or {}, described_dlls
    )
    if unopened:
        return unopened
    symbols = undefined_symbols(output)
    if not symbols:
        return ""
    first = symbols[0]
    more = f" (and {len(symbols) - 1} more)" if len(symbols) > 1 else ""
    provider = _known_provider(symbol_name(first))
    if provider is None and origin is not None:
        return _runtime_gap_hint(first, more, origin, generated_libraries)
    if provider is None:
        provider = (
            "the static part of the MSVC CRT (vcruntime, libucrt) or a Windows SDK import "
            f"library ec-buildext does not generate (it has {_listed(list(generated_libraries))}: "
            "link those by name)"
        )
    return (
        f"\nThe link needs {first}{more}, which nothing in this CRT-less build defines. "
        f"On Windows it comes from {provider}. ec-buildext's runtime gives "
        "ucrtbase.dll's C library, the printf/scanf family, DllMain and static "
        "constructors. To link it: give a Windows SDK/CRT tree with the sysroot setting "
        "(an xwin splat layout or a copied VC/Tools/MSVC + Windows Kits/10), or build on "
        "Windows."
    )
