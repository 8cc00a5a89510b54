/* ec-buildext softintrin (see __ec_softintrin.h): SSE2. */
#ifndef __EC_SOFTINTRIN_EMMINTRIN_H
#define __EC_SOFTINTRIN_EMMINTRIN_H

#include <xmmintrin.h>

/* Double arithmetic. */
__ECSI_FN __m128d _mm_add_sd(__m128d a, __m128d b) { a[0] += b[0]; return a; }
__ECSI_FN __m128d _mm_add_pd(__m128d a, __m128d b) { return (__m128d)((__v2df)a + (__v2df)b); }
__ECSI_FN __m128d _mm_sub_sd(__m128d a, __m128d b) { a[0] -= b[0]; return a; }
__ECSI_FN __m128d _mm_sub_pd(__m128d a, __m128d b) { return (__m128d)((__v2df)a - (__v2df)b); }
__ECSI_FN __m128d _mm_mul_sd(__m128d a, __m128d b) { a[0] *= b[0]; return a; }
__ECSI_FN __m128d _mm_mul_pd(__m128d a, __m128d b) { return (__m128d)((__v2df)a * (__v2df)b); }
__ECSI_FN __m128d _mm_div_sd(__m128d a, __m128d b) { a[0] /= b[0]; return a; }
__ECSI_FN __m128d _mm_div_pd(__m128d a, __m128d b) { return (__m128d)((__v2df)a / (__v2df)b); }
__ECSI_FN __m128d _mm_sqrt_pd(__m128d a) { return (__m128d)__builtin_elementwise_sqrt((__v2df)a); }
/* The square root of b's low lane, a's high lane. */
__ECSI_FN __m128d _mm_sqrt_sd(__m128d a, __m128d b) { a[0] = _mm_sqrt_pd(b)[0]; return a; }
__ECSI_FN __m128d _mm_min_pd(__m128d a, __m128d b) {
  return (__m128d)__ECSI_SELECT((__v2df)a < (__v2df)b, (__v2di)a, (__v2di)b);
}
__ECSI_FN __m128d _mm_max_pd(__m128d a, __m128d b) {
  return (__m128d)__ECSI_SELECT((__v2df)a > (__v2df)b, (__v2di)a, (__v2di)b);
}
__ECSI_FN __m128d _mm_min_sd(__m128d a, __m128d b) { a[0] = a[0] < b[0] ? a[0] : b[0]; return a; }
__ECSI_FN __m128d _mm_max_sd(__m128d a, __m128d b) { a[0] = a[0] > b[0] ? a[0] : b[0]; return a; }
__ECSI_FN __m128d _mm_and_pd(__m128d a, __m128d b) { return (__m128d)((__v2du)a & (__v2du)b); }
__ECSI_FN __m128d _mm_andnot_pd(__m128d a, __m128d b) { return (__m128d)(~(__v2du)a & (__v2du)b); }
__ECSI_FN __m128d _mm_or_pd(__m128d a, __m128d b) { return (__m128d)((__v2du)a | (__v2du)b); }
__ECSI_FN __m128d _mm_xor_pd(__m128d a, __m128d b) { return (__m128d)((__v2du)a ^ (__v2du)b); }

/* Double comparisons (as the float ones). */
#define __ECSI_CMP_SD(mask, a) ((__m128d)__builtin_shufflevector((__v2di)(mask), (__v2di)(a), 0, 3))
__ECSI_FN __m128d _mm_cmpeq_pd(__m128d a, __m128d b) { return (__m128d)((__v2df)a == (__v2df)b); }
__ECSI_FN __m128d _mm_cmplt_pd(__m128d a, __m128d b) { return (__m128d)((__v2df)a < (__v2df)b); }
__ECSI_FN __m128d _mm_cmple_pd(__m128d a, __m128d b) { return (__m128d)((__v2df)a <= (__v2df)b); }
__ECSI_FN __m128d _mm_cmpgt_pd(__m128d a, __m128d b) { return (__m128d)((__v2df)a > (__v2df)b); }
__ECSI_FN __m128d _mm_cmpge_pd(__m128d a, __m128d b) { return (__m128d)((__v2df)a >= (__v2df)b); }
__ECSI_FN __m128d _mm_cmpneq_pd(__m128d a, __m128d b) { return (__m128d)((__v2df)a != (__v2df)b); }
__ECSI_FN __m128d _mm_cmpnlt_pd(__m128d a, __m128d b) { return (__m128d)~((__v2df)a < (__v2df)b); }
__ECSI_FN __m128d _mm_cmpnle_pd(__m128d a, __m128d b) { return (__m128d)~((__v2df)a <= (__v2df)b); }
__ECSI_FN __m128d _mm_cmpngt_pd(__m128d a, __m128d b) { return (__m128d)~((__v2df)a > (__v2df)b); }
__ECSI_FN __m128d _mm_cmpnge_pd(__m128d a, __m128d b) { return (__m128d)~((__v2df)a >= (__v2df)b); }
__ECSI_FN __m128d _mm_cmpord_pd(__m128d a, __m128d b) {
  return (__m128d)(((__v2df)a == (__v2df)a) & ((__v2df)b == (__v2df)b));
}
__ECSI_FN __m128d _mm_cmpunord_pd(__m128d a, __m128d b) {
  return (__m128d)(((__v2df)a != (__v2df)a) | ((__v2df)b != (__v2df)b));
}
__ECSI_FN __m128d _mm_cmpeq_sd(__m128d a, __m128d b) { return __ECSI_CMP_SD(_mm_cmpeq_pd(a, b), a); }
__ECSI_FN __m128d _mm_cmplt_sd(__m128d a, __m128d b) { return __ECSI_CMP_SD(_mm_cmplt_pd(a, b), a); }
__ECSI_FN __m128d _mm_cmple_sd(__m128d a, __m128d b) { return __ECSI_CMP_SD(_mm_cmple_pd(a, b), a); }
__ECSI_FN __m128d _mm_cmpgt_sd(__m128d a, __m128d b) { return __ECSI_CMP_SD(_mm_cmpgt_pd(a, b), a); }
__ECSI_FN __m128d _mm_cmpge_sd(__m128d a, __m128d b) { return __ECSI_CMP_SD(_mm_cmpge_pd(a, b), a); }
__ECSI_FN __m128d _mm_cmpneq_sd(__m128d a, __m128d b) { return __ECSI_CMP_SD(_mm_cmpneq_pd(a, b), a); }
__ECSI_FN __m128d _mm_cmpnlt_sd(__m128d a, __m128d b) { return __ECSI_CMP_SD(_mm_cmpnlt_pd(a, b), a); }
__ECSI_FN __m128d _mm_cmpnle_sd(__m128d a, __m128d b) { return __ECSI_CMP_SD(_mm_cmpnle_pd(a, b), a); }
__ECSI_FN __m128d _mm_cmpngt_sd(__m128d a, __m128d b) { return __ECSI_CMP_SD(_mm_cmpngt_pd(a, b), a); }
__ECSI_FN __m128d _mm_cmpnge_sd(__m128d a, __m128d b) { return __ECSI_CMP_SD(_mm_cmpnge_pd(a, b), a); }
__ECSI_FN __m128d _mm_cmpord_sd(__m128d a, __m128d b) { return __ECSI_CMP_SD(_mm_cmpord_pd(a, b), a); }
__ECSI_FN __m128d _mm_cmpunord_sd(__m128d a, __m128d b) {
  return __ECSI_CMP_SD(_mm_cmpunord_pd(a, b), a);
}
__ECSI_FN int _mm_comieq_sd(__m128d a, __m128d b) { return a[0] == b[0]; }
__ECSI_FN int _mm_comilt_sd(__m128d a, __m128d b) { return a[0] < b[0]; }
__ECSI_FN int _mm_comile_sd(__m128d a, __m128d b) { return a[0] <= b[0]; }
__ECSI_FN int _mm_comigt_sd(__m128d a, __m128d b) { return a[0] > b[0]; }
__ECSI_FN int _mm_comige_sd(__m128d a, __m128d b) { return a[0] >= b[0]; }
__ECSI_FN int _mm_comineq_sd(__m128d a, __m128d b) { return a[0] != b[0]; }
__ECSI_FN int _mm_ucomieq_sd(__m128d a, __m128d b) { return a[0] == b[0]; }
__ECSI_FN int _mm_ucomilt_sd(__m128d a, __m128d b) { return a[0] < b[0]; }
__ECSI_FN int _mm_ucomile_sd(__m128d a, __m128d b) { return a[0] <= b[0]; }
__ECSI_FN int _mm_ucomigt_sd(__m128d a, __m128d b) { return a[0] > b[0]; }
__ECSI_FN int _mm_ucomige_sd(__m128d a, __m128d b) { return a[0] >= b[0]; }
__ECSI_FN int _mm_ucomineq_sd(__m128d a, __m128d b) { return a[0] != b[0]; }

/* Conversions (see xmmintrin.h). */
__ECSI_FN __m128i __ecsi_cvt_pd_epi32(__v2df r) {
  __v2di fits = (r >= -2147483648.0) & (r < 2147483648.0);
  __v2di v = __builtin_convertvector((__v2df)((__v2di)r & fits), __v2di);
  __ecsi_i32x2 n = __builtin_convertvector(__ECSI_SELECT(fits, v, __ECSI_SPLAT(__v2di, -2147483648LL)), __ecsi_i32x2);
  return (__m128i)__builtin_shufflevector(n, (__ecsi_i32x2){0, 0}, 0, 1, 2, 3);
}
__ECSI_FN __m128i _mm_cvtpd_epi32(__m128d a) {
  return __ecsi_cvt_pd_epi32(__builtin_elementwise_roundeven((__v2df)a));
}
__ECSI_FN __m128i _mm_cvttpd_epi32(__m128d a) {
  return __ecsi_cvt_pd_epi32(__builtin_elementwise_trunc((__v2df)a));
}
__ECSI_FN __m128i _mm_cvtps_epi32(__m128 a) {
  return (__m128i)__ecsi_cvt_ps_epi32(__builtin_elementwise_roundeven((__v4sf)a));
}
__ECSI_FN __m128i _mm_cvttps_epi32(__m128 a) {
  return (__m128i)__ecsi_cvt_ps_epi32(__builtin_elementwise_trunc((__v4sf)a));
}
__ECSI_FN __m128 _mm_cvtepi32_ps(__m128i a) { return (__m128)__builtin_convertvector((__v4si)a, __v4sf); }
__ECSI_FN __m128d _mm_cvtepi32_pd(__m128i a) {
  return (__m128d)__builtin_convertvector(__builtin_shufflevector((__v4si)a, (__v4si)a, 0, 1), __v2df);
}
__ECSI_FN __m128 _mm_cvtpd_ps(__m128d a) {
  __ecsi_f32x2 n = __builtin_convertvector((__v2df)a, __ecsi_f32x2);
  return (__m128)__builtin_shufflevector(n, (__ecsi_f32x2){0.0f, 0.0f}, 0, 1, 2, 3);
}
__ECSI_FN __m128d _mm_cvtps_pd(__m128 a) {
  return (__m128d)__builtin_convertvector(__builtin_shufflevector((__v4sf)a, (__v4sf)a, 0, 1), __v2df);
}
__ECSI_FN int _mm_cvtsd_si32(__m128d a) {
  return __ecsi_to_i32(__builtin_elementwise_roundeven((__v2df)a)[0]);
}
__ECSI_FN long long _mm_cvtsd_si64(__m128d a) {
  return __ecsi_to_i64(__builtin_elementwise_roundeven((__v2df)a)[0]);
}
__ECSI_FN long long _mm_cvtsd_si64x(__m128d a) { return _mm_cvtsd_si64(a); }
__ECSI_FN int _mm_cvttsd_si32(__m128d a) {
  return __ecsi_to_i32(__builtin_elementwise_trunc((__v2df)a)[0]);
}
__ECSI_FN long long _mm_cvttsd_si64(__m128d a) {
  return __ecsi_to_i64(__builtin_elementwise_trunc((__v2df)a)[0]);
}
__ECSI_FN long long _mm_cvttsd_si64x(__m128d a) { return _mm_cvttsd_si64(a); }
__ECSI_FN __m128 _mm_cvtsd_ss(__m128 a, __m128d b) { a[0] = (float)b[0]; return a; }
__ECSI_FN __m128d _mm_cvtss_sd(__m128d a, __m128 b) { a[0] = (double)b[0]; return a; }
__ECSI_FN __m128d _mm_cvtsi32_sd(__m128d a, int b) { a[0] = (double)b; return a; }
__ECSI_FN __m128d _mm_cvtsi64_sd(__m128d a, long long b) { a[0] = (double)b; return a; }
__ECSI_FN __m128d _mm_cvtsi64x_sd(__m128d a, long long b) { return _mm_cvtsi64_sd(a, b); }
__ECSI_FN double _mm_cvtsd_f64(__m128d a) { return a[0]; }
__ECSI_FN int _mm_cvtsi128_si32(__m128i a) { return ((__v4si)a)[0]; }
__ECSI_FN long long _mm_cvtsi128_si64(__m128i a) { return a[0]; }
__ECSI_FN long long _mm_cvtsi128_si64x(__m128i a) { return a[0]; }
__ECSI_FN __m128i _mm_cvtsi32_si128(int a) { return (__m128i)(__v4si){a, 0, 0, 0}; }
__ECSI_FN __m128i _mm_cvtsi64_si128(long long a) { return (__m128i){a, 0}; }
__ECSI_FN __m128i _mm_cvtsi64x_si128(long long a) { return (__m128i){a, 0}; }

/* Casts: the same 128 bits. */
__ECSI_FN __m128 _mm_castpd_ps(__m128d a) { return (__m128)a; }
__ECSI_FN __m128i _mm_castpd_si128(__m128d a) { return (__m128i)a; }
__ECSI_FN __m128d _mm_castps_pd(__m128 a) { return (__m128d)a; }
__ECSI_FN __m128i _mm_castps_si128(__m128 a) { return (__m128i)a; }
__ECSI_FN __m128 _mm_castsi128_ps(__m128i a) { return (__m128)a; }
__ECSI_FN __m128d _mm_castsi128_pd(__m128i a) { return (__m128d)a; }

/* Double set, load, store, moves. */
__ECSI_FN __m128d _mm_setzero_pd(void) { return (__m128d){0.0, 0.0}; }
__ECSI_FN __m128d _mm_undefined_pd(void) { return _mm_setzero_pd(); }
__ECSI_FN __m128d _mm_set_sd(double w) { return (__m128d){w, 0.0}; }
__ECSI_FN __m128d _mm_set1_pd(double w) { return (__m128d){w, w}; }
__ECSI_FN __m128d _mm_set_pd1(double w) { return (__m128d){w, w}; }
__ECSI_FN __m128d _mm_set_pd(double x, double w) { return (__m128d){w, x}; }
__ECSI_FN __m128d _mm_setr_pd(double w, double x) { return (__m128d){w, x}; }
__ECSI_FN __m128d _mm_load_pd(const double *p) { return *(const __m128d *)p; }
__ECSI_FN __m128d _mm_loadu_pd(const double *p) { return *(const __m128d_u *)p; }
__ECSI_FN __m128d _mm_load_sd(const double *p) { return (__m128d){*(const __ecsi_f64_u *)p, 0.0}; }
__ECSI_FN __m128d _mm_load1_pd(const double *p) { return _mm_set1_pd(*(const __ecsi_f64_u *)p); }
__ECSI_FN __m128d _mm_load_pd1(const double *p) { return _mm_load1_pd(p); }
__ECSI_FN __m128d _mm_loadr_pd(const double *p) {
  __v2df v = *(const __v2df *)p;
  return (__m128d)__builtin_shufflevector(v, v, 1, 0);
}
__ECSI_FN __m128d _mm_loadh_pd(__m128d a, const double *p) { a[1] = *(const __ecsi_f64_u *)p; return a; }
__ECSI_FN __m128d _mm_loadl_pd(__m128d a, const double *p) { a[0] = *(const __ecsi_f64_u *)p; return a; }
__ECSI_FN void _mm_store_pd(double *p, __m128d a) { *(__m128d *)p = a; }
__ECSI_FN void _mm_storeu_pd(double *p, __m128d a) { *(__m128d_u *)p = a; }
__ECSI_FN void _mm_store_sd(double *p, __m128d a) { *(__ecsi_f64_u *)p = a[0]; }
__ECSI_FN void _mm_store1_pd(double *p, __m128d a) { *(__m128d *)p = _mm_set1_pd(a[0]); }
__ECSI_FN void _mm_store_pd1(double *p, __m128d a) { _mm_store1_pd(p, a); }
__ECSI_FN void _mm_storer_pd(double *p, __m128d a) {
  *(__v2df *)p = __builtin_shufflevector((__v2df)a, (__v2df)a, 1, 0);
}
__ECSI_FN void _mm_storeh_pd(double *p, __m128d a) { *(__ecsi_f64_u *)p = a[1]; }
__ECSI_FN void _mm_storel_pd(double *p, __m128d a) { *(__ecsi_f64_u *)p = a[0]; }
__ECSI_FN void _mm_stream_pd(double *p, __m128d a) { __builtin_nontemporal_store((__v2df)a, (__v2df *)p); }
__ECSI_FN __m128d _mm_move_sd(__m128d a, __m128d b) {
  return (__m128d)__builtin_shufflevector((__v2df)a, (__v2df)b, 2, 1);
}
__ECSI_FN __m128d _mm_unpackhi_pd(__m128d a, __m128d b) {
  return (__m128d)__builtin_shufflevector((__v2df)a, (__v2df)b, 1, 3);
}
__ECSI_FN __m128d _mm_unpacklo_pd(__m128d a, __m128d b) {
  return (__m128d)__builtin_shufflevector((__v2df)a, (__v2df)b, 0, 2);
}
#define _mm_shuffle_pd(a, b, imm)                                                                \
  ((__m128d)__builtin_shufflevector((__v2df)(__m128d)(a), (__v2df)(__m128d)(b), (imm) & 1, \
                                    2 + (((imm) >> 1) & 1)))
__ECSI_FN int _mm_movemask_pd(__m128d a) {
  return (int)__builtin_reduce_or(((__v2di)a < 0) & (__v2di){1, 2});
}

/* Integer set, load, store. */
__ECSI_FN __m128i _mm_setzero_si128(void) { return (__m128i){0, 0}; }
__ECSI_FN __m128i _mm_undefined_si128(void) { return _mm_setzero_si128(); }
__ECSI_FN __m128i _mm_set_epi64x(long long e1, long long e0) { return (__m128i){e0, e1}; }
__ECSI_FN __m128i _mm_set_epi32(int e3, int e2, int e1, int e0) {
  return (__m128i)(__v4si){e0, e1, e2, e3};
}
__ECSI_FN __m128i _mm_set_epi16(short e7, short e6, short e5, short e4, short e3, short e2,
                                short e1, short e0) {
  return (__m128i)(__v8hi){e0, e1, e2, e3, e4, e5, e6, e7};
}
__ECSI_FN __m128i _mm_set_epi8(char e15, char e14, char e13, char e12, char e11, char e10,
                               char e9, char e8, char e7, char e6, char e5, char e4, char e3,
                               char e2, char e1, char e0) {
  return (__m128i)(__v16qs){e0, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12, e13, e14, e15};
}
__ECSI_FN __m128i _mm_setr_epi32(int e0, int e1, int e2, int e3) {
  return (__m128i)(__v4si){e0, e1, e2, e3};
}
__ECSI_FN __m128i _mm_setr_epi16(short e0, short e1, short e2, short e3, short e4, short e5,
                                 short e6, short e7) {
  return (__m128i)(__v8hi){e0, e1, e2, e3, e4, e5, e6, e7};
}
__ECSI_FN __m128i _mm_setr_epi8(char e0, char e1, char e2, char e3, char e4, char e5, char e6,
                                char e7, char e8, char e9, char e10, char e11, char e12,
                                char e13, char e14, char e15) {
  return (__m128i)(__v16qs){e0, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12, e13, e14, e15};
}
__ECSI_FN __m128i _mm_set1_epi64x(long long w) { return (__m128i){w, w}; }
__ECSI_FN __m128i _mm_set1_epi32(int w) { return (__m128i)__ECSI_SPLAT(__v4si, w); }
__ECSI_FN __m128i _mm_set1_epi16(short w) { return (__m128i)__ECSI_SPLAT(__v8hi, w); }
__ECSI_FN __m128i _mm_set1_epi8(char w) { return (__m128i)__ECSI_SPLAT(__v16qs, w); }
__ECSI_FN __m128i _mm_load_si128(const __m128i *p) { return *p; }
__ECSI_FN __m128i _mm_loadu_si128(const __m128i *p) { return *(const __m128i_u *)p; }
__ECSI_FN __m128i _mm_loadl_epi64(const __m128i *p) { return (__m128i){*(const __ecsi_i64_u *)p, 0}; }
__ECSI_FN __m128i _mm_loadu_si64(const void *p) { return (__m128i){*(const __ecsi_i64_u *)p, 0}; }
__ECSI_FN __m128i _mm_loadu_si32(const void *p) {
  return (__m128i)(__v4si){*(const __ecsi_i32_u *)p, 0, 0, 0};
}
__ECSI_FN __m128i _mm_loadu_si16(const void *p) {
  return (__m128i)(__v8hi){*(const __ecsi_i16_u *)p, 0, 0, 0, 0, 0, 0, 0};
}
__ECSI_FN void _mm_store_si128(__m128i *p, __m128i a) { *p = a; }
__ECSI_FN void _mm_storeu_si128(__m128i *p, __m128i a) { *(__m128i_u *)p = a; }
__ECSI_FN void _mm_storel_epi64(__m128i *p, __m128i a) { *(__ecsi_i64_u *)p = a[0]; }
__ECSI_FN void _mm_storeu_si64(void *p, __m128i a) { *(__ecsi_i64_u *)p = a[0]; }
__ECSI_FN void _mm_storeu_si32(void *p, __m128i a) { *(__ecsi_i32_u *)p = ((__v4si)a)[0]; }
__ECSI_FN void _mm_storeu_si16(void *p, __m128i a) { *(__ecsi_i16_u *)p = ((__v8hi)a)[0]; }
__ECSI_FN void _mm_stream_si128(__m128i *p, __m128i a) { __builtin_nontemporal_store(a, p); }
__ECSI_FN void _mm_stream_si32(int *p, int a) { __builtin_nontemporal_store(a, p); }
__ECSI_FN void _mm_stream_si64(long long *p, long long a) { __builtin_nontemporal_store(a, p); }
/* Bytes of d whose mask byte has its top bit set, one by one (as x86, not atomic). */
__ECSI_FN void _mm_maskmoveu_si128(__m128i d, __m128i mask, char *p) {
  for (int i = 0; i < 16; i++)
    if (((__v16qs)mask)[i] < 0) p[i] = ((__v16qi)d)[i];
}

/* Integer arithmetic: wrapping unless saturating (adds/subs). */
__ECSI_FN __m128i _mm_add_epi8(__m128i a, __m128i b) { return (__m128i)((__v16qu)a + (__v16qu)b); }
__ECSI_FN __m128i _mm_add_epi16(__m128i a, __m128i b) { return (__m128i)((__v8hu)a + (__v8hu)b); }
__ECSI_FN __m128i _mm_add_epi32(__m128i a, __m128i b) { return (__m128i)((__v4su)a + (__v4su)b); }
__ECSI_FN __m128i _mm_add_epi64(__m128i a, __m128i b) { return (__m128i)((__v2du)a + (__v2du)b); }
__ECSI_FN __m128i _mm_sub_epi8(__m128i a, __m128i b) { return (__m128i)((__v16qu)a - (__v16qu)b); }
__ECSI_FN __m128i _mm_sub_epi16(__m128i a, __m128i b) { return (__m128i)((__v8hu)a - (__v8hu)b); }
__ECSI_FN __m128i _mm_sub_epi32(__m128i a, __m128i b) { return (__m128i)((__v4su)a - (__v4su)b); }
__ECSI_FN __m128i _mm_sub_epi64(__m128i a, __m128i b) { return (__m128i)((__v2du)a - (__v2du)b); }
__ECSI_FN __m128i _mm_adds_epi8(__m128i a, __m128i b) {
  return (__m128i)__builtin_elementwise_add_sat((__v16qs)a, (__v16qs)b);
}
__ECSI_FN __m128i _mm_adds_epi16(__m128i a, __m128i b) {
  return (__m128i)__builtin_elementwise_add_sat((__v8hi)a, (__v8hi)b);
}
__ECSI_FN __m128i _mm_adds_epu8(__m128i a, __m128i b) {
  return (__m128i)__builtin_elementwise_add_sat((__v16qu)a, (__v16qu)b);
}
__ECSI_FN __m128i _mm_adds_epu16(__m128i a, __m128i b) {
  return (__m128i)__builtin_elementwise_add_sat((__v8hu)a, (__v8hu)b);
}
__ECSI_FN __m128i _mm_subs_epi8(__m128i a, __m128i b) {
  return (__m128i)__builtin_elementwise_sub_sat((__v16qs)a, (__v16qs)b);
}
__ECSI_FN __m128i _mm_subs_epi16(__m128i a, __m128i b) {
  return (__m128i)__builtin_elementwise_sub_sat((__v8hi)a, (__v8hi)b);
}
__ECSI_FN __m128i _mm_subs_epu8(__m128i a, __m128i b) {
  return (__m128i)__builtin_elementwise_sub_sat((__v16qu)a, (__v16qu)b);
}
__ECSI_FN __m128i _mm_subs_epu16(__m128i a, __m128i b) {
  return (__m128i)__builtin_elementwise_sub_sat((__v8hu)a, (__v8hu)b);
}
/* Rounded up: (a + b + 1) / 2, in a wider type. */
__ECSI_FN __m128i _mm_avg_epu8(__m128i a, __m128i b) {
  __ecsi_u16x16 s = __builtin_convertvector((__v16qu)a, __ecsi_u16x16) +
                    __builtin_convertvector((__v16qu)b, __ecsi_u16x16) + 1;
  return (__m128i)__builtin_convertvector(s >> 1, __v16qu);
}
__ECSI_FN __m128i _mm_avg_epu16(__m128i a, __m128i b) {
  __ecsi_u32x8 s = __builtin_convertvector((__v8hu)a, __ecsi_u32x8) +
                   __builtin_convertvector((__v8hu)b, __ecsi_u32x8) + 1;
  return (__m128i)__builtin_convertvector(s >> 1, __v8hu);
}
/* Pairs of 16-bit products summed into 32 bits (wrapping: -32768^2 * 2 is INT_MIN). */
__ECSI_FN __m128i _mm_madd_epi16(__m128i a, __m128i b) {
  __ecsi_u32x8 p = (__ecsi_u32x8)(__builtin_convertvector((__v8hi)a, __ecsi_i32x8) *
                                  __builtin_convertvector((__v8hi)b, __ecsi_i32x8));
  return (__m128i)(__builtin_shufflevector(p, p, 0, 2, 4, 6) + __builtin_shufflevector(p, p, 1, 3, 5, 7));
}
__ECSI_FN __m128i _mm_max_epi16(__m128i a, __m128i b) {
  return (__m128i)__builtin_elementwise_max((__v8hi)a, (__v8hi)b);
}
__ECSI_FN __m128i _mm_max_epu8(__m128i a, __m128i b) {
  return (__m128i)__builtin_elementwise_max((__v16qu)a, (__v16qu)b);
}
__ECSI_FN __m128i _mm_min_epi16(__m128i a, __m128i b) {
  return (__m128i)__builtin_elementwise_min((__v8hi)a, (__v8hi)b);
}
__ECSI_FN __m128i _mm_min_epu8(__m128i a, __m128i b) {
  return (__m128i)__builtin_elementwise_min((__v16qu)a, (__v16qu)b);
}
__ECSI_FN __m128i _mm_mulhi_epi16(__m128i a, __m128i b) {
  __ecsi_i32x8 p = __builtin_convertvector((__v8hi)a, __ecsi_i32x8) *
                   __builtin_convertvector((__v8hi)b, __ecsi_i32x8);
  return (__m128i)__builtin_convertvector(p >> 16, __v8hi);
}
__ECSI_FN __m128i _mm_mulhi_epu16(__m128i a, __m128i b) {
  __ecsi_u32x8 p = __builtin_convertvector((__v8hu)a, __ecsi_u32x8) *
                   __builtin_convertvector((__v8hu)b, __ecsi_u32x8);
  return (__m128i)__builtin_convertvector(p >> 16, __v8hu);
}
__ECSI_FN __m128i _mm_mullo_epi16(__m128i a, __m128i b) { return (__m128i)((__v8hu)a * (__v8hu)b); }
/* The low 32 bits of each 64-bit lane, multiplied into 64 bits. */
__ECSI_FN __m128i _mm_mul_epu32(__m128i a, __m128i b) {
  return (__m128i)(((__v2du)a & 0xffffffffULL) * ((__v2du)b & 0xffffffffULL));
}
/* Sums of absolute differences of the bytes of each 64-bit half, in its low 16 bits. */
__ECSI_FN __m128i _mm_sad_epu8(__m128i a, __m128i b) {
  __v16qu d = __builtin_elementwise_max((__v16qu)a, (__v16qu)b) -
              __builtin_elementwise_min((__v16qu)a, (__v16qu)b);
  __ecsi_u16x16 w = __builtin_convertvector(d, __ecsi_u16x16);
  unsigned short lo = __builtin_reduce_add(__builtin_shufflevector(w, w, 0, 1, 2, 3, 4, 5, 6, 7));
  unsigned short hi = __builtin_reduce_add(__builtin_shufflevector(w, w, 8, 9, 10, 11, 12, 13, 14, 15));
  return (__m128i)(__v2du){lo, hi};
}

/* Integer bitwise. */
__ECSI_FN __m128i _mm_and_si128(__m128i a, __m128i b) { return (__m128i)((__v2du)a & (__v2du)b); }
__ECSI_FN __m128i _mm_andnot_si128(__m128i a, __m128i b) { return (__m128i)(~(__v2du)a & (__v2du)b); }
__ECSI_FN __m128i _mm_or_si128(__m128i a, __m128i b) { return (__m128i)((__v2du)a | (__v2du)b); }
__ECSI_FN __m128i _mm_xor_si128(__m128i a, __m128i b) { return (__m128i)((__v2du)a ^ (__v2du)b); }

/* Shifts: a count at least the element width gives 0 (sign fill for srai/sra); the
 * counts of the sll/srl/sra forms are the low 64 bits of count. */
__ECSI_FN __m128i _mm_slli_epi16(__m128i a, int n) {
  return (unsigned int)n > 15 ? _mm_setzero_si128() : (__m128i)((__v8hu)a << n);
}
__ECSI_FN __m128i _mm_slli_epi32(__m128i a, int n) {
  return (unsigned int)n > 31 ? _mm_setzero_si128() : (__m128i)((__v4su)a << n);
}
__ECSI_FN __m128i _mm_slli_epi64(__m128i a, int n) {
  return (unsigned int)n > 63 ? _mm_setzero_si128() : (__m128i)((__v2du)a << n);
}
__ECSI_FN __m128i _mm_srli_epi16(__m128i a, int n) {
  return (unsigned int)n > 15 ? _mm_setzero_si128() : (__m128i)((__v8hu)a >> n);
}
__ECSI_FN __m128i _mm_srli_epi32(__m128i a, int n) {
  return (unsigned int)n > 31 ? _mm_setzero_si128() : (__m128i)((__v4su)a >> n);
}
__ECSI_FN __m128i _mm_srli_epi64(__m128i a, int n) {
  return (unsigned int)n > 63 ? _mm_setzero_si128() : (__m128i)((__v2du)a >> n);
}
__ECSI_FN __m128i _mm_srai_epi16(__m128i a, int n) {
  return (__m128i)((__v8hi)a >> ((unsigned int)n > 15 ? 15 : n));
}
__ECSI_FN __m128i _mm_srai_epi32(__m128i a, int n) {
  return (__m128i)((__v4si)a >> ((unsigned int)n > 31 ? 31 : n));
}
#define __ECSI_COUNT(count, width) \
  (((__v2du)(count))[0] > (width) - 1 ? (width) : (int)((__v2du)(count))[0])
__ECSI_FN __m128i _mm_sll_epi16(__m128i a, __m128i count) { return _mm_slli_epi16(a, __ECSI_COUNT(count, 16)); }
__ECSI_FN __m128i _mm_sll_epi32(__m128i a, __m128i count) { return _mm_slli_epi32(a, __ECSI_COUNT(count, 32)); }
__ECSI_FN __m128i _mm_sll_epi64(__m128i a, __m128i count) { return _mm_slli_epi64(a, __ECSI_COUNT(count, 64)); }
__ECSI_FN __m128i _mm_srl_epi16(__m128i a, __m128i count) { return _mm_srli_epi16(a, __ECSI_COUNT(count, 16)); }
__ECSI_FN __m128i _mm_srl_epi32(__m128i a, __m128i count) { return _mm_srli_epi32(a, __ECSI_COUNT(count, 32)); }
__ECSI_FN __m128i _mm_srl_epi64(__m128i a, __m128i count) { return _mm_srli_epi64(a, __ECSI_COUNT(count, 64)); }
__ECSI_FN __m128i _mm_sra_epi16(__m128i a, __m128i count) { return _mm_srai_epi16(a, __ECSI_COUNT(count, 16)); }
__ECSI_FN __m128i _mm_sra_epi32(__m128i a, __m128i count) { return _mm_srai_epi32(a, __ECSI_COUNT(count, 32)); }
/* Byte shifts of the whole register by an 8-bit immediate (more than 15: zero).
 * Lane indices into (a, zero) or (zero, a), so that a is evaluated once. */
#define __ECSI_BSR(n, i) ((((n) & 0xff) > 15) ? 16 : (i) + ((n) & 0xff))
#define __ECSI_BSL(n, i) ((((n) & 0xff) > (i)) ? 0 : 16 + (i) - ((n) & 0xff))
#define _mm_srli_si128(a, imm)                                                                  \
  ((__m128i)__builtin_shufflevector(                                                           \
      (__v16qu)(__m128i)(a), (__v16qu)_mm_setzero_si128(), __ECSI_BSR(imm, 0),                 \
      __ECSI_BSR(imm, 1), __ECSI_BSR(imm, 2), __ECSI_BSR(imm, 3), __ECSI_BSR(imm, 4),          \
      __ECSI_BSR(imm, 5), __ECSI_BSR(imm, 6), __ECSI_BSR(imm, 7), __ECSI_BSR(imm, 8),          \
      __ECSI_BSR(imm, 9), __ECSI_BSR(imm, 10), __ECSI_BSR(imm, 11), __ECSI_BSR(imm, 12),       \
      __ECSI_BSR(imm, 13), __ECSI_BSR(imm, 14), __ECSI_BSR(imm, 15)))
#define _mm_slli_si128(a, imm)                                                                  \
  ((__m128i)__builtin_shufflevector(                                                           \
      (__v16qu)_mm_setzero_si128(), (__v16qu)(__m128i)(a), __ECSI_BSL(imm, 0),                 \
      __ECSI_BSL(imm, 1), __ECSI_BSL(imm, 2), __ECSI_BSL(imm, 3), __ECSI_BSL(imm, 4),          \
      __ECSI_BSL(imm, 5), __ECSI_BSL(imm, 6), __ECSI_BSL(imm, 7), __ECSI_BSL(imm, 8),          \
      __ECSI_BSL(imm, 9), __ECSI_BSL(imm, 10), __ECSI_BSL(imm, 11), __ECSI_BSL(imm, 12),       \
      __ECSI_BSL(imm, 13), __ECSI_BSL(imm, 14), __ECSI_BSL(imm, 15)))
#define _mm_bsrli_si128(a, imm) _mm_srli_si128(a, imm)
#define _mm_bslli_si128(a, imm) _mm_slli_si128(a, imm)

/* Integer comparisons. */
__ECSI_FN __m128i _mm_cmpeq_epi8(__m128i a, __m128i b) { return (__m128i)((__v16qs)a == (__v16qs)b); }
__ECSI_FN __m128i _mm_cmpeq_epi16(__m128i a, __m128i b) { return (__m128i)((__v8hi)a == (__v8hi)b); }
__ECSI_FN __m128i _mm_cmpeq_epi32(__m128i a, __m128i b) { return (__m128i)((__v4si)a == (__v4si)b); }
__ECSI_FN __m128i _mm_cmpgt_epi8(__m128i a, __m128i b) { return (__m128i)((__v16qs)a > (__v16qs)b); }
__ECSI_FN __m128i _mm_cmpgt_epi16(__m128i a, __m128i b) { return (__m128i)((__v8hi)a > (__v8hi)b); }
__ECSI_FN __m128i _mm_cmpgt_epi32(__m128i a, __m128i b) { return (__m128i)((__v4si)a > (__v4si)b); }
__ECSI_FN __m128i _mm_cmplt_epi8(__m128i a, __m128i b) { return (__m128i)((__v16qs)a < (__v16qs)b); }
__ECSI_FN __m128i _mm_cmplt_epi16(__m128i a, __m128i b) { return (__m128i)((__v8hi)a < (__v8hi)b); }
__ECSI_FN __m128i _mm_cmplt_epi32(__m128i a, __m128i b) { return (__m128i)((__v4si)a < (__v4si)b); }

/* Packing with saturation. */
__ECSI_FN __m128i _mm_packs_epi16(__m128i a, __m128i b) {
  __ecsi_i16x16 w = __builtin_shufflevector((__v8hi)a, (__v8hi)b, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
                                            10, 11, 12, 13, 14, 15);
  w = __builtin_elementwise_min(__builtin_elementwise_max(w, __ECSI_SPLAT(__ecsi_i16x16, -128)),
                                __ECSI_SPLAT(__ecsi_i16x16, 127));
  return (__m128i)__builtin_convertvector(w, __v16qs);
}
__ECSI_FN __m128i _mm_packus_epi16(__m128i a, __m128i b) {
  __ecsi_i16x16 w = __builtin_shufflevector((__v8hi)a, (__v8hi)b, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
                                            10, 11, 12, 13, 14, 15);
  w = __builtin_elementwise_min(__builtin_elementwise_max(w, __ECSI_SPLAT(__ecsi_i16x16, 0)),
                                __ECSI_SPLAT(__ecsi_i16x16, 255));
  return (__m128i)__builtin_convertvector(w, __v16qu);
}
__ECSI_FN __m128i _mm_packs_epi32(__m128i a, __m128i b) {
  __ecsi_i32x8 w = __builtin_shufflevector((__v4si)a, (__v4si)b, 0, 1, 2, 3, 4, 5, 6, 7);
  w = __builtin_elementwise_min(__builtin_elementwise_max(w, __ECSI_SPLAT(__ecsi_i32x8, -32768)),
                                __ECSI_SPLAT(__ecsi_i32x8, 32767));
  return (__m128i)__builtin_convertvector(w, __v8hi);
}

/* Lanes, unpacking and shuffles. */
__ECSI_FN int _mm_extract_epi16(__m128i a, int imm) { return ((__v8hu)a)[imm & 7]; }
__ECSI_FN __m128i _mm_insert_epi16(__m128i a, int i, int imm) {
  __v8hi v = (__v8hi)a;
  v[imm & 7] = (short)i;
  return (__m128i)v;
}
/* The top bit of each byte, byte 0 in bit 0: each half's bits are distinct, so their sum
 * is their union. */
__ECSI_FN int _mm_movemask_epi8(__m128i a) {
  __v16qu bits = (__v16qu)((__v16qs)a < 0) &
                 (__v16qu){1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128};
  unsigned char lo = __builtin_reduce_add(__builtin_shufflevector(bits, bits, 0, 1, 2, 3, 4, 5, 6, 7));
  unsigned char hi = __builtin_reduce_add(__builtin_shufflevector(bits, bits, 8, 9, 10, 11, 12, 13, 14, 15));
  return lo | (hi << 8);
}
__ECSI_FN __m128i _mm_move_epi64(__m128i a) {
  return (__m128i)__builtin_shufflevector((__v2di)a, (__v2di)_mm_setzero_si128(), 0, 2);
}
__ECSI_FN __m128i _mm_unpackhi_epi8(__m128i a, __m128i b) {
  return (__m128i)__builtin_shufflevector((__v16qu)a, (__v16qu)b, 8, 24, 9, 25, 10, 26, 11, 27,
                                          12, 28, 13, 29, 14, 30, 15, 31);
}
__ECSI_FN __m128i _mm_unpackhi_epi16(__m128i a, __m128i b) {
  return (__m128i)__builtin_shufflevector((__v8hu)a, (__v8hu)b, 4, 12, 5, 13, 6, 14, 7, 15);
}
__ECSI_FN __m128i _mm_unpackhi_epi32(__m128i a, __m128i b) {
  return (__m128i)__builtin_shufflevector((__v4su)a, (__v4su)b, 2, 6, 3, 7);
}
__ECSI_FN __m128i _mm_unpackhi_epi64(__m128i a, __m128i b) {
  return (__m128i)__builtin_shufflevector((__v2du)a, (__v2du)b, 1, 3);
}
__ECSI_FN __m128i _mm_unpacklo_epi8(__m128i a, __m128i b) {
  return (__m128i)__builtin_shufflevector((__v16qu)a, (__v16qu)b, 0, 16, 1, 17, 2, 18, 3, 19, 4,
                                          20, 5, 21, 6, 22, 7, 23);
}
__ECSI_FN __m128i _mm_unpacklo_epi16(__m128i a, __m128i b) {
  return (__m128i)__builtin_shufflevector((__v8hu)a, (__v8hu)b, 0, 8, 1, 9, 2, 10, 3, 11);
}
__ECSI_FN __m128i _mm_unpacklo_epi32(__m128i a, __m128i b) {
  return (__m128i)__builtin_shufflevector((__v4su)a, (__v4su)b, 0, 4, 1, 5);
}
__ECSI_FN __m128i _mm_unpacklo_epi64(__m128i a, __m128i b) {
  return (__m128i)__builtin_shufflevector((__v2du)a, (__v2du)b, 0, 2);
}
#define _mm_shuffle_epi32(a, imm)                                                             \
  ((__m128i)__builtin_shufflevector((__v4si)(__m128i)(a), (__v4si)_mm_setzero_si128(),     \
                                    (imm) & 3, ((imm) >> 2) & 3, ((imm) >> 4) & 3,          \
                                    ((imm) >> 6) & 3))
#define _mm_shufflelo_epi16(a, imm)                                                           \
  ((__m128i)__builtin_shufflevector((__v8hi)(__m128i)(a), (__v8hi)_mm_setzero_si128(),     \
                                    (imm) & 3, ((imm) >> 2) & 3, ((imm) >> 4) & 3,          \
                                    ((imm) >> 6) & 3, 4, 5, 6, 7))
#define _mm_shufflehi_epi16(a, imm)                                                           \
  ((__m128i)__builtin_shufflevector((__v8hi)(__m128i)(a), (__v8hi)_mm_setzero_si128(), 0, \
                                    1, 2, 3, 4 + ((imm) & 3), 4 + (((imm) >> 2) & 3),       \
                                    4 + (((imm) >> 4) & 3), 4 + (((imm) >> 6) & 3)))

/* Ordering and cache hints. */
__ECSI_FN void _mm_lfence(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
__ECSI_FN void _mm_mfence(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
/* A full fence only: the cache line is not flushed. */
__ECSI_FN void _mm_clflush(const void *p) { (void)p; __atomic_thread_fence(__ATOMIC_SEQ_CST); }
/* A spin-wait hint: ARM's yield. */
__ECSI_FN void _mm_pause(void) {
#if defined(__aarch64__) || defined(__arm64ec__)
  __asm__ __volatile__("yield");
#else
  __asm__ __volatile__("pause");
#endif
}

/* SSE2's MMX forms. */
__ECSI_MMX(_mm_add_si64)
__ECSI_MMX(_mm_sub_si64)
__ECSI_MMX(_mm_mul_su32)
__ECSI_MMX(_mm_movepi64_pi64)
__ECSI_MMX(_mm_movpi64_epi64)
__ECSI_MMX(_mm_set_epi64)
__ECSI_MMX(_mm_set1_epi64)
__ECSI_MMX(_mm_setr_epi64)
__ECSI_MMX(_mm_cvtpd_pi32)
__ECSI_MMX(_mm_cvttpd_pi32)
__ECSI_MMX(_mm_cvtpi32_pd)

#endif /* __EC_SOFTINTRIN_EMMINTRIN_H */
