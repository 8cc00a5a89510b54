/* ec-buildext softintrin (see __ec_softintrin.h): SSE4.1. */
#ifndef __EC_SOFTINTRIN_SMMINTRIN_H
#define __EC_SOFTINTRIN_SMMINTRIN_H

#include <tmmintrin.h>

#define _MM_FROUND_TO_NEAREST_INT 0x00
#define _MM_FROUND_TO_NEG_INF 0x01
#define _MM_FROUND_TO_POS_INF 0x02
#define _MM_FROUND_TO_ZERO 0x03
#define _MM_FROUND_CUR_DIRECTION 0x04
#define _MM_FROUND_RAISE_EXC 0x00
#define _MM_FROUND_NO_EXC 0x08
#define _MM_FROUND_NINT (_MM_FROUND_RAISE_EXC | _MM_FROUND_TO_NEAREST_INT)
#define _MM_FROUND_FLOOR (_MM_FROUND_RAISE_EXC | _MM_FROUND_TO_NEG_INF)
#define _MM_FROUND_CEIL (_MM_FROUND_RAISE_EXC | _MM_FROUND_TO_POS_INF)
#define _MM_FROUND_TRUNC (_MM_FROUND_RAISE_EXC | _MM_FROUND_TO_ZERO)
#define _MM_FROUND_RINT (_MM_FROUND_RAISE_EXC | _MM_FROUND_CUR_DIRECTION)
#define _MM_FROUND_NEARBYINT (_MM_FROUND_NO_EXC | _MM_FROUND_CUR_DIRECTION)

/* An insertps immediate, and a float's lane out as bits or as a float. */
#define _MM_MK_INSERTPS_NDX(src, dst, zeros) (((src) << 6) | ((dst) << 4) | (zeros))
#define _MM_EXTRACT_FLOAT(d, x, n) ((d) = ((__v4sf)(__m128)(x))[(n) & 3])
#define _MM_PICK_OUT_PS(x, n) _mm_insert_ps(_mm_setzero_ps(), (x), _MM_MK_INSERTPS_NDX((n), 0, 0x0e))

/* Blends: b's lane where the immediate's bit (or the mask lane's top bit) is set. */
#define __ECSI_BLEND(imm, i, lanes) ((((imm) >> (i)) & 1) ? (lanes) + (i) : (i))
#define _mm_blend_epi16(a, b, imm)                                                              \
  ((__m128i)__builtin_shufflevector(                                                           \
      (__v8hi)(__m128i)(a), (__v8hi)(__m128i)(b), __ECSI_BLEND(imm, 0, 8),                     \
      __ECSI_BLEND(imm, 1, 8), __ECSI_BLEND(imm, 2, 8), __ECSI_BLEND(imm, 3, 8),               \
      __ECSI_BLEND(imm, 4, 8), __ECSI_BLEND(imm, 5, 8), __ECSI_BLEND(imm, 6, 8),               \
      __ECSI_BLEND(imm, 7, 8)))
#define _mm_blend_ps(a, b, imm)                                                                 \
  ((__m128)__builtin_shufflevector((__v4sf)(__m128)(a), (__v4sf)(__m128)(b),                  \
                                   __ECSI_BLEND(imm, 0, 4), __ECSI_BLEND(imm, 1, 4),          \
                                   __ECSI_BLEND(imm, 2, 4), __ECSI_BLEND(imm, 3, 4)))
#define _mm_blend_pd(a, b, imm)                                                                 \
  ((__m128d)__builtin_shufflevector((__v2df)(__m128d)(a), (__v2df)(__m128d)(b),               \
                                    __ECSI_BLEND(imm, 0, 2), __ECSI_BLEND(imm, 1, 2)))
__ECSI_FN __m128i _mm_blendv_epi8(__m128i a, __m128i b, __m128i mask) {
  __v16qs m = (__v16qs)mask < 0;
  return (__m128i)__ECSI_SELECT(m, (__v16qs)b, (__v16qs)a);
}
__ECSI_FN __m128 _mm_blendv_ps(__m128 a, __m128 b, __m128 mask) {
  __v4si m = (__v4si)mask < 0;
  return (__m128)__ECSI_SELECT(m, (__v4si)b, (__v4si)a);
}
__ECSI_FN __m128d _mm_blendv_pd(__m128d a, __m128d b, __m128d mask) {
  __v2di m = (__v2di)mask < 0;
  return (__m128d)__ECSI_SELECT(m, (__v2di)b, (__v2di)a);
}

/* Rounding by the immediate's mode; "current direction" (MXCSR, not modelled) is
 * nearest even. */
__ECSI_FN __v4sf __ecsi_round_ps(__v4sf a, int imm) {
  switch ((imm & _MM_FROUND_CUR_DIRECTION) ? 0 : imm & 3) {
  case _MM_FROUND_TO_NEG_INF: return __builtin_elementwise_floor(a);
  case _MM_FROUND_TO_POS_INF: return __builtin_elementwise_ceil(a);
  case _MM_FROUND_TO_ZERO: return __builtin_elementwise_trunc(a);
  default: return __builtin_elementwise_roundeven(a);
  }
}
__ECSI_FN __v2df __ecsi_round_pd(__v2df a, int imm) {
  switch ((imm & _MM_FROUND_CUR_DIRECTION) ? 0 : imm & 3) {
  case _MM_FROUND_TO_NEG_INF: return __builtin_elementwise_floor(a);
  case _MM_FROUND_TO_POS_INF: return __builtin_elementwise_ceil(a);
  case _MM_FROUND_TO_ZERO: return __builtin_elementwise_trunc(a);
  default: return __builtin_elementwise_roundeven(a);
  }
}
__ECSI_FN __m128 _mm_round_ps(__m128 a, int imm) { return (__m128)__ecsi_round_ps((__v4sf)a, imm); }
__ECSI_FN __m128d _mm_round_pd(__m128d a, int imm) { return (__m128d)__ecsi_round_pd((__v2df)a, imm); }
/* b's low lane rounded, a's upper lanes. */
__ECSI_FN __m128 _mm_round_ss(__m128 a, __m128 b, int imm) {
  a[0] = __ecsi_round_ps((__v4sf)b, imm)[0];
  return a;
}
__ECSI_FN __m128d _mm_round_sd(__m128d a, __m128d b, int imm) {
  a[0] = __ecsi_round_pd((__v2df)b, imm)[0];
  return a;
}
__ECSI_FN __m128 _mm_ceil_ps(__m128 a) { return _mm_round_ps(a, _MM_FROUND_CEIL); }
__ECSI_FN __m128d _mm_ceil_pd(__m128d a) { return _mm_round_pd(a, _MM_FROUND_CEIL); }
__ECSI_FN __m128 _mm_ceil_ss(__m128 a, __m128 b) { return _mm_round_ss(a, b, _MM_FROUND_CEIL); }
__ECSI_FN __m128d _mm_ceil_sd(__m128d a, __m128d b) { return _mm_round_sd(a, b, _MM_FROUND_CEIL); }
__ECSI_FN __m128 _mm_floor_ps(__m128 a) { return _mm_round_ps(a, _MM_FROUND_FLOOR); }
__ECSI_FN __m128d _mm_floor_pd(__m128d a) { return _mm_round_pd(a, _MM_FROUND_FLOOR); }
__ECSI_FN __m128 _mm_floor_ss(__m128 a, __m128 b) { return _mm_round_ss(a, b, _MM_FROUND_FLOOR); }
__ECSI_FN __m128d _mm_floor_sd(__m128d a, __m128d b) { return _mm_round_sd(a, b, _MM_FROUND_FLOOR); }

/* Dot products: the products selected by imm's high nibble (+0.0 for the others),
 * summed as (p0 + p1) + (p2 + p3) (the order decides which NaN comes out), written to
 * the lanes of its low nibble. */
__ECSI_FN __m128 _mm_dp_ps(__m128 a, __m128 b, int imm) {
  __v4si bits = {1, 2, 4, 8};
  __v4sf p = (__v4sf)a * (__v4sf)b;
  p = (__v4sf)((__v4si)p & ((__ECSI_SPLAT(__v4si, imm >> 4) & bits) != 0));
  float low = p[0] + p[1];
  float high = p[2] + p[3];
  float sum = low + high;
  return (__m128)((__v4si)(__v4sf){sum, sum, sum, sum} & ((__ECSI_SPLAT(__v4si, imm) & bits) != 0));
}
__ECSI_FN __m128d _mm_dp_pd(__m128d a, __m128d b, int imm) {
  __v2di bits = {1, 2};
  __v2df p = (__v2df)a * (__v2df)b;
  p = (__v2df)((__v2di)p & ((__ECSI_SPLAT(__v2di, imm >> 4) & bits) != 0));
  double sum = p[0] + p[1];
  return (__m128d)((__v2di)(__v2df){sum, sum} & ((__ECSI_SPLAT(__v2di, imm) & bits) != 0));
}

/* Lanes. */
__ECSI_FN int _mm_extract_epi8(__m128i a, int imm) { return ((__v16qu)a)[imm & 15]; }
__ECSI_FN int _mm_extract_epi32(__m128i a, int imm) { return ((__v4si)a)[imm & 3]; }
__ECSI_FN long long _mm_extract_epi64(__m128i a, int imm) { return a[imm & 1]; }
/* The bits of a float lane, as an int. */
__ECSI_FN int _mm_extract_ps(__m128 a, int imm) { return ((__v4si)a)[imm & 3]; }
__ECSI_FN __m128i _mm_insert_epi8(__m128i a, int i, int imm) {
  __v16qs v = (__v16qs)a;
  v[imm & 15] = (signed char)i;
  return (__m128i)v;
}
__ECSI_FN __m128i _mm_insert_epi32(__m128i a, int i, int imm) {
  __v4si v = (__v4si)a;
  v[imm & 3] = i;
  return (__m128i)v;
}
__ECSI_FN __m128i _mm_insert_epi64(__m128i a, long long i, int imm) {
  a[imm & 1] = i;
  return a;
}
/* b's lane imm[7:6] into a's lane imm[5:4], then the lanes of imm[3:0] zeroed. */
__ECSI_FN __m128 _mm_insert_ps(__m128 a, __m128 b, int imm) {
  a[(imm >> 4) & 3] = b[(imm >> 6) & 3];
  return (__m128)((__v4si)a & ((__ECSI_SPLAT(__v4si, imm) & (__v4si){1, 2, 4, 8}) == 0));
}

/* Integer arithmetic. */
__ECSI_FN __m128i _mm_max_epi8(__m128i a, __m128i b) {
  return (__m128i)__builtin_elementwise_max((__v16qs)a, (__v16qs)b);
}
__ECSI_FN __m128i _mm_max_epi32(__m128i a, __m128i b) {
  return (__m128i)__builtin_elementwise_max((__v4si)a, (__v4si)b);
}
__ECSI_FN __m128i _mm_max_epu16(__m128i a, __m128i b) {
  return (__m128i)__builtin_elementwise_max((__v8hu)a, (__v8hu)b);
}
__ECSI_FN __m128i _mm_max_epu32(__m128i a, __m128i b) {
  return (__m128i)__builtin_elementwise_max((__v4su)a, (__v4su)b);
}
__ECSI_FN __m128i _mm_min_epi8(__m128i a, __m128i b) {
  return (__m128i)__builtin_elementwise_min((__v16qs)a, (__v16qs)b);
}
__ECSI_FN __m128i _mm_min_epi32(__m128i a, __m128i b) {
  return (__m128i)__builtin_elementwise_min((__v4si)a, (__v4si)b);
}
__ECSI_FN __m128i _mm_min_epu16(__m128i a, __m128i b) {
  return (__m128i)__builtin_elementwise_min((__v8hu)a, (__v8hu)b);
}
__ECSI_FN __m128i _mm_min_epu32(__m128i a, __m128i b) {
  return (__m128i)__builtin_elementwise_min((__v4su)a, (__v4su)b);
}
__ECSI_FN __m128i _mm_mullo_epi32(__m128i a, __m128i b) { return (__m128i)((__v4su)a * (__v4su)b); }
/* The low 32 bits of each 64-bit lane, sign-extended and multiplied into 64 bits. */
__ECSI_FN __m128i _mm_mul_epi32(__m128i a, __m128i b) {
  return (__m128i)((((__v2di)a << 32) >> 32) * (((__v2di)b << 32) >> 32));
}
__ECSI_FN __m128i _mm_packus_epi32(__m128i a, __m128i b) {
  __ecsi_i32x8 w = __builtin_shufflevector((__v4si)a, (__v4si)b, 0, 1, 2, 3, 4, 5, 6, 7);
  w = __builtin_elementwise_min(__builtin_elementwise_max(w, __ECSI_SPLAT(__ecsi_i32x8, 0)),
                                __ECSI_SPLAT(__ecsi_i32x8, 65535));
  return (__m128i)__builtin_convertvector(w, __v8hu);
}
/* The smallest unsigned 16-bit lane in lane 0, its (first) index in lane 1. */
__ECSI_FN __m128i _mm_minpos_epu16(__m128i a) {
  __v8hu v = (__v8hu)a;
  unsigned short low = __builtin_reduce_min(v), at = 0;
  while (v[at] != low) at++;
  return (__m128i)(__v8hu){low, at, 0, 0, 0, 0, 0, 0};
}
/* Eight sums of absolute differences: a's bytes from 4 * imm[2], each run of 4 against
 * b's 4 bytes from 4 * imm[1:0]. */
__ECSI_FN __m128i _mm_mpsadbw_epu8(__m128i a, __m128i b, int imm) {
  __v16qu x = (__v16qu)a, y = (__v16qu)b;
  int ia = (imm & 4) ? 4 : 0, ib = (imm & 3) * 4;
  __v8hu r;
  for (int i = 0; i < 8; i++) {
    int sum = 0;
    for (int k = 0; k < 4; k++) {
      int d = x[ia + i + k] - y[ib + k];
      sum += d < 0 ? -d : d;
    }
    r[i] = (unsigned short)sum;
  }
  return (__m128i)r;
}

/* Widening: the low lanes of a, sign- or zero-extended. */
__ECSI_FN __m128i _mm_cvtepi8_epi16(__m128i a) {
  return (__m128i)__builtin_convertvector(
      __builtin_shufflevector((__v16qs)a, (__v16qs)a, 0, 1, 2, 3, 4, 5, 6, 7), __v8hi);
}
__ECSI_FN __m128i _mm_cvtepi8_epi32(__m128i a) {
  return (__m128i)__builtin_convertvector(__builtin_shufflevector((__v16qs)a, (__v16qs)a, 0, 1, 2, 3), __v4si);
}
__ECSI_FN __m128i _mm_cvtepi8_epi64(__m128i a) {
  return (__m128i)__builtin_convertvector(__builtin_shufflevector((__v16qs)a, (__v16qs)a, 0, 1), __v2di);
}
__ECSI_FN __m128i _mm_cvtepi16_epi32(__m128i a) {
  return (__m128i)__builtin_convertvector(__builtin_shufflevector((__v8hi)a, (__v8hi)a, 0, 1, 2, 3), __v4si);
}
__ECSI_FN __m128i _mm_cvtepi16_epi64(__m128i a) {
  return (__m128i)__builtin_convertvector(__builtin_shufflevector((__v8hi)a, (__v8hi)a, 0, 1), __v2di);
}
__ECSI_FN __m128i _mm_cvtepi32_epi64(__m128i a) {
  return (__m128i)__builtin_convertvector(__builtin_shufflevector((__v4si)a, (__v4si)a, 0, 1), __v2di);
}
__ECSI_FN __m128i _mm_cvtepu8_epi16(__m128i a) {
  return (__m128i)__builtin_convertvector(
      __builtin_shufflevector((__v16qu)a, (__v16qu)a, 0, 1, 2, 3, 4, 5, 6, 7), __v8hi);
}
__ECSI_FN __m128i _mm_cvtepu8_epi32(__m128i a) {
  return (__m128i)__builtin_convertvector(__builtin_shufflevector((__v16qu)a, (__v16qu)a, 0, 1, 2, 3), __v4si);
}
__ECSI_FN __m128i _mm_cvtepu8_epi64(__m128i a) {
  return (__m128i)__builtin_convertvector(__builtin_shufflevector((__v16qu)a, (__v16qu)a, 0, 1), __v2di);
}
__ECSI_FN __m128i _mm_cvtepu16_epi32(__m128i a) {
  return (__m128i)__builtin_convertvector(__builtin_shufflevector((__v8hu)a, (__v8hu)a, 0, 1, 2, 3), __v4si);
}
__ECSI_FN __m128i _mm_cvtepu16_epi64(__m128i a) {
  return (__m128i)__builtin_convertvector(__builtin_shufflevector((__v8hu)a, (__v8hu)a, 0, 1), __v2di);
}
__ECSI_FN __m128i _mm_cvtepu32_epi64(__m128i a) {
  return (__m128i)__builtin_convertvector(__builtin_shufflevector((__v4su)a, (__v4su)a, 0, 1), __v2di);
}

__ECSI_FN __m128i _mm_cmpeq_epi64(__m128i a, __m128i b) { return (__m128i)((__v2di)a == (__v2di)b); }
__ECSI_FN __m128i _mm_stream_load_si128(const __m128i *p) {
  return __builtin_nontemporal_load((const __v2di *)p);
}

/* ptest: ZF is "a & b is zero", CF is "~a & b is zero". */
__ECSI_FN int _mm_testz_si128(__m128i a, __m128i b) {
  __v2du v = (__v2du)a & (__v2du)b;
  return (v[0] | v[1]) == 0;
}
__ECSI_FN int _mm_testc_si128(__m128i a, __m128i b) {
  __v2du v = ~(__v2du)a & (__v2du)b;
  return (v[0] | v[1]) == 0;
}
__ECSI_FN int _mm_testnzc_si128(__m128i a, __m128i b) {
  return !_mm_testz_si128(a, b) && !_mm_testc_si128(a, b);
}
__ECSI_FN int _mm_test_all_ones(__m128i a) { return _mm_testc_si128(a, _mm_set1_epi32(-1)); }
__ECSI_FN int _mm_test_all_zeros(__m128i a, __m128i mask) { return _mm_testz_si128(a, mask); }
__ECSI_FN int _mm_test_mix_ones_zeros(__m128i a, __m128i mask) { return _mm_testnzc_si128(a, mask); }

#endif /* __EC_SOFTINTRIN_SMMINTRIN_H */
