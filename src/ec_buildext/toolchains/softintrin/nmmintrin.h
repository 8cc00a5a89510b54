/* ec-buildext softintrin (see __ec_softintrin.h): SSE4.2 and POPCNT. */
#ifndef __EC_SOFTINTRIN_NMMINTRIN_H
#define __EC_SOFTINTRIN_NMMINTRIN_H

#include <smmintrin.h>

__ECSI_FN __m128i _mm_cmpgt_epi64(__m128i a, __m128i b) { return (__m128i)((__v2di)a > (__v2di)b); }

/* CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), a byte at a time, low byte
 * first, as the crc32 instruction. */
__ECSI_FN unsigned int _mm_crc32_u8(unsigned int crc, unsigned char v) {
  crc ^= v;
  for (int i = 0; i < 8; i++) crc = (crc >> 1) ^ (0x82F63B78U & (0U - (crc & 1U)));
  return crc;
}
__ECSI_FN unsigned int _mm_crc32_u16(unsigned int crc, unsigned short v) {
  return _mm_crc32_u8(_mm_crc32_u8(crc, (unsigned char)v), (unsigned char)(v >> 8));
}
__ECSI_FN unsigned int _mm_crc32_u32(unsigned int crc, unsigned int v) {
  return _mm_crc32_u16(_mm_crc32_u16(crc, (unsigned short)v), (unsigned short)(v >> 16));
}
__ECSI_FN unsigned long long _mm_crc32_u64(unsigned long long crc, unsigned long long v) {
  return _mm_crc32_u32(_mm_crc32_u32((unsigned int)crc, (unsigned int)v), (unsigned int)(v >> 32));
}

__ECSI_FN int _mm_popcnt_u32(unsigned int a) { return __builtin_popcount(a); }
__ECSI_FN long long _mm_popcnt_u64(unsigned long long a) { return __builtin_popcountll(a); }
__ECSI_FN int _popcnt32(int a) { return __builtin_popcount((unsigned int)a); }
__ECSI_FN long long _popcnt64(long long a) { return __builtin_popcountll((unsigned long long)a); }

/* The string comparisons (pcmpestr*, pcmpistr*): named, not emulated. */
#define _SIDD_UBYTE_OPS 0x00
#define _SIDD_UWORD_OPS 0x01
#define _SIDD_SBYTE_OPS 0x02
#define _SIDD_SWORD_OPS 0x03
#define _SIDD_CMP_EQUAL_ANY 0x00
#define _SIDD_CMP_RANGES 0x04
#define _SIDD_CMP_EQUAL_EACH 0x08
#define _SIDD_CMP_EQUAL_ORDERED 0x0c
#define _SIDD_POSITIVE_POLARITY 0x00
#define _SIDD_NEGATIVE_POLARITY 0x10
#define _SIDD_MASKED_POSITIVE_POLARITY 0x20
#define _SIDD_MASKED_NEGATIVE_POLARITY 0x30
#define _SIDD_LEAST_SIGNIFICANT 0x00
#define _SIDD_MOST_SIGNIFICANT 0x40
#define _SIDD_BIT_MASK 0x00
#define _SIDD_UNIT_MASK 0x40
#define __ECSI_STRING(name) __ECSI_UNAVAILABLE(name, __ECSI_NOT_EMULATED("SSE4.2 string-compare"))
__ECSI_STRING(_mm_cmpestra)
__ECSI_STRING(_mm_cmpestrc)
__ECSI_STRING(_mm_cmpestri)
__ECSI_STRING(_mm_cmpestrm)
__ECSI_STRING(_mm_cmpestro)
__ECSI_STRING(_mm_cmpestrs)
__ECSI_STRING(_mm_cmpestrz)
__ECSI_STRING(_mm_cmpistra)
__ECSI_STRING(_mm_cmpistrc)
__ECSI_STRING(_mm_cmpistri)
__ECSI_STRING(_mm_cmpistrm)
__ECSI_STRING(_mm_cmpistro)
__ECSI_STRING(_mm_cmpistrs)
__ECSI_STRING(_mm_cmpistrz)

#endif /* __EC_SOFTINTRIN_NMMINTRIN_H */
