/* ec-buildext softintrin: GCC's and clang's <cpuid.h> for Arm64EC code, answering for
 * the fixed x64 CPU described in __ec_cpuid.h (SSE to SSE4.2 and POPCNT, no AVX), with
 * no x86 instruction: __get_cpuid, __get_cpuid_count, __get_cpuid_max, the __cpuid and
 * __cpuid_count macros, __cpuidex, and the bit_* and signature_* constants. */
#ifndef __EC_SOFTINTRIN_CPUID_H
#define __EC_SOFTINTRIN_CPUID_H

#include "__ec_cpuid.h"

/* Leaf 0: vendor strings in EBX, EDX, ECX. */
#define signature_INTEL_ebx 0x756e6547 /* "Genu" */
#define signature_INTEL_edx 0x49656e69 /* "ineI" */
#define signature_INTEL_ecx 0x6c65746e /* "ntel" */
#define signature_AMD_ebx 0x68747541   /* "Auth" */
#define signature_AMD_edx 0x69746e65   /* "enti" */
#define signature_AMD_ecx 0x444d4163   /* "cAMD" */
#define signature_CENTAUR_ebx 0x746e6543 /* "CentaurHauls" */
#define signature_CENTAUR_edx 0x48727561
#define signature_CENTAUR_ecx 0x736c7561
#define signature_CYRIX_ebx 0x69727943 /* "CyrixInstead" */
#define signature_CYRIX_edx 0x736e4978
#define signature_CYRIX_ecx 0x64616574
#define signature_VIA_ebx 0x20414956 /* "VIA VIA VIA " */
#define signature_VIA_edx 0x20414956
#define signature_VIA_ecx 0x20414956

/* Leaf 1, ECX. */
#define bit_SSE3 0x00000001
#define bit_PCLMUL 0x00000002
#define bit_PCLMULQDQ 0x00000002
#define bit_DTES64 0x00000004
#define bit_MONITOR 0x00000008
#define bit_DSCPL 0x00000010
#define bit_VMX 0x00000020
#define bit_SMX 0x00000040
#define bit_EIST 0x00000080
#define bit_TM2 0x00000100
#define bit_SSSE3 0x00000200
#define bit_CNXTID 0x00000400
#define bit_FMA 0x00001000
#define bit_CMPXCHG16B 0x00002000
#define bit_xTPR 0x00004000
#define bit_PDCM 0x00008000
#define bit_PCID 0x00020000
#define bit_DCA 0x00040000
#define bit_SSE41 0x00080000
#define bit_SSE4_1 0x00080000
#define bit_SSE42 0x00100000
#define bit_SSE4_2 0x00100000
#define bit_x2APIC 0x00200000
#define bit_MOVBE 0x00400000
#define bit_POPCNT 0x00800000
#define bit_TSCDeadline 0x01000000
#define bit_AESNI 0x02000000
#define bit_AES 0x02000000
#define bit_XSAVE 0x04000000
#define bit_OSXSAVE 0x08000000
#define bit_AVX 0x10000000
#define bit_F16C 0x20000000
#define bit_RDRND 0x40000000

/* Leaf 1, EDX. */
#define bit_FPU 0x00000001
#define bit_VME 0x00000002
#define bit_DE 0x00000004
#define bit_PSE 0x00000008
#define bit_TSC 0x00000010
#define bit_MSR 0x00000020
#define bit_PAE 0x00000040
#define bit_MCE 0x00000080
#define bit_CX8 0x00000100
#define bit_CMPXCHG8B 0x00000100
#define bit_APIC 0x00000200
#define bit_SEP 0x00000800
#define bit_MTRR 0x00001000
#define bit_PGE 0x00002000
#define bit_MCA 0x00004000
#define bit_CMOV 0x00008000
#define bit_PAT 0x00010000
#define bit_PSE36 0x00020000
#define bit_PSN 0x00040000
#define bit_CLFSH 0x00080000
#define bit_DS 0x00200000
#define bit_ACPI 0x00400000
#define bit_MMX 0x00800000
#define bit_FXSR 0x01000000
#define bit_FXSAVE 0x01000000
#define bit_SSE 0x02000000
#define bit_SSE2 0x04000000
#define bit_SS 0x08000000
#define bit_HTT 0x10000000
#define bit_TM 0x20000000
#define bit_PBE 0x80000000

/* Leaf 7 subleaf 0, EBX. */
#define bit_FSGSBASE 0x00000001
#define bit_SGX 0x00000004
#define bit_BMI 0x00000008
#define bit_HLE 0x00000010
#define bit_AVX2 0x00000020
#define bit_SMEP 0x00000080
#define bit_BMI2 0x00000100
#define bit_ENH_MOVSB 0x00000200
#define bit_INVPCID 0x00000400
#define bit_RTM 0x00000800
#define bit_MPX 0x00004000
#define bit_AVX512F 0x00010000
#define bit_AVX512DQ 0x00020000
#define bit_RDSEED 0x00040000
#define bit_ADX 0x00080000
#define bit_AVX512IFMA 0x00200000
#define bit_CLFLUSHOPT 0x00800000
#define bit_CLWB 0x01000000
#define bit_AVX512PF 0x04000000
#define bit_AVX512ER 0x08000000
#define bit_AVX512CD 0x10000000
#define bit_SHA 0x20000000
#define bit_AVX512BW 0x40000000
#define bit_AVX512VL 0x80000000

/* Leaf 7 subleaf 0, ECX. */
#define bit_PREFETCHWT1 0x00000001
#define bit_AVX512VBMI 0x00000002
#define bit_PKU 0x00000008
#define bit_OSPKE 0x00000010
#define bit_WAITPKG 0x00000020
#define bit_AVX512VBMI2 0x00000040
#define bit_SHSTK 0x00000080
#define bit_GFNI 0x00000100
#define bit_VAES 0x00000200
#define bit_VPCLMULQDQ 0x00000400
#define bit_AVX512VNNI 0x00000800
#define bit_AVX512BITALG 0x00001000
#define bit_AVX512VPOPCNTDQ 0x00004000
#define bit_RDPID 0x00400000
#define bit_CLDEMOTE 0x02000000
#define bit_MOVDIRI 0x08000000
#define bit_MOVDIR64B 0x10000000
#define bit_ENQCMD 0x20000000

/* Leaf 7 subleaf 0, EDX. */
#define bit_AVX5124VNNIW 0x00000004
#define bit_AVX5124FMAPS 0x00000008
#define bit_UINTR 0x00000020
#define bit_AVX512VP2INTERSECT 0x00000100
#define bit_SERIALIZE 0x00004000
#define bit_TSXLDTRK 0x00010000
#define bit_PCONFIG 0x00040000
#define bit_IBT 0x00100000
#define bit_AMXBF16 0x00400000
#define bit_AVX512FP16 0x00800000
#define bit_AMXTILE 0x01000000
#define bit_AMXINT8 0x02000000

/* Leaf 7 subleaf 1, EAX. */
#define bit_AVXVNNI 0x00000010
#define bit_AVX512BF16 0x00000020

/* Leaf 0xD subleaf 1, EAX. */
#define bit_XSAVEOPT 0x00000001
#define bit_XSAVEC 0x00000002
#define bit_XSAVES 0x00000008

/* Leaf 0x80000001, ECX. */
#define bit_LAHF_LM 0x00000001
#define bit_ABM 0x00000020
#define bit_LZCNT 0x00000020
#define bit_SSE4a 0x00000040
#define bit_PRFCHW 0x00000100
#define bit_XOP 0x00000800
#define bit_LWP 0x00008000
#define bit_FMA4 0x00010000
#define bit_TBM 0x00200000
#define bit_MWAITX 0x20000000

/* Leaf 0x80000001, EDX. */
#define bit_MMXEXT 0x00400000
#define bit_LM 0x20000000
#define bit_3DNOWP 0x40000000
#define bit_3DNOW 0x80000000

/* Leaf 0x80000008, EBX. */
#define bit_CLZERO 0x00000001
#define bit_WBNOINVD 0x00000200

/* cpuid with ECX = __count: the four registers into the four lvalues. */
#define __cpuid_count(__leaf, __count, __eax, __ebx, __ecx, __edx)                    \
  do {                                                                                \
    unsigned int __ecsi_regs[4];                                                      \
    __ecsi_cpuid((unsigned int)(__leaf), (unsigned int)(__count), __ecsi_regs);       \
    (__eax) = __ecsi_regs[0];                                                         \
    (__ebx) = __ecsi_regs[1];                                                         \
    (__ecx) = __ecsi_regs[2];                                                         \
    (__edx) = __ecsi_regs[3];                                                         \
  } while (0)
#define __cpuid(__leaf, __eax, __ebx, __ecx, __edx) \
  __cpuid_count(__leaf, 0, __eax, __ebx, __ecx, __edx)

/* The highest leaf of __leaf's range (basic, or extended with bit 31 set), and EBX of
 * that range's first leaf in *__sig (the vendor's first four characters). */
__ECSI_CPUID_FN unsigned int __get_cpuid_max(unsigned int __leaf, unsigned int *__sig) {
  unsigned int __r[4];
  __ecsi_cpuid(__leaf & 0x80000000U, 0, __r);
  if (__sig) *__sig = __r[1];
  return __r[0];
}

/* 0 if __leaf is past its range's highest (the registers are then left alone), else
 * the registers and 1. */
__ECSI_CPUID_FN int __get_cpuid_count(unsigned int __leaf, unsigned int __subleaf,
                                      unsigned int *__eax, unsigned int *__ebx,
                                      unsigned int *__ecx, unsigned int *__edx) {
  unsigned int __max = __get_cpuid_max(__leaf, 0);
  if (__max == 0 || __max < __leaf) return 0;
  __cpuid_count(__leaf, __subleaf, *__eax, *__ebx, *__ecx, *__edx);
  return 1;
}

__ECSI_CPUID_FN int __get_cpuid(unsigned int __leaf, unsigned int *__eax, unsigned int *__ebx,
                                unsigned int *__ecx, unsigned int *__edx) {
  return __get_cpuid_count(__leaf, 0, __eax, __ebx, __ecx, __edx);
}

#endif /* __EC_SOFTINTRIN_CPUID_H */
