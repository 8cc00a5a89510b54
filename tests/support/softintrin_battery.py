"""A C "battery" that calls every intrinsic ec-buildext's softintrin headers emulate.

``battery(in, out, n)`` runs each call site on each of ``n`` input records and writes
every result to its own 32-byte slot of ``out``: ``out[(site * n + record) * 32]``.
The same source compiles against clang's real x86 headers, against softintrin's for
x86_64 Linux (to compare with the real instructions) and as an Arm64EC DLL (to run the
NEON lowering in an emulator).  :func:`records` makes the inputs: hand-picked edge cases
(NaN, infinities, -0.0, the integer extremes, shift counts around the element width)
and random ones from a seed.  The AVX, AVX2, FMA and F16C sites (:data:`AVX_SITES`) work
on 256-bit vectors made of the record's a, b and c, and compile only where
``EC_BATTERY_AVX`` is not 0 (the reference needs a CPU with those instruction sets).
"""

from __future__ import annotations

import math
import random
import re
import struct
from dataclasses import dataclass

from .paths import ROOT

SOFTINTRIN = ROOT / "src/ec_buildext/toolchains/softintrin"
#: The headers of AES, PCLMULQDQ, SHA and AVX-512: softintrin_isa_battery.py checks
#: them, a battery per instruction set (AVX-512's mask conversions, _cvtmask16_u32 & co,
#: would match the _cvt pattern below).
ISA_HEADERS = frozenset({"wmmintrin.h", "shaintrin.h", "__ec_avx512.h"})

#: One record: vectors a, b, c, a shift-count vector, 64 bytes of memory, scalars.
RECORD = 160
SLOT = 32
#: Where a, b, c, the count vector, the memory and the scalars start in a record.
_A, _B, _C, _CV, _MEM, _SCALARS = 0, 16, 32, 48, 64, 128

#: Result kinds: C type (M: a statement; the result is the 32-byte scratch buffer it
#: wrote to).
TYPES = {
    "I": "__m128i",
    "P": "__m128",
    "D": "__m128d",
    "i": "int",
    "u": "unsigned int",
    "l": "long long",
    "q": "unsigned long long",
    "f": "float",
    "d": "double",
    "h": "unsigned short",
    "Y": "__m256i",
    "S": "__m256",
    "E": "__m256d",
}

# One call site a line: KIND EXPRESSION [| immediates for {}] [! tolerance tag].  Inputs:
# ia ib ic (__m128i), pa pb pc (__m128), da db dc (__m128d) are the same bytes a, b, c;
# cv: a count vector; mem: 64 aligned bytes; s32 s64 f32 f64: scalars; cnt: a count;
# scratch: 32 bytes (16-aligned) for stores.  Tags: nan (float arithmetic: a NaN result
# may be another NaN), approx (rcp/rsqrt: x86 approximates).
SITES = r"""
P _mm_add_ss(pa, pb) !nan
P _mm_add_ps(pa, pb) !nan
P _mm_sub_ss(pa, pb) !nan
P _mm_sub_ps(pa, pb) !nan
P _mm_mul_ss(pa, pb) !nan
P _mm_mul_ps(pa, pb) !nan
P _mm_div_ss(pa, pb) !nan
P _mm_div_ps(pa, pb) !nan
P _mm_sqrt_ss(pa) !nan
P _mm_sqrt_ps(pa) !nan
P _mm_rcp_ss(pa) !approx
P _mm_rcp_ps(pa) !approx
P _mm_rsqrt_ss(pa) !approx
P _mm_rsqrt_ps(pa) !approx
P _mm_min_ss(pa, pb)
P _mm_min_ps(pa, pb)
P _mm_max_ss(pa, pb)
P _mm_max_ps(pa, pb)
P _mm_and_ps(pa, pb)
P _mm_andnot_ps(pa, pb)
P _mm_or_ps(pa, pb)
P _mm_xor_ps(pa, pb)
P _mm_cmpeq_ps(pa, pb)
P _mm_cmplt_ps(pa, pb)
P _mm_cmple_ps(pa, pb)
P _mm_cmpgt_ps(pa, pb)
P _mm_cmpge_ps(pa, pb)
P _mm_cmpneq_ps(pa, pb)
P _mm_cmpnlt_ps(pa, pb)
P _mm_cmpnle_ps(pa, pb)
P _mm_cmpngt_ps(pa, pb)
P _mm_cmpnge_ps(pa, pb)
P _mm_cmpord_ps(pa, pb)
P _mm_cmpunord_ps(pa, pb)
P _mm_cmpeq_ss(pa, pb)
P _mm_cmplt_ss(pa, pb)
P _mm_cmple_ss(pa, pb)
P _mm_cmpgt_ss(pa, pb)
P _mm_cmpge_ss(pa, pb)
P _mm_cmpneq_ss(pa, pb)
P _mm_cmpnlt_ss(pa, pb)
P _mm_cmpnle_ss(pa, pb)
P _mm_cmpngt_ss(pa, pb)
P _mm_cmpnge_ss(pa, pb)
P _mm_cmpord_ss(pa, pb)
P _mm_cmpunord_ss(pa, pb)
i _mm_comieq_ss(pa, pb)
i _mm_comilt_ss(pa, pb)
i _mm_comile_ss(pa, pb)
i _mm_comigt_ss(pa, pb)
i _mm_comige_ss(pa, pb)
i _mm_comineq_ss(pa, pb)
i _mm_ucomieq_ss(pa, pb)
i _mm_ucomilt_ss(pa, pb)
i _mm_ucomile_ss(pa, pb)
i _mm_ucomigt_ss(pa, pb)
i _mm_ucomige_ss(pa, pb)
i _mm_ucomineq_ss(pa, pb)
i _mm_cvtss_si32(pa)
i _mm_cvt_ss2si(pa)
l _mm_cvtss_si64(pa)
i _mm_cvttss_si32(pa)
i _mm_cvtt_ss2si(pa)
l _mm_cvttss_si64(pa)
P _mm_cvtsi32_ss(pa, s32)
P _mm_cvt_si2ss(pa, s32)
P _mm_cvtsi64_ss(pa, s64)
f _mm_cvtss_f32(pa)
u _mm_setcsr(_mm_getcsr() & ~0x3fU); _mm_getcsr()
M _mm_setcsr(0x1f80)
u _MM_GET_EXCEPTION_MASK()
u _MM_SET_EXCEPTION_STATE(0); _MM_GET_EXCEPTION_STATE()
u _MM_GET_FLUSH_ZERO_MODE()
u _MM_GET_ROUNDING_MODE()
M _MM_SET_EXCEPTION_MASK(_MM_MASK_MASK)
M _MM_SET_FLUSH_ZERO_MODE(_MM_FLUSH_ZERO_OFF)
M _MM_SET_ROUNDING_MODE(_MM_ROUND_NEAREST)
P _mm_setzero_ps()
P _mm_and_ps(_mm_undefined_ps(), _mm_setzero_ps())
P _mm_set_ss(f32)
P _mm_set1_ps(f32)
P _mm_set_ps1(f32)
P _mm_set_ps(f32, 2.5f, -f32, 7.0f)
P _mm_setr_ps(f32, 2.5f, -f32, 7.0f)
P _mm_load_ss((const float *)(mem + 4))
P _mm_load1_ps((const float *)(mem + 8))
P _mm_load_ps1((const float *)(mem + 12))
P _mm_load_ps((const float *)(mem + 16))
P _mm_loadu_ps((const float *)(mem + 3))
P _mm_loadr_ps((const float *)(mem + 32))
P _mm_loadh_pi(pa, (const __m64 *)(mem + 5))
P _mm_loadl_pi(pa, (const __m64 *)(mem + 9))
M _mm_store_ss((float *)(scratch + 4), pa)
M _mm_store_ps((float *)(scratch + 16), pa)
M _mm_storeu_ps((float *)(scratch + 3), pa)
M _mm_store1_ps((float *)(scratch + 16), pa)
M _mm_store_ps1((float *)scratch, pa)
M _mm_storer_ps((float *)(scratch + 16), pa)
M _mm_storeh_pi((__m64 *)(scratch + 5), pa)
M _mm_storel_pi((__m64 *)(scratch + 9), pa)
M _mm_stream_ps((float *)(scratch + 16), pa)
P _mm_move_ss(pa, pb)
P _mm_movehl_ps(pa, pb)
P _mm_movelh_ps(pa, pb)
P _mm_unpackhi_ps(pa, pb)
P _mm_unpacklo_ps(pa, pb)
P _mm_shuffle_ps(pa, pb, {}) | 0 0x1b 0xe4 0x4e 0xff 0x93
i _mm_movemask_ps(pa)
M __m128 r0 = pa, r1 = pb, r2 = pc, r3 = _mm_xor_ps(pa, pb); _MM_TRANSPOSE4_PS(r0, r1, r2, r3); _mm_storeu_ps((float *)scratch, r1); _mm_storeu_ps((float *)(scratch + 16), r3)
M _mm_prefetch((const char *)mem, {}) | 0 1 2 3
M _mm_sfence()
D _mm_add_sd(da, db) !nan
D _mm_add_pd(da, db) !nan
D _mm_sub_sd(da, db) !nan
D _mm_sub_pd(da, db) !nan
D _mm_mul_sd(da, db) !nan
D _mm_mul_pd(da, db) !nan
D _mm_div_sd(da, db) !nan
D _mm_div_pd(da, db) !nan
D _mm_sqrt_pd(da) !nan
D _mm_sqrt_sd(da, db) !nan
D _mm_min_pd(da, db)
D _mm_max_pd(da, db)
D _mm_min_sd(da, db)
D _mm_max_sd(da, db)
D _mm_and_pd(da, db)
D _mm_andnot_pd(da, db)
D _mm_or_pd(da, db)
D _mm_xor_pd(da, db)
D _mm_cmpeq_pd(da, db)
D _mm_cmplt_pd(da, db)
D _mm_cmple_pd(da, db)
D _mm_cmpgt_pd(da, db)
D _mm_cmpge_pd(da, db)
D _mm_cmpneq_pd(da, db)
D _mm_cmpnlt_pd(da, db)
D _mm_cmpnle_pd(da, db)
D _mm_cmpngt_pd(da, db)
D _mm_cmpnge_pd(da, db)
D _mm_cmpord_pd(da, db)
D _mm_cmpunord_pd(da, db)
D _mm_cmpeq_sd(da, db)
D _mm_cmplt_sd(da, db)
D _mm_cmple_sd(da, db)
D _mm_cmpgt_sd(da, db)
D _mm_cmpge_sd(da, db)
D _mm_cmpneq_sd(da, db)
D _mm_cmpnlt_sd(da, db)
D _mm_cmpnle_sd(da, db)
D _mm_cmpngt_sd(da, db)
D _mm_cmpnge_sd(da, db)
D _mm_cmpord_sd(da, db)
D _mm_cmpunord_sd(da, db)
i _mm_comieq_sd(da, db)
i _mm_comilt_sd(da, db)
i _mm_comile_sd(da, db)
i _mm_comigt_sd(da, db)
i _mm_comige_sd(da, db)
i _mm_comineq_sd(da, db)
i _mm_ucomieq_sd(da, db)
i _mm_ucomilt_sd(da, db)
i _mm_ucomile_sd(da, db)
i _mm_ucomigt_sd(da, db)
i _mm_ucomige_sd(da, db)
i _mm_ucomineq_sd(da, db)
I _mm_cvtpd_epi32(da)
I _mm_cvttpd_epi32(da)
I _mm_cvtps_epi32(pa)
I _mm_cvttps_epi32(pa)
P _mm_cvtepi32_ps(ia)
D _mm_cvtepi32_pd(ia)
P _mm_cvtpd_ps(da)
D _mm_cvtps_pd(pa)
i _mm_cvtsd_si32(da)
l _mm_cvtsd_si64(da)
l _mm_cvtsd_si64x(da)
i _mm_cvttsd_si32(da)
l _mm_cvttsd_si64(da)
l _mm_cvttsd_si64x(da)
P _mm_cvtsd_ss(pa, db)
D _mm_cvtss_sd(da, pb)
D _mm_cvtsi32_sd(da, s32)
D _mm_cvtsi64_sd(da, s64)
D _mm_cvtsi64x_sd(da, s64)
d _mm_cvtsd_f64(da)
i _mm_cvtsi128_si32(ia)
l _mm_cvtsi128_si64(ia)
l _mm_cvtsi128_si64x(ia)
I _mm_cvtsi32_si128(s32)
I _mm_cvtsi64_si128(s64)
I _mm_cvtsi64x_si128(s64)
P _mm_castpd_ps(da)
I _mm_castpd_si128(da)
D _mm_castps_pd(pa)
I _mm_castps_si128(pa)
P _mm_castsi128_ps(ia)
D _mm_castsi128_pd(ia)
D _mm_setzero_pd()
D _mm_and_pd(_mm_undefined_pd(), _mm_setzero_pd())
D _mm_set_sd(f64)
D _mm_set1_pd(f64)
D _mm_set_pd1(f64)
D _mm_set_pd(f64, -3.25)
D _mm_setr_pd(f64, -3.25)
D _mm_load_pd((const double *)(mem + 16))
D _mm_loadu_pd((const double *)(mem + 7))
D _mm_load_sd((const double *)(mem + 3))
D _mm_load1_pd((const double *)(mem + 8))
D _mm_load_pd1((const double *)(mem + 24))
D _mm_loadr_pd((const double *)(mem + 32))
D _mm_loadh_pd(da, (const double *)(mem + 1))
D _mm_loadl_pd(da, (const double *)(mem + 2))
M _mm_store_pd((double *)(scratch + 16), da)
M _mm_storeu_pd((double *)(scratch + 5), da)
M _mm_store_sd((double *)(scratch + 3), da)
M _mm_store1_pd((double *)(scratch + 16), da)
M _mm_store_pd1((double *)scratch, da)
M _mm_storer_pd((double *)(scratch + 16), da)
M _mm_storeh_pd((double *)(scratch + 1), da)
M _mm_storel_pd((double *)(scratch + 2), da)
M _mm_stream_pd((double *)(scratch + 16), da)
D _mm_move_sd(da, db)
D _mm_unpackhi_pd(da, db)
D _mm_unpacklo_pd(da, db)
D _mm_shuffle_pd(da, db, {}) | 0 1 2 3
i _mm_movemask_pd(da)
I _mm_setzero_si128()
I _mm_and_si128(_mm_undefined_si128(), _mm_setzero_si128())
I _mm_set_epi64x(s64, -5)
I _mm_set_epi32(s32, -1, 7, 0x7fffffff)
I _mm_set_epi16((short)s32, -2, 3, -4, 5, -6, 7, (short)0x8000)
I _mm_set_epi8((char)s32, 1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12, 13, 127, (char)0x80)
I _mm_setr_epi32(s32, -1, 7, 0x7fffffff)
I _mm_setr_epi16((short)s32, -2, 3, -4, 5, -6, 7, (short)0x8000)
I _mm_setr_epi8((char)s32, 1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12, 13, 127, (char)0x80)
I _mm_set1_epi64x(s64)
I _mm_set1_epi32(s32)
I _mm_set1_epi16((short)s32)
I _mm_set1_epi8((char)s32)
I _mm_load_si128((const __m128i *)(mem + 16))
I _mm_loadu_si128((const __m128i *)(mem + 1))
I _mm_loadl_epi64((const __m128i *)(mem + 3))
I _mm_loadu_si64(mem + 5)
I _mm_loadu_si32(mem + 7)
I _mm_loadu_si16(mem + 9)
M _mm_store_si128((__m128i *)(scratch + 16), ia)
M _mm_storeu_si128((__m128i *)(scratch + 1), ia)
M _mm_storel_epi64((__m128i *)(scratch + 3), ia)
M _mm_storeu_si64(scratch + 5, ia)
M _mm_storeu_si32(scratch + 7, ia)
M _mm_storeu_si16(scratch + 9, ia)
M _mm_stream_si128((__m128i *)(scratch + 16), ia)
M _mm_stream_si32((int *)(scratch + 4), s32)
M _mm_stream_si64((long long *)(scratch + 8), s64)
M _mm_maskmoveu_si128(ia, ib, (char *)(scratch + 3))
I _mm_add_epi8(ia, ib)
I _mm_add_epi16(ia, ib)
I _mm_add_epi32(ia, ib)
I _mm_add_epi64(ia, ib)
I _mm_sub_epi8(ia, ib)
I _mm_sub_epi16(ia, ib)
I _mm_sub_epi32(ia, ib)
I _mm_sub_epi64(ia, ib)
I _mm_adds_epi8(ia, ib)
I _mm_adds_epi16(ia, ib)
I _mm_adds_epu8(ia, ib)
I _mm_adds_epu16(ia, ib)
I _mm_subs_epi8(ia, ib)
I _mm_subs_epi16(ia, ib)
I _mm_subs_epu8(ia, ib)
I _mm_subs_epu16(ia, ib)
I _mm_avg_epu8(ia, ib)
I _mm_avg_epu16(ia, ib)
I _mm_madd_epi16(ia, ib)
I _mm_max_epi16(ia, ib)
I _mm_max_epu8(ia, ib)
I _mm_min_epi16(ia, ib)
I _mm_min_epu8(ia, ib)
I _mm_mulhi_epi16(ia, ib)
I _mm_mulhi_epu16(ia, ib)
I _mm_mullo_epi16(ia, ib)
I _mm_mul_epu32(ia, ib)
I _mm_sad_epu8(ia, ib)
I _mm_and_si128(ia, ib)
I _mm_andnot_si128(ia, ib)
I _mm_or_si128(ia, ib)
I _mm_xor_si128(ia, ib)
I _mm_slli_epi16(ia, {}) | 0 1 15 16 17 255 256 -1
I _mm_slli_epi32(ia, {}) | 0 1 31 32 33 255 256 -1
I _mm_slli_epi64(ia, {}) | 0 1 63 64 65 255 256 -1
I _mm_srli_epi16(ia, {}) | 0 1 15 16 17 255 256 -1
I _mm_srli_epi32(ia, {}) | 0 1 31 32 33 255 256 -1
I _mm_srli_epi64(ia, {}) | 0 1 63 64 65 255 256 -1
I _mm_srai_epi16(ia, {}) | 0 1 15 16 17 255 256 -1
I _mm_srai_epi32(ia, {}) | 0 1 31 32 33 255 256 -1
I _mm_slli_epi16(ia, cnt)
I _mm_slli_epi32(ia, cnt)
I _mm_slli_epi64(ia, cnt)
I _mm_srli_epi16(ia, cnt)
I _mm_srli_epi32(ia, cnt)
I _mm_srli_epi64(ia, cnt)
I _mm_srai_epi16(ia, cnt)
I _mm_srai_epi32(ia, cnt)
I _mm_sll_epi16(ia, cv)
I _mm_sll_epi32(ia, cv)
I _mm_sll_epi64(ia, cv)
I _mm_srl_epi16(ia, cv)
I _mm_srl_epi32(ia, cv)
I _mm_srl_epi64(ia, cv)
I _mm_sra_epi16(ia, cv)
I _mm_sra_epi32(ia, cv)
I _mm_srli_si128(ia, {}) | 0 1 7 15 16 17 255
I _mm_slli_si128(ia, {}) | 0 1 7 15 16 17 255
I _mm_bsrli_si128(ia, {}) | 0 3 16
I _mm_bslli_si128(ia, {}) | 0 3 16
I _mm_cmpeq_epi8(ia, ib)
I _mm_cmpeq_epi16(ia, ib)
I _mm_cmpeq_epi32(ia, ib)
I _mm_cmpgt_epi8(ia, ib)
I _mm_cmpgt_epi16(ia, ib)
I _mm_cmpgt_epi32(ia, ib)
I _mm_cmplt_epi8(ia, ib)
I _mm_cmplt_epi16(ia, ib)
I _mm_cmplt_epi32(ia, ib)
I _mm_packs_epi16(ia, ib)
I _mm_packus_epi16(ia, ib)
I _mm_packs_epi32(ia, ib)
i _mm_extract_epi16(ia, {}) | 0 3 7
I _mm_insert_epi16(ia, s32, {}) | 0 5 7
i _mm_movemask_epi8(ia)
I _mm_move_epi64(ia)
I _mm_unpackhi_epi8(ia, ib)
I _mm_unpackhi_epi16(ia, ib)
I _mm_unpackhi_epi32(ia, ib)
I _mm_unpackhi_epi64(ia, ib)
I _mm_unpacklo_epi8(ia, ib)
I _mm_unpacklo_epi16(ia, ib)
I _mm_unpacklo_epi32(ia, ib)
I _mm_unpacklo_epi64(ia, ib)
I _mm_shuffle_epi32(ia, {}) | 0 0x1b 0xe4 0x4e 0xff 0x93
I _mm_shuffle_epi32(ia, _MM_SHUFFLE(0, 1, 3, 2))
I _mm_shufflelo_epi16(ia, {}) | 0 0x1b 0xe4 0x93
I _mm_shufflehi_epi16(ia, {}) | 0 0x1b 0xe4 0x93
M _mm_lfence()
M _mm_mfence()
M _mm_clflush(scratch)
M _mm_pause()
i void *p = _mm_malloc(100, 64); int r = p != 0 && ((unsigned long long)p & 63) == 0; _mm_free(p); r
P _mm_addsub_ps(pa, pb) !nan
D _mm_addsub_pd(da, db) !nan
P _mm_hadd_ps(pa, pb) !nan
P _mm_hsub_ps(pa, pb) !nan
D _mm_hadd_pd(da, db) !nan
D _mm_hsub_pd(da, db) !nan
u _MM_GET_DENORMALS_ZERO_MODE()
M _MM_SET_DENORMALS_ZERO_MODE(_MM_DENORMALS_ZERO_OFF)
I _mm_lddqu_si128((const __m128i *)(mem + 3))
D _mm_loaddup_pd((const double *)(mem + 5))
D _mm_movedup_pd(da)
P _mm_movehdup_ps(pa)
P _mm_moveldup_ps(pa)
I _mm_abs_epi8(ia)
I _mm_abs_epi16(ia)
I _mm_abs_epi32(ia)
I _mm_alignr_epi8(ia, ib, {}) | 0 1 5 15 16 17 31 32 255
I _mm_hadd_epi16(ia, ib)
I _mm_hsub_epi16(ia, ib)
I _mm_hadds_epi16(ia, ib)
I _mm_hsubs_epi16(ia, ib)
I _mm_hadd_epi32(ia, ib)
I _mm_hsub_epi32(ia, ib)
I _mm_maddubs_epi16(ia, ib)
I _mm_mulhrs_epi16(ia, ib)
I _mm_shuffle_epi8(ia, ib)
I _mm_sign_epi8(ia, ib)
I _mm_sign_epi16(ia, ib)
I _mm_sign_epi32(ia, ib)
I _mm_blend_epi16(ia, ib, {}) | 0 0x5a 0xff 0x81
P _mm_blend_ps(pa, pb, {}) | 0 5 10 15
D _mm_blend_pd(da, db, {}) | 0 1 2 3
I _mm_blendv_epi8(ia, ib, ic)
P _mm_blendv_ps(pa, pb, pc)
D _mm_blendv_pd(da, db, dc)
P _mm_round_ps(pa, {}) | 0 1 2 3 4 8 9 10 11 12
D _mm_round_pd(da, {}) | 0 1 2 3 4 8 9 10 11 12
P _mm_round_ss(pa, pb, {}) | 0 1 2 3 4
D _mm_round_sd(da, db, {}) | 0 1 2 3 4
P _mm_ceil_ps(pa)
D _mm_ceil_pd(da)
P _mm_ceil_ss(pa, pb)
D _mm_ceil_sd(da, db)
P _mm_floor_ps(pa)
D _mm_floor_pd(da)
P _mm_floor_ss(pa, pb)
D _mm_floor_sd(da, db)
P _mm_dp_ps(pa, pb, {}) | 0xff 0xf1 0x31 0x7f 0x0f 0xf0 0x55 0xa3 !nan
D _mm_dp_pd(da, db, {}) | 0xff 0x31 0x13 0x22 0x03 0x30 !nan
i _mm_extract_epi8(ia, {}) | 0 7 15
i _mm_extract_epi32(ia, {}) | 0 3
l _mm_extract_epi64(ia, {}) | 0 1
i _mm_extract_ps(pa, {}) | 0 1 2 3
I _mm_insert_epi8(ia, s32, {}) | 0 9 15
I _mm_insert_epi32(ia, s32, {}) | 0 2 3
I _mm_insert_epi64(ia, s64, {}) | 0 1
P _mm_insert_ps(pa, pb, {}) | 0 0x10 0x4f 0xe5 0x9a 0x30
P _MM_PICK_OUT_PS(pa, {}) | 0 2 3
P _mm_insert_ps(pa, pb, _MM_MK_INSERTPS_NDX(2, 1, 4))
f float r; _MM_EXTRACT_FLOAT(r, pa, {}); r | 0 3
I _mm_max_epi8(ia, ib)
I _mm_max_epi32(ia, ib)
I _mm_max_epu16(ia, ib)
I _mm_max_epu32(ia, ib)
I _mm_min_epi8(ia, ib)
I _mm_min_epi32(ia, ib)
I _mm_min_epu16(ia, ib)
I _mm_min_epu32(ia, ib)
I _mm_mullo_epi32(ia, ib)
I _mm_mul_epi32(ia, ib)
I _mm_packus_epi32(ia, ib)
I _mm_minpos_epu16(ia)
I _mm_mpsadbw_epu8(ia, ib, {}) | 0 1 2 3 4 5 6 7
I _mm_cvtepi8_epi16(ia)
I _mm_cvtepi8_epi32(ia)
I _mm_cvtepi8_epi64(ia)
I _mm_cvtepi16_epi32(ia)
I _mm_cvtepi16_epi64(ia)
I _mm_cvtepi32_epi64(ia)
I _mm_cvtepu8_epi16(ia)
I _mm_cvtepu8_epi32(ia)
I _mm_cvtepu8_epi64(ia)
I _mm_cvtepu16_epi32(ia)
I _mm_cvtepu16_epi64(ia)
I _mm_cvtepu32_epi64(ia)
I _mm_cmpeq_epi64(ia, ib)
I _mm_stream_load_si128((const __m128i *)(mem + 32))
i _mm_testz_si128(ia, ib)
i _mm_testc_si128(ia, ib)
i _mm_testnzc_si128(ia, ib)
i _mm_test_all_ones(ia)
i _mm_test_all_zeros(ia, ib)
i _mm_test_mix_ones_zeros(ia, ib)
i _mm_testz_si128(ia, ia)
i _mm_testc_si128(ia, ia)
I _mm_cmpgt_epi64(ia, ib)
u _mm_crc32_u8((unsigned int)s32, (unsigned char)s64)
u _mm_crc32_u16((unsigned int)s32, (unsigned short)s64)
u _mm_crc32_u32((unsigned int)s32, (unsigned int)s64)
q _mm_crc32_u64((unsigned long long)s64, (unsigned long long)s32 * 0x9e3779b97f4a7c15ULL)
i _mm_popcnt_u32((unsigned int)s32)
l _mm_popcnt_u64((unsigned long long)s64)
i _popcnt32(s32)
l _popcnt64(s64)
"""  # noqa: E501 (C, one call site a line)

# AVX, AVX2, FMA and F16C.  More inputs: ya yb yc (__m256i: a:b, b:c, c:a), fa fb fc
# (__m256) and ga gb gc (__m256d), the same bytes; ymem: mem, 32-byte aligned; gbase:
# mem + 24, with gather indices gidx32/gidx64 (and their low halves, _128) from -3 to 4;
# vcnt/vcnt64 (and _128): per-lane shift counts from 0 to 39 (71).
AVX_SITES = r"""
S _mm256_add_ps(fa, fb) !nan
E _mm256_add_pd(ga, gb) !nan
S _mm256_sub_ps(fa, fb) !nan
E _mm256_sub_pd(ga, gb) !nan
S _mm256_mul_ps(fa, fb) !nan
E _mm256_mul_pd(ga, gb) !nan
S _mm256_div_ps(fa, fb) !nan
E _mm256_div_pd(ga, gb) !nan
S _mm256_addsub_ps(fa, fb) !nan
E _mm256_addsub_pd(ga, gb) !nan
S _mm256_hadd_ps(fa, fb) !nan
E _mm256_hadd_pd(ga, gb) !nan
S _mm256_hsub_ps(fa, fb) !nan
E _mm256_hsub_pd(ga, gb) !nan
S _mm256_sqrt_ps(fa) !nan
E _mm256_sqrt_pd(ga) !nan
S _mm256_rcp_ps(fa) !approx
S _mm256_rsqrt_ps(fa) !approx
S _mm256_min_ps(fa, fb)
S _mm256_max_ps(fa, fb)
E _mm256_min_pd(ga, gb)
E _mm256_max_pd(ga, gb)
S _mm256_round_ps(fa, {}) | 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15
E _mm256_round_pd(ga, {}) | 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15
S _mm256_ceil_ps(fa)
E _mm256_ceil_pd(ga)
S _mm256_floor_ps(fa)
E _mm256_floor_pd(ga)
S _mm256_dp_ps(fa, fb, {}) | 0xff 0xf1 0x31 0x7f 0x0f 0xf0 0x55 0xa3 !nan
S _mm256_and_ps(fa, fb)
E _mm256_and_pd(ga, gb)
S _mm256_andnot_ps(fa, fb)
E _mm256_andnot_pd(ga, gb)
S _mm256_or_ps(fa, fb)
E _mm256_or_pd(ga, gb)
S _mm256_xor_ps(fa, fb)
E _mm256_xor_pd(ga, gb)
P _mm_cmp_ps(pa, pb, {}) | 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31
D _mm_cmp_pd(da, db, {}) | 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31
P _mm_cmp_ss(pa, pb, {}) | 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31
D _mm_cmp_sd(da, db, {}) | 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31
S _mm256_cmp_ps(fa, fb, {}) | 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31
E _mm256_cmp_pd(ga, gb, {}) | 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31
S _mm256_cmp_ps(fa, fb, _CMP_NEQ_OQ)
E _mm256_cmp_pd(ga, gb, _CMP_GE_OQ)
E _mm256_cvtepi32_pd(ia)
S _mm256_cvtepi32_ps(ya)
I _mm256_cvtpd_epi32(ga)
I _mm256_cvttpd_epi32(ga)
P _mm256_cvtpd_ps(ga)
Y _mm256_cvtps_epi32(fa)
Y _mm256_cvttps_epi32(fa)
E _mm256_cvtps_pd(pa)
d _mm256_cvtsd_f64(ga)
i _mm256_cvtsi256_si32(ya)
f _mm256_cvtss_f32(fa)
S _mm256_castpd_ps(ga)
Y _mm256_castpd_si256(ga)
E _mm256_castps_pd(fa)
Y _mm256_castps_si256(fa)
E _mm256_castsi256_pd(ya)
S _mm256_castsi256_ps(ya)
D _mm256_castpd256_pd128(ga)
P _mm256_castps256_ps128(fa)
I _mm256_castsi256_si128(ya)
D _mm256_castpd256_pd128(_mm256_castpd128_pd256(da))
P _mm256_castps256_ps128(_mm256_castps128_ps256(pa))
I _mm256_castsi256_si128(_mm256_castsi128_si256(ia))
E _mm256_zextpd128_pd256(da)
S _mm256_zextps128_ps256(pa)
Y _mm256_zextsi128_si256(ia)
S _mm256_setzero_ps()
E _mm256_setzero_pd()
Y _mm256_setzero_si256()
S _mm256_and_ps(_mm256_undefined_ps(), _mm256_setzero_ps())
E _mm256_and_pd(_mm256_undefined_pd(), _mm256_setzero_pd())
Y _mm256_and_si256(_mm256_undefined_si256(), _mm256_setzero_si256())
S _mm256_set_ps(f32, 2.5f, -f32, 7.0f, -0.0f, 1e30f, f32 * 3, 0.25f)
S _mm256_setr_ps(f32, 2.5f, -f32, 7.0f, -0.0f, 1e30f, f32 * 3, 0.25f)
E _mm256_set_pd(f64, -3.25, 0.5, -f64)
E _mm256_setr_pd(f64, -3.25, 0.5, -f64)
S _mm256_set1_ps(f32)
E _mm256_set1_pd(f64)
Y _mm256_set_epi64x(s64, -5, 7, 0x7fffffffffffffffLL)
Y _mm256_setr_epi64x(s64, -5, 7, 0x7fffffffffffffffLL)
Y _mm256_set_epi32(s32, -1, 7, 0x7fffffff, 3, -9, 11, s32 * 5)
Y _mm256_setr_epi32(s32, -1, 7, 0x7fffffff, 3, -9, 11, s32 * 5)
Y _mm256_set_epi16((short)s32, -2, 3, -4, 5, -6, 7, (short)0x8000, 9, 10, -11, 12, 13, 14, 15, (short)s64)
Y _mm256_setr_epi16((short)s32, -2, 3, -4, 5, -6, 7, (short)0x8000, 9, 10, -11, 12, 13, 14, 15, (short)s64)
Y _mm256_set_epi8((char)s32, 1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12, 13, 127, (char)0x80, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, (char)s64)
Y _mm256_setr_epi8((char)s32, 1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12, 13, 127, (char)0x80, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, (char)s64)
Y _mm256_set1_epi64x(s64)
Y _mm256_set1_epi32(s32)
Y _mm256_set1_epi16((short)s32)
Y _mm256_set1_epi8((char)s32)
S _mm256_set_m128(pa, pb)
E _mm256_set_m128d(da, db)
Y _mm256_set_m128i(ia, ib)
S _mm256_setr_m128(pa, pb)
E _mm256_setr_m128d(da, db)
Y _mm256_setr_m128i(ia, ib)
S _mm256_load_ps((const float *)ymem)
E _mm256_load_pd((const double *)(ymem + 32))
Y _mm256_load_si256((const __m256i *)ymem)
S _mm256_loadu_ps((const float *)(ymem + 3))
E _mm256_loadu_pd((const double *)(ymem + 7))
Y _mm256_loadu_si256((const __m256i_u *)(ymem + 5))
Y _mm256_lddqu_si256((const __m256i_u *)(ymem + 9))
S _mm256_loadu2_m128((const float *)(ymem + 3), (const float *)(ymem + 40))
E _mm256_loadu2_m128d((const double *)(ymem + 1), (const double *)(ymem + 33))
Y _mm256_loadu2_m128i((const __m128i_u *)(ymem + 30), (const __m128i_u *)(ymem + 2))
M _mm256_store_ps((float *)scratch, fa)
M _mm256_store_pd((double *)scratch, ga)
M _mm256_store_si256((__m256i *)scratch, ya)
M _mm256_storeu_ps((float *)scratch, fa)
M _mm256_storeu_pd((double *)scratch, ga)
M _mm256_storeu_si256((__m256i_u *)scratch, ya)
M _mm256_storeu2_m128((float *)(scratch + 16), (float *)scratch, fa)
M _mm256_storeu2_m128d((double *)scratch, (double *)(scratch + 16), ga)
M _mm256_storeu2_m128i((__m128i_u *)(scratch + 16), (__m128i_u *)scratch, ya)
M _mm256_stream_ps((float *)scratch, fa)
M _mm256_stream_pd((double *)scratch, ga)
M _mm256_stream_si256((__m256i *)scratch, ya)
P _mm_broadcast_ss((const float *)(ymem + 5))
S _mm256_broadcast_ss((const float *)(ymem + 6))
E _mm256_broadcast_sd((const double *)(ymem + 7))
S _mm256_broadcast_ps((const __m128 *)(ymem + 16))
E _mm256_broadcast_pd((const __m128d *)(ymem + 32))
P _mm_maskload_ps((const float *)(ymem + 4), ic)
S _mm256_maskload_ps((const float *)(ymem + 4), yc)
D _mm_maskload_pd((const double *)(ymem + 8), ic)
E _mm256_maskload_pd((const double *)(ymem + 8), yc)
M _mm_maskstore_ps((float *)(scratch + 4), ic, pa)
M _mm256_maskstore_ps((float *)scratch, yc, fa)
M _mm_maskstore_pd((double *)(scratch + 8), ic, da)
M _mm256_maskstore_pd((double *)scratch, yc, ga)
i _mm256_extract_epi8(ya, {}) | 0 7 15 16 31
i _mm256_extract_epi16(ya, {}) | 0 7 8 15
i _mm256_extract_epi32(ya, {}) | 0 3 4 7
l _mm256_extract_epi64(ya, {}) | 0 1 2 3
Y _mm256_insert_epi8(ya, s32, {}) | 0 9 16 31
Y _mm256_insert_epi16(ya, s32, {}) | 0 7 8 15
Y _mm256_insert_epi32(ya, s32, {}) | 0 3 4 7
Y _mm256_insert_epi64(ya, s64, {}) | 0 1 2 3
P _mm256_extractf128_ps(fa, {}) | 0 1
D _mm256_extractf128_pd(ga, {}) | 0 1
I _mm256_extractf128_si256(ya, {}) | 0 1
S _mm256_insertf128_ps(fa, pc, {}) | 0 1
E _mm256_insertf128_pd(ga, dc, {}) | 0 1
Y _mm256_insertf128_si256(ya, ic, {}) | 0 1
S _mm256_blend_ps(fa, fb, {}) | 0 0x01 0x5a 0x81 0xa5 0xff
E _mm256_blend_pd(ga, gb, {}) | 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15
S _mm256_blendv_ps(fa, fb, fc)
E _mm256_blendv_pd(ga, gb, gc)
E _mm256_movedup_pd(ga)
S _mm256_movehdup_ps(fa)
S _mm256_moveldup_ps(fa)
E _mm256_unpackhi_pd(ga, gb)
E _mm256_unpacklo_pd(ga, gb)
S _mm256_unpackhi_ps(fa, fb)
S _mm256_unpacklo_ps(fa, fb)
S _mm256_shuffle_ps(fa, fb, {}) | 0 0x1b 0xe4 0x4e 0xff 0x93 0x72
E _mm256_shuffle_pd(ga, gb, {}) | 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15
P _mm_permute_ps(pa, {}) | 0 0x1b 0xe4 0x4e 0xff 0x93
S _mm256_permute_ps(fa, {}) | 0 0x1b 0xe4 0x4e 0xff 0x93
D _mm_permute_pd(da, {}) | 0 1 2 3
E _mm256_permute_pd(ga, {}) | 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15
P _mm_permutevar_ps(pa, ib)
S _mm256_permutevar_ps(fa, yb)
D _mm_permutevar_pd(da, ib)
E _mm256_permutevar_pd(ga, yb)
S _mm256_permute2f128_ps(fa, fb, {}) | 0x00 0x01 0x02 0x03 0x10 0x20 0x31 0x08 0x80 0x88 0x13 0x4a
E _mm256_permute2f128_pd(ga, gb, {}) | 0x00 0x21 0x30 0x08 0x80 0x12
Y _mm256_permute2f128_si256(ya, yb, {}) | 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 69 70 71 72 73 74 75 76 77 78 79 80 81 82 83 84 85 86 87 88 89 90 91 92 93 94 95 96 97 98 99 100 101 102 103 104 105 106 107 108 109 110 111 112 113 114 115 116 117 118 119 120 121 122 123 124 125 126 127 128 129 130 131 132 133 134 135 136 137 138 139 140 141 142 143 144 145 146 147 148 149 150 151 152 153 154 155 156 157 158 159 160 161 162 163 164 165 166 167 168 169 170 171 172 173 174 175 176 177 178 179 180 181 182 183 184 185 186 187 188 189 190 191 192 193 194 195 196 197 198 199 200 201 202 203 204 205 206 207 208 209 210 211 212 213 214 215 216 217 218 219 220 221 222 223 224 225 226 227 228 229 230 231 232 233 234 235 236 237 238 239 240 241 242 243 244 245 246 247 248 249 250 251 252 253 254 255
i _mm256_movemask_ps(fa)
i _mm256_movemask_pd(ga)
i _mm_testz_ps(pa, pb)
i _mm_testc_ps(pa, pb)
i _mm_testnzc_ps(pa, pb)
i _mm_testz_pd(da, db)
i _mm_testc_pd(da, db)
i _mm_testnzc_pd(da, db)
i _mm256_testz_ps(fa, fb)
i _mm256_testc_ps(fa, fb)
i _mm256_testnzc_ps(fa, fb)
i _mm256_testz_pd(ga, gb)
i _mm256_testc_pd(ga, gb)
i _mm256_testnzc_pd(ga, gb)
i _mm256_testz_si256(ya, yb)
i _mm256_testc_si256(ya, yb)
i _mm256_testnzc_si256(ya, yb)
i _mm256_testz_si256(ya, ya)
i _mm256_testc_si256(ya, ya)
M _mm256_zeroall()
M _mm256_zeroupper()
Y _mm256_abs_epi8(ya)
Y _mm256_abs_epi16(ya)
Y _mm256_abs_epi32(ya)
Y _mm256_add_epi8(ya, yb)
Y _mm256_add_epi16(ya, yb)
Y _mm256_add_epi32(ya, yb)
Y _mm256_add_epi64(ya, yb)
Y _mm256_sub_epi8(ya, yb)
Y _mm256_sub_epi16(ya, yb)
Y _mm256_sub_epi32(ya, yb)
Y _mm256_sub_epi64(ya, yb)
Y _mm256_adds_epi8(ya, yb)
Y _mm256_adds_epi16(ya, yb)
Y _mm256_adds_epu8(ya, yb)
Y _mm256_adds_epu16(ya, yb)
Y _mm256_subs_epi8(ya, yb)
Y _mm256_subs_epi16(ya, yb)
Y _mm256_subs_epu8(ya, yb)
Y _mm256_subs_epu16(ya, yb)
Y _mm256_avg_epu8(ya, yb)
Y _mm256_avg_epu16(ya, yb)
Y _mm256_max_epi8(ya, yb)
Y _mm256_max_epi16(ya, yb)
Y _mm256_max_epi32(ya, yb)
Y _mm256_max_epu8(ya, yb)
Y _mm256_max_epu16(ya, yb)
Y _mm256_max_epu32(ya, yb)
Y _mm256_min_epi8(ya, yb)
Y _mm256_min_epi16(ya, yb)
Y _mm256_min_epi32(ya, yb)
Y _mm256_min_epu8(ya, yb)
Y _mm256_min_epu16(ya, yb)
Y _mm256_min_epu32(ya, yb)
Y _mm256_mul_epi32(ya, yb)
Y _mm256_mul_epu32(ya, yb)
Y _mm256_mulhi_epi16(ya, yb)
Y _mm256_mulhi_epu16(ya, yb)
Y _mm256_mulhrs_epi16(ya, yb)
Y _mm256_mullo_epi16(ya, yb)
Y _mm256_mullo_epi32(ya, yb)
Y _mm256_madd_epi16(ya, yb)
Y _mm256_maddubs_epi16(ya, yb)
Y _mm256_sad_epu8(ya, yb)
Y _mm256_sign_epi8(ya, yb)
Y _mm256_sign_epi16(ya, yb)
Y _mm256_sign_epi32(ya, yb)
Y _mm256_hadd_epi16(ya, yb)
Y _mm256_hadd_epi32(ya, yb)
Y _mm256_hadds_epi16(ya, yb)
Y _mm256_hsub_epi16(ya, yb)
Y _mm256_hsub_epi32(ya, yb)
Y _mm256_hsubs_epi16(ya, yb)
Y _mm256_mpsadbw_epu8(ya, yb, {}) | 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63
Y _mm256_and_si256(ya, yb)
Y _mm256_andnot_si256(ya, yb)
Y _mm256_or_si256(ya, yb)
Y _mm256_xor_si256(ya, yb)
Y _mm256_cmpeq_epi8(ya, yb)
Y _mm256_cmpeq_epi16(ya, yb)
Y _mm256_cmpeq_epi32(ya, yb)
Y _mm256_cmpeq_epi64(ya, yb)
Y _mm256_cmpgt_epi8(ya, yb)
Y _mm256_cmpgt_epi16(ya, yb)
Y _mm256_cmpgt_epi32(ya, yb)
Y _mm256_cmpgt_epi64(ya, yb)
i _mm256_movemask_epi8(ya)
Y _mm256_slli_epi16(ya, {}) | 0 1 15 16 17 255 256 -1
Y _mm256_slli_epi32(ya, {}) | 0 1 31 32 33 255 256 -1
Y _mm256_slli_epi64(ya, {}) | 0 1 63 64 65 255 256 -1
Y _mm256_srli_epi16(ya, {}) | 0 1 15 16 17 255 256 -1
Y _mm256_srli_epi32(ya, {}) | 0 1 31 32 33 255 256 -1
Y _mm256_srli_epi64(ya, {}) | 0 1 63 64 65 255 256 -1
Y _mm256_srai_epi16(ya, {}) | 0 1 15 16 17 255 256 -1
Y _mm256_srai_epi32(ya, {}) | 0 1 31 32 33 255 256 -1
Y _mm256_slli_epi16(ya, cnt)
Y _mm256_slli_epi32(ya, cnt)
Y _mm256_slli_epi64(ya, cnt)
Y _mm256_srli_epi16(ya, cnt)
Y _mm256_srli_epi32(ya, cnt)
Y _mm256_srli_epi64(ya, cnt)
Y _mm256_srai_epi16(ya, cnt)
Y _mm256_srai_epi32(ya, cnt)
Y _mm256_sll_epi16(ya, cv)
Y _mm256_sll_epi32(ya, cv)
Y _mm256_sll_epi64(ya, cv)
Y _mm256_srl_epi16(ya, cv)
Y _mm256_srl_epi32(ya, cv)
Y _mm256_srl_epi64(ya, cv)
Y _mm256_sra_epi16(ya, cv)
Y _mm256_sra_epi32(ya, cv)
I _mm_sllv_epi32(ia, vcnt128)
Y _mm256_sllv_epi32(ya, vcnt)
I _mm_sllv_epi64(ia, vcnt64_128)
Y _mm256_sllv_epi64(ya, vcnt64)
I _mm_srlv_epi32(ia, vcnt128)
Y _mm256_srlv_epi32(ya, vcnt)
I _mm_srlv_epi64(ia, vcnt64_128)
Y _mm256_srlv_epi64(ya, vcnt64)
I _mm_srav_epi32(ia, vcnt128)
Y _mm256_srav_epi32(ya, vcnt)
Y _mm256_sllv_epi32(ya, yb)
Y _mm256_srlv_epi64(ya, yb)
Y _mm256_srav_epi32(ya, yb)
Y _mm256_bslli_epi128(ya, {}) | 0 1 3 15 16 17 255
Y _mm256_bsrli_epi128(ya, {}) | 0 1 3 15 16 17 255
Y _mm256_slli_si256(ya, {}) | 0 5 16
Y _mm256_srli_si256(ya, {}) | 0 5 16
Y _mm256_alignr_epi8(ya, yb, {}) | 0 1 5 15 16 17 31 32 255
Y _mm256_packs_epi16(ya, yb)
Y _mm256_packs_epi32(ya, yb)
Y _mm256_packus_epi16(ya, yb)
Y _mm256_packus_epi32(ya, yb)
Y _mm256_unpackhi_epi8(ya, yb)
Y _mm256_unpackhi_epi16(ya, yb)
Y _mm256_unpackhi_epi32(ya, yb)
Y _mm256_unpackhi_epi64(ya, yb)
Y _mm256_unpacklo_epi8(ya, yb)
Y _mm256_unpacklo_epi16(ya, yb)
Y _mm256_unpacklo_epi32(ya, yb)
Y _mm256_unpacklo_epi64(ya, yb)
Y _mm256_shuffle_epi8(ya, yb)
Y _mm256_shuffle_epi32(ya, {}) | 0 0x1b 0xe4 0x4e 0xff 0x93
Y _mm256_shufflelo_epi16(ya, {}) | 0 0x1b 0xe4 0x93
Y _mm256_shufflehi_epi16(ya, {}) | 0 0x1b 0xe4 0x93
Y _mm256_blend_epi16(ya, yb, {}) | 0 0x5a 0xff 0x81
I _mm_blend_epi32(ia, ib, {}) | 0 1 5 10 15
Y _mm256_blend_epi32(ya, yb, {}) | 0 0x01 0x5a 0x81 0xa5 0xff
Y _mm256_blendv_epi8(ya, yb, yc)
Y _mm256_permute2x128_si256(ya, yb, {}) | 0x00 0x01 0x02 0x03 0x10 0x20 0x31 0x08 0x80 0x88 0x13 0x4a
Y _mm256_permute4x64_epi64(ya, {}) | 0 0x1b 0xe4 0x4e 0xff 0x93
E _mm256_permute4x64_pd(ga, {}) | 0 0x1b 0xe4 0x4e 0xff 0x93
Y _mm256_permutevar8x32_epi32(ya, yb)
S _mm256_permutevar8x32_ps(fa, yb)
I _mm256_extracti128_si256(ya, {}) | 0 1
Y _mm256_inserti128_si256(ya, ic, {}) | 0 1
P _mm_broadcastss_ps(pa)
D _mm_broadcastsd_pd(da)
S _mm256_broadcastss_ps(pa)
E _mm256_broadcastsd_pd(da)
Y _mm256_broadcastsi128_si256(ia)
Y _mm_broadcastsi128_si256(ib)
I _mm_broadcastb_epi8(ia)
I _mm_broadcastw_epi16(ia)
I _mm_broadcastd_epi32(ia)
I _mm_broadcastq_epi64(ia)
Y _mm256_broadcastb_epi8(ia)
Y _mm256_broadcastw_epi16(ia)
Y _mm256_broadcastd_epi32(ia)
Y _mm256_broadcastq_epi64(ia)
Y _mm256_cvtepi8_epi16(ia)
Y _mm256_cvtepi8_epi32(ia)
Y _mm256_cvtepi8_epi64(ia)
Y _mm256_cvtepi16_epi32(ia)
Y _mm256_cvtepi16_epi64(ia)
Y _mm256_cvtepi32_epi64(ia)
Y _mm256_cvtepu8_epi16(ia)
Y _mm256_cvtepu8_epi32(ia)
Y _mm256_cvtepu8_epi64(ia)
Y _mm256_cvtepu16_epi32(ia)
Y _mm256_cvtepu16_epi64(ia)
Y _mm256_cvtepu32_epi64(ia)
Y _mm256_stream_load_si256((const __m256i *)ymem)
I _mm_maskload_epi32((const int *)(ymem + 4), ic)
Y _mm256_maskload_epi32((const int *)(ymem + 4), yc)
I _mm_maskload_epi64((const long long *)(ymem + 8), ic)
Y _mm256_maskload_epi64((const long long *)(ymem + 8), yc)
M _mm_maskstore_epi32((int *)(scratch + 4), ic, ia)
M _mm256_maskstore_epi32((int *)scratch, yc, ya)
M _mm_maskstore_epi64((long long *)(scratch + 8), ic, ia)
M _mm256_maskstore_epi64((long long *)scratch, yc, ya)
I _mm_i32gather_epi32((const int *)gbase, gidx32_128, {}) | 1 2 4 8
Y _mm256_i32gather_epi32((const int *)gbase, gidx32, {}) | 1 2 4 8
I _mm_mask_i32gather_epi32(ib, (const int *)gbase, gidx32_128, ic, {}) | 1 8
Y _mm256_mask_i32gather_epi32(yb, (const int *)gbase, gidx32, yc, {}) | 1 8
P _mm_i32gather_ps((const float *)gbase, gidx32_128, {}) | 1 4
S _mm256_i32gather_ps((const float *)gbase, gidx32, {}) | 1 4
P _mm_mask_i32gather_ps(pb, (const float *)gbase, gidx32_128, pc, {}) | 2 4
S _mm256_mask_i32gather_ps(fb, (const float *)gbase, gidx32, fc, {}) | 2 4
I _mm_i64gather_epi32((const int *)gbase, gidx64_128, {}) | 1 2 4 8
I _mm256_i64gather_epi32((const int *)gbase, gidx64, {}) | 1 2 4 8
I _mm_mask_i64gather_epi32(ib, (const int *)gbase, gidx64_128, ic, {}) | 1 8
I _mm256_mask_i64gather_epi32(ib, (const int *)gbase, gidx64, ic, {}) | 1 8
P _mm_i64gather_ps((const float *)gbase, gidx64_128, {}) | 4 8
P _mm256_i64gather_ps((const float *)gbase, gidx64, {}) | 4 8
P _mm_mask_i64gather_ps(pb, (const float *)gbase, gidx64_128, pc, {}) | 4
P _mm256_mask_i64gather_ps(pb, (const float *)gbase, gidx64, pc, {}) | 4
I _mm_i32gather_epi64((const long long *)gbase, gidx32_128, {}) | 1 2 4 8
Y _mm256_i32gather_epi64((const long long *)gbase, gidx32_128, {}) | 1 2 4 8
I _mm_mask_i32gather_epi64(ib, (const long long *)gbase, gidx32_128, ic, {}) | 1 8
Y _mm256_mask_i32gather_epi64(yb, (const long long *)gbase, gidx32_128, yc, {}) | 1 8
D _mm_i32gather_pd((const double *)gbase, gidx32_128, {}) | 4 8
E _mm256_i32gather_pd((const double *)gbase, gidx32_128, {}) | 4 8
D _mm_mask_i32gather_pd(db, (const double *)gbase, gidx32_128, dc, {}) | 8
E _mm256_mask_i32gather_pd(gb, (const double *)gbase, gidx32_128, gc, {}) | 8
I _mm_i64gather_epi64((const long long *)gbase, gidx64_128, {}) | 1 2 4 8
Y _mm256_i64gather_epi64((const long long *)gbase, gidx64, {}) | 1 2 4 8
I _mm_mask_i64gather_epi64(ib, (const long long *)gbase, gidx64_128, ic, {}) | 1 8
Y _mm256_mask_i64gather_epi64(yb, (const long long *)gbase, gidx64, yc, {}) | 1 8
D _mm_i64gather_pd((const double *)gbase, gidx64_128, {}) | 4 8
E _mm256_i64gather_pd((const double *)gbase, gidx64, {}) | 4 8
D _mm_mask_i64gather_pd(db, (const double *)gbase, gidx64_128, dc, {}) | 8
E _mm256_mask_i64gather_pd(gb, (const double *)gbase, gidx64, gc, {}) | 8
P _mm_fmadd_ps(pa, pb, pc) !nan
P _mm_fmsub_ps(pa, pb, pc) !nan
P _mm_fnmadd_ps(pa, pb, pc) !nan
P _mm_fnmsub_ps(pa, pb, pc) !nan
P _mm_fmaddsub_ps(pa, pb, pc) !nan
P _mm_fmsubadd_ps(pa, pb, pc) !nan
P _mm_fmadd_ss(pa, pb, pc) !nan
P _mm_fmsub_ss(pa, pb, pc) !nan
P _mm_fnmadd_ss(pa, pb, pc) !nan
P _mm_fnmsub_ss(pa, pb, pc) !nan
D _mm_fmadd_pd(da, db, dc) !nan
D _mm_fmsub_pd(da, db, dc) !nan
D _mm_fnmadd_pd(da, db, dc) !nan
D _mm_fnmsub_pd(da, db, dc) !nan
D _mm_fmaddsub_pd(da, db, dc) !nan
D _mm_fmsubadd_pd(da, db, dc) !nan
D _mm_fmadd_sd(da, db, dc) !nan
D _mm_fmsub_sd(da, db, dc) !nan
D _mm_fnmadd_sd(da, db, dc) !nan
D _mm_fnmsub_sd(da, db, dc) !nan
S _mm256_fmadd_ps(fa, fb, fc) !nan
S _mm256_fmsub_ps(fa, fb, fc) !nan
S _mm256_fnmadd_ps(fa, fb, fc) !nan
S _mm256_fnmsub_ps(fa, fb, fc) !nan
S _mm256_fmaddsub_ps(fa, fb, fc) !nan
S _mm256_fmsubadd_ps(fa, fb, fc) !nan
E _mm256_fmadd_pd(ga, gb, gc) !nan
E _mm256_fmsub_pd(ga, gb, gc) !nan
E _mm256_fnmadd_pd(ga, gb, gc) !nan
E _mm256_fnmsub_pd(ga, gb, gc) !nan
E _mm256_fmaddsub_pd(ga, gb, gc) !nan
E _mm256_fmsubadd_pd(ga, gb, gc) !nan
P _mm_cvtph_ps(ia)
S _mm256_cvtph_ps(ia)
I _mm_cvtps_ph(pa, {}) | 0 1 2 3 4 5 6 7 8 11 12
I _mm256_cvtps_ph(fa, {}) | 0 1 2 3 4 8 9 10 11 12
f _cvtsh_ss((unsigned short)s32)
f _cvtsh_ss((unsigned short)((__v8hu)ia)[1])
h _cvtss_sh(f32, {}) | 0 1 2 3 4
h _cvtss_sh(pa[1], {}) | 0 1 2 3 4
"""  # noqa: E501 (C, one call site a line)


@dataclass(frozen=True)
class Site:
    """One call site of the battery."""

    index: int
    kind: str
    code: str
    tag: str
    avx: bool = False

    @property
    def name(self) -> str:
        """The intrinsic (or macro) the site is about, for messages."""
        found = re.search(r"(_mm_\w+|_mm256_\w+|_MM_\w+|_popcnt\w+|_cvt\w+)", self.code)
        assert found, self.code
        return found[1]


def sites() -> list[Site]:
    out: list[Site] = []
    for avx, text in ((False, SITES), (True, AVX_SITES)):
        for line in text.strip().splitlines():
            found = re.search(r" !(nan|approx)$", line)
            tag = found[1] if found else ""
            line = line[: found.start()] if found else line
            line, _, imms = line.partition(" | ")
            kind, code = line.split(" ", 1)
            for imm in imms.split() or [""]:
                out.append(Site(len(out), kind, code.replace("{}", imm), tag, avx))
    return out


def emulated_names() -> set[str]:
    """Every intrinsic function or macro the softintrin headers define (not the ones
    declared unavailable), read from the headers themselves; not those of ISA_HEADERS."""
    names: set[str] = set()
    for header in SOFTINTRIN.glob("*.h"):
        if header.name in ISA_HEADERS:
            continue
        text = header.read_text()
        names |= set(
            re.findall(r"__ECSI_FN [\w *]+?\b(_mm_\w+|_mm256_\w+|_cvt\w+|_popcnt\w+)\(", text)
        )
        names |= set(re.findall(r"^static __inline__.*?\b(_mm_\w+)\(", text, re.M | re.S))
        names |= set(re.findall(r"^#define (_mm_\w+|_mm256_\w+|_MM_\w+)\(", text, re.M))
    return names


def _statement(site: Site) -> str:
    if site.kind == "M":
        return f"fill(scratch); {site.code}; put(slot, scratch, 32);"
    *before, value = site.code.rsplit("; ", 1) if "; " in site.code else ["", site.code]
    prefix = f"{before[0]}; " if before and before[0] else ""
    return f"{prefix}{TYPES[site.kind]} result_ = {value}; put(slot, &result_, sizeof result_);"


def _line(site: Site) -> str:
    return f"  slot = out + ((size_t){site.index} * n + r) * {SLOT}; {{ {_statement(site)} }}"


def source() -> str:
    """The battery's C source."""
    body = "\n".join(_line(s) for s in sites() if not s.avx)
    avx_body = "\n".join(_line(s) for s in sites() if s.avx)
    return f"""/* Generated by tests/support/softintrin_battery.py. */
#include <stddef.h>
#ifndef EC_BATTERY_AVX
#define EC_BATTERY_AVX 1
#endif
#if defined(_M_X64) || defined(__x86_64__)
#ifndef _WIN32
/* What ucrtbase.dll gives Windows code, for softintrin's _mm_malloc on Linux. */
void *_aligned_malloc(size_t size, size_t align);
void _aligned_free(void *p);
#endif
#include <x86intrin.h>
#ifndef __EC_SOFTINTRIN_H
/* MSVC's (and GCC's) other names, which clang's headers lack: the reference is the
 * intrinsic they name. */
#define _mm_cvtsd_si64x _mm_cvtsd_si64
#define _mm_cvttsd_si64x _mm_cvttsd_si64
#define _mm_cvtsi64x_sd _mm_cvtsi64_sd
#define _mm_cvtsi128_si64x _mm_cvtsi128_si64
#define _mm_cvtsi64x_si128 _mm_cvtsi64_si128
#endif
#ifndef _WIN32
#include <stdlib.h>
void *_aligned_malloc(size_t size, size_t align) {{
  void *p = 0;
  return posix_memalign(&p, align, size) ? 0 : p;
}}
void _aligned_free(void *p) {{ free(p); }}
#endif

#if EC_BATTERY_AVX
/* 256-bit inputs from two 128-bit ones, and element views, without intrinsics. */
typedef long long ecb_i64x2 __attribute__((vector_size(16)));
typedef long long ecb_i64x4 __attribute__((vector_size(32)));
typedef unsigned long long ecb_u64x4 __attribute__((vector_size(32)));
typedef int ecb_i32x8 __attribute__((vector_size(32)));
typedef unsigned int ecb_u32x8 __attribute__((vector_size(32)));
static __m256i ecb_join(__m128i lo, __m128i hi) {{
  return (__m256i)__builtin_shufflevector((ecb_i64x2)lo, (ecb_i64x2)hi, 0, 1, 2, 3);
}}
static __m128i ecb_low(__m256i a) {{
  return (__m128i)__builtin_shufflevector((ecb_i64x4)a, (ecb_i64x4)a, 0, 1);
}}
#endif

/* Byte copies through volatile: never turned into memcpy calls. */
static void put(unsigned char *dst, const void *src, size_t size) {{
  const volatile unsigned char *s = (const volatile unsigned char *)src;
  for (size_t i = 0; i < size; i++) dst[i] = s[i];
}}
static void fill(unsigned char *p) {{
  volatile unsigned char *d = p;
  for (int i = 0; i < 32; i++) d[i] = (unsigned char)(0xe5 ^ i);
}}

#ifdef _WIN32
__declspec(dllexport)
#endif
void battery(const unsigned char *in, unsigned char *out, int n) {{
  for (int r = 0; r < n; r++) {{
    struct {{
      __m128i a, b, c, cv;
      unsigned char mem[64];
      int s32, cnt;
      long long s64;
      float f32;
      double f64;
    }} rec __attribute__((aligned(32)));
    unsigned char scratch[32] __attribute__((aligned(32)));
    put((unsigned char *)&rec, in + (size_t)r * {RECORD}, sizeof rec);
    __m128i ia = rec.a, ib = rec.b, ic = rec.c, cv = rec.cv;
    __m128 pa = (__m128)ia, pb = (__m128)ib, pc = (__m128)ic;
    __m128d da = (__m128d)ia, db = (__m128d)ib, dc = (__m128d)ic;
    unsigned char *mem = rec.mem, *slot;
    int s32 = rec.s32, cnt = rec.cnt;
    long long s64 = rec.s64;
    float f32 = rec.f32;
    double f64 = rec.f64;
    (void)pc; (void)dc;
{body}
#if EC_BATTERY_AVX
    __m256i ya = ecb_join(ia, ib), yb = ecb_join(ib, ic), yc = ecb_join(ic, ia);
    __m256 fa = (__m256)ya, fb = (__m256)yb, fc = (__m256)yc;
    __m256d ga = (__m256d)ya, gb = (__m256d)yb, gc = (__m256d)yc;
    unsigned char *ymem = rec.mem;
    const unsigned char *gbase = rec.mem + 24;
    __m256i gidx32 = (__m256i)(((ecb_i32x8)yb & 7) - 3);
    __m256i gidx64 = (__m256i)(((ecb_i64x4)yb & 7) - 3);
    __m256i vcnt = (__m256i)((ecb_u32x8)yb % 40), vcnt64 = (__m256i)((ecb_u64x4)yb % 72);
    __m128i gidx32_128 = ecb_low(gidx32), gidx64_128 = ecb_low(gidx64);
    __m128i vcnt128 = ecb_low(vcnt), vcnt64_128 = ecb_low(vcnt64);
{avx_body}
#endif
  }}
}}
#else
/* The native ARM64 view of an Arm64X build: no x86 intrinsics, and softintrin's folder
 * must not be on its include path. */
#if __has_include(<__ec_softintrin.h>)
#error "softintrin headers reached a native ARM64 compile"
#endif
__declspec(dllexport) void battery(const unsigned char *in, unsigned char *out, int n) {{
  (void)in; (void)out; (void)n;
}}
#endif
"""


# Inputs.
_F32_EDGES = [
    0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 3.5, -0.5, 0.49999997, 65535.5,
    math.inf, -math.inf, 2147483520.0, 2147483648.0, -2147483648.0, -2147483904.0,
    1e10, -1e10, 9.223372036854775808e18, -9.223372036854775808e18, 1.0e-30, 3.4028235e38,
    -3.4028235e38,
    # Around half precision's limits and rounding points (F16C).
    65504.0, 65519.996, 65520.0, -65520.0, 2.0**-24, -(2.0**-25), 2.0**-25 + 2.0**-40, 2.0**-14,
    1.0 + 2.0**-11, 1.0 + 3 * 2.0**-11, -(1.0 + 2.0**-11), 6.1e-5,
]  # fmt: skip
_F32_BITS = [0x7FC00000, 0x7FC12345, 0xFFC00000, 0x7F800001, 0xFF812345, 0x00000001, 0x80000003]
_F64_EDGES = [
    0.0, -0.0, 1.0, -1.0, 0.5, 2.5, -2.5, 3.5, -0.5, math.inf, -math.inf,
    2147483647.0, 2147483647.4, 2147483647.5, 2147483648.0, -2147483648.0, -2147483648.5,
    -2147483649.0, 9.223372036854775808e18, 9.223372036854774784e18, -9.223372036854775808e18,
    -9.3e18, 1e300, -1e-300, 1.7976931348623157e308,
]  # fmt: skip
_F64_BITS = [0x7FF8000000000000, 0x7FF8000000012345, 0xFFF8000000000000, 0x7FF0000000000001,
             0x0000000000000001, 0x8000000000000002]  # fmt: skip
_INT_EDGES = {
    1: [0, 1, 0x7F, 0x80, 0xFF, 0xFE, 0x81, 0x40],
    2: [0, 1, 0x7FFF, 0x8000, 0xFFFF, 0xFFFE, 0x8001, 0x00FF, 0x0100, 0x4000,
        0x7C00, 0xFC00, 0x7E00, 0x7C01, 0x7D00, 0x03FF, 0x0400, 0x3C00],
    4: [0, 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0x8000FFFF, 0x00010000],
    8: [0, 1, 0x7FFFFFFFFFFFFFFF, 0x8000000000000000, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFF],
}  # fmt: skip
_COUNTS = [0, 1, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255, 256, 1000, -1, 0x7FFFFFFF]
_COUNTS64 = [0, 1, 15, 16, 17, 31, 32, 63, 64, 65, 2**32, 2**32 + 1, 2**63, 2**64 - 1]
_S32 = [0, 1, -1, -(2**31), 2**31 - 1, 0x12345678, -123456]
_S64 = [0, 1, -1, -(2**63), 2**63 - 1, 2**53 + 1, 0x123456789ABCDEF0, -(2**31)]


def _f32(values: list[float | int]) -> bytes:
    return b"".join(
        struct.pack("<I", v) if isinstance(v, int) else struct.pack("<f", v) for v in values
    )


def _f64(values: list[float | int]) -> bytes:
    return b"".join(
        struct.pack("<Q", v) if isinstance(v, int) else struct.pack("<d", v) for v in values
    )


def _ints(values: list[int], size: int) -> bytes:
    return b"".join((v % 2 ** (8 * size)).to_bytes(size, "little") for v in values)


def _record(a: bytes, b: bytes, c: bytes, k: int, rng: random.Random) -> bytes:
    count64 = _COUNTS64[k % len(_COUNTS64)]
    cv = count64.to_bytes(8, "little") + rng.randbytes(8)
    mem = rng.randbytes(64)
    scalars = struct.pack(
        "<iiqf4xd",
        _S32[k % len(_S32)],
        _COUNTS[k % len(_COUNTS)],
        _S64[k % len(_S64)],
        [1.5, -0.0, 3e38, -7.25][k % 4],
        [2.5, -0.0, -1e300, 1e-310][k % 4],
    )
    out = a + b + c + cv + mem + scalars
    assert len(out) == RECORD
    return out


def _cycle(values: list[float | int], start: int, count: int) -> list[float | int]:
    return [values[(start + i) % len(values)] for i in range(count)]


def records(seed: int, random_count: int) -> bytes:
    """Edge-case records (every pair of float edges meets in some lane, with -0.0, NaN
    and infinities against each other), then ``random_count`` random ones from
    ``seed``."""
    rng = random.Random(seed)
    out: list[bytes] = []
    f32 = _F32_EDGES + _F32_BITS
    for i in range(0, len(f32), 4):  # a: four edges; b: every edge, against each lane
        for j in range(0, len(f32), 2):
            a = _f32(_cycle(f32, i, 4))
            b = _f32(_cycle(f32, j, 4))
            c = _f32(_cycle(f32, i + j + 1, 4))
            out.append(_record(a, b, c, len(out), rng))
    f64 = _F64_EDGES + _F64_BITS
    for i in range(0, len(f64), 2):
        for j in range(len(f64)):
            a, b = _f64(_cycle(f64, i, 2)), _f64(_cycle(f64, j, 2))
            out.append(_record(a, b, _f64(_cycle(f64, i + j + 1, 2)), len(out), rng))
    for size, edges in _INT_EDGES.items():
        lanes = 16 // size
        for i in range(len(edges)):
            for j in range(0, len(edges), 2):
                a = _ints(_cycle(edges, i, lanes), size)
                b = _ints(_cycle(edges, j, lanes), size)
                out.append(_record(a, b, _ints(_cycle(edges, i + j, lanes), size), len(out), rng))
    for _ in range(random_count):
        if len(out) % 2:  # finite floats near integers and halves, and plain random bits
            floats = [
                rng.choice([1, -1]) * rng.randrange(0, 2**26) / rng.choice([1, 2, 4])
                for _ in range(12)
            ]
            a, b, c = _f32(floats[:4]), _f32(floats[4:8]), _f32(floats[8:])
        else:
            a, b, c = rng.randbytes(16), rng.randbytes(16), rng.randbytes(16)
        out.append(_record(a, b, c, len(out), rng))
    return b"".join(out)


def slot(output: bytes, site: Site, record: int, count: int) -> bytes:
    """The result bytes of ``site`` on ``record`` (of ``count``)."""
    start = (site.index * count + record) * SLOT
    size = {"I": 16, "P": 16, "D": 16, "i": 4, "u": 4, "f": 4, "l": 8, "q": 8, "d": 8, "M": 32}
    size |= {"h": 2, "Y": 32, "S": 32, "E": 32}
    return output[start : start + size[site.kind]]


def _float_lanes(data: bytes, kind: str) -> list[float]:
    form = f"<{len(data) // 8}d" if kind in "DdE" else f"<{len(data) // 4}f"
    return list(struct.unpack(form, data))


def _is_nan_lane(data: bytes, kind: str) -> list[bool]:
    return [math.isnan(v) for v in _float_lanes(data, kind)]


def _lanes(data: bytes, kind: str) -> list[bytes]:
    width = 8 if kind in "DdE" else 4
    return [data[i : i + width] for i in range(0, len(data), width)]


def approx_equal(real: bytes, ours: bytes, a: bytes) -> bool:
    """rcp/rsqrt: x86 approximates (relative error <= 1.5 * 2^-12) and flushes tiny
    results and denormal inputs; softintrin's are exact."""
    for x, r, o in zip(_float_lanes(a, "P"), _float_lanes(real, "P"), _float_lanes(ours, "P")):
        if abs(x) < 2.0**-126 or abs(x) >= 2.0**125:
            continue  # x86 treats denormals as 0 and flushes tiny results
        if math.isnan(r) or math.isnan(o):
            if not (math.isnan(r) and math.isnan(o)):
                return False
        elif math.isinf(r) or math.isinf(o) or r == 0 or o == 0:
            if r != o:
                return False
        elif abs(r - o) > 1.5 * 2.0**-12 * abs(o):
            return False
    return True


def mismatches(
    expected: bytes, got: bytes, data: bytes, count: int, limit: int = 20, avx: bool = True
) -> list[str]:
    """Sites whose result differs, with the record's inputs (the AVX ones only if
    ``avx``).  Sites tagged nan may give another NaN where x86 gives one: LLVM keeps no
    NaN payload through arithmetic (it commutes operands), and ARM's default NaN is not
    x86's."""
    out = []
    for site in sites():
        if site.avx and not avx:
            continue
        for r in range(count):
            want, have = slot(expected, site, r, count), slot(got, site, r, count)
            if want == have:
                continue
            # The first operand: a, or a:b for 256-bit sites.
            a = data[r * RECORD : r * RECORD + (32 if site.kind == "S" else 16)]
            if site.tag == "approx" and approx_equal(want, have, a):
                continue
            if site.tag == "nan":
                same = [
                    w == h or (wn and hn)
                    for w, h, wn, hn in zip(
                        _lanes(want, site.kind),
                        _lanes(have, site.kind),
                        _is_nan_lane(want, site.kind),
                        _is_nan_lane(have, site.kind),
                    )
                ]
                if all(same):
                    continue
            record = data[r * RECORD : (r + 1) * RECORD]
            out.append(
                f"{site.code} on record {r} (a={record[_A:_B].hex()} b={record[_B:_C].hex()} "
                f"c={record[_C:_CV].hex()} cv={record[_CV:_MEM].hex()} "
                f"s32/cnt/s64={struct.unpack('<iiq', record[_SCALARS : _SCALARS + 16])}): "
                f"expected {want.hex()}, got {have.hex()}"
            )
            if len(out) >= limit:
                return out
    return out
