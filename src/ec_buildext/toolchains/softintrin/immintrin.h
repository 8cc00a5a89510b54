/* ec-buildext softintrin (see __ec_softintrin.h): SSE to SSE4.2 and POPCNT, AVX, AVX2,
 * FMA and F16C (avxintrin.h, avx2intrin.h, fmaintrin.h, f16cintrin.h), AES, PCLMULQDQ and
 * SHA (wmmintrin.h, shaintrin.h), AVX-512's common part (__ec_avx512.h); the rest of
 * AVX-512 is declared so that a use stops with a message saying it is not emulated;
 * _xgetbv, as MSVC and GCC declare it here, for the CPU of __ec_cpuid.h (which reports
 * none of these beyond SSE4.2). */
#ifndef __EC_SOFTINTRIN_IMMINTRIN_H
#define __EC_SOFTINTRIN_IMMINTRIN_H

#include <wmmintrin.h>
#include <avxintrin.h>
#include <avx2intrin.h>
#include <fmaintrin.h>
#include <f16cintrin.h>
#include <shaintrin.h>

/* XCR0 (_XCR_XFEATURE_ENABLED_MASK) of the CPU that cpuid reports (__ec_cpuid.h): x87
 * and SSE state, no AVX state; other registers read as 0.  That CPU has no OSXSAVE, so
 * correct code never asks.  (MSVC mode: MSVC's headers declare it.) */
#if !defined(_MSC_VER) || defined(__MINGW32__) /* not MSVC's headers */
#ifndef _XCR_XFEATURE_ENABLED_MASK
#define _XCR_XFEATURE_ENABLED_MASK 0
#endif
__ECSI_FN unsigned long long _xgetbv(unsigned int __xcr) { return __xcr == 0 ? 3 : 0; }
#endif

/* AVX-512: the emulated part, then the rest, unavailable per function. */
#include <__ec_avx512.h>
#include <__ec_avx512_unavailable.h>

#endif /* __EC_SOFTINTRIN_IMMINTRIN_H */
