/* ec-buildext softintrin (see __ec_softintrin.h): SSSE3. */
#ifndef __EC_SOFTINTRIN_TMMINTRIN_H
#define __EC_SOFTINTRIN_TMMINTRIN_H

#include <pmmintrin.h>

/* |a|, wrapping: the lowest value stays itself. */
__ECSI_FN __m128i _mm_abs_epi8(__m128i a) {
  __v16qu s = (__v16qu)((__v16qs)a >> 7);
  return (__m128i)(((__v16qu)a ^ s) - s);
}
__ECSI_FN __m128i _mm_abs_epi16(__m128i a) {
  __v8hu s = (__v8hu)((__v8hi)a >> 15);
  return (__m128i)(((__v8hu)a ^ s) - s);
}
__ECSI_FN __m128i _mm_abs_epi32(__m128i a) {
  __v4su s = (__v4su)((__v4si)a >> 31);
  return (__m128i)(((__v4su)a ^ s) - s);
}

/* Bytes n.. of the 32-byte a:b (b low), zeros past its end; n is an 8-bit immediate.
 * Lanes of (b, a) first, then of (that, zero), so each argument is evaluated once. */
#define __ECSI_ALIGNR_SRC(n, i) ((i) + ((n) & 0xff) < 32 ? (i) + ((n) & 0xff) : 0)
#define __ECSI_ALIGNR_ZERO(n, i) ((i) + ((n) & 0xff) < 32 ? (i) : 16)
#define _mm_alignr_epi8(a, b, n)                                                                \
  ((__m128i)__builtin_shufflevector(                                                           \
      __builtin_shufflevector(                                                                 \
          (__v16qu)(__m128i)(b), (__v16qu)(__m128i)(a), __ECSI_ALIGNR_SRC(n, 0),               \
          __ECSI_ALIGNR_SRC(n, 1), __ECSI_ALIGNR_SRC(n, 2), __ECSI_ALIGNR_SRC(n, 3),           \
          __ECSI_ALIGNR_SRC(n, 4), __ECSI_ALIGNR_SRC(n, 5), __ECSI_ALIGNR_SRC(n, 6),           \
          __ECSI_ALIGNR_SRC(n, 7), __ECSI_ALIGNR_SRC(n, 8), __ECSI_ALIGNR_SRC(n, 9),           \
          __ECSI_ALIGNR_SRC(n, 10), __ECSI_ALIGNR_SRC(n, 11), __ECSI_ALIGNR_SRC(n, 12),        \
          __ECSI_ALIGNR_SRC(n, 13), __ECSI_ALIGNR_SRC(n, 14), __ECSI_ALIGNR_SRC(n, 15)),       \
      (__v16qu)_mm_setzero_si128(), __ECSI_ALIGNR_ZERO(n, 0), __ECSI_ALIGNR_ZERO(n, 1),        \
      __ECSI_ALIGNR_ZERO(n, 2), __ECSI_ALIGNR_ZERO(n, 3), __ECSI_ALIGNR_ZERO(n, 4),            \
      __ECSI_ALIGNR_ZERO(n, 5), __ECSI_ALIGNR_ZERO(n, 6), __ECSI_ALIGNR_ZERO(n, 7),            \
      __ECSI_ALIGNR_ZERO(n, 8), __ECSI_ALIGNR_ZERO(n, 9), __ECSI_ALIGNR_ZERO(n, 10),           \
      __ECSI_ALIGNR_ZERO(n, 11), __ECSI_ALIGNR_ZERO(n, 12), __ECSI_ALIGNR_ZERO(n, 13),         \
      __ECSI_ALIGNR_ZERO(n, 14), __ECSI_ALIGNR_ZERO(n, 15)))

/* Horizontal sums and differences of adjacent pairs, a's then b's. */
#define __ECSI_EVEN16(a, b) \
  __builtin_shufflevector((__v8hi)(a), (__v8hi)(b), 0, 2, 4, 6, 8, 10, 12, 14)
#define __ECSI_ODD16(a, b) \
  __builtin_shufflevector((__v8hi)(a), (__v8hi)(b), 1, 3, 5, 7, 9, 11, 13, 15)
__ECSI_FN __m128i _mm_hadd_epi16(__m128i a, __m128i b) {
  return (__m128i)((__v8hu)__ECSI_EVEN16(a, b) + (__v8hu)__ECSI_ODD16(a, b));
}
__ECSI_FN __m128i _mm_hsub_epi16(__m128i a, __m128i b) {
  return (__m128i)((__v8hu)__ECSI_EVEN16(a, b) - (__v8hu)__ECSI_ODD16(a, b));
}
__ECSI_FN __m128i _mm_hadds_epi16(__m128i a, __m128i b) {
  return (__m128i)__builtin_elementwise_add_sat(__ECSI_EVEN16(a, b), __ECSI_ODD16(a, b));
}
__ECSI_FN __m128i _mm_hsubs_epi16(__m128i a, __m128i b) {
  return (__m128i)__builtin_elementwise_sub_sat(__ECSI_EVEN16(a, b), __ECSI_ODD16(a, b));
}
__ECSI_FN __m128i _mm_hadd_epi32(__m128i a, __m128i b) {
  return (__m128i)(__builtin_shufflevector((__v4su)a, (__v4su)b, 0, 2, 4, 6) +
                   __builtin_shufflevector((__v4su)a, (__v4su)b, 1, 3, 5, 7));
}
__ECSI_FN __m128i _mm_hsub_epi32(__m128i a, __m128i b) {
  return (__m128i)(__builtin_shufflevector((__v4su)a, (__v4su)b, 0, 2, 4, 6) -
                   __builtin_shufflevector((__v4su)a, (__v4su)b, 1, 3, 5, 7));
}

/* Unsigned bytes of a times signed bytes of b, adjacent pairs summed with signed
 * saturation (each product fits 16 bits). */
__ECSI_FN __m128i _mm_maddubs_epi16(__m128i a, __m128i b) {
  __ecsi_i16x16 p = __builtin_convertvector((__v16qu)a, __ecsi_i16x16) *
                    __builtin_convertvector((__v16qs)b, __ecsi_i16x16);
  return (__m128i)__builtin_elementwise_add_sat(
      __builtin_shufflevector(p, p, 0, 2, 4, 6, 8, 10, 12, 14),
      __builtin_shufflevector(p, p, 1, 3, 5, 7, 9, 11, 13, 15));
}
/* (a * b + 2^14) >> 15 in 32 bits, then the low 16 bits (-32768^2 gives -32768). */
__ECSI_FN __m128i _mm_mulhrs_epi16(__m128i a, __m128i b) {
  __ecsi_i32x8 p = __builtin_convertvector((__v8hi)a, __ecsi_i32x8) *
                   __builtin_convertvector((__v8hi)b, __ecsi_i32x8);
  return (__m128i)__builtin_convertvector(((p >> 14) + 1) >> 1, __v8hi);
}

/* Bytes of a chosen by the low 4 bits of b's; zero where b's top bit is set. */
__ECSI_FN __m128i _mm_shuffle_epi8(__m128i a, __m128i b) {
  __v16qu v = (__v16qu)a, m = (__v16qu)b, r;
  for (int i = 0; i < 16; i++) r[i] = (m[i] & 0x80) ? 0 : v[m[i] & 15];
  return (__m128i)r;
}

/* a negated where b is negative, zeroed where b is zero. */
__ECSI_FN __m128i _mm_sign_epi8(__m128i a, __m128i b) {
  __v16qu neg = (__v16qu)((__v16qs)b < 0), zero = (__v16qu)((__v16qs)b == 0);
  return (__m128i)((((__v16qu)a ^ neg) - neg) & ~zero);
}
__ECSI_FN __m128i _mm_sign_epi16(__m128i a, __m128i b) {
  __v8hu neg = (__v8hu)((__v8hi)b < 0), zero = (__v8hu)((__v8hi)b == 0);
  return (__m128i)((((__v8hu)a ^ neg) - neg) & ~zero);
}
__ECSI_FN __m128i _mm_sign_epi32(__m128i a, __m128i b) {
  __v4su neg = (__v4su)((__v4si)b < 0), zero = (__v4su)((__v4si)b == 0);
  return (__m128i)((((__v4su)a ^ neg) - neg) & ~zero);
}

/* SSSE3's MMX forms. */
__ECSI_MMX(_mm_abs_pi8)
__ECSI_MMX(_mm_abs_pi16)
__ECSI_MMX(_mm_abs_pi32)
__ECSI_MMX(_mm_alignr_pi8)
__ECSI_MMX(_mm_hadd_pi16)
__ECSI_MMX(_mm_hadd_pi32)
__ECSI_MMX(_mm_hadds_pi16)
__ECSI_MMX(_mm_hsub_pi16)
__ECSI_MMX(_mm_hsub_pi32)
__ECSI_MMX(_mm_hsubs_pi16)
__ECSI_MMX(_mm_maddubs_pi16)
__ECSI_MMX(_mm_mulhrs_pi16)
__ECSI_MMX(_mm_shuffle_pi8)
__ECSI_MMX(_mm_sign_pi8)
__ECSI_MMX(_mm_sign_pi16)
__ECSI_MMX(_mm_sign_pi32)

#endif /* __EC_SOFTINTRIN_TMMINTRIN_H */
