"""softintrin (src/ec_buildext/toolchains/softintrin): x86 SSE intrinsics for Arm64EC code.

* Against the real instructions: the battery (tests/support/softintrin_battery.py) compiled for
  this x86_64 machine with clang's own headers and with softintrin's (their code is
  target-independent C), run, every result compared bit for bit, except where the
  headers say they differ (rcp/rsqrt are exact where x86 approximates; which NaN float
  arithmetic gives).
* The ARM lowering: the same battery as an Arm64EC DLL and as the EC view of an Arm64X
  DLL, built by the setuptools driver with the real CRT-less toolchain, run in unicorn,
  compared with the real instructions; llvm-nm shows its objects call no helper.
* The rest with real compilers: every header compiles alone as C and C++ for Arm64EC;
  what is not emulated stops a compile with softintrin's message, naming the file, under
  setuptools and CMake; x64 and ARM64 compiles keep clang's own headers, and the native
  view of an Arm64X CMake build sees neither softintrin nor the Arm64EC macros.
"""

from __future__ import annotations

import ctypes
import os
from pathlib import Path

import pytest

from ec_buildext.arch import ARM64EC, ARM64X, Arch
from ec_buildext.plan import BuildPlan, choose_compiler
from ec_buildext.setuptools_ext.driver import ExtensionSpec, build_extension, object_path

from ..support import softintrin_battery as battery
from ..support import wine
from ..support.cmake_builds import cmake_build_for
from ..support.commands import run
from ..support.emulate import DATA, Machine, call
from ..support.llvm import find_tool
from ..support.softintrin import (
    CLANG,
    clang_header,
    clang_intrinsic_names,
    cpu_flags,
    ec_compile,
    needs_clang,
)

#: The seed of the random records: fixed, unless EC_BUILDEXT_TEST_SEED says otherwise
#: (the failure message names it).
SEED = int(os.environ.get("EC_BUILDEXT_TEST_SEED", "20260301"))
RANDOM_RECORDS = 96
#: Records per emulator run (its data page holds inputs and results).
CHUNK = 200
HEADERS = sorted(p.name for p in battery.SOFTINTRIN.glob("*.h") if not p.name.startswith("__"))


needs_x86 = pytest.mark.skipif(
    not CLANG.is_file() or not {"sse4_2", "popcnt", "ssse3"} <= cpu_flags(),
    reason="needs Debian's clang-22 and an x86_64 CPU with SSE4.2 and POPCNT (the reference)",
)
#: The AVX, AVX2, FMA and F16C sites run where this CPU has them (the reference);
#: elsewhere both sides compile them out.
AVX_CPU = {"avx", "avx2", "fma", "f16c"} <= cpu_flags()
AVX_FLAGS = ["-mavx2", "-mfma", "-mf16c"] if AVX_CPU else ["-DEC_BATTERY_AVX=0"]


@pytest.fixture(scope="module")
def inputs() -> bytes:
    print(f"softintrin battery: random records from seed {SEED} (EC_BUILDEXT_TEST_SEED)")
    return battery.records(SEED, RANDOM_RECORDS)


@pytest.fixture(scope="module")
def battery_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("battery") / "battery.c"
    path.write_text(battery.source())
    return path


def run_native(library: Path, data: bytes) -> bytes:
    """``battery()`` of a shared library of this machine, on ``data``."""
    count = len(data) // battery.RECORD
    out = ctypes.create_string_buffer(len(battery.sites()) * count * battery.SLOT)
    ctypes.CDLL(str(library)).battery(data, out, count)
    return out.raw


def build_native(source: Path, name: str, *flags: str) -> Path:
    # SSE4.2 and POPCNT: clang's real headers refuse those intrinsics without them.
    library = source.with_name(f"{name}.so")
    options = ["-shared", "-fPIC", "-msse4.2", "-mpopcnt", "-w", *flags]
    run([str(CLANG), *options, str(source), "-o", str(library), "-lm"])
    return library


@pytest.fixture(scope="module")
def real_library(battery_source: Path) -> Path:
    """The battery with clang's own headers: the CPU's instructions."""
    return build_native(battery_source, "real", "-O2", *AVX_FLAGS)


def test_battery_calls_every_emulated_intrinsic() -> None:
    codes = "\n".join(site.code for site in battery.sites())
    called = {name for name in battery.emulated_names() if f"{name}(" in codes}
    assert battery.emulated_names() - called == set()
    assert len(called) > 300


@pytest.mark.slow
@needs_x86
@pytest.mark.parametrize("optimisation", ["-O2", "-O0"])
def test_same_results_as_the_cpu(
    battery_source: Path, inputs: bytes, real_library: Path, optimisation: str
) -> None:
    flags = [optimisation, "-I", str(battery.SOFTINTRIN)]
    flags += [] if AVX_CPU else ["-DEC_BATTERY_AVX=0"]
    ours = run_native(build_native(battery_source, f"ours{optimisation}", *flags), inputs)
    count = len(inputs) // battery.RECORD
    assert any(ours), "the battery wrote nothing"
    wrong = battery.mismatches(run_native(real_library, inputs), ours, inputs, count)
    assert wrong == [], f"seed {SEED}:\n" + "\n".join(wrong)


@pytest.fixture(scope="module")
def runtime_cache() -> Path:
    folder = wine.tests_cache() / "runtime-cache"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def build_battery_dll(arch: Arch, source: Path, folder: Path) -> tuple[Path, list[Path]]:
    """The battery as a DLL of ``arch``, built by the setuptools driver with the CRT-less
    toolchain (ziglang's LLVM), and its objects."""
    plan = BuildPlan(arch=arch, compiler=choose_compiler(arch, llvm_root="ziglang"), wheel_tag="")
    spec = ExtensionSpec(
        name="battery",
        sources=(source,),
        output=folder / "battery.dll",
        temp_dir=folder / "build",
        export_symbols=("battery",),
    )
    build_extension(plan, spec, log=lambda line: None)
    return spec.output, [object_path(spec, view, source) for view in arch.views]


class AlignedHeap:
    """ucrtbase's _aligned_malloc and _aligned_free, as the emulator's imports."""

    def __init__(self) -> None:
        #: (size, alignment, address) of each _aligned_malloc; addresses _aligned_free got.
        self.allocated: list[tuple[int, int, int]] = []
        self.freed: list[int] = []

    def malloc(self, machine: Machine, args: list[int]) -> int:
        size, align = args[0], args[1]
        address = (machine.malloc(size + align) + align - 1) & -align
        self.allocated.append((size, align, address))
        return address

    def free(self, machine: Machine, args: list[int]) -> int:
        self.freed.append(args[0])
        return 0


@pytest.mark.slow
@needs_x86
@pytest.mark.parametrize("arch", [ARM64EC, ARM64X], ids=lambda a: a.name)
def test_arm_lowering_gives_the_cpus_results(
    arch: Arch,
    battery_source: Path,
    inputs: bytes,
    real_library: Path,
    tmp_path: Path,
    runtime_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("EC_BUILDEXT_CACHE_DIR", str(runtime_cache))
    dll, objects = build_battery_dll(arch, battery_source, tmp_path)
    # No helper for the vector code: the objects reference the runtime's Arm64EC
    # support, the stack probe and _mm_malloc's ucrtbase functions, nothing else
    # (no memcpy, no libm rounding function, no compiler-rt).
    nm = find_tool("llvm-nm")
    lines = [line for o in objects for line in run([nm, "-u", str(o)]).stdout.splitlines()]
    undefined = {line.split()[-1] for line in lines if line.strip()}
    assert undefined <= {
        "#__chkstk_arm64ec",
        "__imp__aligned_malloc",
        "__imp__aligned_free",
        "__os_arm64x_dispatch_call_no_redirect",
        "__os_arm64x_dispatch_ret",
        "battery",  # the weak anti-dependency alias of the EC function #battery
    }, undefined
    heap = AlignedHeap()
    imports = {"_aligned_malloc": heap.malloc, "_aligned_free": heap.free}
    sites = battery.sites()
    malloc = next(s for s in sites if "_mm_malloc" in s.code)
    # In runs of records: the emulator's data page holds the inputs and the results.
    step = CHUNK * battery.RECORD
    for chunk in (inputs[at : at + step] for at in range(0, len(inputs), step)):
        count = len(chunk) // battery.RECORD
        _, page = call(
            dll,
            "battery",
            "arm64ec",
            [DATA, DATA + len(chunk), count],
            chunk + bytes(len(sites) * count * battery.SLOT),
            imports,
            max_instructions=10**9,
        )
        results, reference = page[len(chunk) :], run_native(real_library, chunk)
        if arch is ARM64X:
            # LIEF (which the emulator maps imports with) names the EC view's import
            # slots of an Arm64X image one entry off (llvm-readobj reads them right):
            # _mm_malloc's calls reach the wrong stub there.  The Arm64EC DLL checks it.
            results = blank_site(results, malloc, count)
            reference = blank_site(reference, malloc, count)
        wrong = battery.mismatches(reference, results, chunk, count, avx=AVX_CPU)
        assert wrong == [], f"seed {SEED}:\n" + "\n".join(wrong)
    if arch is ARM64EC:  # _mm_malloc(100, 64) and _mm_free, once per record
        assert {(size, align) for size, align, _ in heap.allocated} == {(100, 64)}
        assert heap.freed == [address for _, _, address in heap.allocated]
        assert len(heap.freed) == len(inputs) // battery.RECORD


def blank_site(output: bytes, site: battery.Site, count: int) -> bytes:
    start = site.index * count * battery.SLOT
    end = start + count * battery.SLOT
    return output[:start] + bytes(end - start) + output[end:]


#: clang's headers for the instruction sets softintrin emulates beyond SSE4.2.
CLANG_AVX_HEADERS = ["avxintrin.h", "avx2intrin.h", "fmaintrin.h", "f16cintrin.h"]


@needs_clang
def test_every_avx_fma_f16c_intrinsic_of_clang_is_emulated(tmp_path: Path) -> None:
    # The list from clang's own headers, read now: each name is declared for Arm64EC
    # (its address taken; a macro is defined) and called in the battery.
    names = set().union(*(clang_intrinsic_names(clang_header(h)) for h in CLANG_AVX_HEADERS))
    assert len(names) > 400, names
    source = tmp_path / "names.c"
    uses = (f"#ifndef {n}\nvoid *p{n} = (void *)&{n};\n#endif\n" for n in sorted(names))
    source.write_text("#include <immintrin.h>\n" + "".join(uses))
    proc = ec_compile(source, "-Wall", "-Werror")
    assert proc.returncode == 0, proc.stderr[-3000:]
    codes = "\n".join(site.code for site in battery.sites())
    called = {n for n in names if f"{n}(" in codes}
    assert names - called == set()


@needs_clang
@pytest.mark.parametrize("header", HEADERS)
@pytest.mark.parametrize("language", ["-xc -std=c99", "-xc -std=c23", "-xc++ -std=c++11"])
def test_each_header_compiles_alone(header: str, language: str, tmp_path: Path) -> None:
    source = tmp_path / "one.c"
    source.write_text(f"#include <{header}>\n#include <{header}>\nint ok;\n")
    proc = ec_compile(source, *language.split(), "-Wall", "-Wextra", "-Werror")
    assert proc.returncode == 0, proc.stderr


#: The battery's AVX, AVX2, FMA and F16C sites triple its compile time: compiled in the
#: slow layer (each name is declared in the fast one).
WITH_AVX = [
    pytest.param("-DEC_BATTERY_AVX=0", id="sse"),
    pytest.param("-DEC_BATTERY_AVX=1", id="avx", marks=pytest.mark.slow),
]


@needs_clang
@pytest.mark.parametrize("avx", WITH_AVX)
@pytest.mark.parametrize("language", ["-xc", "-xc++"])
def test_battery_compiles_as_c_and_cpp_for_arm64ec(
    battery_source: Path, language: str, avx: str
) -> None:
    flags = ["-O1", "-Wall", "-Werror", "-Wno-unused-variable", avx]
    proc = ec_compile(battery_source, language, *flags)
    assert proc.returncode == 0, proc.stderr[-3000:]


@pytest.mark.skipif(
    not (Path("/usr/lib/llvm-19/bin/clang")).is_file(), reason="needs Debian's clang-19"
)
@pytest.mark.parametrize("avx", WITH_AVX)
def test_headers_compile_with_an_older_clang(battery_source: Path, avx: str) -> None:
    # Arm64EC needs LLVM 18 or later (the arch table): the builtins the headers use
    # exist there; 19 is the oldest clang installed here.
    proc = ec_compile(battery_source, "-O1", "-w", avx, clang=Path("/usr/lib/llvm-19/bin/clang"))
    assert proc.returncode == 0, proc.stderr[-3000:]


AVX = """
#include <immintrin.h>
int twice(const int *p) {
  __m256i x = _mm256_loadu_si256((const __m256i *)p);
  return _mm256_extract_epi32(_mm256_add_epi32(x, x), 0);
}
"""
MMX = "#include <mmintrin.h>\nint f(__m64 a) { return _mm_cvtsi64_si32(_mm_add_pi8(a, a)); }\n"
# SSE4.2's string compares stay unemulated (AES is emulated: test_softintrin_isa.py).
STRING = "#include <nmmintrin.h>\nint f(__m128i a) { return _mm_cmpistri(a, a, 0); }\n"


ADVICE = "test _M_ARM64EC first and use the SSE2 or portable path there"


@needs_clang
@pytest.mark.parametrize("language", ["-xc", "-xc++"])
def test_avx_code_compiles_for_arm64ec(language: str, tmp_path: Path) -> None:
    # Emulated now, for code compiled for run-time dispatch (cpuid still reports no AVX).
    source = tmp_path / "user.c"
    source.write_text(AVX)
    proc = ec_compile(source, language, "-O2", "-Wall", "-Werror")
    assert proc.returncode == 0, proc.stderr


@needs_clang
@pytest.mark.parametrize(
    ("code", "message", "advice"),
    [
        (MMX, "'_mm_add_pi8' is unavailable: ec-buildext: MMX intrinsics", "use the SSE2"),
        (STRING, "'_mm_cmpistri' is unavailable: ec-buildext: SSE4.2 string-compare", ADVICE),
    ],
)
@pytest.mark.parametrize("language", ["-xc", "-xc++"])
def test_what_is_not_emulated_stops_at_its_use(
    code: str, message: str, advice: str, language: str, tmp_path: Path
) -> None:
    source = tmp_path / "user.c"
    source.write_text(code)
    proc = ec_compile(source, language)
    assert proc.returncode != 0
    # At the use, in the user's file, with what to do.
    assert f"{source}:" in proc.stderr and message in proc.stderr, proc.stderr
    assert advice in proc.stderr


CMAKE_PROJECT = """cmake_minimum_required(VERSION 3.21)
project(intrin C)
add_library(intrin MODULE intrin.c)
if(USE_AVX2)
  target_compile_definitions(intrin PRIVATE USE_AVX2)
  if(EC_BUILDEXT_ARCH STREQUAL "x64")
    target_compile_options(intrin PRIVATE -mavx2)
  endif()
endif()
"""
CMAKE_SOURCE = """
#if defined(_M_X64) || defined(__x86_64__)
/* x64 code, as a project written for MSVC has it: SSE2 (and AVX2 if asked). */
#include <immintrin.h>
__declspec(dllexport) int sse(const int *p) {
  __m128i x = _mm_loadu_si128((const __m128i *)p);
  return _mm_cvtsi128_si32(_mm_add_epi32(x, x));
}
#if defined(_M_ARM64EC)
/* MSVC's CPU query, from <intrin.h> (softintrin's, ahead of mingw-w64's). */
#include <intrin.h>
__declspec(dllexport) int max_leaf(void) {
  int info[4];
  __cpuidex(info, 0, 0);
  return info[0];
}
#endif
#ifdef USE_AVX2
__declspec(dllexport) int avx(const int *p) {
  __m256i x = _mm256_loadu_si256((const __m256i *)p);
  return _mm256_extract_epi32(_mm256_add_epi32(x, x), 0);
}
#endif
#else
/* ARM64 (alone or the native view of Arm64X): MSVC's ARM64 macros, and no softintrin. */
#if !defined(_M_ARM64) || defined(_M_ARM64EC) || defined(_M_X64) || defined(_M_AMD64)
#error "not MSVC's ARM64 macros"
#endif
#if __has_include(<__ec_softintrin.h>)
#error "softintrin reached an ARM64 compile"
#endif
#include <intrin.h>
#ifdef __EC_SOFTINTRIN_INTRIN_H
#error "softintrin's intrin.h reached an ARM64 compile"
#endif
__declspec(dllexport) int sse(const int *p) { return p[0] * 2; }
#endif
"""


def cmake_project(tmp_path: Path) -> Path:
    source = tmp_path / "project"
    source.mkdir()
    (source / "CMakeLists.txt").write_text(CMAKE_PROJECT)
    (source / "intrin.c").write_text(CMAKE_SOURCE)
    return source


@pytest.mark.slow
@pytest.mark.parametrize("arch", ["arm64ec", "arm64x"])
def test_cmake_sse2_builds(arch: str, tmp_path: Path, cache_dir: Path, readobj_tool: str) -> None:
    # SSE2 as x64 code has it: emulated in the EC views; Arm64X's native compiles see
    # neither softintrin (its intrin.h included) nor the Arm64EC macros (the source's
    # #errors say so).
    cmake_build_for(arch, cmake_project(tmp_path), tmp_path / "b")
    dll = tmp_path / "b" / "intrin.dll"
    exports = run([readobj_tool, "--coff-exports", str(dll)]).stdout
    assert "sse" in exports
    if arch == "arm64ec":  # __cpuidex from <intrin.h>: softintrin's intrin folder
        assert "max_leaf" in exports


@pytest.mark.slow
@pytest.mark.parametrize("arch", ["x64", "arm64ec"])
def test_cmake_avx2_builds(arch: str, tmp_path: Path, cache_dir: Path, readobj_tool: str) -> None:
    # x64: clang's own headers (with -mavx2); Arm64EC: softintrin's AVX2, in a clang-cl
    # compile CMake runs with no ec-buildext wrapper around it.
    cmake_build_for(arch, cmake_project(tmp_path), tmp_path / "b", "-DUSE_AVX2=ON")
    exports = run([readobj_tool, "--coff-exports", str(tmp_path / "b" / "intrin.dll")]).stdout
    assert "Name: avx" in exports and "Name: sse" in exports
