"""softintrin's CPU queries for Arm64EC code: <cpuid.h>, <intrin.h>'s __cpuid,
__cpuidex and _xgetbv (src/ec_buildext/toolchains/softintrin/__ec_cpuid.h).

The CPU they describe is written out here a second time, from Intel's description of
cpuid (Software Developer's Manual, vol. 2A: leaves 0, 1, 2, 7, 0x80000000-0x80000004):
exactly SSE to SSE4.2 and POPCNT (the x86-64-v2 level), no AVX, no OSXSAVE.

* The answers: a C file asks every way a project can (GCC's macros and functions, MSVC's
  functions, _xgetbv) for leaves reported, unreported and out of range; it is built as
  an Arm64EC DLL and as an Arm64X DLL by the setuptools driver with the real CRT-less
  toolchain (so with softintrin's real include flags, and <windows.h> beside), run in
  unicorn, and the registers compared with the CPU written here.
* Dispatchers: a GCC-style one (``__get_cpuid``, ``bit_*``; no ``__builtin_cpu_supports``)
  and an MSVC-style one (rapidfuzz's way: ``__cpuidex``, OSXSAVE, ``_xgetbv``) choose the
  SSE4.2 path and no AVX, and the SSE4.2 path computes the CRC-32C check value.
* The constants: every ``bit_*`` and ``signature_*`` name the header defines has the
  value that clang's and GCC's own <cpuid.h> give it on this x86_64 machine.
* Compiles: the headers with <windows.h> in either order, as C and C++, warnings as
  errors; crc32c 2.9.post0's Arm64EC build now gets past <cpuid.h> and its SSE4.2 code
  (its _MSC_VER path; it stops at its own uint32_t redefinition).
"""

from __future__ import annotations

import re
import shutil
import struct
from pathlib import Path

import pytest

from ec_buildext.arch import ARM64EC, ARM64X, Arch
from ec_buildext.plan import BuildPlan, choose_compiler
from ec_buildext.setuptools_ext.driver import ExtensionSpec, build_extension, object_path
from ec_buildext.toolchains.diagnose import SOFTINTRIN_DIR, SOFTINTRIN_INTRIN_DIR

from ..support import wine
from ..support.commands import run
from ..support.emulate import DATA, call
from ..support.llvm import find_tool
from ..support.pypi_projects import SETUPTOOLS, build_sdist
from ..support.softintrin import CLANG, cpu_flags, ec_compile, needs_clang

# The CPU, by register: (leaf, subleaf) -> (EAX, EBX, ECX, EDX).
LEAF1_ECX = {"SSE3": 0, "SSSE3": 9, "CMPXCHG16B": 13, "SSE4.1": 19, "SSE4.2": 20, "POPCNT": 23}
LEAF1_EDX = {
    "FPU": 0,
    "TSC": 4,
    "CMPXCHG8B": 8,
    "CMOV": 15,
    "CLFSH": 19,
    "MMX": 23,
    "FXSR": 24,
    "SSE": 25,
    "SSE2": 26,
}
EXT1_ECX = {"LAHF-SAHF": 0}
EXT1_EDX = {"SYSCALL": 11, "NX": 20, "LM": 29}
#: What the CPU must not report (leaf, register, bit): nothing softintrin cannot compile.
ABSENT = {
    "PCLMULQDQ": (1, "ecx", 1),
    "MONITOR": (1, "ecx", 3),
    "FMA": (1, "ecx", 12),
    "MOVBE": (1, "ecx", 22),
    "AES": (1, "ecx", 25),
    "XSAVE": (1, "ecx", 26),
    "OSXSAVE": (1, "ecx", 27),
    "AVX": (1, "ecx", 28),
    "F16C": (1, "ecx", 29),
    "RDRAND": (1, "ecx", 30),
    "BMI1": (7, "ebx", 3),
    "AVX2": (7, "ebx", 5),
    "BMI2": (7, "ebx", 8),
    "AVX512F": (7, "ebx", 16),
    "SHA": (7, "ebx", 29),
    "AVX512VL": (7, "ebx", 31),
    "VAES": (7, "ecx", 9),
    "LZCNT": (0x80000001, "ecx", 5),
}
BRAND = "ec-buildext softintrin x86-64-v2 (Arm64EC)"


def bits(positions: dict[str, int]) -> int:
    return sum(1 << b for b in positions.values())


def words(text: bytes) -> tuple[int, ...]:
    return struct.unpack(f"<{len(text) // 4}I", text)


def expected(leaf: int) -> tuple[int, int, int, int]:
    """(EAX, EBX, ECX, EDX) of the CPU softintrin reports; every subleaf alike."""
    brand = BRAND.encode().ljust(48, b"\0")
    if leaf == 0:
        ebx, edx, ecx = words(b"GenuineIntel")
        return (7, ebx, ecx, edx)
    if leaf == 1:
        # Stepping 5, model 0xA with extended model 1 (0x1A), family 6: Nehalem.
        # EBX: a CLFLUSH line of 8 quadwords.
        return (0x000106A5, 8 << 8, bits(LEAF1_ECX), bits(LEAF1_EDX))
    if leaf == 2:
        return (1, 0, 0, 0)  # one call, no descriptors
    if leaf == 0x80000000:
        return (0x80000004, 0, 0, 0)
    if leaf == 0x80000001:
        return (0, 0, bits(EXT1_ECX), bits(EXT1_EDX))
    if 0x80000002 <= leaf <= 0x80000004:
        at = 16 * (leaf - 0x80000002)
        a, b, c, d = words(brand[at : at + 16])
        return (a, b, c, d)
    return (0, 0, 0, 0)


#: Asked of the CPU: reported leaves, leaves 3-7 and their subleaves (zeros), leaves past
#: the highest basic and extended ones, a hypervisor leaf.
QUERIES = [
    (0, 0),
    (1, 0),
    (1, 5),
    (2, 0),
    (3, 0),
    (4, 0),
    (4, 1),
    (6, 0),
    (7, 0),
    (7, 1),
    (8, 0),
    (0xD, 0),
    (0xD, 1),
    (0x14, 0),
    (0x40000000, 0),
    (0x80000000, 0),
    (0x80000001, 0),
    (0x80000002, 0),
    (0x80000003, 0),
    (0x80000004, 0),
    (0x80000005, 0),
    (0x80000008, 0),
    (0xFFFFFFFF, 0),
]
#: Words per query: __cpuid_count (4); __get_cpuid_count's result and registers (5);
#: __get_cpuid's (5, subleaf 0); MSVC's __cpuidex (4) and __cpuid (4, subleaf 0).
PER_QUERY = 22
UNTOUCHED = 0xDEADBEEF

ANSWERS = r"""
#include <windows.h>
#if defined(_M_ARM64EC)
/* GCC's interface first, then MSVC's <intrin.h>, whose __cpuid replaces the macro. */
#include <cpuid.h>
#include <intrin.h>
#include <immintrin.h>
#include <nmmintrin.h>

static const unsigned int queries[][2] = {QUERY_TABLE};

static void gnu(unsigned int leaf, unsigned int sub, unsigned int *out) {
  __cpuid_count(leaf, sub, out[0], out[1], out[2], out[3]);
  out[5] = out[6] = out[7] = out[8] = 0xDEADBEEFu;
  out[4] = (unsigned int)__get_cpuid_count(leaf, sub, &out[5], &out[6], &out[7], &out[8]);
  out[10] = out[11] = out[12] = out[13] = 0xDEADBEEFu;
  out[9] = (unsigned int)__get_cpuid(leaf, &out[10], &out[11], &out[12], &out[13]);
}

__declspec(dllexport) unsigned int answers(unsigned int *out) {
  unsigned int n = sizeof queries / sizeof queries[0], i, sig = 0;
  for (i = 0; i < n; i++, out += 22) {
    gnu(queries[i][0], queries[i][1], out);
    __cpuidex((int *)&out[14], (int)queries[i][0], (int)queries[i][1]);
    __cpuid((int *)&out[18], (int)queries[i][0]);
  }
  /* Then 7 words: the highest leaves with their EBX, and XCR0's two halves, XCR1. */
  out[0] = __get_cpuid_max(0, &sig);
  out[1] = sig;
  out[2] = __get_cpuid_max(0x80000001u, &sig);
  out[3] = sig;
  out[4] = (unsigned int)_xgetbv(_XCR_XFEATURE_ENABLED_MASK);
  out[5] = (unsigned int)(_xgetbv(0) >> 32);
  out[6] = (unsigned int)_xgetbv(1);
  return n;
}

/* A dispatcher written for GCC or clang on x64: AVX2 (if the OS saves its state), else
 * SSE4.2, else SSE2, else portable. */
static int gnu_path(void) {
  unsigned int a, b, c, d, max = __get_cpuid_max(0, 0);
  if (max < 1 || !__get_cpuid(1, &a, &b, &c, &d)) return 0;
  if (max >= 7 && (c & bit_OSXSAVE) && (c & bit_AVX) && (_xgetbv(0) & 6) == 6) {
    unsigned int a7, b7, c7, d7;
    __cpuid_count(7, 0, a7, b7, c7, d7);
    if (b7 & bit_AVX2) return 3;
  }
  if (c & bit_SSE4_2) return 2;
  return (d & bit_SSE2) ? 1 : 0;
}

/* MSVC's way, as rapidfuzz detects: feature bits 1 SSE2, 2 SSE3, 4 SSSE3, 8 SSE4.1,
 * 16 SSE4.2, 32 AVX, 64 AVX2 (the AVX ones only if XCR0 has the AVX state). */
__declspec(dllexport) int msvc_features(void) {
  int r[4], found = 0, max, avx_os = 0;
  __cpuid(r, 0);
  max = r[0];
  if (max < 1) return -1;
  __cpuidex(r, 1, 0);
  if (r[3] & (1 << 26)) found |= 1;
  if (r[2] & (1 << 0)) found |= 2;
  if (r[2] & (1 << 9)) found |= 4;
  if (r[2] & (1 << 19)) found |= 8;
  if (r[2] & (1 << 20)) found |= 16;
  if ((r[2] & (1 << 27)) && (r[2] & (1 << 28))) avx_os = (_xgetbv(0) & 6) == 6;
  if (avx_os) {
    found |= 32;
    if (max >= 7) {
      __cpuidex(r, 7, 0);
      if (r[1] & (1 << 5)) found |= 64;
    }
  }
  return found;
}

static unsigned int crc_sse42(unsigned int crc, const unsigned char *p, unsigned int n) {
  while (n--) crc = _mm_crc32_u8(crc, *p++);
  return crc;
}
#else /* the native view of an Arm64X DLL: no x86 CPU to ask */
__declspec(dllexport) unsigned int answers(unsigned int *out) { return out[0] = 0; }
__declspec(dllexport) int msvc_features(void) { return -1; }
#endif

static unsigned int crc_portable(unsigned int crc, const unsigned char *p, unsigned int n) {
  while (n--) {
    int k;
    crc ^= *p++;
    for (k = 0; k < 8; k++) crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
  }
  return crc;
}

/* CRC-32C of p[0..n) by the path the dispatcher chose, which goes to *path. */
__declspec(dllexport) unsigned int crc32c(const unsigned char *p, unsigned int n, int *path) {
#if defined(_M_ARM64EC)
  *path = gnu_path();
  if (*path == 2) return ~crc_sse42(~0u, p, n);
#else
  *path = -1;
#endif
  return ~crc_portable(~0u, p, n);
}
"""


def answers_source(folder: Path) -> Path:
    table = ", ".join(f"{{{leaf:#x}u, {sub}u}}" for leaf, sub in QUERIES)
    path = folder / "answers.c"
    path.write_text(
        ANSWERS.replace("QUERY_TABLE", table).replace("out += 22", f"out += {PER_QUERY}")
    )
    return path


def build_dll(arch: Arch, source: Path, folder: Path, exports: tuple[str, ...]) -> Path:
    """``source`` as a DLL of ``arch``, built by the setuptools driver with the CRT-less
    toolchain (ziglang's LLVM): softintrin's include flags as every build has them."""
    plan = BuildPlan(arch=arch, compiler=choose_compiler(arch, llvm_root="ziglang"), wheel_tag="")
    spec = ExtensionSpec(
        name=source.stem,
        sources=(source,),
        output=folder / f"{source.stem}.dll",
        temp_dir=folder / "build",
        export_symbols=exports,
    )
    build_extension(plan, spec, log=lambda line: None)
    # No helper, no import for the CPU queries: the objects reference only the runtime's
    # Arm64EC support (and the EC weak aliases of what they define: the exports, and
    # windows.h's __forceinline functions, COMDAT definitions as MSVC's C makes them).
    nm = find_tool("llvm-nm")
    for view in arch.views:
        obj = str(object_path(spec, view, source))
        lines = run([nm, "-u", obj]).stdout.splitlines()
        defined = run([nm, "--defined-only", "--format=just-symbols", obj]).stdout.split()
        aliases = {name[1:] for name in defined if name.startswith("#")}
        undefined = {line.split()[-1] for line in lines if line.strip()} - set(exports) - aliases
        assert undefined <= {
            "#__chkstk_arm64ec",
            "__os_arm64x_dispatch_call_no_redirect",
            "__os_arm64x_dispatch_ret",
            "__os_arm64x_check_icall",
            "__icall_helper_arm64ec",
        }, (view.name, undefined)
    return spec.output


@pytest.fixture
def runtime_cache(monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = wine.tests_cache() / "runtime-cache"
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("EC_BUILDEXT_CACHE_DIR", str(folder))
    return folder


def register(regs: tuple[int, int, int, int], name: str) -> int:
    return regs[("eax", "ebx", "ecx", "edx").index(name)]


def test_the_cpu_is_x86_64_v2_without_avx() -> None:
    # The model above, read as code reads it (independent of the header's own numbers).
    ebx, ecx, edx = expected(0)[1], expected(0)[2], expected(0)[3]
    assert struct.pack("<3I", ebx, edx, ecx) == b"GenuineIntel"
    eax = expected(1)[0]
    family, model = (eax >> 8) & 0xF, ((eax >> 12) & 0xF0) | ((eax >> 4) & 0xF)
    assert (family, model, eax & 0xF) == (6, 0x1A, 5)
    brand = b"".join(
        struct.pack("<4I", *expected(leaf)) for leaf in (0x80000002, 0x80000003, 0x80000004)
    )
    assert brand.rstrip(b"\0").decode() == BRAND and len(brand) == 48
    # x86-64-v2: CMPXCHG16B, LAHF-SAHF, POPCNT, SSE3, SSE4.1, SSE4.2, SSSE3.
    v2 = [(1, "ecx", b) for b in (13, 23, 0, 19, 20, 9)] + [(0x80000001, "ecx", 0)]
    assert all(register(expected(leaf), reg) >> b & 1 for leaf, reg, b in v2)
    for name, (leaf, reg, b) in ABSENT.items():
        assert not register(expected(leaf), reg) >> b & 1, name
    assert expected(7) == (0, 0, 0, 0)


@pytest.mark.slow
@pytest.mark.parametrize("arch", [ARM64EC, ARM64X], ids=lambda a: a.name)
def test_reported_leaves_in_emulated_arm64ec_code(
    arch: Arch, tmp_path: Path, runtime_cache: Path
) -> None:
    dll = build_dll(
        arch, answers_source(tmp_path), tmp_path, ("answers", "msvc_features", "crc32c")
    )
    size = PER_QUERY * len(QUERIES)
    count, page = call(dll, "answers", "arm64ec", [DATA], bytes(4 * (size + 7)))
    assert count == len(QUERIES)
    out = words(page)
    # The highest basic leaf and "Genu", the highest extended leaf and its EBX (0);
    # XCR0 = 3 (x87 and SSE state, no AVX state), XCR1 = 0.
    assert out[size:] == (7, words(b"Genu")[0], 0x80000004, 0, 3, 0, 0)
    wrong = []
    for i, (leaf, sub) in enumerate(QUERIES):
        got = out[PER_QUERY * i : PER_QUERY * (i + 1)]
        regs = expected(leaf)
        in_range = leaf <= 7 or 0x80000000 <= leaf <= 0x80000004
        kept = regs if in_range else (UNTOUCHED,) * 4
        want = (*regs, int(in_range), *kept, int(in_range), *kept, *regs, *regs)
        if tuple(got) != want:
            wrong.append(
                f"leaf {leaf:#x}/{sub}: {[hex(w) for w in got]} != {[hex(w) for w in want]}"
            )
    assert wrong == [], "\n".join(wrong)
    # Both dispatchers choose SSE4.2 (never AVX): rapidfuzz's way finds SSE2 to SSE4.2.
    features, _ = call(dll, "msvc_features", "arm64ec", [])
    assert features == 1 | 2 | 4 | 8 | 16
    data = b"123456789".ljust(64, b"\0") + bytes(4)
    crc, page = call(dll, "crc32c", "arm64ec", [DATA, 9, DATA + 64], data)
    assert (crc, struct.unpack("<i", page[64:68])[0]) == (0xE3069283, 2)
    if arch is ARM64X:  # the native view has no x86 CPU and takes the portable path
        crc, page = call(dll, "crc32c", "arm64", [DATA, 9, DATA + 64], data)
        assert (crc, struct.unpack("<i", page[64:68])[0]) == (0xE3069283, -1)


#: Where clang's and GCC's <cpuid.h> differ, the value the manual gives: PKU is bit 3 of
#: leaf 7's ECX (GCC's value; clang 22 has bit 2).
DISAGREE = {"bit_PKU": 1 << 3}
DEFINED = re.compile(r"^#define ((?:bit|signature)_\w+) ", re.M)


def reference_values(
    compiler: list[str], names: list[str], tmp_path: Path, tag: str
) -> dict[str, int]:
    """{name: value} for the names this compiler's <cpuid.h> defines, compiled and run
    on this machine."""
    lines = [f'#ifdef {n}\n  printf("{n} %lu\\n", (unsigned long)({n}));\n#endif' for n in names]
    source = tmp_path / f"{tag}.c"
    source.write_text("#include <stdio.h>\n#include <cpuid.h>\nint main(void) {\n")
    with source.open("a") as f:
        f.write("\n".join(lines) + "\n  return 0;\n}\n")
    exe = tmp_path / tag
    run([*compiler, str(source), "-o", str(exe)])
    return {k: int(v) for k, v in (line.split() for line in run([str(exe)]).stdout.splitlines())}


@pytest.mark.skipif(
    not CLANG.is_file() or "sse2" not in cpu_flags(),
    reason="needs Debian's clang-22 on an x86_64 machine (its <cpuid.h> is the reference)",
)
def test_constants_are_gccs_and_clangs(tmp_path: Path) -> None:
    names = DEFINED.findall((SOFTINTRIN_DIR / "cpuid.h").read_text())
    assert len(names) > 150
    ours = reference_values([str(CLANG), "-I", str(SOFTINTRIN_DIR)], names, tmp_path, "ours")
    assert sorted(ours) == sorted(names)
    references = [reference_values([str(CLANG)], names, tmp_path, "clang")]
    gcc = shutil.which("gcc")
    if gcc:
        references.append(reference_values([gcc], names, tmp_path, "gcc"))
    for name, value in ours.items():
        known = [r[name] for r in references if name in r]
        assert known, f"{name}: neither clang's nor GCC's <cpuid.h> defines it"
        if len(set(known)) > 1:  # where clang's and GCC's differ: the manual's
            assert (name, value) in DISAGREE.items(), f"{name}: the references {known}"
        else:
            assert known[0] == value, f"{name}: {value:#x}, the references {known}"


@needs_clang
@pytest.mark.parametrize(
    "includes",
    [
        ["windows.h", "intrin.h", "cpuid.h"],
        ["cpuid.h", "windows.h", "intrin.h"],
        ["intrin.h", "immintrin.h", "cpuid.h", "windows.h"],
    ],
    ids=["windows-intrin-cpuid", "cpuid-windows-intrin", "intrin-immintrin-cpuid-windows"],
)
@pytest.mark.parametrize("language", ["-xc -std=c99", "-xc -std=c23", "-xc++ -std=c++11"])
def test_headers_compile_together(includes: list[str], language: str, tmp_path: Path) -> None:
    # As x64 code built with mingw-w64 has them: after <intrin.h>, __cpuid is MSVC's
    # function (its x86 intrinsics too), and <cpuid.h>'s functions stay.
    source = tmp_path / "user.c"
    head = "".join(f"#include <{name}>\n" for name in includes)
    source.write_text(
        head
        + """
int probe(int *info);
int probe(int *info) {
  unsigned int a, b, c, d;
  int ok = __get_cpuid(1, &a, &b, &c, &d) + (int)__get_cpuid_max(0x80000000u, 0);
  __cpuid(info, 0);
  __cpuidex(info, 7, 0);
  __cpuid_count(7, 0, a, b, c, d);
  return ok + (int)_xgetbv(0) + (int)(c & bit_SSE4_2) + _mm_popcnt_u32(a);
}
"""
    )
    proc = ec_compile(
        source, "-I", str(SOFTINTRIN_INTRIN_DIR), *language.split(), "-Wall", "-Wextra", "-Werror"
    )
    assert proc.returncode == 0, proc.stderr


@needs_clang
def test_gcc_macros_without_intrin_h(tmp_path: Path) -> None:
    # <cpuid.h> alone keeps GCC's five-argument __cpuid macro.
    source = tmp_path / "gnu.c"
    source.write_text(
        "#include <cpuid.h>\n"
        "unsigned int f(void);\n"
        "unsigned int f(void) { unsigned int a, b, c, d; __cpuid(1, a, b, c, d);"
        " return a + b + c + d; }\n"
    )
    proc = ec_compile(source, "-I", str(SOFTINTRIN_INTRIN_DIR), "-Wall", "-Wextra", "-Werror")
    assert proc.returncode == 0, proc.stderr


@pytest.mark.slow
def test_crc32c_gets_past_cpuid_h(tmp_path: Path, py313: Path) -> None:
    """crc32c 2.9.post0 (docs/real-projects.md), unchanged but for [build-system]: its
    probe (checksse42.c: MSVC's __cpuid, the _MSC_VER path Arm64EC takes) and its SSE4.2
    code (crc32c_adler.c: GCC's x86 builtins mapped to _mm_crc32_u* under _MSC_VER)
    give no error for Arm64EC; the build stops in _crc32c.c, where crc32c's MSVC path
    redefines uint32_t after Python.h (a redefinition MSVC accepts and clang does not)."""
    proc = build_sdist(py313, "crc32c", "2.9.post0", SETUPTOOLS, "arm64ec", tmp_path)
    assert proc.returncode != 0
    lines = [line.strip() for line in proc.stderr.splitlines()]
    failed = lines.index("error: compiling src/crc32c/ext/_crc32c.c (arm64ec) failed:")
    errors = [line for line in lines[failed:] if ": error: " in line]
    assert errors == [
        "src/crc32c/ext/common.h(77,26): error: typedef redefinition with different types "
        "('unsigned long' vs 'unsigned int')"
    ]
    # No other file failed: the probe and the SSE4.2 code compiled if they ran (a failed
    # compile stops the ones beside it, so whether they ran depends on the order the
    # sources' glob gave and on timing: not asserted).
    assert not [line for line in lines if ": error: " in line and "common.h" not in line]
