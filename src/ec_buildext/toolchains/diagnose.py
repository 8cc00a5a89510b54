"""What clang builds say and adjust for code written for MSVC on x64.

* MSVC's predefined macros (``_M_ARM64EC``, ``_M_X64``, ...) in clang's GNU mode,
  which defines ``__x86_64__`` for Arm64EC but none of MSVC's ``_M_*`` names;
* x86 SSE intrinsics in Arm64EC code, which MSVC emulates (softintrin) and clang does
  not: ec-buildext's own headers (``softintrin/``) come first in Arm64EC compiles;
* x86-only compiler flags (``-msse2``, ``/arch:AVX2``) dropped from ARM compiles;
* one paragraph when x86 intrinsics or assembly reach an Arm64EC/ARM64 compile, and
  when a link misses a symbol, instead of the tools' bare errors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..arch import ARM64EC, X64, Arch

__all__ = [
    "SOFTINTRIN_DIR",
    "SOFTINTRIN_INTRIN_DIR",
    "link_failure_hint",
    "msvc_predefined_macros",
    "softintrin_flags",
    "split_x86_flags",
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
    "__cpuid",
    "__builtin_ia32_",
    "invalid output constraint",
    "unknown register name",
    "unrecognized instruction mnemonic",
    "invalid instruction mnemonic",
)


def msvc_predefined_macros(view: Arch) -> tuple[str, ...]:
    """``-D`` flags for MSVC's architecture macros in a GNU-mode compile of ``view``
    (:attr:`Arch.msvc_macros`; Arm64EC: _M_X64/_M_AMD64 and _M_ARM64EC, never _M_ARM64).
    clang's GNU mode leaves them to mingw-w64's headers, which then skip their own
    definitions, so _ARM64EC_/_ARM64_ (which they define alongside, and test to keep x86
    inline assembly out) come too."""
    return tuple(f"-D{m}" for m in view.msvc_macros)


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
            "and AVX, AVX2, FMA and F16C for code compiled for run-time dispatch; its "
            "<cpuid.h>, __cpuid, __cpuidex and _xgetbv report a CPU with SSE4.2 only; "
            "AVX-512, AES, MMX operations, GCC's __builtin_ia32_* functions and x86 "
            "assembly are not emulated"
        )
        macro = "_M_ARM64EC"
    else:
        what = "ARM64 code has no x86 intrinsics"
        macro = "_M_ARM64"
    return (
        f"\n{source} reached x86 code (AVX intrinsics, x86 assembly or __cpuid) in an "
        f"{view.name} compile: {what}. Arm64EC defines _M_X64 and _M_AMD64 as MSVC does, "
        "so code that picks x86 paths by those macros (or __x86_64__) takes them; test "
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


def _provider(symbol: str, generated_libraries: Sequence[str]) -> str:
    name = symbol.lstrip("#").removeprefix("__imp_").removeprefix("__imp_aux_")
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
    generated = ", ".join(generated_libraries[:-1]) + f" and {generated_libraries[-1]}"
    return (
        "the static part of the MSVC CRT (vcruntime, libucrt) or a Windows SDK import "
        f"library ec-buildext does not generate (it has {generated}: link those by name)"
    )


def link_failure_hint(output: str, generated_libraries: Sequence[str]) -> str:
    """One paragraph explaining a CRT-less link's undefined symbols ('' if none);
    ``generated_libraries``: the import libraries the build has (named when a symbol may
    come from another)."""
    symbols = list(dict.fromkeys(_UNDEFINED.findall(output)))
    if not symbols:
        return ""
    first = symbols[0]
    more = f" (and {len(symbols) - 1} more)" if len(symbols) > 1 else ""
    provider = _provider(first, generated_libraries)
    return (
        f"\nThe link needs {first}{more}, which nothing in this CRT-less build defines. "
        f"On Windows it comes from {provider}. ec-buildext's runtime gives "
        "ucrtbase.dll's C library, the printf/scanf family, DllMain and static "
        "constructors. To link it: give a Windows SDK/CRT tree with the sysroot setting "
        "(an xwin splat layout or a copied VC/Tools/MSVC + Windows Kits/10), or build on "
        "Windows."
    )
