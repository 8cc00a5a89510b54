/* ec-buildext softintrin (see __ec_softintrin.h): SSE. */
#ifndef __EC_SOFTINTRIN_XMMINTRIN_H
#define __EC_SOFTINTRIN_XMMINTRIN_H

#include "__ec_softintrin.h"
#include <mm_malloc.h>
#include <mmintrin.h>

#define _MM_SHUFFLE(z, y, x, w) (((z) << 6) | ((y) << 4) | ((x) << 2) | (w))

#define _MM_HINT_ET0 7
#define _MM_HINT_ET1 6
#define _MM_HINT_T0 3
#define _MM_HINT_T1 2
#define _MM_HINT_T2 1
#define _MM_HINT_NTA 0

/* MXCSR fields: named for code that reads or sets them, but not modelled (see
 * _mm_getcsr). */
#define _MM_EXCEPT_INVALID 0x0001U
#define _MM_EXCEPT_DENORM 0x0002U
#define _MM_EXCEPT_DIV_ZERO 0x0004U
#define _MM_EXCEPT_OVERFLOW 0x0008U
#define _MM_EXCEPT_UNDERFLOW 0x0010U
#define _MM_EXCEPT_INEXACT 0x0020U
#define _MM_EXCEPT_MASK 0x003fU
#define _MM_MASK_INVALID 0x0080U
#define _MM_MASK_DENORM 0x0100U
#define _MM_MASK_DIV_ZERO 0x0200U
#define _MM_MASK_OVERFLOW 0x0400U
#define _MM_MASK_UNDERFLOW 0x0800U
#define _MM_MASK_INEXACT 0x1000U
#define _MM_MASK_MASK 0x1f80U
#define _MM_ROUND_NEAREST 0x0000U
#define _MM_ROUND_DOWN 0x2000U
#define _MM_ROUND_UP 0x4000U
#define _MM_ROUND_TOWARD_ZERO 0x6000U
#define _MM_ROUND_MASK 0x6000U
#define _MM_FLUSH_ZERO_MASK 0x8000U
#define _MM_FLUSH_ZERO_ON 0x8000U
#define _MM_FLUSH_ZERO_OFF 0x0000U

#define _MM_GET_EXCEPTION_MASK() (_mm_getcsr() & _MM_MASK_MASK)
#define _MM_GET_EXCEPTION_STATE() (_mm_getcsr() & _MM_EXCEPT_MASK)
#define _MM_GET_FLUSH_ZERO_MODE() (_mm_getcsr() & _MM_FLUSH_ZERO_MASK)
#define _MM_GET_ROUNDING_MODE() (_mm_getcsr() & _MM_ROUND_MASK)
#define _MM_SET_EXCEPTION_MASK(x) (_mm_setcsr((_mm_getcsr() & ~_MM_MASK_MASK) | (x)))
#define _MM_SET_EXCEPTION_STATE(x) (_mm_setcsr((_mm_getcsr() & ~_MM_EXCEPT_MASK) | (x)))
#define _MM_SET_FLUSH_ZERO_MODE(x) (_mm_setcsr((_mm_getcsr() & ~_MM_FLUSH_ZERO_MASK) | (x)))
#define _MM_SET_ROUNDING_MODE(x) (_mm_setcsr((_mm_getcsr() & ~_MM_ROUND_MASK) | (x)))

/* MXCSR is not modelled: its x86 default (all exceptions masked, round to nearest). */
__ECSI_FN unsigned int _mm_getcsr(void) { return 0x1f80U; }
/* Does nothing: rounding and flush-to-zero modes are not emulated. */
__ECSI_FN void _mm_setcsr(unsigned int csr) { (void)csr; }

/* Arithmetic. */
__ECSI_FN __m128 _mm_add_ss(__m128 a, __m128 b) { a[0] += b[0]; return a; }
__ECSI_FN __m128 _mm_add_ps(__m128 a, __m128 b) { return (__m128)((__v4sf)a + (__v4sf)b); }
__ECSI_FN __m128 _mm_sub_ss(__m128 a, __m128 b) { a[0] -= b[0]; return a; }
__ECSI_FN __m128 _mm_sub_ps(__m128 a, __m128 b) { return (__m128)((__v4sf)a - (__v4sf)b); }
__ECSI_FN __m128 _mm_mul_ss(__m128 a, __m128 b) { a[0] *= b[0]; return a; }
__ECSI_FN __m128 _mm_mul_ps(__m128 a, __m128 b) { return (__m128)((__v4sf)a * (__v4sf)b); }
__ECSI_FN __m128 _mm_div_ss(__m128 a, __m128 b) { a[0] /= b[0]; return a; }
__ECSI_FN __m128 _mm_div_ps(__m128 a, __m128 b) { return (__m128)((__v4sf)a / (__v4sf)b); }
__ECSI_FN __m128 _mm_sqrt_ps(__m128 a) { return (__m128)__builtin_elementwise_sqrt((__v4sf)a); }
__ECSI_FN __m128 _mm_sqrt_ss(__m128 a) { a[0] = _mm_sqrt_ps(a)[0]; return a; }
/* Exact, where x86 approximates (relative error up to 1.5 * 2^-12). */
__ECSI_FN __m128 _mm_rcp_ps(__m128 a) { return (__m128)(1.0f / (__v4sf)a); }
__ECSI_FN __m128 _mm_rcp_ss(__m128 a) { a[0] = 1.0f / a[0]; return a; }
__ECSI_FN __m128 _mm_rsqrt_ps(__m128 a) { return (__m128)(1.0f / (__v4sf)_mm_sqrt_ps(a)); }
__ECSI_FN __m128 _mm_rsqrt_ss(__m128 a) { a[0] = _mm_rsqrt_ps(a)[0]; return a; }
/* x86 gives the second operand unless the first is smaller (larger): on NaN and on
 * zeros of either sign too. */
__ECSI_FN __m128 _mm_min_ps(__m128 a, __m128 b) {
  return (__m128)__ECSI_SELECT((__v4sf)a < (__v4sf)b, (__v4si)a, (__v4si)b);
}
__ECSI_FN __m128 _mm_max_ps(__m128 a, __m128 b) {
  return (__m128)__ECSI_SELECT((__v4sf)a > (__v4sf)b, (__v4si)a, (__v4si)b);
}
__ECSI_FN __m128 _mm_min_ss(__m128 a, __m128 b) { a[0] = a[0] < b[0] ? a[0] : b[0]; return a; }
__ECSI_FN __m128 _mm_max_ss(__m128 a, __m128 b) { a[0] = a[0] > b[0] ? a[0] : b[0]; return a; }

/* Bitwise. */
__ECSI_FN __m128 _mm_and_ps(__m128 a, __m128 b) { return (__m128)((__v4su)a & (__v4su)b); }
__ECSI_FN __m128 _mm_andnot_ps(__m128 a, __m128 b) { return (__m128)(~(__v4su)a & (__v4su)b); }
__ECSI_FN __m128 _mm_or_ps(__m128 a, __m128 b) { return (__m128)((__v4su)a | (__v4su)b); }
__ECSI_FN __m128 _mm_xor_ps(__m128 a, __m128 b) { return (__m128)((__v4su)a ^ (__v4su)b); }

/* Comparisons: all ones where true.  The ordered ones are false on NaN, the negated
 * ("not less than", ...) and neq true, as in C. The _ss forms keep a's upper lanes. */
#define __ECSI_CMP_SS(mask, a) ((__m128)__builtin_shufflevector((__v4si)(mask), (__v4si)(a), 0, 5, 6, 7))
__ECSI_FN __m128 _mm_cmpeq_ps(__m128 a, __m128 b) { return (__m128)((__v4sf)a == (__v4sf)b); }
__ECSI_FN __m128 _mm_cmplt_ps(__m128 a, __m128 b) { return (__m128)((__v4sf)a < (__v4sf)b); }
__ECSI_FN __m128 _mm_cmple_ps(__m128 a, __m128 b) { return (__m128)((__v4sf)a <= (__v4sf)b); }
__ECSI_FN __m128 _mm_cmpgt_ps(__m128 a, __m128 b) { return (__m128)((__v4sf)a > (__v4sf)b); }
__ECSI_FN __m128 _mm_cmpge_ps(__m128 a, __m128 b) { return (__m128)((__v4sf)a >= (__v4sf)b); }
__ECSI_FN __m128 _mm_cmpneq_ps(__m128 a, __m128 b) { return (__m128)((__v4sf)a != (__v4sf)b); }
__ECSI_FN __m128 _mm_cmpnlt_ps(__m128 a, __m128 b) { return (__m128)~((__v4sf)a < (__v4sf)b); }
__ECSI_FN __m128 _mm_cmpnle_ps(__m128 a, __m128 b) { return (__m128)~((__v4sf)a <= (__v4sf)b); }
__ECSI_FN __m128 _mm_cmpngt_ps(__m128 a, __m128 b) { return (__m128)~((__v4sf)a > (__v4sf)b); }
__ECSI_FN __m128 _mm_cmpnge_ps(__m128 a, __m128 b) { return (__m128)~((__v4sf)a >= (__v4sf)b); }
__ECSI_FN __m128 _mm_cmpord_ps(__m128 a, __m128 b) {
  return (__m128)(((__v4sf)a == (__v4sf)a) & ((__v4sf)b == (__v4sf)b));
}
__ECSI_FN __m128 _mm_cmpunord_ps(__m128 a, __m128 b) {
  return (__m128)(((__v4sf)a != (__v4sf)a) | ((__v4sf)b != (__v4sf)b));
}
__ECSI_FN __m128 _mm_cmpeq_ss(__m128 a, __m128 b) { return __ECSI_CMP_SS(_mm_cmpeq_ps(a, b), a); }
__ECSI_FN __m128 _mm_cmplt_ss(__m128 a, __m128 b) { return __ECSI_CMP_SS(_mm_cmplt_ps(a, b), a); }
__ECSI_FN __m128 _mm_cmple_ss(__m128 a, __m128 b) { return __ECSI_CMP_SS(_mm_cmple_ps(a, b), a); }
__ECSI_FN __m128 _mm_cmpgt_ss(__m128 a, __m128 b) { return __ECSI_CMP_SS(_mm_cmpgt_ps(a, b), a); }
__ECSI_FN __m128 _mm_cmpge_ss(__m128 a, __m128 b) { return __ECSI_CMP_SS(_mm_cmpge_ps(a, b), a); }
__ECSI_FN __m128 _mm_cmpneq_ss(__m128 a, __m128 b) { return __ECSI_CMP_SS(_mm_cmpneq_ps(a, b), a); }
__ECSI_FN __m128 _mm_cmpnlt_ss(__m128 a, __m128 b) { return __ECSI_CMP_SS(_mm_cmpnlt_ps(a, b), a); }
__ECSI_FN __m128 _mm_cmpnle_ss(__m128 a, __m128 b) { return __ECSI_CMP_SS(_mm_cmpnle_ps(a, b), a); }
__ECSI_FN __m128 _mm_cmpngt_ss(__m128 a, __m128 b) { return __ECSI_CMP_SS(_mm_cmpngt_ps(a, b), a); }
__ECSI_FN __m128 _mm_cmpnge_ss(__m128 a, __m128 b) { return __ECSI_CMP_SS(_mm_cmpnge_ps(a, b), a); }
__ECSI_FN __m128 _mm_cmpord_ss(__m128 a, __m128 b) { return __ECSI_CMP_SS(_mm_cmpord_ps(a, b), a); }
__ECSI_FN __m128 _mm_cmpunord_ss(__m128 a, __m128 b) {
  return __ECSI_CMP_SS(_mm_cmpunord_ps(a, b), a);
}
/* comiss/ucomiss: 0 on NaN, except neq (1); they differ only in raising exceptions. */
__ECSI_FN int _mm_comieq_ss(__m128 a, __m128 b) { return a[0] == b[0]; }
__ECSI_FN int _mm_comilt_ss(__m128 a, __m128 b) { return a[0] < b[0]; }
__ECSI_FN int _mm_comile_ss(__m128 a, __m128 b) { return a[0] <= b[0]; }
__ECSI_FN int _mm_comigt_ss(__m128 a, __m128 b) { return a[0] > b[0]; }
__ECSI_FN int _mm_comige_ss(__m128 a, __m128 b) { return a[0] >= b[0]; }
__ECSI_FN int _mm_comineq_ss(__m128 a, __m128 b) { return a[0] != b[0]; }
__ECSI_FN int _mm_ucomieq_ss(__m128 a, __m128 b) { return a[0] == b[0]; }
__ECSI_FN int _mm_ucomilt_ss(__m128 a, __m128 b) { return a[0] < b[0]; }
__ECSI_FN int _mm_ucomile_ss(__m128 a, __m128 b) { return a[0] <= b[0]; }
__ECSI_FN int _mm_ucomigt_ss(__m128 a, __m128 b) { return a[0] > b[0]; }
__ECSI_FN int _mm_ucomige_ss(__m128 a, __m128 b) { return a[0] >= b[0]; }
__ECSI_FN int _mm_ucomineq_ss(__m128 a, __m128 b) { return a[0] != b[0]; }

/* Conversions: rounding to nearest even (MXCSR's default) or truncating; a value out of
 * range, or NaN, gives the lowest integer, as x86 does. */
__ECSI_FN int _mm_cvtss_si32(__m128 a) {
  return __ecsi_to_i32(__builtin_elementwise_roundeven((__v4sf)a)[0]);
}
__ECSI_FN int _mm_cvt_ss2si(__m128 a) { return _mm_cvtss_si32(a); }
__ECSI_FN long long _mm_cvtss_si64(__m128 a) {
  return __ecsi_to_i64(__builtin_elementwise_roundeven((__v4sf)a)[0]);
}
__ECSI_FN int _mm_cvttss_si32(__m128 a) {
  return __ecsi_to_i32(__builtin_elementwise_trunc((__v4sf)a)[0]);
}
__ECSI_FN int _mm_cvtt_ss2si(__m128 a) { return _mm_cvttss_si32(a); }
__ECSI_FN long long _mm_cvttss_si64(__m128 a) {
  return __ecsi_to_i64(__builtin_elementwise_trunc((__v4sf)a)[0]);
}
__ECSI_FN __m128 _mm_cvtsi32_ss(__m128 a, int b) { a[0] = (float)b; return a; }
__ECSI_FN __m128 _mm_cvt_si2ss(__m128 a, int b) { return _mm_cvtsi32_ss(a, b); }
__ECSI_FN __m128 _mm_cvtsi64_ss(__m128 a, long long b) { a[0] = (float)b; return a; }
__ECSI_FN float _mm_cvtss_f32(__m128 a) { return a[0]; }

/* Set, load, store. */
__ECSI_FN __m128 _mm_setzero_ps(void) { return (__m128){0.0f, 0.0f, 0.0f, 0.0f}; }
__ECSI_FN __m128 _mm_undefined_ps(void) { return _mm_setzero_ps(); }
__ECSI_FN __m128 _mm_set_ss(float w) { return (__m128){w, 0.0f, 0.0f, 0.0f}; }
__ECSI_FN __m128 _mm_set1_ps(float w) { return (__m128){w, w, w, w}; }
__ECSI_FN __m128 _mm_set_ps1(float w) { return _mm_set1_ps(w); }
__ECSI_FN __m128 _mm_set_ps(float z, float y, float x, float w) { return (__m128){w, x, y, z}; }
__ECSI_FN __m128 _mm_setr_ps(float z, float y, float x, float w) { return (__m128){z, y, x, w}; }
__ECSI_FN __m128 _mm_load_ss(const float *p) {
  return (__m128){*(const __ecsi_f32_u *)p, 0.0f, 0.0f, 0.0f};
}
__ECSI_FN __m128 _mm_load1_ps(const float *p) { return _mm_set1_ps(*(const __ecsi_f32_u *)p); }
__ECSI_FN __m128 _mm_load_ps1(const float *p) { return _mm_load1_ps(p); }
__ECSI_FN __m128 _mm_load_ps(const float *p) { return *(const __m128 *)p; }
__ECSI_FN __m128 _mm_loadu_ps(const float *p) { return *(const __m128_u *)p; }
__ECSI_FN __m128 _mm_loadr_ps(const float *p) {
  __v4sf v = *(const __v4sf *)p;
  return (__m128)__builtin_shufflevector(v, v, 3, 2, 1, 0);
}
__ECSI_FN __m128 _mm_loadh_pi(__m128 a, const __m64 *p) {
  __ecsi_f32x2 v = *(const __ecsi_f32x2_u *)p;
  return (__m128)__builtin_shufflevector((__v4sf)a, __builtin_shufflevector(v, v, 0, 1, 0, 1), 0, 1, 4, 5);
}
__ECSI_FN __m128 _mm_loadl_pi(__m128 a, const __m64 *p) {
  __ecsi_f32x2 v = *(const __ecsi_f32x2_u *)p;
  return (__m128)__builtin_shufflevector((__v4sf)a, __builtin_shufflevector(v, v, 0, 1, 0, 1), 4, 5, 2, 3);
}
__ECSI_FN void _mm_store_ss(float *p, __m128 a) { *(__ecsi_f32_u *)p = a[0]; }
__ECSI_FN void _mm_store_ps(float *p, __m128 a) { *(__m128 *)p = a; }
__ECSI_FN void _mm_storeu_ps(float *p, __m128 a) { *(__m128_u *)p = a; }
__ECSI_FN void _mm_store1_ps(float *p, __m128 a) { *(__m128 *)p = _mm_set1_ps(a[0]); }
__ECSI_FN void _mm_store_ps1(float *p, __m128 a) { _mm_store1_ps(p, a); }
__ECSI_FN void _mm_storer_ps(float *p, __m128 a) {
  *(__v4sf *)p = __builtin_shufflevector((__v4sf)a, (__v4sf)a, 3, 2, 1, 0);
}
__ECSI_FN void _mm_storeh_pi(__m64 *p, __m128 a) {
  *(__ecsi_f32x2_u *)p = __builtin_shufflevector((__v4sf)a, (__v4sf)a, 2, 3);
}
__ECSI_FN void _mm_storel_pi(__m64 *p, __m128 a) {
  *(__ecsi_f32x2_u *)p = __builtin_shufflevector((__v4sf)a, (__v4sf)a, 0, 1);
}
/* The non-temporal hint becomes the target's own (STNP on ARM64). */
__ECSI_FN void _mm_stream_ps(float *p, __m128 a) { __builtin_nontemporal_store((__v4sf)a, (__v4sf *)p); }

/* Moves and shuffles. */
__ECSI_FN __m128 _mm_move_ss(__m128 a, __m128 b) {
  return (__m128)__builtin_shufflevector((__v4sf)a, (__v4sf)b, 4, 1, 2, 3);
}
__ECSI_FN __m128 _mm_movehl_ps(__m128 a, __m128 b) {
  return (__m128)__builtin_shufflevector((__v4sf)a, (__v4sf)b, 6, 7, 2, 3);
}
__ECSI_FN __m128 _mm_movelh_ps(__m128 a, __m128 b) {
  return (__m128)__builtin_shufflevector((__v4sf)a, (__v4sf)b, 0, 1, 4, 5);
}
__ECSI_FN __m128 _mm_unpackhi_ps(__m128 a, __m128 b) {
  return (__m128)__builtin_shufflevector((__v4sf)a, (__v4sf)b, 2, 6, 3, 7);
}
__ECSI_FN __m128 _mm_unpacklo_ps(__m128 a, __m128 b) {
  return (__m128)__builtin_shufflevector((__v4sf)a, (__v4sf)b, 0, 4, 1, 5);
}
/* The immediate must be a constant, as for x86: these are macros. */
#define _mm_shuffle_ps(a, b, imm)                                                           \
  ((__m128)__builtin_shufflevector((__v4sf)(__m128)(a), (__v4sf)(__m128)(b), (imm) & 3, \
                                   ((imm) >> 2) & 3, 4 + (((imm) >> 4) & 3),            \
                                   4 + (((imm) >> 6) & 3)))
__ECSI_FN int _mm_movemask_ps(__m128 a) {
  return __builtin_reduce_or(((__v4si)a < 0) & (__v4si){1, 2, 4, 8});
}

#define _MM_TRANSPOSE4_PS(row0, row1, row2, row3)     \
  do {                                                \
    __m128 __ecsi_t0 = _mm_unpacklo_ps((row0), (row1)); \
    __m128 __ecsi_t1 = _mm_unpacklo_ps((row2), (row3)); \
    __m128 __ecsi_t2 = _mm_unpackhi_ps((row0), (row1)); \
    __m128 __ecsi_t3 = _mm_unpackhi_ps((row2), (row3)); \
    (row0) = _mm_movelh_ps(__ecsi_t0, __ecsi_t1);     \
    (row1) = _mm_movehl_ps(__ecsi_t1, __ecsi_t0);     \
    (row2) = _mm_movelh_ps(__ecsi_t2, __ecsi_t3);     \
    (row3) = _mm_movehl_ps(__ecsi_t3, __ecsi_t2);     \
  } while (0)

/* Cache and ordering hints. */
#define _mm_prefetch(p, hint) __builtin_prefetch((const void *)(p), ((hint) >> 2) & 1, (hint) & 3)
__ECSI_FN void _mm_sfence(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }

/* SSE's MMX forms. */
__ECSI_MMX(_mm_cvtps_pi32)
__ECSI_MMX(_mm_cvt_ps2pi)
__ECSI_MMX(_mm_cvttps_pi32)
__ECSI_MMX(_mm_cvtt_ps2pi)
__ECSI_MMX(_mm_cvtpi32_ps)
__ECSI_MMX(_mm_cvt_pi2ps)
__ECSI_MMX(_mm_cvtpi16_ps)
__ECSI_MMX(_mm_cvtpu16_ps)
__ECSI_MMX(_mm_cvtpi8_ps)
__ECSI_MMX(_mm_cvtpu8_ps)
__ECSI_MMX(_mm_cvtpi32x2_ps)
__ECSI_MMX(_mm_cvtps_pi16)
__ECSI_MMX(_mm_cvtps_pi8)
__ECSI_MMX(_mm_max_pi16)
__ECSI_MMX(_m_pmaxsw)
__ECSI_MMX(_mm_max_pu8)
__ECSI_MMX(_m_pmaxub)
__ECSI_MMX(_mm_min_pi16)
__ECSI_MMX(_m_pminsw)
__ECSI_MMX(_mm_min_pu8)
__ECSI_MMX(_m_pminub)
__ECSI_MMX(_mm_movemask_pi8)
__ECSI_MMX(_m_pmovmskb)
__ECSI_MMX(_mm_mulhi_pu16)
__ECSI_MMX(_m_pmulhuw)
__ECSI_MMX(_mm_shuffle_pi16)
__ECSI_MMX(_m_pshufw)
__ECSI_MMX(_mm_maskmove_si64)
__ECSI_MMX(_m_maskmovq)
__ECSI_MMX(_mm_avg_pu8)
__ECSI_MMX(_m_pavgb)
__ECSI_MMX(_mm_avg_pu16)
__ECSI_MMX(_m_pavgw)
__ECSI_MMX(_mm_sad_pu8)
__ECSI_MMX(_m_psadbw)
__ECSI_MMX(_mm_extract_pi16)
__ECSI_MMX(_m_pextrw)
__ECSI_MMX(_mm_insert_pi16)
__ECSI_MMX(_m_pinsrw)
__ECSI_MMX(_mm_stream_pi)

#endif /* __EC_SOFTINTRIN_XMMINTRIN_H */
