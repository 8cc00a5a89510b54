"""A real project's run-time dispatch code in Arm64EC: the AVX2 variants of xxhash
4.1.0's bundled xxHash (0.8.3), as its xxh_x86dispatch.c compiles them.

xxh_x86dispatch.c builds xxhash.h with ``XXH_X86DISPATCH`` and ``XXH_DISPATCH_AVX2``,
each variant's functions marked ``__attribute__((__target__("avx2")))`` (clang for an
ARM target notes "'+avx2' is not a recognized feature for this target (ignoring
feature)" and compiles them as plain code), then asks the CPU with cpuid assembly (GNU
mode) or ``__cpuidex`` (``_MSC_VER``): which of those an Arm64EC compile takes is the
macro set's question (issue 21, cause 1), so the file around xxhash.h here does what
xxh_x86dispatch.c does for the AVX2 and SSE2 variants, without the CPU query, and
exports them.  Built by CMake with `ec-buildext toolchain --arch arm64ec`; llvm-readobj
shows the exports, and the AVX2 variants, run as Arm64EC code in unicorn, give the
hashes this CPU's real AVX2 instructions give (and the SSE2 variant's).
"""

from __future__ import annotations

import ctypes
import tarfile
from pathlib import Path

import pytest

from ..support.cmake_builds import cmake_build_for
from ..support.commands import run
from ..support.emulate import DATA, call
from ..support.pypi_projects import Project, download_sdist
from ..support.softintrin import CLANG, cpu_flags

pytestmark = pytest.mark.slow

XXHASH = Project("xxhash", "4.1.0", ("xxhash._xxhash",))

#: xxhash.h as xxh_x86dispatch.c includes it (its AVX-512 variant is not emulated),
#: and XXH3's long-input hash (default and seeded) of each variant, exported.
CHECK = """
#include <emmintrin.h>
#include <immintrin.h>
#define XXH_DISPATCH_AVX2 1
#define XXH_DISPATCH_AVX512 0
#define XXH_TARGET_SSE2 __attribute__((__target__("sse2")))
#define XXH_TARGET_AVX2 __attribute__((__target__("avx2")))
#define XXH_X86DISPATCH
#define XXH_INLINE_ALL
#include "xxhash.h"
#ifdef _WIN32
#define EXPORT __declspec(dllexport)
#else
#define EXPORT
#endif
#define HASHES(v)                                                                        \\
  EXPORT XXH_TARGET_##v XXH64_hash_t hash_##v(const void *p, size_t n) {                 \\
    return XXH3_hashLong_64b_internal(p, n, XXH3_kSecret, sizeof(XXH3_kSecret),          \\
                                      XXH3_accumulate_##v, XXH3_scrambleAcc_##v);        \\
  }                                                                                      \\
  EXPORT XXH_TARGET_##v XXH64_hash_t seeded_##v(const void *p, size_t n) {               \\
    return XXH3_hashLong_64b_withSeed_internal(p, n, 0x9E3779B97F4A7C15ULL,              \\
                                               XXH3_accumulate_##v, XXH3_scrambleAcc_##v, \\
                                               XXH3_initCustomSecret_##v);               \\
  }
#define XXH_TARGET_avx2 XXH_TARGET_AVX2
#define XXH_TARGET_sse2 XXH_TARGET_SSE2
HASHES(avx2)
HASHES(sse2)
"""
CMAKE = """cmake_minimum_required(VERSION 3.21)
project(xxh C)
add_library(xxh MODULE check.c)
"""
#: Long enough for the vector loop (XXH3's long-input path starts past 240 bytes).
INPUT = bytes((i * 131 + (i >> 7)) & 0xFF for i in range(3000))


@pytest.fixture(scope="module")
def dispatch_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """xxhash's bundled xxHash folder, with check.c and CMakeLists.txt beside it."""
    folder = tmp_path_factory.mktemp("xxh")
    with tarfile.open(download_sdist(XXHASH)) as tar:
        tar.extractall(folder, filter="data")
    (project,) = folder.iterdir()
    source = project / "deps" / "xxhash"
    assert "XXH_DISPATCH_AVX2" in (source / "xxh_x86dispatch.c").read_text()
    (source / "check.c").write_text(CHECK)
    (source / "CMakeLists.txt").write_text(CMAKE)
    return source


def test_xxhash_avx2_dispatch_file_builds_and_runs_as_arm64ec(
    dispatch_source: Path, tmp_path: Path, cache_dir: Path, readobj_tool: str
) -> None:
    cmake_build_for("arm64ec", dispatch_source, tmp_path / "b")
    dll = tmp_path / "b" / "xxh.dll"
    exports = run([readobj_tool, "--coff-exports", str(dll)]).stdout
    names = ["hash_avx2", "seeded_avx2", "hash_sse2", "seeded_sse2"]
    assert all(f"Name: {name}" in exports for name in names), exports
    ours = {
        name: call(dll, name, "arm64ec", [DATA, len(INPUT)], INPUT, max_instructions=10**7)[0]
        for name in names
    }
    # The AVX2 and SSE2 variants agree (the same XXH3 hashes, on 256 and 128 bits).
    assert ours["hash_avx2"] == ours["hash_sse2"] and ours["seeded_avx2"] == ours["seeded_sse2"]
    assert ours["hash_avx2"] != ours["seeded_avx2"]
    if CLANG.is_file() and "avx2" in cpu_flags():
        assert ours == native_hashes(dispatch_source, tmp_path, names)


def native_hashes(source: Path, folder: Path, names: list[str]) -> dict[str, int]:
    """The functions of check.c built for this x86_64 machine with clang's own headers
    (the AVX2 ones on the real instructions), run on INPUT."""
    library = folder / "check.so"
    run([str(CLANG), "-shared", "-fPIC", "-O2", "-w", str(source / "check.c"), "-o", str(library)])
    out = {}
    for name in names:
        function = getattr(ctypes.CDLL(str(library)), name)
        function.restype = ctypes.c_uint64
        function.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
        out[name] = int(function(INPUT, len(INPUT)))
    return out
