/* ec-buildext softintrin (see __ec_softintrin.h and avxintrin.h): F16C, conversions
 * between float and IEEE half precision, in integer arithmetic so that every target
 * gives x86's bits: NaNs come out quiet with their payload's top bits, half denormals
 * are kept, and float to half rounds by the immediate's mode (bits 1:0; bit 2: MXCSR's
 * mode, which is nearest even here).  cpuid reports no F16C: this is for code compiled
 * for run-time dispatch. */
#ifndef __EC_SOFTINTRIN_F16CINTRIN_H
#define __EC_SOFTINTRIN_F16CINTRIN_H

#include <avxintrin.h>

__ECSI_FN unsigned int __ecsi_half_to_bits(unsigned short h) {
  unsigned int sign = (unsigned int)(h & 0x8000) << 16, exp = (h >> 10) & 31, man = h & 0x3ff;
  if (exp == 31) return sign | 0x7f800000 | (man ? 0x400000 | (man << 13) : 0);
  if (exp != 0) return sign | ((exp + 112) << 23) | (man << 13);
  if (man == 0) return sign;
  /* A denormal half, man * 2^-24: normal as a float. */
  int top = 31 - __builtin_clz(man);
  return sign | ((unsigned int)(top + 103) << 23) | ((man << (23 - top)) & 0x7fffff);
}

__ECSI_FN unsigned short __ecsi_bits_to_half(unsigned int f, int imm) {
  unsigned int sign = (f >> 16) & 0x8000, exp = (f >> 23) & 255, man = f & 0x7fffff;
  int mode = (imm & 4) ? 0 : imm & 3;
  if (exp == 255) return (unsigned short)(sign | 0x7c00 | (man ? 0x200 | (man >> 13) : 0));
  /* Rounding up in magnitude: nearest (decided below), or towards this sign's infinity. */
  int away = (mode == 1 && sign) || (mode == 2 && !sign);
  if (exp >= 143) /* 2^16 and more: past the largest half, 65504 */
    return (unsigned short)(sign | ((mode == 0 || away) ? 0x7c00 : 0x7bff));
  unsigned long long full = exp ? (man | 0x800000) : man;
  /* Bits to drop: 13 for a normal half; more for a denormal one (from 2^-14 down). */
  int shift = exp >= 113 ? 13 : exp ? 126 - (int)exp : 125;
  if (shift > 26) shift = 26;
  unsigned long long kept = full >> shift, rest = full & ((1ULL << shift) - 1), half = 1ULL << (shift - 1);
  unsigned int bits = exp >= 113 ? ((exp - 112) << 10) + (unsigned int)(kept & 0x3ff) : (unsigned int)kept;
  int up = mode == 0 ? (rest > half || (rest == half && (kept & 1))) : away && rest != 0;
  /* A carry runs into the exponent, up to infinity (0x7c00), as it should. */
  return (unsigned short)(sign | (bits + (unsigned int)up));
}

__ECSI_FN float _cvtsh_ss(unsigned short a) {
  return ((__v4sf)(__v4su){__ecsi_half_to_bits(a), 0, 0, 0})[0];
}
__ECSI_FN unsigned short _cvtss_sh(float a, int imm) {
  return __ecsi_bits_to_half(((__v4su)(__v4sf){a, 0, 0, 0})[0], imm);
}
__ECSI_FN __m128 _mm_cvtph_ps(__m128i a) {
  __v4su r;
  for (int i = 0; i < 4; i++) r[i] = __ecsi_half_to_bits(((__v8hu)a)[i]);
  return (__m128)r;
}
__ECSI_FN __m256 _mm256_cvtph_ps(__m128i a) {
  __v8su r;
  for (int i = 0; i < 8; i++) r[i] = __ecsi_half_to_bits(((__v8hu)a)[i]);
  return (__m256)r;
}
/* Four halves in the low 64 bits, zeros above. */
__ECSI_FN __m128i _mm_cvtps_ph(__m128 a, int imm) {
  __v8hu r = {0, 0, 0, 0, 0, 0, 0, 0};
  for (int i = 0; i < 4; i++) r[i] = __ecsi_bits_to_half(((__v4su)a)[i], imm);
  return (__m128i)r;
}
__ECSI_FN __m128i _mm256_cvtps_ph(__m256 a, int imm) {
  __v8hu r;
  for (int i = 0; i < 8; i++) r[i] = __ecsi_bits_to_half(((__v8su)a)[i], imm);
  return (__m128i)r;
}

#endif /* __EC_SOFTINTRIN_F16CINTRIN_H */
