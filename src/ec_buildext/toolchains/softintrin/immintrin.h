/* ec-buildext softintrin (see __ec_softintrin.h): SSE to SSE4.2 and POPCNT, AVX, AVX2,
 * FMA and F16C (avxintrin.h, avx2intrin.h, fmaintrin.h, f16cintrin.h); the AVX-512 and
 * SHA types and functions are declared so that a use stops with a message saying they
 * are not emulated; _xgetbv, as MSVC and GCC declare it here, for the CPU of
 * __ec_cpuid.h (which reports no AVX). */
#ifndef __EC_SOFTINTRIN_IMMINTRIN_H
#define __EC_SOFTINTRIN_IMMINTRIN_H

#include <wmmintrin.h>
#include <avxintrin.h>
#include <avx2intrin.h>
#include <fmaintrin.h>
#include <f16cintrin.h>

/* XCR0 (_XCR_XFEATURE_ENABLED_MASK) of the CPU that cpuid reports (__ec_cpuid.h): x87
 * and SSE state, no AVX state; other registers read as 0.  That CPU has no OSXSAVE, so
 * correct code never asks.  (MSVC mode: MSVC's headers declare it.) */
#if !defined(_MSC_VER) || defined(__MINGW32__) /* not MSVC's headers */
#ifndef _XCR_XFEATURE_ENABLED_MASK
#define _XCR_XFEATURE_ENABLED_MASK 0
#endif
__ECSI_FN unsigned long long _xgetbv(unsigned int __xcr) { return __xcr == 0 ? 3 : 0; }
#endif

#define __ECSI_AVX512_MESSAGE __ECSI_NOT_EMULATED("AVX-512")

typedef float __m512 __attribute__((__vector_size__(64), __aligned__(64), __unavailable__(__ECSI_AVX512_MESSAGE)));
typedef double __m512d __attribute__((__vector_size__(64), __aligned__(64), __unavailable__(__ECSI_AVX512_MESSAGE)));
typedef long long __m512i __attribute__((__vector_size__(64), __aligned__(64), __unavailable__(__ECSI_AVX512_MESSAGE)));
typedef unsigned char __mmask8 __attribute__((__unavailable__(__ECSI_AVX512_MESSAGE)));
typedef unsigned short __mmask16 __attribute__((__unavailable__(__ECSI_AVX512_MESSAGE)));
typedef unsigned int __mmask32 __attribute__((__unavailable__(__ECSI_AVX512_MESSAGE)));
typedef unsigned long long __mmask64 __attribute__((__unavailable__(__ECSI_AVX512_MESSAGE)));

#define __ECSI_SHA(name) __ECSI_UNAVAILABLE(_mm_##name, __ECSI_NOT_EMULATED("SHA"))
__ECSI_SHA(sha1msg1_epu32) __ECSI_SHA(sha1msg2_epu32) __ECSI_SHA(sha1nexte_epu32)
__ECSI_SHA(sha1rnds4_epu32) __ECSI_SHA(sha256msg1_epu32) __ECSI_SHA(sha256msg2_epu32)
__ECSI_SHA(sha256rnds2_epu32)

#endif /* __EC_SOFTINTRIN_IMMINTRIN_H */
