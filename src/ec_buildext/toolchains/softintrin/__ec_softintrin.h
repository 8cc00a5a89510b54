/* ec-buildext softintrin: x86 SSE intrinsics for Arm64EC code, on clang's generic
 * vector extensions (which clang lowers to NEON), as MSVC's softintrin emulates them.
 *
 * Arm64EC defines _M_X64/_M_AMD64 and __x86_64__, so code written for x64 picks its SSE
 * paths there.  ec-buildext puts this folder ahead of clang's own headers in Arm64EC
 * compiles only.  Written for ec-buildext from Intel's description of each intrinsic;
 * tests/softintrin/test_softintrin.py compares every function with the real instructions.
 *
 * What differs from an x86 CPU, by design:
 * - MXCSR is not modelled: _mm_getcsr() returns the x86 default (0x1F80), _mm_setcsr()
 *   does nothing; conversions and _mm_round_* round to nearest even where x86 would use
 *   MXCSR's rounding mode; denormals are never flushed.
 * - _mm_rcp_ps/_mm_rsqrt_ps (and _ss) are exact (1/x, 1/sqrt(x)), where x86 gives an
 *   approximation with a relative error of up to 1.5 * 2^-12.
 * - arithmetic that gives NaN gives a NaN, but not always x86's: a new one (0/0,
 *   inf-inf) is ARM's default NaN (0x7FC00000, x86's is 0xFFC00000), and of two NaN
 *   operands either may come out (LLVM commutes operands; ARM prefers a signalling NaN).
 *   Comparisons, min/max, conversions, loads, stores, shuffles and every integer
 *   operation are bit-exact.
 * - not emulated, and an error where used (the message says so): MMX operations on
 *   __m64, the AVX-512 forms __ec_avx512_unavailable.h lists, the SSE4.2 string
 *   compares and MONITOR/MWAIT.  AVX, AVX2, FMA, F16C (avxintrin.h and the others), AES,
 *   PCLMULQDQ, SHA (wmmintrin.h, shaintrin.h) and AVX-512's 512-bit common part
 *   (__ec_avx512.h) are emulated, for the per-ISA variants of run-time dispatch, though
 *   cpuid reports none of them.
 *
 * This header is private to the others in this folder.
 */
#ifndef __EC_SOFTINTRIN_H
#define __EC_SOFTINTRIN_H

#include <stddef.h>

typedef float __m128 __attribute__((__vector_size__(16), __aligned__(16), __may_alias__));
typedef double __m128d __attribute__((__vector_size__(16), __aligned__(16), __may_alias__));
typedef long long __m128i __attribute__((__vector_size__(16), __aligned__(16), __may_alias__));
/* The unaligned forms (GCC and clang name them so too). */
typedef float __m128_u __attribute__((__vector_size__(16), __aligned__(1), __may_alias__));
typedef double __m128d_u __attribute__((__vector_size__(16), __aligned__(1), __may_alias__));
typedef long long __m128i_u __attribute__((__vector_size__(16), __aligned__(1), __may_alias__));
/* A type only: _mm_loadl_pi & co take __m64 pointers; MMX operations are not emulated. */
typedef long long __m64 __attribute__((__vector_size__(8), __aligned__(8), __may_alias__));

/* Element views, by the names x86 code casts to. */
typedef float __v4sf __attribute__((__vector_size__(16)));
typedef double __v2df __attribute__((__vector_size__(16)));
typedef long long __v2di __attribute__((__vector_size__(16)));
typedef unsigned long long __v2du __attribute__((__vector_size__(16)));
typedef int __v4si __attribute__((__vector_size__(16)));
typedef unsigned int __v4su __attribute__((__vector_size__(16)));
typedef short __v8hi __attribute__((__vector_size__(16)));
typedef unsigned short __v8hu __attribute__((__vector_size__(16)));
typedef char __v16qi __attribute__((__vector_size__(16)));
typedef signed char __v16qs __attribute__((__vector_size__(16)));
typedef unsigned char __v16qu __attribute__((__vector_size__(16)));

/* Halves and doubles of those, for widening and narrowing. */
typedef float __ecsi_f32x2 __attribute__((__vector_size__(8)));
typedef int __ecsi_i32x2 __attribute__((__vector_size__(8)));
typedef unsigned char __ecsi_u8x8 __attribute__((__vector_size__(8)));
typedef unsigned short __ecsi_u16x4 __attribute__((__vector_size__(8)));
typedef unsigned int __ecsi_u32x2 __attribute__((__vector_size__(8)));
typedef short __ecsi_i16x16 __attribute__((__vector_size__(32)));
typedef unsigned short __ecsi_u16x16 __attribute__((__vector_size__(32)));
typedef int __ecsi_i32x8 __attribute__((__vector_size__(32)));
typedef unsigned int __ecsi_u32x8 __attribute__((__vector_size__(32)));
typedef long long __ecsi_i64x4 __attribute__((__vector_size__(32)));

/* Unaligned scalars and pairs for the loads and stores that take any address. */
typedef float __ecsi_f32_u __attribute__((__aligned__(1), __may_alias__));
typedef double __ecsi_f64_u __attribute__((__aligned__(1), __may_alias__));
typedef short __ecsi_i16_u __attribute__((__aligned__(1), __may_alias__));
typedef int __ecsi_i32_u __attribute__((__aligned__(1), __may_alias__));
typedef long long __ecsi_i64_u __attribute__((__aligned__(1), __may_alias__));
typedef float __ecsi_f32x2_u __attribute__((__vector_size__(8), __aligned__(1), __may_alias__));

#define __ECSI_FN static __inline__ __attribute__((__always_inline__, __nodebug__))
/* An integer vector with every element x (a scalar operand of a vector operation is
 * splatted; floats are spelled out instead, as 0.0 + -0.0 is +0.0). */
#define __ECSI_SPLAT(type, x) ((type){0} + (x))
/* Lanes of a where mask (all ones or zero per lane) is set, of b elsewhere. */
#define __ECSI_SELECT(mask, a, b) (((a) & (mask)) | ((b) & ~(mask)))

/* What is not emulated: declared so that a use stops there, with this message. */
#define __ECSI_NOT_EMULATED(what)                                                            \
  "ec-buildext: " what " intrinsics are not emulated in Arm64EC code (SSE to SSE4.2, AVX, " \
  "AVX2, FMA and F16C are); "                                                              \
  "test _M_ARM64EC first and use the SSE2 or portable path there, or build on Windows "     \
  "with MSVC"
#define __ECSI_MMX_MESSAGE                                                                    \
  "ec-buildext: MMX intrinsics (__m64 arithmetic) are not emulated in Arm64EC code, as "    \
  "MSVC has none for x64 either; use the SSE2 (__m128i) forms"
/* Any arguments, so that the call reaches the attribute's message: C before C23 has no
 * (...) without a named parameter, and there () takes anything. */
#if defined(__cplusplus)
#define __ECSI_UNAVAILABLE(name, message) \
  extern "C" int name(...) __attribute__((__unavailable__(message)));
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 202311L
#define __ECSI_UNAVAILABLE(name, message) int name(...) __attribute__((__unavailable__(message)));
#else
#define __ECSI_UNAVAILABLE(name, message) int name() __attribute__((__unavailable__(message)));
#endif

/* Float to integer as x86 converts: r (already rounded to an integer value) when it
 * fits, else the "integer indefinite" value (the lowest integer); NaN does not fit. */
__ECSI_FN __v4si __ecsi_cvt_ps_epi32(__v4sf r) {
  __v4si fits = (r >= -2147483648.0f) & (r < 2147483648.0f);
  /* Lanes that do not fit are converted from 0.0: no out-of-range conversion. */
  __v4si v = __builtin_convertvector((__v4sf)((__v4si)r & fits), __v4si);
  return __ECSI_SELECT(fits, v, __ECSI_SPLAT(__v4si, -2147483647 - 1));
}

__ECSI_FN int __ecsi_to_i32(double r) {
  return (r >= -2147483648.0 && r < 2147483648.0) ? (int)r : -2147483647 - 1;
}

__ECSI_FN long long __ecsi_to_i64(double r) {
  return (r >= -9223372036854775808.0 && r < 9223372036854775808.0) ? (long long)r
                                                                      : -9223372036854775807LL - 1;
}

#endif /* __EC_SOFTINTRIN_H */
