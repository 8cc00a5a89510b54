/* ec-buildext softintrin (see __ec_softintrin.h): SSE3. */
#ifndef __EC_SOFTINTRIN_PMMINTRIN_H
#define __EC_SOFTINTRIN_PMMINTRIN_H

#include <emmintrin.h>

/* MXCSR's denormals-are-zero field: named, not modelled (see _mm_getcsr). */
#define _MM_DENORMALS_ZERO_ON 0x0040U
#define _MM_DENORMALS_ZERO_OFF 0x0000U
#define _MM_DENORMALS_ZERO_MASK 0x0040U
#define _MM_GET_DENORMALS_ZERO_MODE() (_mm_getcsr() & _MM_DENORMALS_ZERO_MASK)
#define _MM_SET_DENORMALS_ZERO_MODE(x) \
  (_mm_setcsr((_mm_getcsr() & ~_MM_DENORMALS_ZERO_MASK) | (x)))

/* Even lanes subtract, odd lanes add. */
__ECSI_FN __m128 _mm_addsub_ps(__m128 a, __m128 b) {
  return (__m128)__builtin_shufflevector((__v4sf)a - (__v4sf)b, (__v4sf)a + (__v4sf)b, 0, 5, 2, 7);
}
__ECSI_FN __m128d _mm_addsub_pd(__m128d a, __m128d b) {
  return (__m128d)__builtin_shufflevector((__v2df)a - (__v2df)b, (__v2df)a + (__v2df)b, 0, 3);
}
/* Horizontal: adjacent pairs of a, then of b. */
__ECSI_FN __m128 _mm_hadd_ps(__m128 a, __m128 b) {
  return (__m128)(__builtin_shufflevector((__v4sf)a, (__v4sf)b, 0, 2, 4, 6) +
                  __builtin_shufflevector((__v4sf)a, (__v4sf)b, 1, 3, 5, 7));
}
__ECSI_FN __m128 _mm_hsub_ps(__m128 a, __m128 b) {
  return (__m128)(__builtin_shufflevector((__v4sf)a, (__v4sf)b, 0, 2, 4, 6) -
                  __builtin_shufflevector((__v4sf)a, (__v4sf)b, 1, 3, 5, 7));
}
__ECSI_FN __m128d _mm_hadd_pd(__m128d a, __m128d b) {
  return (__m128d)(__builtin_shufflevector((__v2df)a, (__v2df)b, 0, 2) +
                   __builtin_shufflevector((__v2df)a, (__v2df)b, 1, 3));
}
__ECSI_FN __m128d _mm_hsub_pd(__m128d a, __m128d b) {
  return (__m128d)(__builtin_shufflevector((__v2df)a, (__v2df)b, 0, 2) -
                   __builtin_shufflevector((__v2df)a, (__v2df)b, 1, 3));
}
__ECSI_FN __m128i _mm_lddqu_si128(const __m128i *p) { return *(const __m128i_u *)p; }
__ECSI_FN __m128d _mm_loaddup_pd(const double *p) { return _mm_load1_pd(p); }
__ECSI_FN __m128d _mm_movedup_pd(__m128d a) {
  return (__m128d)__builtin_shufflevector((__v2df)a, (__v2df)a, 0, 0);
}
__ECSI_FN __m128 _mm_movehdup_ps(__m128 a) {
  return (__m128)__builtin_shufflevector((__v4sf)a, (__v4sf)a, 1, 1, 3, 3);
}
__ECSI_FN __m128 _mm_moveldup_ps(__m128 a) {
  return (__m128)__builtin_shufflevector((__v4sf)a, (__v4sf)a, 0, 0, 2, 2);
}

__ECSI_UNAVAILABLE(_mm_monitor, __ECSI_NOT_EMULATED("MONITOR/MWAIT"))
__ECSI_UNAVAILABLE(_mm_mwait, __ECSI_NOT_EMULATED("MONITOR/MWAIT"))

#endif /* __EC_SOFTINTRIN_PMMINTRIN_H */
