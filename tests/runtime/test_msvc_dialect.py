"""Which code paths a CRT-less compile takes: the macros each view's C and C++ compiles
see, read from clang's own ``-dM`` output of a compile with the build model's flags
(not from ec-buildext's constants), and MSVC's intrinsics that code on its ``_MSC_VER``
path calls compiling where clang's GNU mode alone refuses them."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from ec_buildext.arch import ARM64, ARM64EC, X64, Arch
from ec_buildext.model import Language
from ec_buildext.plan import ClangCl
from ec_buildext.toolchains.crtless import CrtlessSupport, case_insensitive_overlay
from ec_buildext.toolchains.llvm import find_llvm, mingw_root

from ..support.llvm import find_tool


@pytest.fixture(scope="module")
def compiler(tmp_path_factory: pytest.TempPathFactory) -> ClangCl:
    """clang-cl with the CRT-less runtime's compile flags (its libraries are not
    needed to compile, so none are made)."""
    mingw = mingw_root()
    if mingw is None:
        pytest.skip("the ziglang wheel is not installed")
    include = mingw / "include" / "any-windows-any"
    folder = tmp_path_factory.mktemp("support")
    support = CrtlessSupport(include, case_insensitive_overlay(include), folder, folder / "x.obj")
    return ClangCl(find_llvm("ziglang"), support)


def compile_argv(compiler: ClangCl, view: Arch, language: Language, source: Path) -> list[str]:
    flags = compiler.compile_flags(view)
    switch = "/Tp" if language is Language.CXX else "/Tc"
    return [
        *compiler.compile_words(view),
        *flags.for_language(language),
        *flags.release,
        f"{switch}{source}",
    ]


def macros(
    compiler: ClangCl, view: Arch, language: Language, tmp_path: Path, *extra: str
) -> dict[str, str]:
    """{name: value} of what a compile of ``view`` in ``language`` defines after a C
    library header (C++: <cstddef>, so libc++'s configuration is in too)."""
    source = tmp_path / ("probe.cpp" if language is Language.CXX else "probe.c")
    source.write_text(
        "#include <cstddef>\n" if language is Language.CXX else "#include <stdlib.h>\n"
    )
    argv = [*compile_argv(compiler, view, language, source), *extra, "/E", "/clang:-dM"]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    return dict(re.findall(r"^#define (\w+)(?: (.*))?$", out, re.M))


@pytest.mark.parametrize("language", [Language.C, Language.CXX], ids=["c", "cxx"])
def test_arm64ec_sees_msvc_compiler_macros(
    compiler: ClangCl, language: Language, tmp_path: Path, cache_dir: Path
) -> None:
    # The _MSC_VER paths of real projects (MSVC builds them on Windows), in clang's GNU
    # mode on mingw-w64's headers (__GNUC__, __MINGW32__ stay: those headers need them).
    found = macros(compiler, ARM64EC, language, tmp_path)
    assert found["_MSC_VER"] == "1940"
    assert found["_MSC_FULL_VER"] == "194033811"
    assert "_MSC_EXTENSIONS" in found  # else mingw-w64 names every anonymous union
    assert "__GNUC__" in found and "__MINGW32__" in found
    assert "_PID_T_" in found  # pyconfig.h's pid_t (int) under _MSC_VER, not mingw-w64's
    if language is Language.CXX:
        # libc++ would take _MSC_VER for the Microsoft C++ ABI: the runtime is Itanium's.
        assert "_LIBCPP_ABI_ITANIUM" in found and "_LIBCPP_ABI_MICROSOFT" not in found
        assert found["_MSVC_LANG"] == "__cplusplus"
        # Exceptions (/EHsc) and RTTI on, in MSVC's words.
        assert found["_CPPUNWIND"] == found["_CPPRTTI"] == "1"
        # A project's /EHs-c- turns exceptions off, and _CPPUNWIND with them.
        off = macros(compiler, ARM64EC, language, tmp_path, "/EHs-c-")
        assert "_CPPUNWIND" not in off and "__EXCEPTIONS" not in off
    else:
        # mingw-w64's inline functions stay GNU's extern inline (never emitted).
        assert found["__CRT_INLINE"] == "extern inline __attribute__((__gnu_inline__))"


@pytest.mark.parametrize("language", [Language.C, Language.CXX], ids=["c", "cxx"])
@pytest.mark.parametrize("view", [X64, ARM64], ids=lambda v: v.name)
def test_x64_and_arm64_keep_the_gnu_paths(
    compiler: ClangCl, view: Arch, language: Language, tmp_path: Path, cache_dir: Path
) -> None:
    # Their GNU paths compile (x86 assembly on x64, NEON and ACLE on ARM64), as GCC and
    # clang builds on Linux take them; MSVC's architecture macros come beside them.
    found = macros(compiler, view, language, tmp_path)
    assert "_MSC_VER" not in found and "_MSVC_LANG" not in found
    assert "__GNUC__" in found and "_PID_T_" not in found
    assert ("_M_X64" in found) == (view is X64) and ("_M_ARM64" in found) == (view is ARM64)


def test_arm64ec_macros_are_msvc_arm64ec_ones(
    compiler: ClangCl, tmp_path: Path, cache_dir: Path
) -> None:
    found = macros(compiler, ARM64EC, Language.C, tmp_path)
    assert (found["_M_ARM64EC"], found["_M_X64"], found["_M_AMD64"]) == ("1", "100", "100")
    assert "_M_ARM64" not in found and "__aarch64__" not in found
    # clang's x64 names stay: mingw-w64's headers choose x64's structures (CONTEXT) by them.
    assert "__x86_64__" in found and "__arm64ec__" in found
    # MSVC defines no __ARM_NEON beside _M_X64 (code would take an x86 and a NEON path at
    # once); <arm_neon.h> still works (it needs __ARM_FP).
    assert "__ARM_NEON" not in found and "__ARM_FP" in found


def test_arm64_keeps_neon_and_x64_its_sse2(
    compiler: ClangCl, tmp_path: Path, cache_dir: Path
) -> None:
    arm64 = macros(compiler, ARM64, Language.C, tmp_path)
    assert arm64["_M_ARM64"] == "1" and "__ARM_NEON" in arm64 and "_M_X64" not in arm64
    x64 = macros(compiler, X64, Language.C, tmp_path)
    assert x64["_M_X64"] == "100" and "__SSE2__" in x64 and "__ARM_NEON" not in x64


#: What code on the _MSC_VER path of real projects calls for CPU detection and spinning
#: (zstd's cpu.h: __cpuid; crc32c: __cpuid and _mm_crc32_u*; taskflow: _mm_pause;
#: rapidfuzz's CpuInfo.cpp and zstd's x64 path: __cpuidex and _xgetbv).
MSVC_PATH = """
#include <intrin.h>
#include <nmmintrin.h>
unsigned long long probe(const unsigned char *p) {
    int info[4];
    __cpuid(info, 1);
    __cpuidex(info, 7, 0);
    _mm_pause();
    unsigned long long xcr0 = _xgetbv(0);
    return _mm_crc32_u8((unsigned)info[2], p[0]) + xcr0;
}
"""


def test_arm64ec_objects_define_no_mingw_inline_functions(
    compiler: ClangCl, tmp_path: Path, cache_dir: Path
) -> None:
    # Under _MSC_VER, mingw-w64's own _mingw.h would make its headers' __CRT_INLINE
    # functions (__fpclassify, ua_CharUpperW) strong external definitions in every
    # object: duplicate symbols, and imports of user32 the project never named.  What
    # its headers mark __forceinline (winnt.h's NtCurrentTeb, GetCurrentFiber) is MSVC's
    # keyword, as in MSVC's C: a definition in a COMDAT any object may repeat.
    source = tmp_path / "win.c"
    source.write_text(
        "#include <winsock2.h>\n#include <windows.h>\n#include <math.h>\n"
        "#include <stdlib.h>\n#include <intrin.h>\n#include <time.h>\n"
        "int entry(int x) { return x; }\n"
    )
    obj = tmp_path / "win.obj"
    argv = [*compile_argv(compiler, ARM64EC, Language.C, source), "/c", f"/Fo{obj}"]
    subprocess.run(argv, capture_output=True, text=True, check=True)
    nm = [find_tool("llvm-nm"), "--extern-only", "--format=just-symbols"]
    defined = subprocess.run([*nm, "--defined-only", str(obj)], capture_output=True, text=True)
    names = [n for n in defined.stdout.split() if "entry" not in n and not n.startswith("$")]
    assert "#__fpclassify" not in names and "#ua_CharUpperW" not in names
    readobj = [find_tool("llvm-readobj"), "--symbols", str(obj)]
    blocks = subprocess.run(readobj, capture_output=True, text=True, check=True).stdout
    for name in names:
        # The section symbol's block: a COMDAT whose selection is "any".
        block = blocks.split(f"Name: .text${name}\n", 1)[1].split("Symbol {", 1)[0]
        assert "Selection: Any" in block, name
    undefined = subprocess.run([*nm, "--undefined-only", str(obj)], capture_output=True, text=True)
    # EC's weak aliases (GetCurrentFiber -> #GetCurrentFiber) and the loader's slots only.
    allowed = {"entry", *(n.lstrip("#") for n in names)}
    others = [n for n in undefined.stdout.split() if not n.startswith("__os_arm64x_")]
    assert [n for n in others if n not in allowed] == []


@pytest.mark.parametrize("language", [Language.C, Language.CXX], ids=["c", "cxx"])
def test_arm64ec_static_forceinline_is_msvcs(
    language: Language, compiler: ClangCl, tmp_path: Path, cache_dir: Path
) -> None:
    # mmh3 under _MSC_VER: "static __forceinline" (mingw-w64 spells __forceinline for C
    # as "extern __inline__ ...", which cannot follow static); inlined, no symbol left.
    source = tmp_path / "inline.c"
    source.write_text(
        "#include <windows.h>\n"
        "static __forceinline unsigned twice(unsigned x) { return 2 * x; }\n"
        'extern "C" unsigned entry(unsigned x) { return twice(x); }\n'.replace(
            'extern "C" ', "" if language is Language.C else 'extern "C" '
        )
    )
    obj = tmp_path / "inline.obj"
    argv = [*compile_argv(compiler, ARM64EC, language, source), "/c", f"/Fo{obj}"]
    proc = subprocess.run(argv, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    nm = [find_tool("llvm-nm"), "--format=just-symbols", str(obj)]
    names = subprocess.run(nm, capture_output=True, text=True, check=True).stdout.split()
    assert "#entry" in names and not [n for n in names if "twice" in n]


@pytest.mark.parametrize("view", [ARM64EC, X64], ids=lambda v: v.name)
def test_msvc_intrinsics_of_x86_paths_compile(
    compiler: ClangCl, view: Arch, tmp_path: Path, cache_dir: Path
) -> None:
    # Arm64EC: softintrin's; x64: clang's builtins, __cpuidex and _xgetbv declared as
    # MSVC does (GNU mode alone: __cpuidex undeclared, _xgetbv "needs target feature
    # xsave"), crc32 in a function built for SSE4.2 as the projects do.
    source = tmp_path / "probe.c"
    target = '__attribute__((target("sse4.2")))\n' if view is X64 else ""
    source.write_text(
        MSVC_PATH.replace("unsigned long long probe", f"{target}unsigned long long probe")
    )
    argv = [*compile_argv(compiler, view, Language.C, source), "/c", f"/Fo{tmp_path / 'p.obj'}"]
    proc = subprocess.run(argv, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_arm64ec_msvc_counter_and_rotates(
    compiler: ClangCl, tmp_path: Path, cache_dir: Path
) -> None:
    # MSVC's __rdtsc (ARM's virtual counter here) and _rotl64/_rotr64, which mingw-w64's
    # <intrin.h> spells as x86's __rolq/__rorq: one mrs and two rotates, no call.
    source = tmp_path / "counter.c"
    source.write_text(
        "#include <intrin.h>\n"
        "unsigned long long counter(unsigned long long x) {\n"
        "    return __rdtsc() + _rotl64(x, 5) + _rotr64(x, 3);\n"
        "}\n"
    )
    obj = tmp_path / "counter.obj"
    argv = [*compile_argv(compiler, ARM64EC, Language.C, source), "/c", f"/Fo{obj}"]
    proc = subprocess.run(argv, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    dump = subprocess.run(
        [find_tool("llvm-objdump"), "-d", str(obj)], capture_output=True, text=True, check=True
    ).stdout
    body = dump[dump.index("<.text$#counter>:") :].split("\n\n")[0]
    assert re.search(r"\bmrs\s+x\d+, CNTVCT_EL0", body), body
    assert len(re.findall(r"\bror\s", body)) == 2, body
    assert not re.search(r"\bbl\s", body), body


def test_arm64_msvc_intrinsics(compiler: ClangCl, tmp_path: Path, cache_dir: Path) -> None:
    # MSVC's ARM64 __nop and __yield (ACLE's names too) and _rotl64, which mingw-w64's
    # <intrin.h> spells as x86's __rolq: instructions, no call.
    source = tmp_path / "arm.c"
    source.write_text(
        "#include <intrin.h>\n"
        "unsigned long long spin(unsigned long long x) {\n"
        "    __nop();\n"
        "    __yield();\n"
        "    return _rotl64(x, 5);\n"
        "}\n"
    )
    obj = tmp_path / "arm.obj"
    argv = [*compile_argv(compiler, ARM64, Language.C, source), "/c", f"/Fo{obj}"]
    proc = subprocess.run(argv, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    dump = subprocess.run(
        [find_tool("llvm-objdump"), "-d", str(obj)], capture_output=True, text=True, check=True
    ).stdout
    body = dump[dump.index("<spin>:") :].split("\n\n")[0]
    for instruction in ("nop", "yield", "ror"):
        assert re.search(rf"\b{instruction}\b", body), (instruction, body)
    assert not re.search(r"\bbl\s", body), body
