/* ec-buildext softintrin (see __ec_softintrin.h and avxintrin.h): FMA, fused multiply
 * and add with one rounding (__builtin_elementwise_fma: ARM's FMLA/FMADD).  cpuid
 * reports no FMA: this is for code compiled for run-time dispatch. */
#ifndef __EC_SOFTINTRIN_FMAINTRIN_H
#define __EC_SOFTINTRIN_FMAINTRIN_H

#include <avxintrin.h>

/* fmadd: a*b+c; fmsub: a*b-c; fnmadd: -(a*b)+c; fnmsub: -(a*b)-c; fmaddsub: a*b-c in
 * even lanes, a*b+c in odd ones; fmsubadd the other way; _ss/_sd: the low lane, a's
 * upper lanes.  Negating an operand flips its sign bit, as x86 negates the product. */
__ECSI_FN __m128 _mm_fmadd_ps(__m128 a, __m128 b, __m128 c) {
  return (__m128)__builtin_elementwise_fma((__v4sf)a, (__v4sf)b, (__v4sf)c);
}
__ECSI_FN __m128 _mm_fmsub_ps(__m128 a, __m128 b, __m128 c) {
  return (__m128)__builtin_elementwise_fma((__v4sf)a, (__v4sf)b, -(__v4sf)c);
}
__ECSI_FN __m128 _mm_fnmadd_ps(__m128 a, __m128 b, __m128 c) {
  return (__m128)__builtin_elementwise_fma(-(__v4sf)a, (__v4sf)b, (__v4sf)c);
}
__ECSI_FN __m128 _mm_fnmsub_ps(__m128 a, __m128 b, __m128 c) {
  return (__m128)__builtin_elementwise_fma(-(__v4sf)a, (__v4sf)b, -(__v4sf)c);
}
__ECSI_FN __m128 _mm_fmaddsub_ps(__m128 a, __m128 b, __m128 c) {
  __v4sf add = __builtin_elementwise_fma((__v4sf)a, (__v4sf)b, (__v4sf)c);
  __v4sf sub = __builtin_elementwise_fma((__v4sf)a, (__v4sf)b, -(__v4sf)c);
  return (__m128)__builtin_shufflevector(sub, add, 0, 5, 2, 7);
}
__ECSI_FN __m128 _mm_fmsubadd_ps(__m128 a, __m128 b, __m128 c) {
  __v4sf add = __builtin_elementwise_fma((__v4sf)a, (__v4sf)b, (__v4sf)c);
  __v4sf sub = __builtin_elementwise_fma((__v4sf)a, (__v4sf)b, -(__v4sf)c);
  return (__m128)__builtin_shufflevector(add, sub, 0, 5, 2, 7);
}
__ECSI_FN __m128d _mm_fmadd_pd(__m128d a, __m128d b, __m128d c) {
  return (__m128d)__builtin_elementwise_fma((__v2df)a, (__v2df)b, (__v2df)c);
}
__ECSI_FN __m128d _mm_fmsub_pd(__m128d a, __m128d b, __m128d c) {
  return (__m128d)__builtin_elementwise_fma((__v2df)a, (__v2df)b, -(__v2df)c);
}
__ECSI_FN __m128d _mm_fnmadd_pd(__m128d a, __m128d b, __m128d c) {
  return (__m128d)__builtin_elementwise_fma(-(__v2df)a, (__v2df)b, (__v2df)c);
}
__ECSI_FN __m128d _mm_fnmsub_pd(__m128d a, __m128d b, __m128d c) {
  return (__m128d)__builtin_elementwise_fma(-(__v2df)a, (__v2df)b, -(__v2df)c);
}
__ECSI_FN __m128d _mm_fmaddsub_pd(__m128d a, __m128d b, __m128d c) {
  __v2df add = __builtin_elementwise_fma((__v2df)a, (__v2df)b, (__v2df)c);
  __v2df sub = __builtin_elementwise_fma((__v2df)a, (__v2df)b, -(__v2df)c);
  return (__m128d)__builtin_shufflevector(sub, add, 0, 3);
}
__ECSI_FN __m128d _mm_fmsubadd_pd(__m128d a, __m128d b, __m128d c) {
  __v2df add = __builtin_elementwise_fma((__v2df)a, (__v2df)b, (__v2df)c);
  __v2df sub = __builtin_elementwise_fma((__v2df)a, (__v2df)b, -(__v2df)c);
  return (__m128d)__builtin_shufflevector(add, sub, 0, 3);
}
__ECSI_FN __m256 _mm256_fmadd_ps(__m256 a, __m256 b, __m256 c) {
  return (__m256)__builtin_elementwise_fma((__v8sf)a, (__v8sf)b, (__v8sf)c);
}
__ECSI_FN __m256 _mm256_fmsub_ps(__m256 a, __m256 b, __m256 c) {
  return (__m256)__builtin_elementwise_fma((__v8sf)a, (__v8sf)b, -(__v8sf)c);
}
__ECSI_FN __m256 _mm256_fnmadd_ps(__m256 a, __m256 b, __m256 c) {
  return (__m256)__builtin_elementwise_fma(-(__v8sf)a, (__v8sf)b, (__v8sf)c);
}
__ECSI_FN __m256 _mm256_fnmsub_ps(__m256 a, __m256 b, __m256 c) {
  return (__m256)__builtin_elementwise_fma(-(__v8sf)a, (__v8sf)b, -(__v8sf)c);
}
__ECSI_FN __m256 _mm256_fmaddsub_ps(__m256 a, __m256 b, __m256 c) {
  __v8sf add = __builtin_elementwise_fma((__v8sf)a, (__v8sf)b, (__v8sf)c);
  __v8sf sub = __builtin_elementwise_fma((__v8sf)a, (__v8sf)b, -(__v8sf)c);
  return (__m256)__builtin_shufflevector(sub, add, 0, 9, 2, 11, 4, 13, 6, 15);
}
__ECSI_FN __m256 _mm256_fmsubadd_ps(__m256 a, __m256 b, __m256 c) {
  __v8sf add = __builtin_elementwise_fma((__v8sf)a, (__v8sf)b, (__v8sf)c);
  __v8sf sub = __builtin_elementwise_fma((__v8sf)a, (__v8sf)b, -(__v8sf)c);
  return (__m256)__builtin_shufflevector(add, sub, 0, 9, 2, 11, 4, 13, 6, 15);
}
__ECSI_FN __m256d _mm256_fmadd_pd(__m256d a, __m256d b, __m256d c) {
  return (__m256d)__builtin_elementwise_fma((__v4df)a, (__v4df)b, (__v4df)c);
}
__ECSI_FN __m256d _mm256_fmsub_pd(__m256d a, __m256d b, __m256d c) {
  return (__m256d)__builtin_elementwise_fma((__v4df)a, (__v4df)b, -(__v4df)c);
}
__ECSI_FN __m256d _mm256_fnmadd_pd(__m256d a, __m256d b, __m256d c) {
  return (__m256d)__builtin_elementwise_fma(-(__v4df)a, (__v4df)b, (__v4df)c);
}
__ECSI_FN __m256d _mm256_fnmsub_pd(__m256d a, __m256d b, __m256d c) {
  return (__m256d)__builtin_elementwise_fma(-(__v4df)a, (__v4df)b, -(__v4df)c);
}
__ECSI_FN __m256d _mm256_fmaddsub_pd(__m256d a, __m256d b, __m256d c) {
  __v4df add = __builtin_elementwise_fma((__v4df)a, (__v4df)b, (__v4df)c);
  __v4df sub = __builtin_elementwise_fma((__v4df)a, (__v4df)b, -(__v4df)c);
  return (__m256d)__builtin_shufflevector(sub, add, 0, 5, 2, 7);
}
__ECSI_FN __m256d _mm256_fmsubadd_pd(__m256d a, __m256d b, __m256d c) {
  __v4df add = __builtin_elementwise_fma((__v4df)a, (__v4df)b, (__v4df)c);
  __v4df sub = __builtin_elementwise_fma((__v4df)a, (__v4df)b, -(__v4df)c);
  return (__m256d)__builtin_shufflevector(add, sub, 0, 5, 2, 7);
}
__ECSI_FN __m128 _mm_fmadd_ss(__m128 a, __m128 b, __m128 c) {
  a[0] = _mm_fmadd_ps(a, b, c)[0];
  return a;
}
__ECSI_FN __m128 _mm_fmsub_ss(__m128 a, __m128 b, __m128 c) {
  a[0] = _mm_fmsub_ps(a, b, c)[0];
  return a;
}
__ECSI_FN __m128 _mm_fnmadd_ss(__m128 a, __m128 b, __m128 c) {
  a[0] = _mm_fnmadd_ps(a, b, c)[0];
  return a;
}
__ECSI_FN __m128 _mm_fnmsub_ss(__m128 a, __m128 b, __m128 c) {
  a[0] = _mm_fnmsub_ps(a, b, c)[0];
  return a;
}
__ECSI_FN __m128d _mm_fmadd_sd(__m128d a, __m128d b, __m128d c) {
  a[0] = _mm_fmadd_pd(a, b, c)[0];
  return a;
}
__ECSI_FN __m128d _mm_fmsub_sd(__m128d a, __m128d b, __m128d c) {
  a[0] = _mm_fmsub_pd(a, b, c)[0];
  return a;
}
__ECSI_FN __m128d _mm_fnmadd_sd(__m128d a, __m128d b, __m128d c) {
  a[0] = _mm_fnmadd_pd(a, b, c)[0];
  return a;
}
__ECSI_FN __m128d _mm_fnmsub_sd(__m128d a, __m128d b, __m128d c) {
  a[0] = _mm_fnmsub_pd(a, b, c)[0];
  return a;
}

#endif /* __EC_SOFTINTRIN_FMAINTRIN_H */
