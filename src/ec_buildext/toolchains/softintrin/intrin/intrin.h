/* ec-buildext softintrin: <intrin.h> in Arm64EC code as it is in x64 code built with
 * mingw-w64.  There, mingw-w64's <intrin.h> brings in the x86 intrinsic headers and
 * <cpuid.h>, and MSVC's __cpuid(int[4], int) replaces <cpuid.h>'s macro of that name;
 * for Arm64EC it declares none of them.  This one is found first (its folder is the
 * only one of softintrin's given as a plain include folder, as mingw-w64's folder,
 * which has an intrin.h of its own, is searched before softintrin's), includes the one
 * it hides, then adds softintrin's x86intrin.h and cpuid.h, __cpuid, and __cpuidex and
 * _xgetbv as MSVC declares them, answering for the CPU of ../__ec_cpuid.h, and MSVC's
 * __rdtsc.
 * In MSVC mode (a Windows SDK) it adds nothing: MSVC's headers declare those.  x64 and
 * ARM64 CRT-less compiles take this folder too, for MSVC's intrinsics that mingw-w64's
 * <intrin.h> lacks there (below). */
#pragma GCC system_header

#include_next <intrin.h>

/* x64 on mingw-w64's headers (CRT-less): MSVC's __cpuidex and _xgetbv, clang builtins
 * with -fms-extensions that only a declaration brings in: mingw-w64 leaves __cpuidex
 * to clang >= 19, which declares it in MSVC mode only, and clang's GNU-mode _xgetbv is
 * a macro for a builtin that needs -mxsave (MSVC's needs no target feature). */
#if defined(__MINGW32__) && defined(__x86_64__) && !defined(__arm64ec__) && \
    !defined(__EC_X64_MSVC_CPU_QUERIES)
#define __EC_X64_MSVC_CPU_QUERIES
#undef _xgetbv
#ifdef __cplusplus
extern "C" {
#endif
void __cpuidex(int __info[4], int __leaf, int __subleaf);
unsigned long long _xgetbv(unsigned int __xcr);
#ifdef __cplusplus
}
#endif
#endif

#if (!defined(_MSC_VER) || defined(__MINGW32__)) && defined(__arm64ec__) && \
    !defined(__EC_SOFTINTRIN_INTRIN_H)
#define __EC_SOFTINTRIN_INTRIN_H

#include "../x86intrin.h"
#include "../cpuid.h"

/* MSVC's form, as mingw-w64's x64 <intrin.h> also leaves it: __info gets EAX, EBX, ECX,
 * EDX of leaf __leaf. */
#undef __cpuid
__ECSI_CPUID_FN void __cpuid(int __info[4], int __leaf) { __cpuidex(__info, __leaf, 0); }

/* MSVC's __rdtsc: a count that only goes up, here ARM's virtual counter (CNTVCT_EL0),
 * which ticks at its own fixed frequency, not the CPU's clock. */
__ECSI_CPUID_FN unsigned long long __rdtsc(void) { return __builtin_arm_rsr64("CNTVCT_EL0"); }

#endif /* __EC_SOFTINTRIN_INTRIN_H */

/* ARM64 and Arm64EC on mingw-w64's headers: MSVC's ARM64 intrinsics that ACLE names
 * alike (__nop, __yield, __dmb, ...), from <arm_acle.h>; and MSVC's _rotl64/_rotr64,
 * which mingw-w64 spells as x86's __rolq/__rorq, declared for x86 only: clang's own
 * (MSVC's builtins with -fms-extensions) take their place. */
#if defined(__MINGW32__) && (defined(__aarch64__) || defined(__arm64ec__)) && \
    !defined(__EC_ARM_MSVC_INTRINSICS)
#define __EC_ARM_MSVC_INTRINSICS
#include <arm_acle.h>
#undef _rotl64
#undef _rotr64
#endif
