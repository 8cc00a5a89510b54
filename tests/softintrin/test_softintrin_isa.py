"""softintrin beyond SSE4.2: AES-NI, PCLMULQDQ, SHA and AVX-512, which Arm64EC code only
needs to compile (cpuid reports none of them: test_softintrin_cpuid.py), but correctly.

* Against the real instructions: a battery per instruction set
  (tests/support/softintrin_isa_battery.py) built for this x86_64 machine with clang's
  own headers and with softintrin's, every result compared bit for bit; a set whose CPU
  flag this machine lacks is skipped, naming the flag.
* Known answers: FIPS-197's AES-128 example and FIPS 180's SHA-1 and SHA-256 of "abc",
  computed with the intrinsics as SHA-NI and AES-NI code does.
* Every name clang's headers give these sets is declared for Arm64EC: defined, or (for
  what is not emulated) unavailable with a message naming the instruction set.
"""

from __future__ import annotations

import ctypes
import os
import random
import re
import tarfile
from pathlib import Path

import pytest

from ec_buildext.arch import ARM64EC
from ec_buildext.plan import BuildPlan, choose_compiler
from ec_buildext.setuptools_ext.driver import ExtensionSpec, build_extension

from ..support import emulate, pypi_projects, wine
from ..support import softintrin_avx512_sites as avx512
from ..support import softintrin_isa_battery as battery
from ..support.commands import run
from ..support.pe import assert_arm64ec_dll
from ..support.small_dll import small_dll
from ..support.softintrin import CLANG, cpu_flags, ec_compile, needs_clang

SEED = int(os.environ.get("EC_BUILDEXT_TEST_SEED", "20260301"))
RANDOM_RECORDS = 64
GROUPS = battery.CRYPTO_GROUPS + avx512.groups()


@needs_clang
def test_battery_calls_every_emulated_intrinsic() -> None:
    code = " ".join(s.code for g in GROUPS for s in battery.sites(g))
    names = battery.emulated_names()
    # AVX-512: every function has its site by construction; the macros are listed.
    macros = re.findall(
        r"^#define (_mm512_\w+)\(", (battery.SOFTINTRIN / "__ec_avx512.h").read_text(), re.M
    )
    assert {n for n in [*names, *macros] if f"{n}(" not in code} == set()
    assert len(names) >= 14 and len(macros) >= 16
    assert sum(len(battery.sites(g)) for g in GROUPS) > 2000


@pytest.fixture(scope="module")
def inputs() -> bytes:
    print(f"softintrin ISA battery: random records from seed {SEED} (EC_BUILDEXT_TEST_SEED)")
    return battery.records(SEED, RANDOM_RECORDS)


def build_native(groups: list[battery.Group], folder: Path, name: str, *flags: str) -> Path:
    source = folder / f"{name}.c"
    source.write_text(battery.source(groups))
    library = folder / f"{name}.so"
    run([str(CLANG), "-shared", "-fPIC", "-w", *flags, str(source), "-o", str(library)])
    return library


def run_group(library: Path, group: battery.Group, data: bytes) -> bytes:
    count = len(data) // battery.RECORD
    out = ctypes.create_string_buffer(len(battery.sites(group)) * count * battery.SLOT)
    getattr(ctypes.CDLL(str(library)), f"battery_{group.name}")(data, out, count)
    return out.raw


@pytest.fixture(scope="module")
def real_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every group with clang's own headers: the CPU's instructions."""
    folder = tmp_path_factory.mktemp("isa")
    return build_native(GROUPS, folder, "real", "-O2")


@pytest.fixture(scope="module", params=["-O2", "-O0"])
def our_library(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("isa")
    flags = [request.param, "-I", str(battery.SOFTINTRIN)]
    return build_native(GROUPS, folder, "ours", *flags)


@pytest.mark.slow
@pytest.mark.skipif(not CLANG.is_file(), reason="needs Debian's clang-22")
@pytest.mark.parametrize("group", GROUPS, ids=lambda g: g.name)
def test_same_results_as_the_cpu(
    group: battery.Group, inputs: bytes, real_library: Path, our_library: Path
) -> None:
    missing = sorted(group.cpu_flags - cpu_flags())
    if missing:
        pytest.skip(f"this CPU lacks {', '.join(missing)} (/proc/cpuinfo): no reference")
    ours = run_group(our_library, group, inputs)
    assert any(ours), "the battery wrote nothing"
    count = len(inputs) // battery.RECORD
    wrong = battery.mismatches(group, run_group(real_library, group, inputs), ours, inputs, count)
    assert wrong == [], f"seed {SEED}:\n" + "\n".join(wrong)


KNOWN_ANSWERS = r"""
#include <immintrin.h>
#include <string.h>

#define EXPAND(prev, rcon) expand(prev, _mm_aeskeygenassist_si128(prev, rcon))
static __m128i expand(__m128i key, __m128i assist) {
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  return _mm_xor_si128(key, _mm_shuffle_epi32(assist, 0xff));
}
/* AES-128 of one block, and back: out = encrypted, out + 16 = decrypted again. */
void aes128(const unsigned char *key, const unsigned char *in, unsigned char *out) {
  __m128i k[11];
  k[0] = _mm_loadu_si128((const __m128i *)key);
  k[1] = EXPAND(k[0], 0x01); k[2] = EXPAND(k[1], 0x02); k[3] = EXPAND(k[2], 0x04);
  k[4] = EXPAND(k[3], 0x08); k[5] = EXPAND(k[4], 0x10); k[6] = EXPAND(k[5], 0x20);
  k[7] = EXPAND(k[6], 0x40); k[8] = EXPAND(k[7], 0x80); k[9] = EXPAND(k[8], 0x1b);
  k[10] = EXPAND(k[9], 0x36);
  __m128i s = _mm_xor_si128(_mm_loadu_si128((const __m128i *)in), k[0]);
  for (int i = 1; i < 10; i++) s = _mm_aesenc_si128(s, k[i]);
  s = _mm_aesenclast_si128(s, k[10]);
  _mm_storeu_si128((__m128i *)out, s);
  s = _mm_xor_si128(s, k[10]);
  for (int i = 9; i > 0; i--) s = _mm_aesdec_si128(s, _mm_aesimc_si128(k[i]));
  _mm_storeu_si128((__m128i *)(out + 16), _mm_aesdeclast_si128(s, k[0]));
}

static unsigned int be32(const unsigned char *p) {
  return (unsigned int)p[0] << 24 | (unsigned int)p[1] << 16 | (unsigned int)p[2] << 8 | p[3];
}
/* The message words of one 64-byte block, four a vector: W4i..W4i+3 in dwords 0..3
 * (SHA-256's order) or 3..0 (SHA-1's). */
static void words(const unsigned char *block, __m128i *m, int sha1) {
  for (int i = 0; i < 4; i++) {
    const unsigned char *p = block + 16 * i;
    m[i] = sha1 ? _mm_set_epi32(be32(p), be32(p + 4), be32(p + 8), be32(p + 12))
                : _mm_set_epi32(be32(p + 12), be32(p + 8), be32(p + 4), be32(p));
  }
}
/* SHA-256 of one padded block: the eight state words, A first. */
void sha256_block(const unsigned char *block, unsigned int *state) {
  static const unsigned int K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
  __m128i m[16];
  words(block, m, 0);
  for (int i = 4; i < 16; i++) {
    __m128i t = _mm_add_epi32(_mm_sha256msg1_epu32(m[i - 4], m[i - 3]),
                              _mm_alignr_epi8(m[i - 1], m[i - 2], 4));
    m[i] = _mm_sha256msg2_epu32(t, m[i - 1]);
  }
  __m128i abef = _mm_set_epi32(0x6a09e667, 0xbb67ae85, 0x510e527f, 0x9b05688c);
  __m128i cdgh = _mm_set_epi32(0x3c6ef372, 0xa54ff53a, 0x1f83d9ab, 0x5be0cd19);
  __m128i abef0 = abef, cdgh0 = cdgh;
  for (int i = 0; i < 16; i++) {
    __m128i wk = _mm_add_epi32(m[i], _mm_loadu_si128((const __m128i *)(K + 4 * i)));
    cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
    abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0e));
  }
  unsigned int x[4], y[4];
  _mm_storeu_si128((__m128i *)x, _mm_add_epi32(abef, abef0));
  _mm_storeu_si128((__m128i *)y, _mm_add_epi32(cdgh, cdgh0));
  unsigned int out[8] = {x[3], x[2], y[3], y[2], x[1], x[0], y[1], y[0]};
  memcpy(state, out, sizeof out);
}
/* SHA-1 of one padded block: the five state words, A first. */
void sha1_block(const unsigned char *block, unsigned int *state) {
  __m128i m[20];
  words(block, m, 1);
  for (int i = 4; i < 20; i++)
    m[i] = _mm_sha1msg2_epu32(
        _mm_xor_si128(_mm_sha1msg1_epu32(m[i - 4], m[i - 3]), m[i - 2]), m[i - 1]);
  __m128i abcd = _mm_set_epi32(0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476);
  __m128i e0 = _mm_set_epi32(0xc3d2e1f0, 0, 0, 0), abcd0 = abcd, prev = abcd;
  for (int i = 0; i < 20; i++) {
    __m128i e = i == 0 ? _mm_add_epi32(e0, m[0]) : _mm_sha1nexte_epu32(prev, m[i]);
    prev = abcd;
    switch (i / 5) {
      case 0: abcd = _mm_sha1rnds4_epu32(abcd, e, 0); break;
      case 1: abcd = _mm_sha1rnds4_epu32(abcd, e, 1); break;
      case 2: abcd = _mm_sha1rnds4_epu32(abcd, e, 2); break;
      default: abcd = _mm_sha1rnds4_epu32(abcd, e, 3); break;
    }
  }
  unsigned int x[4], e[4];
  _mm_storeu_si128((__m128i *)x, _mm_add_epi32(abcd, abcd0));
  _mm_storeu_si128((__m128i *)e, _mm_sha1nexte_epu32(prev, e0));
  unsigned int out[5] = {x[3], x[2], x[1], x[0], e[3]};
  memcpy(state, out, sizeof out);
}
"""


def padded(message: bytes) -> bytes:
    """One SHA block: the message, 0x80, zeros, the bit length (big-endian)."""
    assert len(message) < 56
    return message + b"\x80" + bytes(55 - len(message)) + (8 * len(message)).to_bytes(8, "big")


@pytest.fixture(scope="module")
def known_answers(tmp_path_factory: pytest.TempPathFactory) -> ctypes.CDLL:
    """The known-answer functions built with softintrin's headers for this machine."""
    folder = tmp_path_factory.mktemp("kat")
    source = folder / "kat.c"
    source.write_text(
        "#include <stddef.h>\nvoid *_aligned_malloc(size_t, size_t);\n"
        "void _aligned_free(void *);\n" + KNOWN_ANSWERS
    )
    library = folder / "kat.so"
    flags = ["-shared", "-fPIC", "-O1", "-I", str(battery.SOFTINTRIN)]
    run([str(CLANG), *flags, str(source), "-o", str(library)])
    return ctypes.CDLL(str(library))


@needs_clang
def test_aes128_fips197_example(known_answers: ctypes.CDLL) -> None:
    # FIPS-197 appendix C.1.
    key = bytes(range(16))
    plain = bytes.fromhex("00112233445566778899aabbccddeeff")
    out = ctypes.create_string_buffer(32)
    known_answers.aes128(key, plain, out)
    assert out.raw[:16].hex() == "69c4e0d86a7b0430d8cdb78070b4c55a"
    assert out.raw[16:] == plain


@needs_clang
@pytest.mark.parametrize(
    ("function", "words", "digest"),
    [
        ("sha256_block", 8, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("sha1_block", 5, "a9993e364706816aba3e25717850c26c9cd0d89d"),
    ],
)
def test_sha_of_abc_fips180(
    known_answers: ctypes.CDLL, function: str, words: int, digest: str
) -> None:
    state = (ctypes.c_uint32 * words)()
    getattr(known_answers, function)(padded(b"abc"), state)
    assert b"".join(w.to_bytes(4, "big") for w in state).hex() == digest


CRYPTO_HEADERS = ["__wmmintrin_aes.h", "__wmmintrin_pclmul.h", "shaintrin.h"]


@needs_clang
@pytest.mark.skipif(not avx512.CLANG_HEADERS.is_dir(), reason="needs clang-22's own headers")
def test_every_aes_pclmul_sha_name_is_defined_for_arm64ec(tmp_path: Path) -> None:
    names = sorted(set().union(*(avx512.clang_names(h) for h in CRYPTO_HEADERS)))
    assert len(names) == 14, names
    source = tmp_path / "names.c"
    # A macro is defined; a function is declared and usable (not unavailable).
    uses = "".join(f"#ifndef {n}\nvoid *use_{n} = (void *)&{n};\n#endif\n" for n in names)
    source.write_text(f"#include <immintrin.h>\n{uses}")
    proc = ec_compile(source, "-Werror")
    assert proc.returncode == 0, proc.stderr


AVX512_HEADERS = sorted(p.name for p in avx512.CLANG_HEADERS.glob("avx512*intrin.h"))
UNAVAILABLE = battery.SOFTINTRIN / "__ec_avx512_unavailable.h"


@needs_clang
@pytest.mark.skipif(not avx512.CLANG_HEADERS.is_dir(), reason="needs clang-22's own headers")
def test_every_avx512_name_is_defined_or_unavailable() -> None:
    # Defined: the functions (families expanded) and macros of __ec_avx512.h; the rest:
    # declared unavailable, once, in __ec_avx512_unavailable.h.
    clang = set().union(
        *(avx512.clang_names(h) for h in [*AVX512_HEADERS, "vaesintrin.h", "vpclmulqdqintrin.h"])
    )
    text = (battery.SOFTINTRIN / "__ec_avx512.h").read_text()
    defined = {name for _, name, _ in avx512.prototypes()}
    defined |= set(re.findall(r"^#define (_mm512_\w+)\(", text, re.M))
    assert defined - clang == set(), "softintrin defines names clang's headers do not have"
    assert clang - defined - unavailable_names() == set()
    assert defined & unavailable_names() == set()
    assert len(defined) > 850


def unavailable_names() -> set[str]:
    return set(re.findall(r"\b__ECSI512_[A-Z0-9_]+\((_\w+)\)", UNAVAILABLE.read_text()))


XXH3_AVX512 = """
#include <immintrin.h>
/* xxhash's XXH3 AVX-512 accumulate and scramble steps (the intrinsics it calls). */
void accumulate(void *acc, const void *input, const void *secret) {
  __m512i *const xacc = (__m512i *)acc;
  __m512i const data_vec = _mm512_loadu_si512(input);
  __m512i const key_vec = _mm512_loadu_si512(secret);
  __m512i const data_key = _mm512_xor_si512(data_vec, key_vec);
  __m512i const data_key_lo = _mm512_srli_epi64(data_key, 32);
  __m512i const product = _mm512_mul_epu32(data_key, data_key_lo);
  __m512i const data_swap = _mm512_shuffle_epi32(data_vec, (_MM_PERM_ENUM)_MM_SHUFFLE(1, 0, 3, 2));
  __m512i const sum = _mm512_add_epi64(*xacc, data_swap);
  *xacc = _mm512_add_epi64(product, sum);
}
void scramble(void *acc, const void *secret) {
  __m512i *const xacc = (__m512i *)acc;
  const __m512i prime32 = _mm512_set1_epi32((int)0x9E3779B1U);
  __m512i const key_vec = _mm512_loadu_si512(secret);
  __m512i const acc_vec = *xacc;
  __m512i const shifted = _mm512_srli_epi64(acc_vec, 47);
  __m512i const data_key = _mm512_ternarylogic_epi32(key_vec, acc_vec, shifted, 0x96);
  __m512i const data_key_hi = _mm512_srli_epi64(data_key, 32);
  __m512i const prod_lo = _mm512_mul_epu32(data_key, prime32);
  __m512i const prod_hi = _mm512_mul_epu32(data_key_hi, prime32);
  *xacc = _mm512_add_epi64(prod_lo, _mm512_slli_epi64(prod_hi, 32));
}
void init(void *acc, const void *secret) {
  __m512i const seed_pos = _mm512_set1_epi64(7);
  __m512i const seed = _mm512_mask_sub_epi64(seed_pos, 0xAA, _mm512_setzero_si512(), seed_pos);
  _mm512_storeu_si512(acc, _mm512_add_epi64(_mm512_load_si512(secret), seed));
}
/* simdjson's icelake kernel: classify, compress the selected bytes, store them. */
unsigned long long icelake(const char *in, char *out) {
  const __m512i bytes = _mm512_loadu_si512(in);
  const __m512i lut = _mm512_set_epi8(
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      1, 2, 0, 0, 0, 0);
  __mmask64 ws = _mm512_test_epi8_mask(_mm512_shuffle_epi8(lut, bytes), _mm512_set1_epi8(1));
  __mmask64 hi = _mm512_movepi8_mask(bytes) | _mm512_cmpgt_epi8_mask(bytes, _mm512_set1_epi8(90));
  _mm512_mask_compressstoreu_epi8(out, ~ws, bytes);
  __m512i packed = _mm512_maskz_compress_epi8(~hi, _mm512_maskz_abs_epi8(ws, bytes));
  __m128i first = _mm512_extracti32x4_epi32(_mm512_alignr_epi8(packed, bytes, 1), 1);
  __m512i wide = _mm512_cvtepu8_epi32(first);
  __m512i idx = _mm512_set_epi64(0, 8, 1, 9, 2, 10, 3, 11);
  __m512i both = _mm512_permutex2var_epi64(wide, idx, packed);
  return ws ^ (unsigned long long)_mm_cvtsi128_si64(_mm512_castsi512_si128(both));
}
/* pybase64's AVX-512 (VBMI) encoder's reshuffle. */
__m512i reshuffle(const void *s) {
  const __m512i shuffle = _mm512_setr_epi32(0x01020001, 0x04050304, 0x07080607, 0x0a0b090a,
      0x0d0e0c0d, 0x10110f10, 0x13141213, 0x16171516, 0x191a1819, 0x1c1d1b1c, 0x1f201e1f,
      0x22232122, 0x25262425, 0x28292728, 0x2b2c2a2b, 0x2e2f2d2e);
  __m512i v = _mm512_permutexvar_epi8(shuffle, _mm512_loadu_si512(s));
  return _mm512_permutexvar_epi8(v, _mm512_multishift_epi64_epi8(
      _mm512_set1_epi64(0x3036242a1016040aLL), v));
}
"""


@needs_clang
@pytest.mark.parametrize("language", ["-xc", "-xc++"])
def test_dispatch_code_compiles_for_arm64ec(language: str, tmp_path: Path) -> None:
    source = tmp_path / "avx512.c"
    source.write_text(XXH3_AVX512)
    proc = ec_compile(source, language, "-O2", "-Wall", "-Wextra", "-Werror")
    assert proc.returncode == 0, proc.stderr


@needs_clang
@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            "_mm512_dpbusd_epi32(z, z, z)",
            "'_mm512_dpbusd_epi32' is unavailable: ec-buildext: AVX-512VNNI intrinsics",
        ),
        (
            "_mm512_aesenc_epi128(z, z)",
            "'_mm512_aesenc_epi128' is unavailable: ec-buildext: VAES intrinsics",
        ),
        (
            "_mm512_castsi128_si512(_mm_mask_add_epi32(x, 3, x, x))",
            "'_mm_mask_add_epi32' is unavailable: ec-buildext: AVX-512VL intrinsics",
        ),
        (
            "_mm512_shldi_epi64(z, z, 3)",
            "'_mm512_shldi_epi64' is unavailable: ec-buildext: AVX-512VBMI2 intrinsics",
        ),
    ],
)
def test_what_is_not_emulated_stops_at_its_use(call: str, message: str, tmp_path: Path) -> None:
    source = tmp_path / "user.c"
    source.write_text(
        f"#include <immintrin.h>\n__m512i f(__m512i z, __m128i x) {{ (void)x; return {call}; }}\n"
    )
    proc = ec_compile(source)
    assert proc.returncode != 0
    assert f"{source}:" in proc.stderr and message in proc.stderr, proc.stderr
    assert "test _M_ARM64EC first and use the SSE2 or portable path there" in proc.stderr


XXHASH = pypi_projects.Project("xxhash", "4.1.0", ("xxhash._xxhash",))
#: xxh_x86dispatch.c's AVX-512 variant, alone (its AVX2 half needs the AVX emulation):
#: the same xxhash.h functions under XXH_DISPATCH_AVX512, beside the scalar ones.
XXH3_VARIANTS = """
#define XXH_INLINE_ALL
#define XXH_X86DISPATCH
#define XXH_DISPATCH_AVX512 1
#include <immintrin.h>
#include "xxhash.h"
typedef unsigned long long u64;
__declspec(dllexport) u64 xxh3_avx512(const void *p, size_t n, u64 seed) {
  return XXH3_hashLong_64b_withSeed_internal(
      p, n, seed, XXH3_accumulate_avx512, XXH3_scrambleAcc_avx512, XXH3_initCustomSecret_avx512);
}
__declspec(dllexport) u64 xxh3_scalar(const void *p, size_t n, u64 seed) {
  return XXH3_hashLong_64b_withSeed_internal(
      p, n, seed, XXH3_accumulate_scalar, XXH3_scrambleAcc_scalar, XXH3_initCustomSecret_scalar);
}
"""


@pytest.mark.slow
def test_xxhash_avx512_variant_builds_and_hashes_for_arm64ec(
    tmp_path: Path, cache_dir: Path, readobj_tool: str
) -> None:
    with tarfile.open(pypi_projects.download_sdist(XXHASH)) as sdist:
        member = sdist.getmember("xxhash-4.1.0/deps/xxhash/xxhash.h")
        header = tmp_path / "xxhash" / "xxhash.h"
        header.parent.mkdir()
        header.write_bytes(sdist.extractfile(member).read())  # type: ignore[union-attr]
    dll = small_dll(tmp_path, XXH3_VARIANTS, "arm64ec", cache_dir, ["-I", str(header.parent)])
    exports = ["PyInit_crtdemo", "xxh3_avx512", "xxh3_scalar"]
    assert_arm64ec_dll(dll, readobj_tool, exports)
    # The AVX-512 path, lowered to ARM, hashes as xxhash's scalar path does.
    data = random.Random(SEED).randbytes(4096)
    for length, seed in [(241, 0), (1024, 7), (4000, 2**64 - 1)]:
        results = [
            emulate.call(dll, name, "arm64ec", [emulate.DATA, length, seed], data,
                         max_instructions=50_000_000)[0]
            for name in ("xxh3_avx512", "xxh3_scalar")
        ]  # fmt: skip
        assert results[0] == results[1], (length, seed, [hex(r) for r in results])


#: The ARM lowering runs fewer records (the emulator is slow): every n-th one.
ARM_RECORDS = 48


@pytest.mark.slow
@pytest.mark.skipif(not CLANG.is_file(), reason="needs Debian's clang-22")
def test_arm_lowering_gives_the_cpus_results(
    inputs: bytes, real_library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every group as one Arm64EC DLL built by the setuptools driver with the CRT-less
    # toolchain, each battery run in the emulator on records the CPU also ran.
    runnable = [g for g in GROUPS if g.cpu_flags <= cpu_flags()]
    if not runnable:
        pytest.skip("this CPU has none of the flags (/proc/cpuinfo): no reference")
    cache = wine.tests_cache() / "runtime-cache"
    cache.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("EC_BUILDEXT_CACHE_DIR", str(cache))
    source = tmp_path / "isa.c"
    source.write_text(battery.source(runnable))
    plan = BuildPlan(
        arch=ARM64EC, compiler=choose_compiler(ARM64EC, llvm_root="ziglang"), wheel_tag=""
    )
    spec = ExtensionSpec(
        name="isa",
        sources=(source,),
        output=tmp_path / "isa.dll",
        temp_dir=tmp_path / "build",
        export_symbols=tuple(f"battery_{g.name}" for g in runnable),
    )
    build_extension(plan, spec, log=lambda line: None)
    total = len(inputs) // battery.RECORD
    picked = range(0, total, total // ARM_RECORDS)[:ARM_RECORDS]
    data = b"".join(inputs[r * battery.RECORD : (r + 1) * battery.RECORD] for r in picked)
    count = len(picked)
    for group in runnable:
        size = len(battery.sites(group)) * count * battery.SLOT
        _, page = emulate.call(
            spec.output,
            f"battery_{group.name}",
            "arm64ec",
            [emulate.DATA, emulate.DATA + len(data), count],
            data + bytes(size),
            max_instructions=10**9,
        )
        reference = run_group(real_library, group, data)
        wrong = battery.mismatches(group, reference, page[len(data) :], data, count)
        assert wrong == [], f"{group.name}, seed {SEED}:\n" + "\n".join(wrong)
