/* ec-buildext softintrin (see __ec_softintrin.h): the SHA extensions (SHA-1 and SHA-256
 * rounds and message schedule), from Intel's pseudo-code of each instruction and FIPS
 * 180-4.  cpuid reports no SHA (__ec_cpuid.h): they are here so that SHA-NI paths compile
 * in Arm64EC code, correctly.  Dword 3 of a register is its most significant. */
#ifndef __EC_SOFTINTRIN_SHAINTRIN_H
#define __EC_SOFTINTRIN_SHAINTRIN_H

#include <wmmintrin.h>

__ECSI_FN unsigned int __ecsi_rol32(unsigned int x, int n) {
  return (x << (n & 31)) | (x >> ((32 - n) & 31));
}
__ECSI_FN unsigned int __ecsi_ror32(unsigned int x, int n) { return __ecsi_rol32(x, 32 - n); }

/* Four SHA-1 rounds: A B C D in dwords 3..0 of a, W0+E W1 W2 W3 in dwords 3..0 of b;
 * the rounds' function and constant by imm (0..3: rounds 0-19, 20-39, 40-59, 60-79). */
__ECSI_FN __m128i __ecsi_sha1rnds4(__m128i a, __m128i b, int func) {
  static const unsigned int k[4] = {0x5A827999U, 0x6ED9EBA1U, 0x8F1BBCDCU, 0xCA62C1D6U};
  __v4su s = (__v4su)a, w = (__v4su)b;
  unsigned int A = s[3], B = s[2], C = s[1], D = s[0], E = 0;
  for (int i = 0; i < 4; i++) {
    unsigned int f = func == 0   ? (B & C) ^ (~B & D)
                     : func == 2 ? (B & C) ^ (B & D) ^ (C & D)
                                 : B ^ C ^ D;
    unsigned int next = f + __ecsi_rol32(A, 5) + w[3 - i] + E + k[func];
    E = D;
    D = C;
    C = __ecsi_rol32(B, 30);
    B = A;
    A = next;
  }
  return (__m128i)(__v4su){D, C, B, A};
}
#define _mm_sha1rnds4_epu32(a, b, imm) \
  __ecsi_sha1rnds4((__m128i)(a), (__m128i)(b), (int)(imm) & 3)

__ECSI_FN __m128i _mm_sha1nexte_epu32(__m128i a, __m128i b) {
  __v4su r = (__v4su)b;
  r[3] += __ecsi_rol32(((__v4su)a)[3], 30);
  return (__m128i)r;
}
__ECSI_FN __m128i _mm_sha1msg1_epu32(__m128i a, __m128i b) {
  /* W0..W3 in dwords 3..0 of a, W4 W5 in dwords 3 2 of b: W0^W2 W1^W3 W2^W4 W3^W5. */
  __v4su x = (__v4su)a, y = (__v4su)b;
  return (__m128i)(x ^ (__v4su){y[2], y[3], x[0], x[1]});
}
__ECSI_FN __m128i _mm_sha1msg2_epu32(__m128i a, __m128i b) {
  /* W13 W14 W15 in dwords 2..0 of b; W16..W19 to dwords 3..0. */
  __v4su x = (__v4su)a, y = (__v4su)b;
  unsigned int w16 = __ecsi_rol32(x[3] ^ y[2], 1);
  unsigned int w17 = __ecsi_rol32(x[2] ^ y[1], 1);
  unsigned int w18 = __ecsi_rol32(x[1] ^ y[0], 1);
  unsigned int w19 = __ecsi_rol32(x[0] ^ w16, 1);
  return (__m128i)(__v4su){w19, w18, w17, w16};
}

/* Two SHA-256 rounds: C D G H in dwords 3..0 of a, A B E F in dwords 3..0 of b, the
 * rounds' W+K in dwords 0 and 1 of k; the new A B E F. */
__ECSI_FN __m128i _mm_sha256rnds2_epu32(__m128i a, __m128i b, __m128i k) {
  __v4su x = (__v4su)a, y = (__v4su)b, wk = (__v4su)k;
  unsigned int A = y[3], B = y[2], C = x[3], D = x[2], E = y[1], F = y[0], G = x[1], H = x[0];
  unsigned int A1 = 0, E1 = 0;
  for (int i = 0; i < 2; i++) {
    unsigned int ch = (E & F) ^ (~E & G), maj = (A & B) ^ (A & C) ^ (B & C);
    unsigned int s0 = __ecsi_ror32(A, 2) ^ __ecsi_ror32(A, 13) ^ __ecsi_ror32(A, 22);
    unsigned int s1 = __ecsi_ror32(E, 6) ^ __ecsi_ror32(E, 11) ^ __ecsi_ror32(E, 25);
    unsigned int t = ch + s1 + wk[i] + H;
    H = G;
    G = F;
    F = E;
    E = t + D;
    D = C;
    C = B;
    B = A;
    A = t + maj + s0;
    if (i == 0) {
      A1 = A;
      E1 = E;
    }
  }
  return (__m128i)(__v4su){E1, E, A1, A};
}
__ECSI_FN unsigned int __ecsi_sha256_sigma0(unsigned int x) {
  return __ecsi_ror32(x, 7) ^ __ecsi_ror32(x, 18) ^ (x >> 3);
}
__ECSI_FN unsigned int __ecsi_sha256_sigma1(unsigned int x) {
  return __ecsi_ror32(x, 17) ^ __ecsi_ror32(x, 19) ^ (x >> 10);
}
__ECSI_FN __m128i _mm_sha256msg1_epu32(__m128i a, __m128i b) {
  /* W0..W3 in dwords 0..3 of a, W4 in dword 0 of b: Wi + sigma0(Wi+1). */
  __v4su x = (__v4su)a;
  unsigned int w4 = ((__v4su)b)[0];
  return (__m128i)(__v4su){x[0] + __ecsi_sha256_sigma0(x[1]), x[1] + __ecsi_sha256_sigma0(x[2]),
                           x[2] + __ecsi_sha256_sigma0(x[3]), x[3] + __ecsi_sha256_sigma0(w4)};
}
__ECSI_FN __m128i _mm_sha256msg2_epu32(__m128i a, __m128i b) {
  /* W14 W15 in dwords 2 3 of b; W16..W19 to dwords 0..3. */
  __v4su x = (__v4su)a, y = (__v4su)b;
  unsigned int w16 = x[0] + __ecsi_sha256_sigma1(y[2]);
  unsigned int w17 = x[1] + __ecsi_sha256_sigma1(y[3]);
  unsigned int w18 = x[2] + __ecsi_sha256_sigma1(w16);
  unsigned int w19 = x[3] + __ecsi_sha256_sigma1(w17);
  return (__m128i)(__v4su){w16, w17, w18, w19};
}

#endif /* __EC_SOFTINTRIN_SHAINTRIN_H */
