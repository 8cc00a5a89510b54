/* ec-buildext softintrin (see __ec_softintrin.h): AVX, the 256-bit float and integer
 * types and every intrinsic of the AVX instruction set, and the 128-bit forms AVX adds
 * (_mm_permute_ps, _mm_maskload_ps, _mm_testz_ps, _mm_cmp_ps with its 32 predicates...).
 *
 * Compiled so that code built for run-time dispatch compiles in Arm64EC: cpuid and
 * _xgetbv still report no AVX (__ec_cpuid.h), so a dispatcher never calls these; they
 * are exact all the same (tests/softintrin compares them with the real instructions).
 * A 256-bit operation that works within each 128-bit half is the SSE one on each half. */
#ifndef __EC_SOFTINTRIN_AVXINTRIN_H
#define __EC_SOFTINTRIN_AVXINTRIN_H

#include <nmmintrin.h>

typedef float __m256 __attribute__((__vector_size__(32), __aligned__(32), __may_alias__));
typedef double __m256d __attribute__((__vector_size__(32), __aligned__(32), __may_alias__));
typedef long long __m256i __attribute__((__vector_size__(32), __aligned__(32), __may_alias__));
typedef float __m256_u __attribute__((__vector_size__(32), __aligned__(1), __may_alias__));
typedef double __m256d_u __attribute__((__vector_size__(32), __aligned__(1), __may_alias__));
typedef long long __m256i_u __attribute__((__vector_size__(32), __aligned__(1), __may_alias__));

typedef float __v8sf __attribute__((__vector_size__(32)));
typedef double __v4df __attribute__((__vector_size__(32)));
typedef long long __v4di __attribute__((__vector_size__(32)));
typedef unsigned long long __v4du __attribute__((__vector_size__(32)));
typedef int __v8si __attribute__((__vector_size__(32)));
typedef unsigned int __v8su __attribute__((__vector_size__(32)));
typedef short __v16hi __attribute__((__vector_size__(32)));
typedef unsigned short __v16hu __attribute__((__vector_size__(32)));
typedef char __v32qi __attribute__((__vector_size__(32)));
typedef signed char __v32qs __attribute__((__vector_size__(32)));
typedef unsigned char __v32qu __attribute__((__vector_size__(32)));

/* The comparison predicates of _mm_cmp_ps & co (GCC and clang define them in
 * xmmintrin.h/emmintrin.h for the first eight, avxintrin.h for all). */
#ifndef _CMP_EQ_OQ
#define _CMP_EQ_OQ 0x00
#define _CMP_LT_OS 0x01
#define _CMP_LE_OS 0x02
#define _CMP_UNORD_Q 0x03
#define _CMP_NEQ_UQ 0x04
#define _CMP_NLT_US 0x05
#define _CMP_NLE_US 0x06
#define _CMP_ORD_Q 0x07
#endif
#ifndef _CMP_EQ_UQ
#define _CMP_EQ_UQ 0x08
#define _CMP_NGE_US 0x09
#define _CMP_NGT_US 0x0a
#define _CMP_FALSE_OQ 0x0b
#define _CMP_NEQ_OQ 0x0c
#define _CMP_GE_OS 0x0d
#define _CMP_GT_OS 0x0e
#define _CMP_TRUE_UQ 0x0f
#define _CMP_EQ_OS 0x10
#define _CMP_LT_OQ 0x11
#define _CMP_LE_OQ 0x12
#define _CMP_UNORD_S 0x13
#define _CMP_NEQ_US 0x14
#define _CMP_NLT_UQ 0x15
#define _CMP_NLE_UQ 0x16
#define _CMP_ORD_S 0x17
#define _CMP_EQ_US 0x18
#define _CMP_NGE_UQ 0x19
#define _CMP_NGT_UQ 0x1a
#define _CMP_FALSE_OS 0x1b
#define _CMP_NEQ_OS 0x1c
#define _CMP_GE_OQ 0x1d
#define _CMP_GT_OQ 0x1e
#define _CMP_TRUE_US 0x1f
#endif

/* Halves and joins. */
__ECSI_FN __m128 __ecsi_lo_ps(__m256 a) { return __builtin_shufflevector((__v8sf)a, (__v8sf)a, 0, 1, 2, 3); }
__ECSI_FN __m128 __ecsi_hi_ps(__m256 a) { return __builtin_shufflevector((__v8sf)a, (__v8sf)a, 4, 5, 6, 7); }
__ECSI_FN __m128d __ecsi_lo_pd(__m256d a) { return __builtin_shufflevector((__v4df)a, (__v4df)a, 0, 1); }
__ECSI_FN __m128d __ecsi_hi_pd(__m256d a) { return __builtin_shufflevector((__v4df)a, (__v4df)a, 2, 3); }
__ECSI_FN __m128i __ecsi_lo_si(__m256i a) { return __builtin_shufflevector((__v4di)a, (__v4di)a, 0, 1); }
__ECSI_FN __m128i __ecsi_hi_si(__m256i a) { return __builtin_shufflevector((__v4di)a, (__v4di)a, 2, 3); }
__ECSI_FN __m256 __ecsi_join_ps(__m128 lo, __m128 hi) {
  return __builtin_shufflevector((__v4sf)lo, (__v4sf)hi, 0, 1, 2, 3, 4, 5, 6, 7);
}
__ECSI_FN __m256d __ecsi_join_pd(__m128d lo, __m128d hi) {
  return __builtin_shufflevector((__v2df)lo, (__v2df)hi, 0, 1, 2, 3);
}
__ECSI_FN __m256i __ecsi_join_si(__m128i lo, __m128i hi) {
  return __builtin_shufflevector((__v2di)lo, (__v2di)hi, 0, 1, 2, 3);
}
/* The SSE operation f on each 128-bit half. */
#define __ECSI_HALVES_PS(f, a, b) __ecsi_join_ps(f(__ecsi_lo_ps(a), __ecsi_lo_ps(b)), f(__ecsi_hi_ps(a), __ecsi_hi_ps(b)))
#define __ECSI_HALVES_PD(f, a, b) __ecsi_join_pd(f(__ecsi_lo_pd(a), __ecsi_lo_pd(b)), f(__ecsi_hi_pd(a), __ecsi_hi_pd(b)))
#define __ECSI_HALVES_SI(f, a, b) __ecsi_join_si(f(__ecsi_lo_si(a), __ecsi_lo_si(b)), f(__ecsi_hi_si(a), __ecsi_hi_si(b)))
/* Lane i's bit of an immediate, as a lane mask. */
#define __ECSI_IMM_MASK8(imm) ((__ECSI_SPLAT(__v8si, imm) & (__v8si){1, 2, 4, 8, 16, 32, 64, 128}) != 0)
#define __ECSI_IMM_MASK4(imm) ((__ECSI_SPLAT(__v4di, imm) & (__v4di){1, 2, 4, 8}) != 0)

/* Arithmetic. */
__ECSI_FN __m256 _mm256_add_ps(__m256 a, __m256 b) { return (__m256)((__v8sf)a + (__v8sf)b); }
__ECSI_FN __m256d _mm256_add_pd(__m256d a, __m256d b) { return (__m256d)((__v4df)a + (__v4df)b); }
__ECSI_FN __m256 _mm256_sub_ps(__m256 a, __m256 b) { return (__m256)((__v8sf)a - (__v8sf)b); }
__ECSI_FN __m256d _mm256_sub_pd(__m256d a, __m256d b) { return (__m256d)((__v4df)a - (__v4df)b); }
__ECSI_FN __m256 _mm256_mul_ps(__m256 a, __m256 b) { return (__m256)((__v8sf)a * (__v8sf)b); }
__ECSI_FN __m256d _mm256_mul_pd(__m256d a, __m256d b) { return (__m256d)((__v4df)a * (__v4df)b); }
__ECSI_FN __m256 _mm256_div_ps(__m256 a, __m256 b) { return (__m256)((__v8sf)a / (__v8sf)b); }
__ECSI_FN __m256d _mm256_div_pd(__m256d a, __m256d b) { return (__m256d)((__v4df)a / (__v4df)b); }
__ECSI_FN __m256 _mm256_addsub_ps(__m256 a, __m256 b) { return __ECSI_HALVES_PS(_mm_addsub_ps, a, b); }
__ECSI_FN __m256d _mm256_addsub_pd(__m256d a, __m256d b) { return __ECSI_HALVES_PD(_mm_addsub_pd, a, b); }
__ECSI_FN __m256 _mm256_hadd_ps(__m256 a, __m256 b) { return __ECSI_HALVES_PS(_mm_hadd_ps, a, b); }
__ECSI_FN __m256d _mm256_hadd_pd(__m256d a, __m256d b) { return __ECSI_HALVES_PD(_mm_hadd_pd, a, b); }
__ECSI_FN __m256 _mm256_hsub_ps(__m256 a, __m256 b) { return __ECSI_HALVES_PS(_mm_hsub_ps, a, b); }
__ECSI_FN __m256d _mm256_hsub_pd(__m256d a, __m256d b) { return __ECSI_HALVES_PD(_mm_hsub_pd, a, b); }
__ECSI_FN __m256 _mm256_sqrt_ps(__m256 a) { return (__m256)__builtin_elementwise_sqrt((__v8sf)a); }
__ECSI_FN __m256d _mm256_sqrt_pd(__m256d a) { return (__m256d)__builtin_elementwise_sqrt((__v4df)a); }
/* Exact, where x86 approximates (as _mm_rcp_ps). */
__ECSI_FN __m256 _mm256_rcp_ps(__m256 a) { return (__m256)(1.0f / (__v8sf)a); }
__ECSI_FN __m256 _mm256_rsqrt_ps(__m256 a) { return (__m256)(1.0f / __builtin_elementwise_sqrt((__v8sf)a)); }
/* x86 gives the second operand unless the first is smaller (larger). */
__ECSI_FN __m256 _mm256_min_ps(__m256 a, __m256 b) {
  return (__m256)__ECSI_SELECT((__v8sf)a < (__v8sf)b, (__v8si)a, (__v8si)b);
}
__ECSI_FN __m256 _mm256_max_ps(__m256 a, __m256 b) {
  return (__m256)__ECSI_SELECT((__v8sf)a > (__v8sf)b, (__v8si)a, (__v8si)b);
}
__ECSI_FN __m256d _mm256_min_pd(__m256d a, __m256d b) {
  return (__m256d)__ECSI_SELECT((__v4df)a < (__v4df)b, (__v4di)a, (__v4di)b);
}
__ECSI_FN __m256d _mm256_max_pd(__m256d a, __m256d b) {
  return (__m256d)__ECSI_SELECT((__v4df)a > (__v4df)b, (__v4di)a, (__v4di)b);
}
__ECSI_FN __m256 _mm256_round_ps(__m256 a, int imm) {
  return __ecsi_join_ps(_mm_round_ps(__ecsi_lo_ps(a), imm), _mm_round_ps(__ecsi_hi_ps(a), imm));
}
__ECSI_FN __m256d _mm256_round_pd(__m256d a, int imm) {
  return __ecsi_join_pd(_mm_round_pd(__ecsi_lo_pd(a), imm), _mm_round_pd(__ecsi_hi_pd(a), imm));
}
__ECSI_FN __m256 _mm256_ceil_ps(__m256 a) { return _mm256_round_ps(a, _MM_FROUND_CEIL); }
__ECSI_FN __m256d _mm256_ceil_pd(__m256d a) { return _mm256_round_pd(a, _MM_FROUND_CEIL); }
__ECSI_FN __m256 _mm256_floor_ps(__m256 a) { return _mm256_round_ps(a, _MM_FROUND_FLOOR); }
__ECSI_FN __m256d _mm256_floor_pd(__m256d a) { return _mm256_round_pd(a, _MM_FROUND_FLOOR); }
__ECSI_FN __m256 _mm256_dp_ps(__m256 a, __m256 b, int imm) {
  return __ecsi_join_ps(_mm_dp_ps(__ecsi_lo_ps(a), __ecsi_lo_ps(b), imm),
                        _mm_dp_ps(__ecsi_hi_ps(a), __ecsi_hi_ps(b), imm));
}

/* Bitwise. */
__ECSI_FN __m256 _mm256_and_ps(__m256 a, __m256 b) { return (__m256)((__v8su)a & (__v8su)b); }
__ECSI_FN __m256d _mm256_and_pd(__m256d a, __m256d b) { return (__m256d)((__v4du)a & (__v4du)b); }
__ECSI_FN __m256 _mm256_andnot_ps(__m256 a, __m256 b) { return (__m256)(~(__v8su)a & (__v8su)b); }
__ECSI_FN __m256d _mm256_andnot_pd(__m256d a, __m256d b) { return (__m256d)(~(__v4du)a & (__v4du)b); }
__ECSI_FN __m256 _mm256_or_ps(__m256 a, __m256 b) { return (__m256)((__v8su)a | (__v8su)b); }
__ECSI_FN __m256d _mm256_or_pd(__m256d a, __m256d b) { return (__m256d)((__v4du)a | (__v4du)b); }
__ECSI_FN __m256 _mm256_xor_ps(__m256 a, __m256 b) { return (__m256)((__v8su)a ^ (__v8su)b); }
__ECSI_FN __m256d _mm256_xor_pd(__m256d a, __m256d b) { return (__m256d)((__v4du)a ^ (__v4du)b); }

/* Comparisons by predicate (bit 4, signalling or quiet, changes only exceptions). */
__ECSI_FN __v4si __ecsi_cmp_ps(__v4sf a, __v4sf b, int imm) {
  __v4si unord = (a != a) | (b != b);
  switch (imm & 15) {
  case 0: return a == b;
  case 1: return a < b;
  case 2: return a <= b;
  case 3: return unord;
  case 4: return ~(a == b);
  case 5: return ~(a < b);
  case 6: return ~(a <= b);
  case 7: return ~unord;
  case 8: return (a == b) | unord;
  case 9: return ~(a >= b);
  case 10: return ~(a > b);
  case 11: return (__v4si){0, 0, 0, 0};
  case 12: return (a < b) | (a > b);
  case 13: return a >= b;
  case 14: return a > b;
  default: return (__v4si){-1, -1, -1, -1};
  }
}
__ECSI_FN __v2di __ecsi_cmp_pd(__v2df a, __v2df b, int imm) {
  __v2di unord = (a != a) | (b != b);
  switch (imm & 15) {
  case 0: return a == b;
  case 1: return a < b;
  case 2: return a <= b;
  case 3: return unord;
  case 4: return ~(a == b);
  case 5: return ~(a < b);
  case 6: return ~(a <= b);
  case 7: return ~unord;
  case 8: return (a == b) | unord;
  case 9: return ~(a >= b);
  case 10: return ~(a > b);
  case 11: return (__v2di){0, 0};
  case 12: return (a < b) | (a > b);
  case 13: return a >= b;
  case 14: return a > b;
  default: return (__v2di){-1, -1};
  }
}
__ECSI_FN __m128 _mm_cmp_ps(__m128 a, __m128 b, int imm) {
  return (__m128)__ecsi_cmp_ps((__v4sf)a, (__v4sf)b, imm);
}
__ECSI_FN __m128d _mm_cmp_pd(__m128d a, __m128d b, int imm) {
  return (__m128d)__ecsi_cmp_pd((__v2df)a, (__v2df)b, imm);
}
/* The low lane compared, a's upper lanes. */
__ECSI_FN __m128 _mm_cmp_ss(__m128 a, __m128 b, int imm) {
  return (__m128)__builtin_shufflevector(__ecsi_cmp_ps((__v4sf)a, (__v4sf)b, imm), (__v4si)a, 0, 5, 6, 7);
}
__ECSI_FN __m128d _mm_cmp_sd(__m128d a, __m128d b, int imm) {
  return (__m128d)__builtin_shufflevector(__ecsi_cmp_pd((__v2df)a, (__v2df)b, imm), (__v2di)a, 0, 3);
}
__ECSI_FN __m256 _mm256_cmp_ps(__m256 a, __m256 b, int imm) {
  return __ecsi_join_ps(_mm_cmp_ps(__ecsi_lo_ps(a), __ecsi_lo_ps(b), imm),
                        _mm_cmp_ps(__ecsi_hi_ps(a), __ecsi_hi_ps(b), imm));
}
__ECSI_FN __m256d _mm256_cmp_pd(__m256d a, __m256d b, int imm) {
  return __ecsi_join_pd(_mm_cmp_pd(__ecsi_lo_pd(a), __ecsi_lo_pd(b), imm),
                        _mm_cmp_pd(__ecsi_hi_pd(a), __ecsi_hi_pd(b), imm));
}

/* Conversions (float to integer as x86: nearest even, or truncated, else the integer
 * indefinite). */
__ECSI_FN __m256d _mm256_cvtepi32_pd(__m128i a) { return (__m256d)__builtin_convertvector((__v4si)a, __v4df); }
__ECSI_FN __m256 _mm256_cvtepi32_ps(__m256i a) { return (__m256)__builtin_convertvector((__v8si)a, __v8sf); }
__ECSI_FN __m128i _mm256_cvtpd_epi32(__m256d a) {
  return (__m128i)__builtin_shufflevector((__v4si)_mm_cvtpd_epi32(__ecsi_lo_pd(a)),
                                          (__v4si)_mm_cvtpd_epi32(__ecsi_hi_pd(a)), 0, 1, 4, 5);
}
__ECSI_FN __m128i _mm256_cvttpd_epi32(__m256d a) {
  return (__m128i)__builtin_shufflevector((__v4si)_mm_cvttpd_epi32(__ecsi_lo_pd(a)),
                                          (__v4si)_mm_cvttpd_epi32(__ecsi_hi_pd(a)), 0, 1, 4, 5);
}
__ECSI_FN __m128 _mm256_cvtpd_ps(__m256d a) {
  return _mm_movelh_ps(_mm_cvtpd_ps(__ecsi_lo_pd(a)), _mm_cvtpd_ps(__ecsi_hi_pd(a)));
}
__ECSI_FN __m256i _mm256_cvtps_epi32(__m256 a) {
  return __ecsi_join_si(_mm_cvtps_epi32(__ecsi_lo_ps(a)), _mm_cvtps_epi32(__ecsi_hi_ps(a)));
}
__ECSI_FN __m256i _mm256_cvttps_epi32(__m256 a) {
  return __ecsi_join_si(_mm_cvttps_epi32(__ecsi_lo_ps(a)), _mm_cvttps_epi32(__ecsi_hi_ps(a)));
}
__ECSI_FN __m256d _mm256_cvtps_pd(__m128 a) {
  return __ecsi_join_pd(_mm_cvtps_pd(a), _mm_cvtps_pd(_mm_movehl_ps(a, a)));
}
__ECSI_FN double _mm256_cvtsd_f64(__m256d a) { return a[0]; }
__ECSI_FN int _mm256_cvtsi256_si32(__m256i a) { return ((__v8si)a)[0]; }
__ECSI_FN float _mm256_cvtss_f32(__m256 a) { return a[0]; }

/* Casts (the upper half of a widened value is zero here; x86 leaves it undefined). */
__ECSI_FN __m256 _mm256_castpd_ps(__m256d a) { return (__m256)a; }
__ECSI_FN __m256i _mm256_castpd_si256(__m256d a) { return (__m256i)a; }
__ECSI_FN __m256d _mm256_castps_pd(__m256 a) { return (__m256d)a; }
__ECSI_FN __m256i _mm256_castps_si256(__m256 a) { return (__m256i)a; }
__ECSI_FN __m256d _mm256_castsi256_pd(__m256i a) { return (__m256d)a; }
__ECSI_FN __m256 _mm256_castsi256_ps(__m256i a) { return (__m256)a; }
__ECSI_FN __m128d _mm256_castpd256_pd128(__m256d a) { return __ecsi_lo_pd(a); }
__ECSI_FN __m128 _mm256_castps256_ps128(__m256 a) { return __ecsi_lo_ps(a); }
__ECSI_FN __m128i _mm256_castsi256_si128(__m256i a) { return __ecsi_lo_si(a); }
__ECSI_FN __m256d _mm256_zextpd128_pd256(__m128d a) { return __ecsi_join_pd(a, _mm_setzero_pd()); }
__ECSI_FN __m256 _mm256_zextps128_ps256(__m128 a) { return __ecsi_join_ps(a, _mm_setzero_ps()); }
__ECSI_FN __m256i _mm256_zextsi128_si256(__m128i a) { return __ecsi_join_si(a, _mm_setzero_si128()); }
__ECSI_FN __m256d _mm256_castpd128_pd256(__m128d a) { return _mm256_zextpd128_pd256(a); }
__ECSI_FN __m256 _mm256_castps128_ps256(__m128 a) { return _mm256_zextps128_ps256(a); }
__ECSI_FN __m256i _mm256_castsi128_si256(__m128i a) { return _mm256_zextsi128_si256(a); }

/* Setting. */
__ECSI_FN __m256 _mm256_setzero_ps(void) { return (__m256){0, 0, 0, 0, 0, 0, 0, 0}; }
__ECSI_FN __m256d _mm256_setzero_pd(void) { return (__m256d){0, 0, 0, 0}; }
__ECSI_FN __m256i _mm256_setzero_si256(void) { return (__m256i){0, 0, 0, 0}; }
/* Zero, where x86 leaves whatever a register held. */
__ECSI_FN __m256 _mm256_undefined_ps(void) { return _mm256_setzero_ps(); }
__ECSI_FN __m256d _mm256_undefined_pd(void) { return _mm256_setzero_pd(); }
__ECSI_FN __m256i _mm256_undefined_si256(void) { return _mm256_setzero_si256(); }
__ECSI_FN __m256 _mm256_set_ps(float a, float b, float c, float d, float e, float f, float g, float h) {
  return (__m256){h, g, f, e, d, c, b, a};
}
__ECSI_FN __m256 _mm256_setr_ps(float a, float b, float c, float d, float e, float f, float g, float h) {
  return (__m256){a, b, c, d, e, f, g, h};
}
__ECSI_FN __m256d _mm256_set_pd(double a, double b, double c, double d) { return (__m256d){d, c, b, a}; }
__ECSI_FN __m256d _mm256_setr_pd(double a, double b, double c, double d) { return (__m256d){a, b, c, d}; }
__ECSI_FN __m256 _mm256_set1_ps(float a) { return (__m256){a, a, a, a, a, a, a, a}; }
__ECSI_FN __m256d _mm256_set1_pd(double a) { return (__m256d){a, a, a, a}; }
__ECSI_FN __m256i _mm256_set_epi64x(long long a, long long b, long long c, long long d) {
  return (__m256i){d, c, b, a};
}
__ECSI_FN __m256i _mm256_setr_epi64x(long long a, long long b, long long c, long long d) {
  return (__m256i){a, b, c, d};
}
__ECSI_FN __m256i _mm256_set_epi32(int a, int b, int c, int d, int e, int f, int g, int h) {
  return (__m256i)(__v8si){h, g, f, e, d, c, b, a};
}
__ECSI_FN __m256i _mm256_setr_epi32(int a, int b, int c, int d, int e, int f, int g, int h) {
  return (__m256i)(__v8si){a, b, c, d, e, f, g, h};
}
__ECSI_FN __m256i _mm256_setr_epi16(short w0, short w1, short w2, short w3, short w4, short w5,
                                    short w6, short w7, short w8, short w9, short w10, short w11,
                                    short w12, short w13, short w14, short w15) {
  return (__m256i)(__v16hi){w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, w12, w13, w14, w15};
}
__ECSI_FN __m256i _mm256_set_epi16(short w15, short w14, short w13, short w12, short w11, short w10,
                                   short w9, short w8, short w7, short w6, short w5, short w4,
                                   short w3, short w2, short w1, short w0) {
  return _mm256_setr_epi16(w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, w12, w13, w14, w15);
}
__ECSI_FN __m256i _mm256_setr_epi8(char b0, char b1, char b2, char b3, char b4, char b5, char b6,
                                   char b7, char b8, char b9, char b10, char b11, char b12,
                                   char b13, char b14, char b15, char b16, char b17, char b18,
                                   char b19, char b20, char b21, char b22, char b23, char b24,
                                   char b25, char b26, char b27, char b28, char b29, char b30,
                                   char b31) {
  return (__m256i)(__v32qi){b0,  b1,  b2,  b3,  b4,  b5,  b6,  b7,  b8,  b9,  b10,
                            b11, b12, b13, b14, b15, b16, b17, b18, b19, b20, b21,
                            b22, b23, b24, b25, b26, b27, b28, b29, b30, b31};
}
__ECSI_FN __m256i _mm256_set_epi8(char b31, char b30, char b29, char b28, char b27, char b26,
                                  char b25, char b24, char b23, char b22, char b21, char b20,
                                  char b19, char b18, char b17, char b16, char b15, char b14,
                                  char b13, char b12, char b11, char b10, char b9, char b8,
                                  char b7, char b6, char b5, char b4, char b3, char b2, char b1,
                                  char b0) {
  return _mm256_setr_epi8(b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15,
                          b16, b17, b18, b19, b20, b21, b22, b23, b24, b25, b26, b27, b28, b29,
                          b30, b31);
}
__ECSI_FN __m256i _mm256_set1_epi64x(long long a) { return (__m256i){a, a, a, a}; }
__ECSI_FN __m256i _mm256_set1_epi32(int a) { return (__m256i)__ECSI_SPLAT(__v8si, a); }
__ECSI_FN __m256i _mm256_set1_epi16(short a) { return (__m256i)__ECSI_SPLAT(__v16hi, a); }
__ECSI_FN __m256i _mm256_set1_epi8(char a) { return (__m256i)__ECSI_SPLAT(__v32qi, a); }
__ECSI_FN __m256 _mm256_set_m128(__m128 hi, __m128 lo) { return __ecsi_join_ps(lo, hi); }
__ECSI_FN __m256d _mm256_set_m128d(__m128d hi, __m128d lo) { return __ecsi_join_pd(lo, hi); }
__ECSI_FN __m256i _mm256_set_m128i(__m128i hi, __m128i lo) { return __ecsi_join_si(lo, hi); }
__ECSI_FN __m256 _mm256_setr_m128(__m128 lo, __m128 hi) { return __ecsi_join_ps(lo, hi); }
__ECSI_FN __m256d _mm256_setr_m128d(__m128d lo, __m128d hi) { return __ecsi_join_pd(lo, hi); }
__ECSI_FN __m256i _mm256_setr_m128i(__m128i lo, __m128i hi) { return __ecsi_join_si(lo, hi); }

/* Loads and stores. */
__ECSI_FN __m256 _mm256_load_ps(float const *p) { return *(const __m256 *)p; }
__ECSI_FN __m256d _mm256_load_pd(double const *p) { return *(const __m256d *)p; }
__ECSI_FN __m256i _mm256_load_si256(__m256i const *p) { return *p; }
__ECSI_FN __m256 _mm256_loadu_ps(float const *p) { return *(const __m256_u *)p; }
__ECSI_FN __m256d _mm256_loadu_pd(double const *p) { return *(const __m256d_u *)p; }
__ECSI_FN __m256i _mm256_loadu_si256(__m256i_u const *p) { return *p; }
__ECSI_FN __m256i _mm256_lddqu_si256(__m256i_u const *p) { return *p; }
__ECSI_FN __m256 _mm256_loadu2_m128(float const *hi, float const *lo) {
  return __ecsi_join_ps(_mm_loadu_ps(lo), _mm_loadu_ps(hi));
}
__ECSI_FN __m256d _mm256_loadu2_m128d(double const *hi, double const *lo) {
  return __ecsi_join_pd(_mm_loadu_pd(lo), _mm_loadu_pd(hi));
}
__ECSI_FN __m256i _mm256_loadu2_m128i(__m128i_u const *hi, __m128i_u const *lo) {
  return __ecsi_join_si(*lo, *hi);
}
__ECSI_FN void _mm256_store_ps(float *p, __m256 a) { *(__m256 *)p = a; }
__ECSI_FN void _mm256_store_pd(double *p, __m256d a) { *(__m256d *)p = a; }
__ECSI_FN void _mm256_store_si256(__m256i *p, __m256i a) { *p = a; }
__ECSI_FN void _mm256_storeu_ps(float *p, __m256 a) { *(__m256_u *)p = a; }
__ECSI_FN void _mm256_storeu_pd(double *p, __m256d a) { *(__m256d_u *)p = a; }
__ECSI_FN void _mm256_storeu_si256(__m256i_u *p, __m256i a) { *p = a; }
__ECSI_FN void _mm256_storeu2_m128(float *hi, float *lo, __m256 a) {
  _mm_storeu_ps(lo, __ecsi_lo_ps(a));
  _mm_storeu_ps(hi, __ecsi_hi_ps(a));
}
__ECSI_FN void _mm256_storeu2_m128d(double *hi, double *lo, __m256d a) {
  _mm_storeu_pd(lo, __ecsi_lo_pd(a));
  _mm_storeu_pd(hi, __ecsi_hi_pd(a));
}
__ECSI_FN void _mm256_storeu2_m128i(__m128i_u *hi, __m128i_u *lo, __m256i a) {
  *lo = __ecsi_lo_si(a);
  *hi = __ecsi_hi_si(a);
}
/* Non-temporal hints are plain stores here. */
__ECSI_FN void _mm256_stream_ps(float *p, __m256 a) { *(__m256 *)p = a; }
__ECSI_FN void _mm256_stream_pd(double *p, __m256d a) { *(__m256d *)p = a; }
__ECSI_FN void _mm256_stream_si256(__m256i *p, __m256i a) { *p = a; }
__ECSI_FN __m128 _mm_broadcast_ss(float const *p) { return _mm_set1_ps(*(const __ecsi_f32_u *)p); }
__ECSI_FN __m256 _mm256_broadcast_ss(float const *p) { return _mm256_set1_ps(*(const __ecsi_f32_u *)p); }
__ECSI_FN __m256d _mm256_broadcast_sd(double const *p) { return _mm256_set1_pd(*(const __ecsi_f64_u *)p); }
__ECSI_FN __m256 _mm256_broadcast_ps(__m128 const *p) {
  __m128 a = *(const __m128_u *)p;
  return __ecsi_join_ps(a, a);
}
__ECSI_FN __m256d _mm256_broadcast_pd(__m128d const *p) {
  __m128d a = *(const __m128d_u *)p;
  return __ecsi_join_pd(a, a);
}
/* Masked: only the lanes whose mask has its top bit set are read or written (the
 * others are never touched, as on x86, where they may be unmapped). */
__ECSI_FN __m128 _mm_maskload_ps(float const *p, __m128i m) {
  __m128 r = _mm_setzero_ps();
  for (int i = 0; i < 4; i++) if (((__v4si)m)[i] < 0) r[i] = ((const __ecsi_f32_u *)p)[i];
  return r;
}
__ECSI_FN __m256 _mm256_maskload_ps(float const *p, __m256i m) {
  __m256 r = _mm256_setzero_ps();
  for (int i = 0; i < 8; i++) if (((__v8si)m)[i] < 0) r[i] = ((const __ecsi_f32_u *)p)[i];
  return r;
}
__ECSI_FN __m128d _mm_maskload_pd(double const *p, __m128i m) {
  __m128d r = _mm_setzero_pd();
  for (int i = 0; i < 2; i++) if (m[i] < 0) r[i] = ((const __ecsi_f64_u *)p)[i];
  return r;
}
__ECSI_FN __m256d _mm256_maskload_pd(double const *p, __m256i m) {
  __m256d r = _mm256_setzero_pd();
  for (int i = 0; i < 4; i++) if (m[i] < 0) r[i] = ((const __ecsi_f64_u *)p)[i];
  return r;
}
__ECSI_FN void _mm_maskstore_ps(float *p, __m128i m, __m128 a) {
  for (int i = 0; i < 4; i++) if (((__v4si)m)[i] < 0) ((__ecsi_f32_u *)p)[i] = a[i];
}
__ECSI_FN void _mm256_maskstore_ps(float *p, __m256i m, __m256 a) {
  for (int i = 0; i < 8; i++) if (((__v8si)m)[i] < 0) ((__ecsi_f32_u *)p)[i] = a[i];
}
__ECSI_FN void _mm_maskstore_pd(double *p, __m128i m, __m128d a) {
  for (int i = 0; i < 2; i++) if (m[i] < 0) ((__ecsi_f64_u *)p)[i] = a[i];
}
__ECSI_FN void _mm256_maskstore_pd(double *p, __m256i m, __m256d a) {
  for (int i = 0; i < 4; i++) if (m[i] < 0) ((__ecsi_f64_u *)p)[i] = a[i];
}

/* Lanes. */
__ECSI_FN int _mm256_extract_epi8(__m256i a, int imm) { return ((__v32qu)a)[imm & 31]; }
__ECSI_FN int _mm256_extract_epi16(__m256i a, int imm) { return ((__v16hu)a)[imm & 15]; }
__ECSI_FN int _mm256_extract_epi32(__m256i a, int imm) { return ((__v8si)a)[imm & 7]; }
__ECSI_FN long long _mm256_extract_epi64(__m256i a, int imm) { return a[imm & 3]; }
__ECSI_FN __m256i _mm256_insert_epi8(__m256i a, int i, int imm) {
  __v32qi v = (__v32qi)a;
  v[imm & 31] = (char)i;
  return (__m256i)v;
}
__ECSI_FN __m256i _mm256_insert_epi16(__m256i a, int i, int imm) {
  __v16hi v = (__v16hi)a;
  v[imm & 15] = (short)i;
  return (__m256i)v;
}
__ECSI_FN __m256i _mm256_insert_epi32(__m256i a, int i, int imm) {
  __v8si v = (__v8si)a;
  v[imm & 7] = i;
  return (__m256i)v;
}
__ECSI_FN __m256i _mm256_insert_epi64(__m256i a, long long i, int imm) {
  a[imm & 3] = i;
  return a;
}
__ECSI_FN __m128 _mm256_extractf128_ps(__m256 a, int imm) { return imm & 1 ? __ecsi_hi_ps(a) : __ecsi_lo_ps(a); }
__ECSI_FN __m128d _mm256_extractf128_pd(__m256d a, int imm) { return imm & 1 ? __ecsi_hi_pd(a) : __ecsi_lo_pd(a); }
__ECSI_FN __m128i _mm256_extractf128_si256(__m256i a, int imm) { return imm & 1 ? __ecsi_hi_si(a) : __ecsi_lo_si(a); }
__ECSI_FN __m256 _mm256_insertf128_ps(__m256 a, __m128 b, int imm) {
  return imm & 1 ? __ecsi_join_ps(__ecsi_lo_ps(a), b) : __ecsi_join_ps(b, __ecsi_hi_ps(a));
}
__ECSI_FN __m256d _mm256_insertf128_pd(__m256d a, __m128d b, int imm) {
  return imm & 1 ? __ecsi_join_pd(__ecsi_lo_pd(a), b) : __ecsi_join_pd(b, __ecsi_hi_pd(a));
}
__ECSI_FN __m256i _mm256_insertf128_si256(__m256i a, __m128i b, int imm) {
  return imm & 1 ? __ecsi_join_si(__ecsi_lo_si(a), b) : __ecsi_join_si(b, __ecsi_hi_si(a));
}

/* Blends: b's lane where the immediate's bit (or the mask lane's top bit) is set. */
__ECSI_FN __m256 _mm256_blend_ps(__m256 a, __m256 b, int imm) {
  return (__m256)__ECSI_SELECT(__ECSI_IMM_MASK8(imm), (__v8si)b, (__v8si)a);
}
__ECSI_FN __m256d _mm256_blend_pd(__m256d a, __m256d b, int imm) {
  return (__m256d)__ECSI_SELECT(__ECSI_IMM_MASK4(imm), (__v4di)b, (__v4di)a);
}
__ECSI_FN __m256 _mm256_blendv_ps(__m256 a, __m256 b, __m256 m) {
  return (__m256)__ECSI_SELECT((__v8si)m < 0, (__v8si)b, (__v8si)a);
}
__ECSI_FN __m256d _mm256_blendv_pd(__m256d a, __m256d b, __m256d m) {
  return (__m256d)__ECSI_SELECT((__v4di)m < 0, (__v4di)b, (__v4di)a);
}

/* Shuffles and permutes (within each 128-bit half unless the name says otherwise). */
__ECSI_FN __m256d _mm256_movedup_pd(__m256d a) { return __builtin_shufflevector((__v4df)a, (__v4df)a, 0, 0, 2, 2); }
__ECSI_FN __m256 _mm256_movehdup_ps(__m256 a) {
  return __builtin_shufflevector((__v8sf)a, (__v8sf)a, 1, 1, 3, 3, 5, 5, 7, 7);
}
__ECSI_FN __m256 _mm256_moveldup_ps(__m256 a) {
  return __builtin_shufflevector((__v8sf)a, (__v8sf)a, 0, 0, 2, 2, 4, 4, 6, 6);
}
__ECSI_FN __m256d _mm256_unpackhi_pd(__m256d a, __m256d b) {
  return __builtin_shufflevector((__v4df)a, (__v4df)b, 1, 5, 3, 7);
}
__ECSI_FN __m256d _mm256_unpacklo_pd(__m256d a, __m256d b) {
  return __builtin_shufflevector((__v4df)a, (__v4df)b, 0, 4, 2, 6);
}
__ECSI_FN __m256 _mm256_unpackhi_ps(__m256 a, __m256 b) {
  return __builtin_shufflevector((__v8sf)a, (__v8sf)b, 2, 10, 3, 11, 6, 14, 7, 15);
}
__ECSI_FN __m256 _mm256_unpacklo_ps(__m256 a, __m256 b) {
  return __builtin_shufflevector((__v8sf)a, (__v8sf)b, 0, 8, 1, 9, 4, 12, 5, 13);
}
__ECSI_FN __m256 _mm256_shuffle_ps(__m256 a, __m256 b, int imm) {
  __m256 r;
  for (int i = 0; i < 8; i++) {
    int half = i & 4, sel = (imm >> (2 * (i & 3))) & 3;
    r[i] = (i & 2) ? b[half + sel] : a[half + sel];
  }
  return r;
}
__ECSI_FN __m256d _mm256_shuffle_pd(__m256d a, __m256d b, int imm) {
  __m256d r;
  for (int i = 0; i < 4; i++) {
    int sel = (i & 2) + ((imm >> i) & 1);
    r[i] = (i & 1) ? b[sel] : a[sel];
  }
  return r;
}
__ECSI_FN __m128 _mm_permute_ps(__m128 a, int imm) {
  __m128 r;
  for (int i = 0; i < 4; i++) r[i] = a[(imm >> (2 * i)) & 3];
  return r;
}
__ECSI_FN __m256 _mm256_permute_ps(__m256 a, int imm) {
  __m256 r;
  for (int i = 0; i < 8; i++) r[i] = a[(i & 4) + ((imm >> (2 * (i & 3))) & 3)];
  return r;
}
__ECSI_FN __m128d _mm_permute_pd(__m128d a, int imm) {
  __m128d r;
  for (int i = 0; i < 2; i++) r[i] = a[(imm >> i) & 1];
  return r;
}
__ECSI_FN __m256d _mm256_permute_pd(__m256d a, int imm) {
  __m256d r;
  for (int i = 0; i < 4; i++) r[i] = a[(i & 2) + ((imm >> i) & 1)];
  return r;
}
/* Selectors: the low two bits of each 32-bit lane, bit 1 of each 64-bit lane. */
__ECSI_FN __m128 _mm_permutevar_ps(__m128 a, __m128i c) {
  __m128 r;
  for (int i = 0; i < 4; i++) r[i] = a[((__v4si)c)[i] & 3];
  return r;
}
__ECSI_FN __m256 _mm256_permutevar_ps(__m256 a, __m256i c) {
  __m256 r;
  for (int i = 0; i < 8; i++) r[i] = a[(i & 4) + (((__v8si)c)[i] & 3)];
  return r;
}
__ECSI_FN __m128d _mm_permutevar_pd(__m128d a, __m128i c) {
  __m128d r;
  for (int i = 0; i < 2; i++) r[i] = a[(c[i] >> 1) & 1];
  return r;
}
__ECSI_FN __m256d _mm256_permutevar_pd(__m256d a, __m256i c) {
  __m256d r;
  for (int i = 0; i < 4; i++) r[i] = a[(i & 2) + ((c[i] >> 1) & 1)];
  return r;
}
/* Each half of the result: one of a's or b's halves (imm's nibble, bits 0-1), or zero
 * (bit 3). */
__ECSI_FN __m128i __ecsi_pick128(__m256i a, __m256i b, int ctl) {
  if (ctl & 8) return _mm_setzero_si128();
  switch (ctl & 3) {
  case 0: return __ecsi_lo_si(a);
  case 1: return __ecsi_hi_si(a);
  case 2: return __ecsi_lo_si(b);
  default: return __ecsi_hi_si(b);
  }
}
__ECSI_FN __m256i _mm256_permute2f128_si256(__m256i a, __m256i b, int imm) {
  return __ecsi_join_si(__ecsi_pick128(a, b, imm), __ecsi_pick128(a, b, imm >> 4));
}
__ECSI_FN __m256 _mm256_permute2f128_ps(__m256 a, __m256 b, int imm) {
  return (__m256)_mm256_permute2f128_si256((__m256i)a, (__m256i)b, imm);
}
__ECSI_FN __m256d _mm256_permute2f128_pd(__m256d a, __m256d b, int imm) {
  return (__m256d)_mm256_permute2f128_si256((__m256i)a, (__m256i)b, imm);
}

/* Sign-bit masks and tests. */
__ECSI_FN int _mm256_movemask_ps(__m256 a) {
  return __builtin_reduce_or(((__v8si)a < 0) & (__v8si){1, 2, 4, 8, 16, 32, 64, 128});
}
__ECSI_FN int _mm256_movemask_pd(__m256d a) {
  return (int)__builtin_reduce_or(((__v4di)a < 0) & (__v4di){1, 2, 4, 8});
}
/* testz: 1 if a & b has no bit (sign bit, for _ps/_pd) set; testc: 1 if ~a & b has
 * none; testnzc: 1 if neither. */
__ECSI_FN int __ecsi_none_ps(__v4si x) { return !__builtin_reduce_or(x < 0); }
__ECSI_FN int __ecsi_none_pd(__v2di x) { return !__builtin_reduce_or(x < 0); }
__ECSI_FN int __ecsi_none256_ps(__v8si x) { return !__builtin_reduce_or(x < 0); }
__ECSI_FN int __ecsi_none256_pd(__v4di x) { return !__builtin_reduce_or(x < 0); }
__ECSI_FN int __ecsi_none256_si(__v4di x) { return !__builtin_reduce_or(x); }
__ECSI_FN int _mm_testz_ps(__m128 a, __m128 b) { return __ecsi_none_ps((__v4si)a & (__v4si)b); }
__ECSI_FN int _mm_testc_ps(__m128 a, __m128 b) { return __ecsi_none_ps(~(__v4si)a & (__v4si)b); }
__ECSI_FN int _mm_testnzc_ps(__m128 a, __m128 b) { return !_mm_testz_ps(a, b) && !_mm_testc_ps(a, b); }
__ECSI_FN int _mm_testz_pd(__m128d a, __m128d b) { return __ecsi_none_pd((__v2di)a & (__v2di)b); }
__ECSI_FN int _mm_testc_pd(__m128d a, __m128d b) { return __ecsi_none_pd(~(__v2di)a & (__v2di)b); }
__ECSI_FN int _mm_testnzc_pd(__m128d a, __m128d b) { return !_mm_testz_pd(a, b) && !_mm_testc_pd(a, b); }
__ECSI_FN int _mm256_testz_ps(__m256 a, __m256 b) { return __ecsi_none256_ps((__v8si)a & (__v8si)b); }
__ECSI_FN int _mm256_testc_ps(__m256 a, __m256 b) { return __ecsi_none256_ps(~(__v8si)a & (__v8si)b); }
__ECSI_FN int _mm256_testnzc_ps(__m256 a, __m256 b) { return !_mm256_testz_ps(a, b) && !_mm256_testc_ps(a, b); }
__ECSI_FN int _mm256_testz_pd(__m256d a, __m256d b) { return __ecsi_none256_pd((__v4di)a & (__v4di)b); }
__ECSI_FN int _mm256_testc_pd(__m256d a, __m256d b) { return __ecsi_none256_pd(~(__v4di)a & (__v4di)b); }
__ECSI_FN int _mm256_testnzc_pd(__m256d a, __m256d b) { return !_mm256_testz_pd(a, b) && !_mm256_testc_pd(a, b); }
__ECSI_FN int _mm256_testz_si256(__m256i a, __m256i b) { return __ecsi_none256_si((__v4di)a & (__v4di)b); }
__ECSI_FN int _mm256_testc_si256(__m256i a, __m256i b) { return __ecsi_none256_si(~(__v4di)a & (__v4di)b); }
__ECSI_FN int _mm256_testnzc_si256(__m256i a, __m256i b) {
  return !_mm256_testz_si256(a, b) && !_mm256_testc_si256(a, b);
}

/* Register-state hints: nothing to do. */
__ECSI_FN void _mm256_zeroall(void) {}
__ECSI_FN void _mm256_zeroupper(void) {}

#endif /* __EC_SOFTINTRIN_AVXINTRIN_H */
