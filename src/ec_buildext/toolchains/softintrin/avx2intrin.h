/* ec-buildext softintrin (see __ec_softintrin.h and avxintrin.h): AVX2, the 256-bit
 * integer operations, gathers, broadcasts, variable shifts and cross-half permutes.
 * cpuid reports no AVX2: this is for code compiled for run-time dispatch. */
#ifndef __EC_SOFTINTRIN_AVX2INTRIN_H
#define __EC_SOFTINTRIN_AVX2INTRIN_H

#include <avxintrin.h>

/* The SSE operation f on each 128-bit half of a (and of b), with more arguments. */
#define __ECSI_HALF1(f, a, ...) __ecsi_join_si(f(__ecsi_lo_si(a), __VA_ARGS__), f(__ecsi_hi_si(a), __VA_ARGS__))
#define __ECSI_HALF1_(f, a) __ecsi_join_si(f(__ecsi_lo_si(a)), f(__ecsi_hi_si(a)))

/* Element-wise arithmetic. */
__ECSI_FN __m256i _mm256_add_epi8(__m256i a, __m256i b) { return (__m256i)((__v32qu)a + (__v32qu)b); }
__ECSI_FN __m256i _mm256_add_epi16(__m256i a, __m256i b) { return (__m256i)((__v16hu)a + (__v16hu)b); }
__ECSI_FN __m256i _mm256_add_epi32(__m256i a, __m256i b) { return (__m256i)((__v8su)a + (__v8su)b); }
__ECSI_FN __m256i _mm256_add_epi64(__m256i a, __m256i b) { return (__m256i)((__v4du)a + (__v4du)b); }
__ECSI_FN __m256i _mm256_sub_epi8(__m256i a, __m256i b) { return (__m256i)((__v32qu)a - (__v32qu)b); }
__ECSI_FN __m256i _mm256_sub_epi16(__m256i a, __m256i b) { return (__m256i)((__v16hu)a - (__v16hu)b); }
__ECSI_FN __m256i _mm256_sub_epi32(__m256i a, __m256i b) { return (__m256i)((__v8su)a - (__v8su)b); }
__ECSI_FN __m256i _mm256_sub_epi64(__m256i a, __m256i b) { return (__m256i)((__v4du)a - (__v4du)b); }
__ECSI_FN __m256i _mm256_adds_epi8(__m256i a, __m256i b) { return (__m256i)__builtin_elementwise_add_sat((__v32qs)a, (__v32qs)b); }
__ECSI_FN __m256i _mm256_adds_epi16(__m256i a, __m256i b) { return (__m256i)__builtin_elementwise_add_sat((__v16hi)a, (__v16hi)b); }
__ECSI_FN __m256i _mm256_adds_epu8(__m256i a, __m256i b) { return (__m256i)__builtin_elementwise_add_sat((__v32qu)a, (__v32qu)b); }
__ECSI_FN __m256i _mm256_adds_epu16(__m256i a, __m256i b) { return (__m256i)__builtin_elementwise_add_sat((__v16hu)a, (__v16hu)b); }
__ECSI_FN __m256i _mm256_subs_epi8(__m256i a, __m256i b) { return (__m256i)__builtin_elementwise_sub_sat((__v32qs)a, (__v32qs)b); }
__ECSI_FN __m256i _mm256_subs_epi16(__m256i a, __m256i b) { return (__m256i)__builtin_elementwise_sub_sat((__v16hi)a, (__v16hi)b); }
__ECSI_FN __m256i _mm256_subs_epu8(__m256i a, __m256i b) { return (__m256i)__builtin_elementwise_sub_sat((__v32qu)a, (__v32qu)b); }
__ECSI_FN __m256i _mm256_subs_epu16(__m256i a, __m256i b) { return (__m256i)__builtin_elementwise_sub_sat((__v16hu)a, (__v16hu)b); }
__ECSI_FN __m256i _mm256_abs_epi8(__m256i a) { return __ECSI_HALF1_(_mm_abs_epi8, a); }
__ECSI_FN __m256i _mm256_abs_epi16(__m256i a) { return __ECSI_HALF1_(_mm_abs_epi16, a); }
__ECSI_FN __m256i _mm256_abs_epi32(__m256i a) { return __ECSI_HALF1_(_mm_abs_epi32, a); }
__ECSI_FN __m256i _mm256_avg_epu8(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_avg_epu8, a, b); }
__ECSI_FN __m256i _mm256_avg_epu16(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_avg_epu16, a, b); }
__ECSI_FN __m256i _mm256_max_epi8(__m256i a, __m256i b) { return (__m256i)__builtin_elementwise_max((__v32qs)a, (__v32qs)b); }
__ECSI_FN __m256i _mm256_max_epi16(__m256i a, __m256i b) { return (__m256i)__builtin_elementwise_max((__v16hi)a, (__v16hi)b); }
__ECSI_FN __m256i _mm256_max_epi32(__m256i a, __m256i b) { return (__m256i)__builtin_elementwise_max((__v8si)a, (__v8si)b); }
__ECSI_FN __m256i _mm256_max_epu8(__m256i a, __m256i b) { return (__m256i)__builtin_elementwise_max((__v32qu)a, (__v32qu)b); }
__ECSI_FN __m256i _mm256_max_epu16(__m256i a, __m256i b) { return (__m256i)__builtin_elementwise_max((__v16hu)a, (__v16hu)b); }
__ECSI_FN __m256i _mm256_max_epu32(__m256i a, __m256i b) { return (__m256i)__builtin_elementwise_max((__v8su)a, (__v8su)b); }
__ECSI_FN __m256i _mm256_min_epi8(__m256i a, __m256i b) { return (__m256i)__builtin_elementwise_min((__v32qs)a, (__v32qs)b); }
__ECSI_FN __m256i _mm256_min_epi16(__m256i a, __m256i b) { return (__m256i)__builtin_elementwise_min((__v16hi)a, (__v16hi)b); }
__ECSI_FN __m256i _mm256_min_epi32(__m256i a, __m256i b) { return (__m256i)__builtin_elementwise_min((__v8si)a, (__v8si)b); }
__ECSI_FN __m256i _mm256_min_epu8(__m256i a, __m256i b) { return (__m256i)__builtin_elementwise_min((__v32qu)a, (__v32qu)b); }
__ECSI_FN __m256i _mm256_min_epu16(__m256i a, __m256i b) { return (__m256i)__builtin_elementwise_min((__v16hu)a, (__v16hu)b); }
__ECSI_FN __m256i _mm256_min_epu32(__m256i a, __m256i b) { return (__m256i)__builtin_elementwise_min((__v8su)a, (__v8su)b); }
__ECSI_FN __m256i _mm256_mul_epi32(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_mul_epi32, a, b); }
__ECSI_FN __m256i _mm256_mul_epu32(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_mul_epu32, a, b); }
__ECSI_FN __m256i _mm256_mulhi_epi16(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_mulhi_epi16, a, b); }
__ECSI_FN __m256i _mm256_mulhi_epu16(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_mulhi_epu16, a, b); }
__ECSI_FN __m256i _mm256_mulhrs_epi16(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_mulhrs_epi16, a, b); }
__ECSI_FN __m256i _mm256_mullo_epi16(__m256i a, __m256i b) { return (__m256i)((__v16hu)a * (__v16hu)b); }
__ECSI_FN __m256i _mm256_mullo_epi32(__m256i a, __m256i b) { return (__m256i)((__v8su)a * (__v8su)b); }
__ECSI_FN __m256i _mm256_madd_epi16(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_madd_epi16, a, b); }
__ECSI_FN __m256i _mm256_maddubs_epi16(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_maddubs_epi16, a, b); }
__ECSI_FN __m256i _mm256_sad_epu8(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_sad_epu8, a, b); }
__ECSI_FN __m256i _mm256_sign_epi8(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_sign_epi8, a, b); }
__ECSI_FN __m256i _mm256_sign_epi16(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_sign_epi16, a, b); }
__ECSI_FN __m256i _mm256_sign_epi32(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_sign_epi32, a, b); }
__ECSI_FN __m256i _mm256_hadd_epi16(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_hadd_epi16, a, b); }
__ECSI_FN __m256i _mm256_hadd_epi32(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_hadd_epi32, a, b); }
__ECSI_FN __m256i _mm256_hadds_epi16(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_hadds_epi16, a, b); }
__ECSI_FN __m256i _mm256_hsub_epi16(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_hsub_epi16, a, b); }
__ECSI_FN __m256i _mm256_hsub_epi32(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_hsub_epi32, a, b); }
__ECSI_FN __m256i _mm256_hsubs_epi16(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_hsubs_epi16, a, b); }
/* Per half: a's bytes from 4 * imm[2] (imm[5] for the upper half) against b's four
 * from 4 * imm[1:0] (imm[4:3]). */
__ECSI_FN __m256i _mm256_mpsadbw_epu8(__m256i a, __m256i b, int imm) {
  return __ecsi_join_si(_mm_mpsadbw_epu8(__ecsi_lo_si(a), __ecsi_lo_si(b), imm),
                        _mm_mpsadbw_epu8(__ecsi_hi_si(a), __ecsi_hi_si(b), imm >> 3));
}

/* Bitwise and comparisons. */
__ECSI_FN __m256i _mm256_and_si256(__m256i a, __m256i b) { return (__m256i)((__v4du)a & (__v4du)b); }
__ECSI_FN __m256i _mm256_andnot_si256(__m256i a, __m256i b) { return (__m256i)(~(__v4du)a & (__v4du)b); }
__ECSI_FN __m256i _mm256_or_si256(__m256i a, __m256i b) { return (__m256i)((__v4du)a | (__v4du)b); }
__ECSI_FN __m256i _mm256_xor_si256(__m256i a, __m256i b) { return (__m256i)((__v4du)a ^ (__v4du)b); }
__ECSI_FN __m256i _mm256_cmpeq_epi8(__m256i a, __m256i b) { return (__m256i)((__v32qs)a == (__v32qs)b); }
__ECSI_FN __m256i _mm256_cmpeq_epi16(__m256i a, __m256i b) { return (__m256i)((__v16hi)a == (__v16hi)b); }
__ECSI_FN __m256i _mm256_cmpeq_epi32(__m256i a, __m256i b) { return (__m256i)((__v8si)a == (__v8si)b); }
__ECSI_FN __m256i _mm256_cmpeq_epi64(__m256i a, __m256i b) { return (__m256i)((__v4di)a == (__v4di)b); }
__ECSI_FN __m256i _mm256_cmpgt_epi8(__m256i a, __m256i b) { return (__m256i)((__v32qs)a > (__v32qs)b); }
__ECSI_FN __m256i _mm256_cmpgt_epi16(__m256i a, __m256i b) { return (__m256i)((__v16hi)a > (__v16hi)b); }
__ECSI_FN __m256i _mm256_cmpgt_epi32(__m256i a, __m256i b) { return (__m256i)((__v8si)a > (__v8si)b); }
__ECSI_FN __m256i _mm256_cmpgt_epi64(__m256i a, __m256i b) { return (__m256i)((__v4di)a > (__v4di)b); }
__ECSI_FN int _mm256_movemask_epi8(__m256i a) {
  return (int)((unsigned int)_mm_movemask_epi8(__ecsi_lo_si(a)) |
               ((unsigned int)_mm_movemask_epi8(__ecsi_hi_si(a)) << 16));
}

/* Shifts: by an immediate, by the low 64 bits of a vector (every lane the same count),
 * and by each lane's own count (v); a count past the width gives 0 (or the sign). */
__ECSI_FN __m256i _mm256_slli_epi16(__m256i a, int n) { return __ECSI_HALF1(_mm_slli_epi16, a, n); }
__ECSI_FN __m256i _mm256_slli_epi32(__m256i a, int n) { return __ECSI_HALF1(_mm_slli_epi32, a, n); }
__ECSI_FN __m256i _mm256_slli_epi64(__m256i a, int n) { return __ECSI_HALF1(_mm_slli_epi64, a, n); }
__ECSI_FN __m256i _mm256_srli_epi16(__m256i a, int n) { return __ECSI_HALF1(_mm_srli_epi16, a, n); }
__ECSI_FN __m256i _mm256_srli_epi32(__m256i a, int n) { return __ECSI_HALF1(_mm_srli_epi32, a, n); }
__ECSI_FN __m256i _mm256_srli_epi64(__m256i a, int n) { return __ECSI_HALF1(_mm_srli_epi64, a, n); }
__ECSI_FN __m256i _mm256_srai_epi16(__m256i a, int n) { return __ECSI_HALF1(_mm_srai_epi16, a, n); }
__ECSI_FN __m256i _mm256_srai_epi32(__m256i a, int n) { return __ECSI_HALF1(_mm_srai_epi32, a, n); }
__ECSI_FN __m256i _mm256_sll_epi16(__m256i a, __m128i c) { return __ECSI_HALF1(_mm_sll_epi16, a, c); }
__ECSI_FN __m256i _mm256_sll_epi32(__m256i a, __m128i c) { return __ECSI_HALF1(_mm_sll_epi32, a, c); }
__ECSI_FN __m256i _mm256_sll_epi64(__m256i a, __m128i c) { return __ECSI_HALF1(_mm_sll_epi64, a, c); }
__ECSI_FN __m256i _mm256_srl_epi16(__m256i a, __m128i c) { return __ECSI_HALF1(_mm_srl_epi16, a, c); }
__ECSI_FN __m256i _mm256_srl_epi32(__m256i a, __m128i c) { return __ECSI_HALF1(_mm_srl_epi32, a, c); }
__ECSI_FN __m256i _mm256_srl_epi64(__m256i a, __m128i c) { return __ECSI_HALF1(_mm_srl_epi64, a, c); }
__ECSI_FN __m256i _mm256_sra_epi16(__m256i a, __m128i c) { return __ECSI_HALF1(_mm_sra_epi16, a, c); }
__ECSI_FN __m256i _mm256_sra_epi32(__m256i a, __m128i c) { return __ECSI_HALF1(_mm_sra_epi32, a, c); }
/* Counts are unsigned: 32 (64) and more shift everything out.  Lanes whose count is
 * out of range shift by 0 and are then replaced, so no shift is undefined in C. */
#define __ECSI_SHIFTV_BIG(utype, n, width) ((utype)((utype)(n) > (width) - 1))
#define __ECSI_SHIFTV(utype, op, a, n, width) \
  (((utype)(a) op ((utype)(n) & ~__ECSI_SHIFTV_BIG(utype, n, width))) & ~__ECSI_SHIFTV_BIG(utype, n, width))
__ECSI_FN __m128i _mm_sllv_epi32(__m128i a, __m128i n) {
  return (__m128i)__ECSI_SHIFTV(__v4su, <<, a, n, 32);
}
__ECSI_FN __m256i _mm256_sllv_epi32(__m256i a, __m256i n) {
  return (__m256i)__ECSI_SHIFTV(__v8su, <<, a, n, 32);
}
__ECSI_FN __m128i _mm_sllv_epi64(__m128i a, __m128i n) {
  return (__m128i)__ECSI_SHIFTV(__v2du, <<, a, n, 64);
}
__ECSI_FN __m256i _mm256_sllv_epi64(__m256i a, __m256i n) {
  return (__m256i)__ECSI_SHIFTV(__v4du, <<, a, n, 64);
}
__ECSI_FN __m128i _mm_srlv_epi32(__m128i a, __m128i n) {
  return (__m128i)__ECSI_SHIFTV(__v4su, >>, a, n, 32);
}
__ECSI_FN __m256i _mm256_srlv_epi32(__m256i a, __m256i n) {
  return (__m256i)__ECSI_SHIFTV(__v8su, >>, a, n, 32);
}
__ECSI_FN __m128i _mm_srlv_epi64(__m128i a, __m128i n) {
  return (__m128i)__ECSI_SHIFTV(__v2du, >>, a, n, 64);
}
__ECSI_FN __m256i _mm256_srlv_epi64(__m256i a, __m256i n) {
  return (__m256i)__ECSI_SHIFTV(__v4du, >>, a, n, 64);
}
/* Arithmetic: a count of 32 or more fills each lane with its sign (a shift by 31). */
__ECSI_FN __m128i _mm_srav_epi32(__m128i a, __m128i n) {
  __v4su c = __builtin_elementwise_min((__v4su)n, __ECSI_SPLAT(__v4su, 31));
  return (__m128i)((__v4si)a >> (__v4si)c);
}
__ECSI_FN __m256i _mm256_srav_epi32(__m256i a, __m256i n) {
  __v8su c = __builtin_elementwise_min((__v8su)n, __ECSI_SPLAT(__v8su, 31));
  return (__m256i)((__v8si)a >> (__v8si)c);
}
/* Byte shifts and byte alignment, within each half, by an 8-bit immediate. */
__ECSI_FN __m256i _mm256_bslli_epi128(__m256i a, int imm) {
  __v32qu v = (__v32qu)a, r;
  int n = imm & 0xff;
  for (int i = 0; i < 32; i++) r[i] = (i & 15) >= n ? v[i - n] : 0;
  return (__m256i)r;
}
__ECSI_FN __m256i _mm256_bsrli_epi128(__m256i a, int imm) {
  __v32qu v = (__v32qu)a, r;
  int n = imm & 0xff;
  for (int i = 0; i < 32; i++) r[i] = (i & 15) + n < 16 ? v[i + n] : 0;
  return (__m256i)r;
}
__ECSI_FN __m256i _mm256_slli_si256(__m256i a, int imm) { return _mm256_bslli_epi128(a, imm); }
__ECSI_FN __m256i _mm256_srli_si256(__m256i a, int imm) { return _mm256_bsrli_epi128(a, imm); }
/* Per half: bytes n.. of the 32 bytes (b's half low, a's high), zero past the end. */
__ECSI_FN __m256i _mm256_alignr_epi8(__m256i a, __m256i b, int imm) {
  __v32qu x = (__v32qu)a, y = (__v32qu)b, r;
  int n = imm & 0xff;
  for (int i = 0; i < 32; i++) {
    int at = (i & 15) + n, half = i & 16;
    r[i] = at < 16 ? y[half + at] : at < 32 ? x[half + at - 16] : 0;
  }
  return (__m256i)r;
}

/* Packs, unpacks, shuffles (within each half). */
__ECSI_FN __m256i _mm256_packs_epi16(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_packs_epi16, a, b); }
__ECSI_FN __m256i _mm256_packs_epi32(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_packs_epi32, a, b); }
__ECSI_FN __m256i _mm256_packus_epi16(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_packus_epi16, a, b); }
__ECSI_FN __m256i _mm256_packus_epi32(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_packus_epi32, a, b); }
__ECSI_FN __m256i _mm256_unpackhi_epi8(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_unpackhi_epi8, a, b); }
__ECSI_FN __m256i _mm256_unpackhi_epi16(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_unpackhi_epi16, a, b); }
__ECSI_FN __m256i _mm256_unpackhi_epi32(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_unpackhi_epi32, a, b); }
__ECSI_FN __m256i _mm256_unpackhi_epi64(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_unpackhi_epi64, a, b); }
__ECSI_FN __m256i _mm256_unpacklo_epi8(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_unpacklo_epi8, a, b); }
__ECSI_FN __m256i _mm256_unpacklo_epi16(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_unpacklo_epi16, a, b); }
__ECSI_FN __m256i _mm256_unpacklo_epi32(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_unpacklo_epi32, a, b); }
__ECSI_FN __m256i _mm256_unpacklo_epi64(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_unpacklo_epi64, a, b); }
__ECSI_FN __m256i _mm256_shuffle_epi8(__m256i a, __m256i b) { return __ECSI_HALVES_SI(_mm_shuffle_epi8, a, b); }
__ECSI_FN __m256i _mm256_shuffle_epi32(__m256i a, int imm) {
  __v8si v = (__v8si)a, r;
  for (int i = 0; i < 8; i++) r[i] = v[(i & 4) + ((imm >> (2 * (i & 3))) & 3)];
  return (__m256i)r;
}
__ECSI_FN __m256i _mm256_shufflelo_epi16(__m256i a, int imm) {
  __v16hi v = (__v16hi)a, r = v;
  for (int i = 0; i < 4; i++) {
    r[i] = v[(imm >> (2 * i)) & 3];
    r[8 + i] = v[8 + ((imm >> (2 * i)) & 3)];
  }
  return (__m256i)r;
}
__ECSI_FN __m256i _mm256_shufflehi_epi16(__m256i a, int imm) {
  __v16hi v = (__v16hi)a, r = v;
  for (int i = 0; i < 4; i++) {
    r[4 + i] = v[4 + ((imm >> (2 * i)) & 3)];
    r[12 + i] = v[12 + ((imm >> (2 * i)) & 3)];
  }
  return (__m256i)r;
}

/* Blends: b's lane where the immediate's bit (the same 8 bits for each half of 16-bit
 * lanes) or the mask byte's top bit is set. */
__ECSI_FN __m256i _mm256_blend_epi16(__m256i a, __m256i b, int imm) {
  __v16hi bits = {1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128};
  return (__m256i)__ECSI_SELECT((__ECSI_SPLAT(__v16hi, (short)imm) & bits) != 0, (__v16hi)b, (__v16hi)a);
}
__ECSI_FN __m128i _mm_blend_epi32(__m128i a, __m128i b, int imm) {
  __v4si m = (__ECSI_SPLAT(__v4si, imm) & (__v4si){1, 2, 4, 8}) != 0;
  return (__m128i)__ECSI_SELECT(m, (__v4si)b, (__v4si)a);
}
__ECSI_FN __m256i _mm256_blend_epi32(__m256i a, __m256i b, int imm) {
  return (__m256i)__ECSI_SELECT(__ECSI_IMM_MASK8(imm), (__v8si)b, (__v8si)a);
}
__ECSI_FN __m256i _mm256_blendv_epi8(__m256i a, __m256i b, __m256i m) {
  return (__m256i)__ECSI_SELECT((__v32qs)m < 0, (__v32qs)b, (__v32qs)a);
}

/* Across the halves. */
__ECSI_FN __m256i _mm256_permute2x128_si256(__m256i a, __m256i b, int imm) {
  return _mm256_permute2f128_si256(a, b, imm);
}
__ECSI_FN __m256i _mm256_permute4x64_epi64(__m256i a, int imm) {
  __m256i r;
  for (int i = 0; i < 4; i++) r[i] = a[(imm >> (2 * i)) & 3];
  return r;
}
__ECSI_FN __m256d _mm256_permute4x64_pd(__m256d a, int imm) {
  return (__m256d)_mm256_permute4x64_epi64((__m256i)a, imm);
}
__ECSI_FN __m256i _mm256_permutevar8x32_epi32(__m256i a, __m256i idx) {
  __v8si v = (__v8si)a, r;
  for (int i = 0; i < 8; i++) r[i] = v[((__v8si)idx)[i] & 7];
  return (__m256i)r;
}
__ECSI_FN __m256 _mm256_permutevar8x32_ps(__m256 a, __m256i idx) {
  return (__m256)_mm256_permutevar8x32_epi32((__m256i)a, idx);
}
__ECSI_FN __m128i _mm256_extracti128_si256(__m256i a, int imm) { return _mm256_extractf128_si256(a, imm); }
__ECSI_FN __m256i _mm256_inserti128_si256(__m256i a, __m128i b, int imm) {
  return _mm256_insertf128_si256(a, b, imm);
}

/* Broadcasts of the low lane. */
__ECSI_FN __m128 _mm_broadcastss_ps(__m128 a) { return __builtin_shufflevector((__v4sf)a, (__v4sf)a, 0, 0, 0, 0); }
__ECSI_FN __m128d _mm_broadcastsd_pd(__m128d a) { return __builtin_shufflevector((__v2df)a, (__v2df)a, 0, 0); }
__ECSI_FN __m256 _mm256_broadcastss_ps(__m128 a) {
  return __builtin_shufflevector((__v4sf)a, (__v4sf)a, 0, 0, 0, 0, 0, 0, 0, 0);
}
__ECSI_FN __m256d _mm256_broadcastsd_pd(__m128d a) {
  return __builtin_shufflevector((__v2df)a, (__v2df)a, 0, 0, 0, 0);
}
__ECSI_FN __m256i _mm256_broadcastsi128_si256(__m128i a) { return __ecsi_join_si(a, a); }
#define _mm_broadcastsi128_si256(a) _mm256_broadcastsi128_si256(a)
__ECSI_FN __m128i _mm_broadcastb_epi8(__m128i a) { return (__m128i)__ECSI_SPLAT(__v16qi, ((__v16qi)a)[0]); }
__ECSI_FN __m128i _mm_broadcastw_epi16(__m128i a) { return (__m128i)__ECSI_SPLAT(__v8hi, ((__v8hi)a)[0]); }
__ECSI_FN __m128i _mm_broadcastd_epi32(__m128i a) { return (__m128i)__ECSI_SPLAT(__v4si, ((__v4si)a)[0]); }
__ECSI_FN __m128i _mm_broadcastq_epi64(__m128i a) { return (__m128i)__ECSI_SPLAT(__v2di, a[0]); }
__ECSI_FN __m256i _mm256_broadcastb_epi8(__m128i a) { return (__m256i)__ECSI_SPLAT(__v32qi, ((__v16qi)a)[0]); }
__ECSI_FN __m256i _mm256_broadcastw_epi16(__m128i a) { return (__m256i)__ECSI_SPLAT(__v16hi, ((__v8hi)a)[0]); }
__ECSI_FN __m256i _mm256_broadcastd_epi32(__m128i a) { return (__m256i)__ECSI_SPLAT(__v8si, ((__v4si)a)[0]); }
__ECSI_FN __m256i _mm256_broadcastq_epi64(__m128i a) { return (__m256i)__ECSI_SPLAT(__v4di, a[0]); }

/* Widening: the low lanes of a, sign- or zero-extended. */
__ECSI_FN __m256i _mm256_cvtepi8_epi16(__m128i a) { return (__m256i)__builtin_convertvector((__v16qs)a, __v16hi); }
__ECSI_FN __m256i _mm256_cvtepu8_epi16(__m128i a) { return (__m256i)__builtin_convertvector((__v16qu)a, __v16hi); }
__ECSI_FN __m256i _mm256_cvtepi8_epi32(__m128i a) {
  return (__m256i)__builtin_convertvector(__builtin_shufflevector((__v16qs)a, (__v16qs)a, 0, 1, 2, 3, 4, 5, 6, 7), __v8si);
}
__ECSI_FN __m256i _mm256_cvtepu8_epi32(__m128i a) {
  return (__m256i)__builtin_convertvector(__builtin_shufflevector((__v16qu)a, (__v16qu)a, 0, 1, 2, 3, 4, 5, 6, 7), __v8si);
}
__ECSI_FN __m256i _mm256_cvtepi8_epi64(__m128i a) {
  return (__m256i)__builtin_convertvector(__builtin_shufflevector((__v16qs)a, (__v16qs)a, 0, 1, 2, 3), __v4di);
}
__ECSI_FN __m256i _mm256_cvtepu8_epi64(__m128i a) {
  return (__m256i)__builtin_convertvector(__builtin_shufflevector((__v16qu)a, (__v16qu)a, 0, 1, 2, 3), __v4di);
}
__ECSI_FN __m256i _mm256_cvtepi16_epi32(__m128i a) { return (__m256i)__builtin_convertvector((__v8hi)a, __v8si); }
__ECSI_FN __m256i _mm256_cvtepu16_epi32(__m128i a) { return (__m256i)__builtin_convertvector((__v8hu)a, __v8si); }
__ECSI_FN __m256i _mm256_cvtepi16_epi64(__m128i a) {
  return (__m256i)__builtin_convertvector(__builtin_shufflevector((__v8hi)a, (__v8hi)a, 0, 1, 2, 3), __v4di);
}
__ECSI_FN __m256i _mm256_cvtepu16_epi64(__m128i a) {
  return (__m256i)__builtin_convertvector(__builtin_shufflevector((__v8hu)a, (__v8hu)a, 0, 1, 2, 3), __v4di);
}
__ECSI_FN __m256i _mm256_cvtepi32_epi64(__m128i a) { return (__m256i)__builtin_convertvector((__v4si)a, __v4di); }
__ECSI_FN __m256i _mm256_cvtepu32_epi64(__m128i a) { return (__m256i)__builtin_convertvector((__v4su)a, __v4di); }

/* Loads and stores. */
__ECSI_FN __m256i _mm256_stream_load_si256(__m256i const *p) { return *p; }
__ECSI_FN __m128i _mm_maskload_epi32(int const *p, __m128i m) {
  return (__m128i)_mm_maskload_ps((float const *)p, m);
}
__ECSI_FN __m256i _mm256_maskload_epi32(int const *p, __m256i m) {
  return (__m256i)_mm256_maskload_ps((float const *)p, m);
}
__ECSI_FN __m128i _mm_maskload_epi64(long long const *p, __m128i m) {
  return (__m128i)_mm_maskload_pd((double const *)p, m);
}
__ECSI_FN __m256i _mm256_maskload_epi64(long long const *p, __m256i m) {
  return (__m256i)_mm256_maskload_pd((double const *)p, m);
}
__ECSI_FN void _mm_maskstore_epi32(int *p, __m128i m, __m128i a) { _mm_maskstore_ps((float *)p, m, (__m128)a); }
__ECSI_FN void _mm256_maskstore_epi32(int *p, __m256i m, __m256i a) { _mm256_maskstore_ps((float *)p, m, (__m256)a); }
__ECSI_FN void _mm_maskstore_epi64(long long *p, __m128i m, __m128i a) {
  _mm_maskstore_pd((double *)p, m, (__m128d)a);
}
__ECSI_FN void _mm256_maskstore_epi64(long long *p, __m256i m, __m256i a) {
  _mm256_maskstore_pd((double *)p, m, (__m256d)a);
}

/* Gathers: lane i from base + index[i] * scale (bytes), for the lanes whose mask has
 * its top bit set (all, without a mask); the others keep src's.  Lanes past the
 * indices are zero.  32-bit elements as bits, so a NaN is copied unchanged. */
typedef long long __ecsi_i64x8 __attribute__((__vector_size__(64)));
__ECSI_FN __v8si __ecsi_gather32(__v8si src, const void *base, __ecsi_i64x8 index, int count, __v8si mask,
                                 int scale) {
  __v8si r = {0, 0, 0, 0, 0, 0, 0, 0};
  for (int i = 0; i < count; i++)
    r[i] = mask[i] < 0 ? *(const __ecsi_i32_u *)((const char *)base + index[i] * scale) : src[i];
  return r;
}
__ECSI_FN __v4di __ecsi_gather64(__v4di src, const void *base, __ecsi_i64x8 index, int count, __v4di mask,
                                 int scale) {
  __v4di r = {0, 0, 0, 0};
  for (int i = 0; i < count; i++)
    r[i] = mask[i] < 0 ? *(const __ecsi_i64_u *)((const char *)base + index[i] * scale) : src[i];
  return r;
}
/* The indices as 64-bit values (32-bit ones sign-extended). */
__ECSI_FN __ecsi_i64x8 __ecsi_idx32(__v8si v) { return __builtin_convertvector(v, __ecsi_i64x8); }
__ECSI_FN __ecsi_i64x8 __ecsi_idx64(__v4di v) {
  return __builtin_shufflevector(v, (__v4di){0, 0, 0, 0}, 0, 1, 2, 3, 4, 5, 6, 7);
}
#define __ECSI_ALL8 ((__v8si){-1, -1, -1, -1, -1, -1, -1, -1})
#define __ECSI_ALL4 ((__v4di){-1, -1, -1, -1})
#define __ECSI_W8(x) __builtin_shufflevector((__v4si)(x), (__v4si)(x), 0, 1, 2, 3, 4, 5, 6, 7)
#define __ECSI_W4(x) __builtin_shufflevector((__v2di)(x), (__v2di)(x), 0, 1, 2, 3)
#define __ECSI_N4(x) __builtin_shufflevector((__v8si)(x), (__v8si)(x), 0, 1, 2, 3)
#define __ECSI_N2(x) __builtin_shufflevector((__v4di)(x), (__v4di)(x), 0, 1)
#define __ECSI_G32(src, base, idx, n, mask, s) __ecsi_gather32(src, base, idx, n, mask, s)
#define __ECSI_G64(src, base, idx, n, mask, s) __ecsi_gather64(src, base, idx, n, mask, s)

/* 32-bit elements, 32-bit indices. */
__ECSI_FN __m128i _mm_mask_i32gather_epi32(__m128i src, int const *base, __m128i idx, __m128i mask, int s) {
  __ecsi_i64x8 x = __ecsi_idx32(__ECSI_W8(idx));
  return (__m128i)__ECSI_N4(__ECSI_G32(__ECSI_W8(src), base, x, 4, __ECSI_W8(mask), s));
}
__ECSI_FN __m128i _mm_i32gather_epi32(int const *base, __m128i idx, int s) {
  return _mm_mask_i32gather_epi32(_mm_setzero_si128(), base, idx, _mm_set1_epi32(-1), s);
}
__ECSI_FN __m256i _mm256_mask_i32gather_epi32(__m256i src, int const *base, __m256i idx, __m256i mask, int s) {
  return (__m256i)__ECSI_G32((__v8si)src, base, __ecsi_idx32((__v8si)idx), 8, (__v8si)mask, s);
}
__ECSI_FN __m256i _mm256_i32gather_epi32(int const *base, __m256i idx, int s) {
  return _mm256_mask_i32gather_epi32(_mm256_setzero_si256(), base, idx, (__m256i)__ECSI_ALL8, s);
}
__ECSI_FN __m128 _mm_mask_i32gather_ps(__m128 src, float const *base, __m128i idx, __m128 mask, int s) {
  return (__m128)_mm_mask_i32gather_epi32((__m128i)src, (int const *)base, idx, (__m128i)mask, s);
}
__ECSI_FN __m128 _mm_i32gather_ps(float const *base, __m128i idx, int s) {
  return (__m128)_mm_i32gather_epi32((int const *)base, idx, s);
}
__ECSI_FN __m256 _mm256_mask_i32gather_ps(__m256 src, float const *base, __m256i idx, __m256 mask, int s) {
  return (__m256)_mm256_mask_i32gather_epi32((__m256i)src, (int const *)base, idx, (__m256i)mask, s);
}
__ECSI_FN __m256 _mm256_i32gather_ps(float const *base, __m256i idx, int s) {
  return (__m256)_mm256_i32gather_epi32((int const *)base, idx, s);
}
/* 32-bit elements, 64-bit indices: two (four) lanes, the rest zero. */
__ECSI_FN __m128i _mm_mask_i64gather_epi32(__m128i src, int const *base, __m128i idx, __m128i mask, int s) {
  __ecsi_i64x8 x = __ecsi_idx64(__ECSI_W4(idx));
  return (__m128i)__ECSI_N4(__ECSI_G32(__ECSI_W8(src), base, x, 2, __ECSI_W8(mask), s));
}
__ECSI_FN __m128i _mm_i64gather_epi32(int const *base, __m128i idx, int s) {
  return _mm_mask_i64gather_epi32(_mm_setzero_si128(), base, idx, _mm_set1_epi32(-1), s);
}
__ECSI_FN __m128i _mm256_mask_i64gather_epi32(__m128i src, int const *base, __m256i idx, __m128i mask, int s) {
  __ecsi_i64x8 x = __ecsi_idx64((__v4di)idx);
  return (__m128i)__ECSI_N4(__ECSI_G32(__ECSI_W8(src), base, x, 4, __ECSI_W8(mask), s));
}
__ECSI_FN __m128i _mm256_i64gather_epi32(int const *base, __m256i idx, int s) {
  return _mm256_mask_i64gather_epi32(_mm_setzero_si128(), base, idx, _mm_set1_epi32(-1), s);
}
__ECSI_FN __m128 _mm_mask_i64gather_ps(__m128 src, float const *base, __m128i idx, __m128 mask, int s) {
  return (__m128)_mm_mask_i64gather_epi32((__m128i)src, (int const *)base, idx, (__m128i)mask, s);
}
__ECSI_FN __m128 _mm_i64gather_ps(float const *base, __m128i idx, int s) {
  return (__m128)_mm_i64gather_epi32((int const *)base, idx, s);
}
__ECSI_FN __m128 _mm256_mask_i64gather_ps(__m128 src, float const *base, __m256i idx, __m128 mask, int s) {
  return (__m128)_mm256_mask_i64gather_epi32((__m128i)src, (int const *)base, idx, (__m128i)mask, s);
}
__ECSI_FN __m128 _mm256_i64gather_ps(float const *base, __m256i idx, int s) {
  return (__m128)_mm256_i64gather_epi32((int const *)base, idx, s);
}
/* 64-bit elements, 32-bit indices (the low two or four). */
__ECSI_FN __m128i _mm_mask_i32gather_epi64(__m128i src, long long const *base, __m128i idx, __m128i mask, int s) {
  __ecsi_i64x8 x = __ecsi_idx32(__ECSI_W8(idx));
  return (__m128i)__ECSI_N2(__ECSI_G64(__ECSI_W4(src), base, x, 2, __ECSI_W4(mask), s));
}
__ECSI_FN __m128i _mm_i32gather_epi64(long long const *base, __m128i idx, int s) {
  return _mm_mask_i32gather_epi64(_mm_setzero_si128(), base, idx, _mm_set1_epi32(-1), s);
}
__ECSI_FN __m256i _mm256_mask_i32gather_epi64(__m256i src, long long const *base, __m128i idx, __m256i mask,
                                             int s) {
  return (__m256i)__ECSI_G64((__v4di)src, base, __ecsi_idx32(__ECSI_W8(idx)), 4, (__v4di)mask, s);
}
__ECSI_FN __m256i _mm256_i32gather_epi64(long long const *base, __m128i idx, int s) {
  return _mm256_mask_i32gather_epi64(_mm256_setzero_si256(), base, idx, (__m256i)__ECSI_ALL4, s);
}
__ECSI_FN __m128d _mm_mask_i32gather_pd(__m128d src, double const *base, __m128i idx, __m128d mask, int s) {
  return (__m128d)_mm_mask_i32gather_epi64((__m128i)src, (long long const *)base, idx, (__m128i)mask, s);
}
__ECSI_FN __m128d _mm_i32gather_pd(double const *base, __m128i idx, int s) {
  return (__m128d)_mm_i32gather_epi64((long long const *)base, idx, s);
}
__ECSI_FN __m256d _mm256_mask_i32gather_pd(__m256d src, double const *base, __m128i idx, __m256d mask, int s) {
  return (__m256d)_mm256_mask_i32gather_epi64((__m256i)src, (long long const *)base, idx, (__m256i)mask, s);
}
__ECSI_FN __m256d _mm256_i32gather_pd(double const *base, __m128i idx, int s) {
  return (__m256d)_mm256_i32gather_epi64((long long const *)base, idx, s);
}
/* 64-bit elements, 64-bit indices. */
__ECSI_FN __m128i _mm_mask_i64gather_epi64(__m128i src, long long const *base, __m128i idx, __m128i mask, int s) {
  __ecsi_i64x8 x = __ecsi_idx64(__ECSI_W4(idx));
  return (__m128i)__ECSI_N2(__ECSI_G64(__ECSI_W4(src), base, x, 2, __ECSI_W4(mask), s));
}
__ECSI_FN __m128i _mm_i64gather_epi64(long long const *base, __m128i idx, int s) {
  return _mm_mask_i64gather_epi64(_mm_setzero_si128(), base, idx, _mm_set1_epi32(-1), s);
}
__ECSI_FN __m256i _mm256_mask_i64gather_epi64(__m256i src, long long const *base, __m256i idx, __m256i mask,
                                             int s) {
  return (__m256i)__ECSI_G64((__v4di)src, base, __ecsi_idx64((__v4di)idx), 4, (__v4di)mask, s);
}
__ECSI_FN __m256i _mm256_i64gather_epi64(long long const *base, __m256i idx, int s) {
  return _mm256_mask_i64gather_epi64(_mm256_setzero_si256(), base, idx, (__m256i)__ECSI_ALL4, s);
}
__ECSI_FN __m128d _mm_mask_i64gather_pd(__m128d src, double const *base, __m128i idx, __m128d mask, int s) {
  return (__m128d)_mm_mask_i64gather_epi64((__m128i)src, (long long const *)base, idx, (__m128i)mask, s);
}
__ECSI_FN __m128d _mm_i64gather_pd(double const *base, __m128i idx, int s) {
  return (__m128d)_mm_i64gather_epi64((long long const *)base, idx, s);
}
__ECSI_FN __m256d _mm256_mask_i64gather_pd(__m256d src, double const *base, __m256i idx, __m256d mask, int s) {
  return (__m256d)_mm256_mask_i64gather_epi64((__m256i)src, (long long const *)base, idx, (__m256i)mask, s);
}
__ECSI_FN __m256d _mm256_i64gather_pd(double const *base, __m256i idx, int s) {
  return (__m256d)_mm256_i64gather_epi64((long long const *)base, idx, s);
}

#endif /* __EC_SOFTINTRIN_AVX2INTRIN_H */
