/* ec-buildext softintrin: the x64 CPU that cpuid reports to Arm64EC code.
 *
 * Arm64EC code runs on the ARM CPU, never on the x64 emulator, so no cpuid instruction
 * can answer it: x86 code that chooses its path at run time (cpuid, then SSE4.2 or AVX2)
 * would stop at the compile in cpuid's x86 assembly.  These functions answer instead,
 * for a fixed CPU whose features are exactly what softintrin emulates, so that such code
 * takes a path that compiles and runs here:
 *
 * - SSE, SSE2, SSE3, SSSE3, SSE4.1, SSE4.2 and POPCNT, with CMPXCHG16B and LAHF/SAHF:
 *   the x86-64-v2 level; and what every x64 CPU has and code may test to know it runs
 *   on one (x87, TSC, CMPXCHG8B, CMOV, CLFLUSH, MMX, FXSAVE; SYSCALL, NX and long mode).
 *   MMX operations are not emulated (MSVC has none for x64), so no MMX path can compile
 *   here: its bit is set only because dispatchers written for x64 may require it.
 * - none of AVX, AVX2, AVX-512, FMA, F16C, AES, PCLMULQDQ, SHA, BMI1/2, LZCNT, MOVBE,
 *   RDRAND, MONITOR, XSAVE or OSXSAVE.  With OSXSAVE clear, correct code never calls
 *   _xgetbv; where it does, it gets XCR0 = 3 (x87 and SSE state, no AVX state).
 * - vendor GenuineIntel, family 6 model 0x1A stepping 5 (Nehalem: the first Intel core
 *   whose SIMD set is exactly this), brand "ec-buildext softintrin x86-64-v2 (Arm64EC)".
 * - the highest basic leaf is 7 (leaf 7: no AVX2, BMI, ERMS...); the highest extended
 *   leaf 0x80000004 (the brand string).  Leaf 2 says "one call, no descriptors"; every
 *   other leaf, and every leaf above the highest, reads as zeros.
 *
 * MSVC's __cpuid in Arm64EC code reports what the x64 emulator offers (on recent Windows
 * 11 that can include AVX and AVX2); this answer is tied to what softintrin compiles, so
 * a dispatcher never chooses a path that could not be built.
 *
 * Private to cpuid.h, intrin/intrin.h and immintrin.h.  Written for ec-buildext from
 * Intel's description of the cpuid instruction (Software Developer's Manual, vol. 2A).
 */
#ifndef __EC_SOFTINTRIN_CPUID_PRIVATE_H
#define __EC_SOFTINTRIN_CPUID_PRIVATE_H

#define __ECSI_CPUID_FN static __inline__ __attribute__((__always_inline__, __nodebug__))

#define __ECSI_CPUID_MAX_BASIC 0x00000007U
#define __ECSI_CPUID_MAX_EXTENDED 0x80000004U
/* Leaf 1 EAX: stepping 5, model 0xA + extended model 0x1 (0x1A), family 6. */
#define __ECSI_CPUID_1_EAX 0x000106A5U
/* Leaf 1 EBX: CLFLUSH line size 8 quadwords (64 bytes); brand index and APIC ID 0. */
#define __ECSI_CPUID_1_EBX 0x00000800U
/* Leaf 1 ECX: SSE3 (0), SSSE3 (9), CMPXCHG16B (13), SSE4.1 (19), SSE4.2 (20), POPCNT (23). */
#define __ECSI_CPUID_1_ECX \
  ((1U << 0) | (1U << 9) | (1U << 13) | (1U << 19) | (1U << 20) | (1U << 23))
/* Leaf 1 EDX: x87 (0), TSC (4), CMPXCHG8B (8), CMOV (15), CLFLUSH (19), MMX (23),
 * FXSAVE (24), SSE (25), SSE2 (26). */
#define __ECSI_CPUID_1_EDX                                                              \
  ((1U << 0) | (1U << 4) | (1U << 8) | (1U << 15) | (1U << 19) | (1U << 23) | (1U << 24) | \
   (1U << 25) | (1U << 26))
/* Leaf 0x80000001 ECX: LAHF/SAHF in 64-bit mode (0); EDX: SYSCALL (11), NX (20), long
 * mode (29). */
#define __ECSI_CPUID_81_ECX (1U << 0)
#define __ECSI_CPUID_81_EDX ((1U << 11) | (1U << 20) | (1U << 29))

/* Four characters as a register holds them (the first in the low byte). */
__ECSI_CPUID_FN unsigned int __ecsi_cpuid_word(const char *__s) {
  return (unsigned int)(unsigned char)__s[0] | (unsigned int)(unsigned char)__s[1] << 8 |
         (unsigned int)(unsigned char)__s[2] << 16 | (unsigned int)(unsigned char)__s[3] << 24;
}

/* What cpuid would put in EAX, EBX, ECX and EDX (__r[0] to __r[3]) for __leaf and
 * __subleaf (the value of ECX; no leaf reported here depends on it). */
__ECSI_CPUID_FN void __ecsi_cpuid(unsigned int __leaf, unsigned int __subleaf, unsigned int *__r) {
  /* 48 bytes, NUL-padded: leaves 0x80000002-0x80000004, 16 bytes each. */
  static const char __brand[48] = "ec-buildext softintrin x86-64-v2 (Arm64EC)";
  (void)__subleaf;
  __r[0] = __r[1] = __r[2] = __r[3] = 0;
  switch (__leaf) {
  case 0:
    __r[0] = __ECSI_CPUID_MAX_BASIC;
    __r[1] = __ecsi_cpuid_word("Genu");
    __r[3] = __ecsi_cpuid_word("ineI");
    __r[2] = __ecsi_cpuid_word("ntel");
    break;
  case 1:
    __r[0] = __ECSI_CPUID_1_EAX;
    __r[1] = __ECSI_CPUID_1_EBX;
    __r[2] = __ECSI_CPUID_1_ECX;
    __r[3] = __ECSI_CPUID_1_EDX;
    break;
  case 2: /* AL: call leaf 2 once; no cache or TLB descriptor */
    __r[0] = 1;
    break;
  case 0x80000000:
    __r[0] = __ECSI_CPUID_MAX_EXTENDED;
    break;
  case 0x80000001:
    __r[2] = __ECSI_CPUID_81_ECX;
    __r[3] = __ECSI_CPUID_81_EDX;
    break;
  case 0x80000002:
  case 0x80000003:
  case 0x80000004: {
    const char *__part = __brand + 16 * (__leaf - 0x80000002);
    for (int __i = 0; __i < 4; __i++) __r[__i] = __ecsi_cpuid_word(__part + 4 * __i);
    break;
  }
  default: /* leaves 3-7 (7: no AVX2, BMI or AVX-512), and those above the highest */
    break;
  }
}

#if !defined(_MSC_VER) || defined(__MINGW32__) /* MSVC's own headers declare it */
/* MSVC's form, which GCC's and clang's <cpuid.h> also have: __info gets EAX, EBX, ECX,
 * EDX. */
__ECSI_CPUID_FN void __cpuidex(int __info[4], int __leaf, int __subleaf) {
  unsigned int __r[4];
  __ecsi_cpuid((unsigned int)__leaf, (unsigned int)__subleaf, __r);
  for (int __i = 0; __i < 4; __i++) __info[__i] = (int)__r[__i];
}
#endif

#endif /* __EC_SOFTINTRIN_CPUID_PRIVATE_H */
