/* ec-buildext softintrin (see __ec_softintrin.h): AVX-512 (F, BW, DQ, CD, VBMI, BITALG,
 * VPOPCNTDQ, VBMI2's compress and expand) on 512-bit generic vectors, from Intel's
 * pseudo-code of each intrinsic: the 512-bit integer operations run-time dispatched code
 * uses (xxhash's, pybase64's and simdjson's AVX-512 paths and the families around them),
 * their mask and maskz forms, the mask registers' operations, and the common float ones.
 * cpuid reports no AVX-512 (__ec_cpuid.h): dispatchers never call these in Arm64EC code,
 * but they compile and are correct.  What is not here is declared unavailable, per
 * function, naming its set (__ec_avx512_unavailable.h).  The forms on 256-bit vectors
 * (AVX-512VL and the 512-bit ones taking or giving a __m256i) wait for the AVX types.
 *
 * Private to immintrin.h. */
#ifndef __EC_SOFTINTRIN_AVX512_H
#define __EC_SOFTINTRIN_AVX512_H

typedef float __m512 __attribute__((__vector_size__(64), __aligned__(64), __may_alias__));
typedef double __m512d __attribute__((__vector_size__(64), __aligned__(64), __may_alias__));
typedef long long __m512i __attribute__((__vector_size__(64), __aligned__(64), __may_alias__));
typedef float __m512_u __attribute__((__vector_size__(64), __aligned__(1), __may_alias__));
typedef double __m512d_u __attribute__((__vector_size__(64), __aligned__(1), __may_alias__));
typedef long long __m512i_u __attribute__((__vector_size__(64), __aligned__(1), __may_alias__));
typedef unsigned char __mmask8;
typedef unsigned short __mmask16;
typedef unsigned int __mmask32;
typedef unsigned long long __mmask64;

/* Element views, by the names x86 code casts to. */
typedef float __v16sf __attribute__((__vector_size__(64)));
typedef double __v8df __attribute__((__vector_size__(64)));
typedef long long __v8di __attribute__((__vector_size__(64)));
typedef unsigned long long __v8du __attribute__((__vector_size__(64)));
typedef int __v16si __attribute__((__vector_size__(64)));
typedef unsigned int __v16su __attribute__((__vector_size__(64)));
typedef short __v32hi __attribute__((__vector_size__(64)));
typedef unsigned short __v32hu __attribute__((__vector_size__(64)));
typedef char __v64qi __attribute__((__vector_size__(64)));
typedef signed char __v64qs __attribute__((__vector_size__(64)));
typedef unsigned char __v64qu __attribute__((__vector_size__(64)));
/* Doubled elements, for widening arithmetic. */
typedef int __ecsi_i32x32 __attribute__((__vector_size__(128)));
typedef unsigned int __ecsi_u32x32 __attribute__((__vector_size__(128)));

/* Per element width (8, 16, 32, 64 bits): the signed and unsigned views, the mask type. */
#define __ECSI_S8 __v64qs
#define __ECSI_S16 __v32hi
#define __ECSI_S32 __v16si
#define __ECSI_S64 __v8di
#define __ECSI_U8 __v64qu
#define __ECSI_U16 __v32hu
#define __ECSI_U32 __v16su
#define __ECSI_U64 __v8du
#define __ECSI_K8 __mmask64
#define __ECSI_K16 __mmask32
#define __ECSI_K32 __mmask16
#define __ECSI_K64 __mmask8

typedef enum {
  _MM_CMPINT_EQ, _MM_CMPINT_LT, _MM_CMPINT_LE, _MM_CMPINT_UNUSED,
  _MM_CMPINT_NE, _MM_CMPINT_NLT, _MM_CMPINT_NLE
} _MM_CMPINT_ENUM;
#define _MM_CMPINT_GE _MM_CMPINT_NLT
#define _MM_CMPINT_GT _MM_CMPINT_NLE
typedef enum {
    _MM_PERM_AAAA = 0x00, _MM_PERM_AAAB = 0x01, _MM_PERM_AAAC = 0x02, _MM_PERM_AAAD = 0x03,
    _MM_PERM_AABA = 0x04, _MM_PERM_AABB = 0x05, _MM_PERM_AABC = 0x06, _MM_PERM_AABD = 0x07,
    _MM_PERM_AACA = 0x08, _MM_PERM_AACB = 0x09, _MM_PERM_AACC = 0x0A, _MM_PERM_AACD = 0x0B,
    _MM_PERM_AADA = 0x0C, _MM_PERM_AADB = 0x0D, _MM_PERM_AADC = 0x0E, _MM_PERM_AADD = 0x0F,
    _MM_PERM_ABAA = 0x10, _MM_PERM_ABAB = 0x11, _MM_PERM_ABAC = 0x12, _MM_PERM_ABAD = 0x13,
    _MM_PERM_ABBA = 0x14, _MM_PERM_ABBB = 0x15, _MM_PERM_ABBC = 0x16, _MM_PERM_ABBD = 0x17,
    _MM_PERM_ABCA = 0x18, _MM_PERM_ABCB = 0x19, _MM_PERM_ABCC = 0x1A, _MM_PERM_ABCD = 0x1B,
    _MM_PERM_ABDA = 0x1C, _MM_PERM_ABDB = 0x1D, _MM_PERM_ABDC = 0x1E, _MM_PERM_ABDD = 0x1F,
    _MM_PERM_ACAA = 0x20, _MM_PERM_ACAB = 0x21, _MM_PERM_ACAC = 0x22, _MM_PERM_ACAD = 0x23,
    _MM_PERM_ACBA = 0x24, _MM_PERM_ACBB = 0x25, _MM_PERM_ACBC = 0x26, _MM_PERM_ACBD = 0x27,
    _MM_PERM_ACCA = 0x28, _MM_PERM_ACCB = 0x29, _MM_PERM_ACCC = 0x2A, _MM_PERM_ACCD = 0x2B,
    _MM_PERM_ACDA = 0x2C, _MM_PERM_ACDB = 0x2D, _MM_PERM_ACDC = 0x2E, _MM_PERM_ACDD = 0x2F,
    _MM_PERM_ADAA = 0x30, _MM_PERM_ADAB = 0x31, _MM_PERM_ADAC = 0x32, _MM_PERM_ADAD = 0x33,
    _MM_PERM_ADBA = 0x34, _MM_PERM_ADBB = 0x35, _MM_PERM_ADBC = 0x36, _MM_PERM_ADBD = 0x37,
    _MM_PERM_ADCA = 0x38, _MM_PERM_ADCB = 0x39, _MM_PERM_ADCC = 0x3A, _MM_PERM_ADCD = 0x3B,
    _MM_PERM_ADDA = 0x3C, _MM_PERM_ADDB = 0x3D, _MM_PERM_ADDC = 0x3E, _MM_PERM_ADDD = 0x3F,
    _MM_PERM_BAAA = 0x40, _MM_PERM_BAAB = 0x41, _MM_PERM_BAAC = 0x42, _MM_PERM_BAAD = 0x43,
    _MM_PERM_BABA = 0x44, _MM_PERM_BABB = 0x45, _MM_PERM_BABC = 0x46, _MM_PERM_BABD = 0x47,
    _MM_PERM_BACA = 0x48, _MM_PERM_BACB = 0x49, _MM_PERM_BACC = 0x4A, _MM_PERM_BACD = 0x4B,
    _MM_PERM_BADA = 0x4C, _MM_PERM_BADB = 0x4D, _MM_PERM_BADC = 0x4E, _MM_PERM_BADD = 0x4F,
    _MM_PERM_BBAA = 0x50, _MM_PERM_BBAB = 0x51, _MM_PERM_BBAC = 0x52, _MM_PERM_BBAD = 0x53,
    _MM_PERM_BBBA = 0x54, _MM_PERM_BBBB = 0x55, _MM_PERM_BBBC = 0x56, _MM_PERM_BBBD = 0x57,
    _MM_PERM_BBCA = 0x58, _MM_PERM_BBCB = 0x59, _MM_PERM_BBCC = 0x5A, _MM_PERM_BBCD = 0x5B,
    _MM_PERM_BBDA = 0x5C, _MM_PERM_BBDB = 0x5D, _MM_PERM_BBDC = 0x5E, _MM_PERM_BBDD = 0x5F,
    _MM_PERM_BCAA = 0x60, _MM_PERM_BCAB = 0x61, _MM_PERM_BCAC = 0x62, _MM_PERM_BCAD = 0x63,
    _MM_PERM_BCBA = 0x64, _MM_PERM_BCBB = 0x65, _MM_PERM_BCBC = 0x66, _MM_PERM_BCBD = 0x67,
    _MM_PERM_BCCA = 0x68, _MM_PERM_BCCB = 0x69, _MM_PERM_BCCC = 0x6A, _MM_PERM_BCCD = 0x6B,
    _MM_PERM_BCDA = 0x6C, _MM_PERM_BCDB = 0x6D, _MM_PERM_BCDC = 0x6E, _MM_PERM_BCDD = 0x6F,
    _MM_PERM_BDAA = 0x70, _MM_PERM_BDAB = 0x71, _MM_PERM_BDAC = 0x72, _MM_PERM_BDAD = 0x73,
    _MM_PERM_BDBA = 0x74, _MM_PERM_BDBB = 0x75, _MM_PERM_BDBC = 0x76, _MM_PERM_BDBD = 0x77,
    _MM_PERM_BDCA = 0x78, _MM_PERM_BDCB = 0x79, _MM_PERM_BDCC = 0x7A, _MM_PERM_BDCD = 0x7B,
    _MM_PERM_BDDA = 0x7C, _MM_PERM_BDDB = 0x7D, _MM_PERM_BDDC = 0x7E, _MM_PERM_BDDD = 0x7F,
    _MM_PERM_CAAA = 0x80, _MM_PERM_CAAB = 0x81, _MM_PERM_CAAC = 0x82, _MM_PERM_CAAD = 0x83,
    _MM_PERM_CABA = 0x84, _MM_PERM_CABB = 0x85, _MM_PERM_CABC = 0x86, _MM_PERM_CABD = 0x87,
    _MM_PERM_CACA = 0x88, _MM_PERM_CACB = 0x89, _MM_PERM_CACC = 0x8A, _MM_PERM_CACD = 0x8B,
    _MM_PERM_CADA = 0x8C, _MM_PERM_CADB = 0x8D, _MM_PERM_CADC = 0x8E, _MM_PERM_CADD = 0x8F,
    _MM_PERM_CBAA = 0x90, _MM_PERM_CBAB = 0x91, _MM_PERM_CBAC = 0x92, _MM_PERM_CBAD = 0x93,
    _MM_PERM_CBBA = 0x94, _MM_PERM_CBBB = 0x95, _MM_PERM_CBBC = 0x96, _MM_PERM_CBBD = 0x97,
    _MM_PERM_CBCA = 0x98, _MM_PERM_CBCB = 0x99, _MM_PERM_CBCC = 0x9A, _MM_PERM_CBCD = 0x9B,
    _MM_PERM_CBDA = 0x9C, _MM_PERM_CBDB = 0x9D, _MM_PERM_CBDC = 0x9E, _MM_PERM_CBDD = 0x9F,
    _MM_PERM_CCAA = 0xA0, _MM_PERM_CCAB = 0xA1, _MM_PERM_CCAC = 0xA2, _MM_PERM_CCAD = 0xA3,
    _MM_PERM_CCBA = 0xA4, _MM_PERM_CCBB = 0xA5, _MM_PERM_CCBC = 0xA6, _MM_PERM_CCBD = 0xA7,
    _MM_PERM_CCCA = 0xA8, _MM_PERM_CCCB = 0xA9, _MM_PERM_CCCC = 0xAA, _MM_PERM_CCCD = 0xAB,
    _MM_PERM_CCDA = 0xAC, _MM_PERM_CCDB = 0xAD, _MM_PERM_CCDC = 0xAE, _MM_PERM_CCDD = 0xAF,
    _MM_PERM_CDAA = 0xB0, _MM_PERM_CDAB = 0xB1, _MM_PERM_CDAC = 0xB2, _MM_PERM_CDAD = 0xB3,
    _MM_PERM_CDBA = 0xB4, _MM_PERM_CDBB = 0xB5, _MM_PERM_CDBC = 0xB6, _MM_PERM_CDBD = 0xB7,
    _MM_PERM_CDCA = 0xB8, _MM_PERM_CDCB = 0xB9, _MM_PERM_CDCC = 0xBA, _MM_PERM_CDCD = 0xBB,
    _MM_PERM_CDDA = 0xBC, _MM_PERM_CDDB = 0xBD, _MM_PERM_CDDC = 0xBE, _MM_PERM_CDDD = 0xBF,
    _MM_PERM_DAAA = 0xC0, _MM_PERM_DAAB = 0xC1, _MM_PERM_DAAC = 0xC2, _MM_PERM_DAAD = 0xC3,
    _MM_PERM_DABA = 0xC4, _MM_PERM_DABB = 0xC5, _MM_PERM_DABC = 0xC6, _MM_PERM_DABD = 0xC7,
    _MM_PERM_DACA = 0xC8, _MM_PERM_DACB = 0xC9, _MM_PERM_DACC = 0xCA, _MM_PERM_DACD = 0xCB,
    _MM_PERM_DADA = 0xCC, _MM_PERM_DADB = 0xCD, _MM_PERM_DADC = 0xCE, _MM_PERM_DADD = 0xCF,
    _MM_PERM_DBAA = 0xD0, _MM_PERM_DBAB = 0xD1, _MM_PERM_DBAC = 0xD2, _MM_PERM_DBAD = 0xD3,
    _MM_PERM_DBBA = 0xD4, _MM_PERM_DBBB = 0xD5, _MM_PERM_DBBC = 0xD6, _MM_PERM_DBBD = 0xD7,
    _MM_PERM_DBCA = 0xD8, _MM_PERM_DBCB = 0xD9, _MM_PERM_DBCC = 0xDA, _MM_PERM_DBCD = 0xDB,
    _MM_PERM_DBDA = 0xDC, _MM_PERM_DBDB = 0xDD, _MM_PERM_DBDC = 0xDE, _MM_PERM_DBDD = 0xDF,
    _MM_PERM_DCAA = 0xE0, _MM_PERM_DCAB = 0xE1, _MM_PERM_DCAC = 0xE2, _MM_PERM_DCAD = 0xE3,
    _MM_PERM_DCBA = 0xE4, _MM_PERM_DCBB = 0xE5, _MM_PERM_DCBC = 0xE6, _MM_PERM_DCBD = 0xE7,
    _MM_PERM_DCCA = 0xE8, _MM_PERM_DCCB = 0xE9, _MM_PERM_DCCC = 0xEA, _MM_PERM_DCCD = 0xEB,
    _MM_PERM_DCDA = 0xEC, _MM_PERM_DCDB = 0xED, _MM_PERM_DCDC = 0xEE, _MM_PERM_DCDD = 0xEF,
    _MM_PERM_DDAA = 0xF0, _MM_PERM_DDAB = 0xF1, _MM_PERM_DDAC = 0xF2, _MM_PERM_DDAD = 0xF3,
    _MM_PERM_DDBA = 0xF4, _MM_PERM_DDBB = 0xF5, _MM_PERM_DDBC = 0xF6, _MM_PERM_DDBD = 0xF7,
    _MM_PERM_DDCA = 0xF8, _MM_PERM_DDCB = 0xF9, _MM_PERM_DDCC = 0xFA, _MM_PERM_DDCD = 0xFB,
    _MM_PERM_DDDA = 0xFC, _MM_PERM_DDDB = 0xFD, _MM_PERM_DDDC = 0xFE, _MM_PERM_DDDD = 0xFF,
} _MM_PERM_ENUM;

/* The float compare predicates (AVX's names; 16..31 are 0..15 with the other signalling
 * behaviour, which is not modelled: no exceptions are raised). */
#ifndef _CMP_EQ_OQ
#define _CMP_EQ_OQ 0x00
#define _CMP_LT_OS 0x01
#define _CMP_LE_OS 0x02
#define _CMP_UNORD_Q 0x03
#define _CMP_NEQ_UQ 0x04
#define _CMP_NLT_US 0x05
#define _CMP_NLE_US 0x06
#define _CMP_ORD_Q 0x07
#define _CMP_EQ_UQ 0x08
#define _CMP_NGE_US 0x09
#define _CMP_NGT_US 0x0a
#define _CMP_FALSE_OQ 0x0b
#define _CMP_NEQ_OQ 0x0c
#define _CMP_GE_OS 0x0d
#define _CMP_GT_OS 0x0e
#define _CMP_TRUE_UQ 0x0f
#define _CMP_EQ_OS 0x10
#define _CMP_LT_OQ 0x11
#define _CMP_LE_OQ 0x12
#define _CMP_UNORD_S 0x13
#define _CMP_NEQ_US 0x14
#define _CMP_NLT_UQ 0x15
#define _CMP_NLE_UQ 0x16
#define _CMP_ORD_S 0x17
#define _CMP_EQ_US 0x18
#define _CMP_NGE_UQ 0x19
#define _CMP_NGT_UQ 0x1a
#define _CMP_FALSE_OS 0x1b
#define _CMP_NEQ_OS 0x1c
#define _CMP_GE_OQ 0x1d
#define _CMP_GT_OQ 0x1e
#define _CMP_TRUE_US 0x1f
#endif

/* Masks and lanes: element i of a where bit i of k is set, of src elsewhere; a mask of
 * the lowest bit of each element of a comparison's result. */
#define __ECSI512_SELECT_FN(bits, lanes)                                                      \
  __ECSI_FN __m512i __ecsi_sel##bits(__ECSI_K##bits k, __m512i a, __m512i src) {            \
    __ECSI_S##bits m;                                                                         \
    for (int i = 0; i < lanes; i++) m[i] = (k >> i) & 1 ? -1 : 0;                            \
    return __ECSI_SELECT((__m512i)m, a, src);                                                 \
  }                                                                                           \
  __ECSI_FN __ECSI_K##bits __ecsi_mask##bits(__m512i c) {                                     \
    __ECSI_U##bits v = (__ECSI_U##bits)c;                                                     \
    __ECSI_K##bits k = 0;                                                                     \
    for (int i = 0; i < lanes; i++) k |= (__ECSI_K##bits)(v[i] & 1) << i;                    \
    return k;                                                                                 \
  }
__ECSI512_SELECT_FN(8, 64)
__ECSI512_SELECT_FN(16, 32)
__ECSI512_SELECT_FN(32, 16)
__ECSI512_SELECT_FN(64, 8)

/* Casts, zero and undefined values. */
__ECSI_FN __m512i _mm512_setzero_si512(void) { return (__m512i){0, 0, 0, 0, 0, 0, 0, 0}; }
__ECSI_FN __m512i _mm512_setzero_epi32(void) { return _mm512_setzero_si512(); }
__ECSI_FN __m512 _mm512_setzero_ps(void) { return (__m512)_mm512_setzero_si512(); }
__ECSI_FN __m512 _mm512_setzero(void) { return _mm512_setzero_ps(); }
__ECSI_FN __m512d _mm512_setzero_pd(void) { return (__m512d)_mm512_setzero_si512(); }
/* Zero, as allowed: no uninitialised reads. */
__ECSI_FN __m512i _mm512_undefined_epi32(void) { return _mm512_setzero_si512(); }
__ECSI_FN __m512 _mm512_undefined_ps(void) { return _mm512_setzero_ps(); }
__ECSI_FN __m512 _mm512_undefined(void) { return _mm512_setzero_ps(); }
__ECSI_FN __m512d _mm512_undefined_pd(void) { return _mm512_setzero_pd(); }
__ECSI_FN __m512 _mm512_castsi512_ps(__m512i a) { return (__m512)a; }
__ECSI_FN __m512d _mm512_castsi512_pd(__m512i a) { return (__m512d)a; }
__ECSI_FN __m512i _mm512_castps_si512(__m512 a) { return (__m512i)a; }
__ECSI_FN __m512i _mm512_castpd_si512(__m512d a) { return (__m512i)a; }
__ECSI_FN __m512d _mm512_castps_pd(__m512 a) { return (__m512d)a; }
__ECSI_FN __m512 _mm512_castpd_ps(__m512d a) { return (__m512)a; }
__ECSI_FN __m128i _mm512_castsi512_si128(__m512i a) {
  return (__m128i)__builtin_shufflevector((__v8di)a, (__v8di)a, 0, 1);
}
__ECSI_FN __m128 _mm512_castps512_ps128(__m512 a) { return (__m128)_mm512_castsi512_si128((__m512i)a); }
__ECSI_FN __m128d _mm512_castpd512_pd128(__m512d a) { return (__m128d)_mm512_castsi512_si128((__m512i)a); }
/* The upper elements of a widening cast are undefined: zero here. */
__ECSI_FN __m512i _mm512_zextsi128_si512(__m128i a) {
  return (__m512i)__builtin_shufflevector((__v2di)a, (__v2di){0, 0}, 0, 1, 2, 3, 2, 3, 2, 3);
}
__ECSI_FN __m512i _mm512_castsi128_si512(__m128i a) { return _mm512_zextsi128_si512(a); }
__ECSI_FN __m512 _mm512_zextps128_ps512(__m128 a) { return (__m512)_mm512_zextsi128_si512((__m128i)a); }
__ECSI_FN __m512 _mm512_castps128_ps512(__m128 a) { return _mm512_zextps128_ps512(a); }
__ECSI_FN __m512d _mm512_zextpd128_pd512(__m128d a) { return (__m512d)_mm512_zextsi128_si512((__m128i)a); }
__ECSI_FN __m512d _mm512_castpd128_pd512(__m128d a) { return _mm512_zextpd128_pd512(a); }

/* Set and broadcast. */
__ECSI_FN __m512i _mm512_set1_epi8(char a) { return (__m512i)__ECSI_SPLAT(__v64qi, a); }
__ECSI_FN __m512i _mm512_set1_epi16(short a) { return (__m512i)__ECSI_SPLAT(__v32hi, a); }
__ECSI_FN __m512i _mm512_set1_epi32(int a) { return (__m512i)__ECSI_SPLAT(__v16si, a); }
__ECSI_FN __m512i _mm512_set1_epi64(long long a) { return (__m512i)__ECSI_SPLAT(__v8di, a); }
__ECSI_FN __m512 _mm512_set1_ps(float a) {
  return (__m512)(__v16sf){a, a, a, a, a, a, a, a, a, a, a, a, a, a, a, a};
}
__ECSI_FN __m512d _mm512_set1_pd(double a) { return (__m512d)(__v8df){a, a, a, a, a, a, a, a}; }
__ECSI_FN __m512i _mm512_set_epi32(int e15, int e14, int e13, int e12, int e11, int e10, int e9,
                                   int e8, int e7, int e6, int e5, int e4, int e3, int e2,
                                   int e1, int e0) {
  return (__m512i)(__v16si){e0, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12, e13, e14, e15};
}
__ECSI_FN __m512i _mm512_setr_epi32(int e0, int e1, int e2, int e3, int e4, int e5, int e6,
                                    int e7, int e8, int e9, int e10, int e11, int e12, int e13,
                                    int e14, int e15) {
  return (__m512i)(__v16si){e0, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12, e13, e14, e15};
}
__ECSI_FN __m512i _mm512_set_epi8(char e63, char e62, char e61, char e60, char e59, char e58,
                                  char e57, char e56, char e55, char e54, char e53, char e52,
                                  char e51, char e50, char e49, char e48, char e47, char e46,
                                  char e45, char e44, char e43, char e42, char e41, char e40,
                                  char e39, char e38, char e37, char e36, char e35, char e34,
                                  char e33, char e32, char e31, char e30, char e29, char e28,
                                  char e27, char e26, char e25, char e24, char e23, char e22,
                                  char e21, char e20, char e19, char e18, char e17, char e16,
                                  char e15, char e14, char e13, char e12, char e11, char e10,
                                  char e9, char e8, char e7, char e6, char e5, char e4, char e3,
                                  char e2, char e1, char e0) {
  return (__m512i)(__v64qi){e0, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12, e13, e14, e15,
                           e16, e17, e18, e19, e20, e21, e22, e23, e24, e25, e26, e27, e28, e29,
                           e30, e31, e32, e33, e34, e35, e36, e37, e38, e39, e40, e41, e42, e43,
                           e44, e45, e46, e47, e48, e49, e50, e51, e52, e53, e54, e55, e56, e57,
                           e58, e59, e60, e61, e62, e63};
}
__ECSI_FN __m512i _mm512_set_epi16(short e31, short e30, short e29, short e28, short e27, short e26,
                                   short e25, short e24, short e23, short e22, short e21, short e20,
                                   short e19, short e18, short e17, short e16, short e15, short e14,
                                   short e13, short e12, short e11, short e10, short e9, short e8,
                                   short e7, short e6, short e5, short e4, short e3, short e2,
                                   short e1, short e0) {
  return (__m512i)(__v32hi){e0, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12, e13, e14, e15,
                           e16, e17, e18, e19, e20, e21, e22, e23, e24, e25, e26, e27, e28, e29,
                           e30, e31};
}
__ECSI_FN __m512i _mm512_set_epi64(long long e7, long long e6, long long e5, long long e4,
                                   long long e3, long long e2, long long e1, long long e0) {
  return (__m512i)(__v8di){e0, e1, e2, e3, e4, e5, e6, e7};
}
__ECSI_FN __m512i _mm512_setr_epi64(long long e0, long long e1, long long e2, long long e3,
                                    long long e4, long long e5, long long e6, long long e7) {
  return (__m512i)(__v8di){e0, e1, e2, e3, e4, e5, e6, e7};
}
__ECSI_FN __m512i _mm512_set4_epi32(int d, int c, int b, int a) {
  return _mm512_set_epi32(d, c, b, a, d, c, b, a, d, c, b, a, d, c, b, a);
}
__ECSI_FN __m512i _mm512_setr4_epi32(int d, int c, int b, int a) {
  return _mm512_set4_epi32(a, b, c, d);
}
__ECSI_FN __m512i _mm512_set4_epi64(long long d, long long c, long long b, long long a) {
  return _mm512_set_epi64(d, c, b, a, d, c, b, a);
}
__ECSI_FN __m512i _mm512_setr4_epi64(long long d, long long c, long long b, long long a) {
  return _mm512_set4_epi64(a, b, c, d);
}
__ECSI_FN __m512 _mm512_set_ps(float e15, float e14, float e13, float e12, float e11, float e10,
                               float e9, float e8, float e7, float e6, float e5, float e4,
                               float e3, float e2, float e1, float e0) {
  return (__m512)(__v16sf){e0, e1, e2, e3, e4, e5, e6, e7, e8, e9, e10, e11, e12, e13, e14, e15};
}
__ECSI_FN __m512d _mm512_set_pd(double e7, double e6, double e5, double e4, double e3,
                                double e2, double e1, double e0) {
  return (__m512d)(__v8df){e0, e1, e2, e3, e4, e5, e6, e7};
}
__ECSI_FN __m512i _mm512_broadcastd_epi32(__m128i a) { return _mm512_set1_epi32(((__v4si)a)[0]); }
__ECSI_FN __m512i _mm512_broadcastq_epi64(__m128i a) { return _mm512_set1_epi64(((__v2di)a)[0]); }
__ECSI_FN __m512i _mm512_broadcastb_epi8(__m128i a) { return _mm512_set1_epi8(((__v16qi)a)[0]); }
__ECSI_FN __m512i _mm512_broadcastw_epi16(__m128i a) { return _mm512_set1_epi16(((__v8hi)a)[0]); }
__ECSI_FN __m512 _mm512_broadcastss_ps(__m128 a) { return _mm512_set1_ps(a[0]); }
__ECSI_FN __m512d _mm512_broadcastsd_pd(__m128d a) { return _mm512_set1_pd(a[0]); }
__ECSI_FN __m512i _mm512_broadcast_i32x4(__m128i a) {
  return (__m512i)__builtin_shufflevector((__v2di)a, (__v2di)a, 0, 1, 0, 1, 0, 1, 0, 1);
}
__ECSI_FN __m512 _mm512_broadcast_f32x4(__m128 a) { return (__m512)_mm512_broadcast_i32x4((__m128i)a); }

/* Loads and stores: aligned ones need a 64-byte address, as the instructions do. */
__ECSI_FN __m512i _mm512_load_si512(void const *p) { return *(const __m512i *)p; }
__ECSI_FN __m512i _mm512_loadu_si512(void const *p) { return *(const __m512i_u *)p; }
__ECSI_FN __m512i _mm512_load_epi32(void const *p) { return _mm512_load_si512(p); }
__ECSI_FN __m512i _mm512_load_epi64(void const *p) { return _mm512_load_si512(p); }
__ECSI_FN __m512i _mm512_loadu_epi8(void const *p) { return _mm512_loadu_si512(p); }
__ECSI_FN __m512i _mm512_loadu_epi16(void const *p) { return _mm512_loadu_si512(p); }
__ECSI_FN __m512i _mm512_loadu_epi32(void const *p) { return _mm512_loadu_si512(p); }
__ECSI_FN __m512i _mm512_loadu_epi64(void const *p) { return _mm512_loadu_si512(p); }
__ECSI_FN __m512 _mm512_load_ps(void const *p) { return *(const __m512 *)p; }
__ECSI_FN __m512 _mm512_loadu_ps(void const *p) { return *(const __m512_u *)p; }
__ECSI_FN __m512d _mm512_load_pd(void const *p) { return *(const __m512d *)p; }
__ECSI_FN __m512d _mm512_loadu_pd(void const *p) { return *(const __m512d_u *)p; }
__ECSI_FN __m512i _mm512_stream_load_si512(void const *p) {
  return __builtin_nontemporal_load((const __m512i *)p);
}
__ECSI_FN void _mm512_store_si512(void *p, __m512i a) { *(__m512i *)p = a; }
__ECSI_FN void _mm512_storeu_si512(void *p, __m512i a) { *(__m512i_u *)p = a; }
__ECSI_FN void _mm512_store_epi32(void *p, __m512i a) { _mm512_store_si512(p, a); }
__ECSI_FN void _mm512_store_epi64(void *p, __m512i a) { _mm512_store_si512(p, a); }
__ECSI_FN void _mm512_storeu_epi8(void *p, __m512i a) { _mm512_storeu_si512(p, a); }
__ECSI_FN void _mm512_storeu_epi16(void *p, __m512i a) { _mm512_storeu_si512(p, a); }
__ECSI_FN void _mm512_storeu_epi32(void *p, __m512i a) { _mm512_storeu_si512(p, a); }
__ECSI_FN void _mm512_storeu_epi64(void *p, __m512i a) { _mm512_storeu_si512(p, a); }
__ECSI_FN void _mm512_store_ps(void *p, __m512 a) { *(__m512 *)p = a; }
__ECSI_FN void _mm512_storeu_ps(void *p, __m512 a) { *(__m512_u *)p = a; }
__ECSI_FN void _mm512_store_pd(void *p, __m512d a) { *(__m512d *)p = a; }
__ECSI_FN void _mm512_storeu_pd(void *p, __m512d a) { *(__m512d_u *)p = a; }
__ECSI_FN void _mm512_stream_si512(void *p, __m512i a) { __builtin_nontemporal_store(a, (__m512i *)p); }
__ECSI_FN void _mm512_stream_ps(void *p, __m512 a) { __builtin_nontemporal_store(a, (__m512 *)p); }
__ECSI_FN void _mm512_stream_pd(void *p, __m512d a) { __builtin_nontemporal_store(a, (__m512d *)p); }
/* Masked loads and stores touch only the selected elements' memory, as the instructions
 * (which do not fault on the others). */
#define __ECSI512_MASK_MEM(sfx, bits, lanes, elem)                                            \
  __ECSI_FN __m512i _mm512_mask_loadu_##sfx(__m512i src, __ECSI_K##bits k, void const *p) {   \
    __ECSI_S##bits r = (__ECSI_S##bits)src;                                                   \
    for (int i = 0; i < lanes; i++)                                                           \
      if ((k >> i) & 1) __builtin_memcpy(&((elem *)&r)[i], (const elem *)p + i, sizeof(elem)); \
    return (__m512i)r;                                                                        \
  }                                                                                           \
  __ECSI_FN __m512i _mm512_maskz_loadu_##sfx(__ECSI_K##bits k, void const *p) {               \
    return _mm512_mask_loadu_##sfx(_mm512_setzero_si512(), k, p);                             \
  }                                                                                           \
  __ECSI_FN void _mm512_mask_storeu_##sfx(void *p, __ECSI_K##bits k, __m512i a) {             \
    for (int i = 0; i < lanes; i++)                                                           \
      if ((k >> i) & 1) __builtin_memcpy((elem *)p + i, &((const elem *)&a)[i], sizeof(elem)); \
  }
__ECSI512_MASK_MEM(epi8, 8, 64, char)
__ECSI512_MASK_MEM(epi16, 16, 32, short)
__ECSI512_MASK_MEM(epi32, 32, 16, int)
__ECSI512_MASK_MEM(epi64, 64, 8, long long)
__ECSI_FN __m512i _mm512_mask_load_epi32(__m512i src, __mmask16 k, void const *p) {
  return _mm512_mask_loadu_epi32(src, k, p);
}
__ECSI_FN __m512i _mm512_maskz_load_epi32(__mmask16 k, void const *p) { return _mm512_maskz_loadu_epi32(k, p); }
__ECSI_FN __m512i _mm512_mask_load_epi64(__m512i src, __mmask8 k, void const *p) {
  return _mm512_mask_loadu_epi64(src, k, p);
}
__ECSI_FN __m512i _mm512_maskz_load_epi64(__mmask8 k, void const *p) { return _mm512_maskz_loadu_epi64(k, p); }
__ECSI_FN void _mm512_mask_store_epi32(void *p, __mmask16 k, __m512i a) { _mm512_mask_storeu_epi32(p, k, a); }
__ECSI_FN void _mm512_mask_store_epi64(void *p, __mmask8 k, __m512i a) { _mm512_mask_storeu_epi64(p, k, a); }

/* The mask and maskz forms of an operation on elements of `bits`: src where k's bit is
 * clear (mask), or zero (maskz). */
#define __ECSI512_MASKED1(name, bits)                                                          \
  __ECSI_FN __m512i _mm512_mask_##name(__m512i src, __ECSI_K##bits k, __m512i a) {            \
    return __ecsi_sel##bits(k, _mm512_##name(a), src);                                         \
  }                                                                                            \
  __ECSI_FN __m512i _mm512_maskz_##name(__ECSI_K##bits k, __m512i a) {                        \
    return __ecsi_sel##bits(k, _mm512_##name(a), _mm512_setzero_si512());                     \
  }
#define __ECSI512_MASKED2(name, bits, T)                                                       \
  __ECSI_FN __m512i _mm512_mask_##name(__m512i src, __ECSI_K##bits k, __m512i a, T b) {       \
    return __ecsi_sel##bits(k, _mm512_##name(a, b), src);                                      \
  }                                                                                            \
  __ECSI_FN __m512i _mm512_maskz_##name(__ECSI_K##bits k, __m512i a, T b) {                   \
    return __ecsi_sel##bits(k, _mm512_##name(a, b), _mm512_setzero_si512());                  \
  }
/* An element-wise operation of two vectors, with its mask forms. */
#define __ECSI512_BINARY(name, bits, view, expr)                                               \
  __ECSI_FN __m512i _mm512_##name(__m512i a, __m512i b) {                                     \
    view x = (view)a, y = (view)b;                                                             \
    return (__m512i)(expr);                                                                    \
  }                                                                                            \
  __ECSI512_MASKED2(name, bits, __m512i)
#define __ECSI512_UNARY(name, bits, view, expr)                                                \
  __ECSI_FN __m512i _mm512_##name(__m512i a) {                                                \
    view x = (view)a;                                                                          \
    return (__m512i)(expr);                                                                    \
  }                                                                                            \
  __ECSI512_MASKED1(name, bits)

/* Integer arithmetic (wrapping, in unsigned views: no signed overflow). */
__ECSI512_BINARY(add_epi8, 8, __v64qu, x + y)
__ECSI512_BINARY(add_epi16, 16, __v32hu, x + y)
__ECSI512_BINARY(add_epi32, 32, __v16su, x + y)
__ECSI512_BINARY(add_epi64, 64, __v8du, x + y)
__ECSI512_BINARY(sub_epi8, 8, __v64qu, x - y)
__ECSI512_BINARY(sub_epi16, 16, __v32hu, x - y)
__ECSI512_BINARY(sub_epi32, 32, __v16su, x - y)
__ECSI512_BINARY(sub_epi64, 64, __v8du, x - y)
__ECSI512_BINARY(adds_epi8, 8, __v64qs, __builtin_elementwise_add_sat(x, y))
__ECSI512_BINARY(adds_epi16, 16, __v32hi, __builtin_elementwise_add_sat(x, y))
__ECSI512_BINARY(adds_epu8, 8, __v64qu, __builtin_elementwise_add_sat(x, y))
__ECSI512_BINARY(adds_epu16, 16, __v32hu, __builtin_elementwise_add_sat(x, y))
__ECSI512_BINARY(subs_epi8, 8, __v64qs, __builtin_elementwise_sub_sat(x, y))
__ECSI512_BINARY(subs_epi16, 16, __v32hi, __builtin_elementwise_sub_sat(x, y))
__ECSI512_BINARY(subs_epu8, 8, __v64qu, __builtin_elementwise_sub_sat(x, y))
__ECSI512_BINARY(subs_epu16, 16, __v32hu, __builtin_elementwise_sub_sat(x, y))
__ECSI512_BINARY(mullo_epi16, 16, __v32hu, x * y)
__ECSI512_BINARY(mullo_epi32, 32, __v16su, x * y)
__ECSI512_BINARY(mullo_epi64, 64, __v8du, x * y)
__ECSI_FN __m512i _mm512_mullox_epi64(__m512i a, __m512i b) { return _mm512_mullo_epi64(a, b); }
__ECSI_FN __m512i _mm512_mask_mullox_epi64(__m512i src, __mmask8 k, __m512i a, __m512i b) {
  return _mm512_mask_mullo_epi64(src, k, a, b);
}
/* The low 32 bits of each 64-bit element, multiplied to 64 bits. */
__ECSI512_BINARY(mul_epu32, 64, __v8du, (x & 0xffffffffULL) * (y & 0xffffffffULL))
__ECSI512_BINARY(mul_epi32, 64, __v8du,
                 (__v8du)((__v8di)(x << 32) >> 32) * (__v8du)((__v8di)(y << 32) >> 32))
__ECSI512_BINARY(mulhi_epi16, 16, __v32hi,
                 __builtin_convertvector((__builtin_convertvector(x, __ecsi_i32x32) *
                                          __builtin_convertvector(y, __ecsi_i32x32)) >> 16,
                                         __v32hi))
__ECSI512_BINARY(mulhi_epu16, 16, __v32hu,
                 __builtin_convertvector((__builtin_convertvector(x, __ecsi_u32x32) *
                                          __builtin_convertvector(y, __ecsi_u32x32)) >> 16,
                                         __v32hu))
/* ((a * b >> 14) + 1) >> 1, of the 32-bit product. */
__ECSI512_BINARY(mulhrs_epi16, 16, __v32hi,
                 __builtin_convertvector(
                     (((__builtin_convertvector(x, __ecsi_i32x32) *
                        __builtin_convertvector(y, __ecsi_i32x32)) >> 14) + 1) >> 1,
                     __v32hi))
__ECSI512_BINARY(min_epi8, 8, __v64qs, __builtin_elementwise_min(x, y))
__ECSI512_BINARY(min_epi16, 16, __v32hi, __builtin_elementwise_min(x, y))
__ECSI512_BINARY(min_epi32, 32, __v16si, __builtin_elementwise_min(x, y))
__ECSI512_BINARY(min_epi64, 64, __v8di, __builtin_elementwise_min(x, y))
__ECSI512_BINARY(min_epu8, 8, __v64qu, __builtin_elementwise_min(x, y))
__ECSI512_BINARY(min_epu16, 16, __v32hu, __builtin_elementwise_min(x, y))
__ECSI512_BINARY(min_epu32, 32, __v16su, __builtin_elementwise_min(x, y))
__ECSI512_BINARY(min_epu64, 64, __v8du, __builtin_elementwise_min(x, y))
__ECSI512_BINARY(max_epi8, 8, __v64qs, __builtin_elementwise_max(x, y))
__ECSI512_BINARY(max_epi16, 16, __v32hi, __builtin_elementwise_max(x, y))
__ECSI512_BINARY(max_epi32, 32, __v16si, __builtin_elementwise_max(x, y))
__ECSI512_BINARY(max_epi64, 64, __v8di, __builtin_elementwise_max(x, y))
__ECSI512_BINARY(max_epu8, 8, __v64qu, __builtin_elementwise_max(x, y))
__ECSI512_BINARY(max_epu16, 16, __v32hu, __builtin_elementwise_max(x, y))
__ECSI512_BINARY(max_epu32, 32, __v16su, __builtin_elementwise_max(x, y))
__ECSI512_BINARY(max_epu64, 64, __v8du, __builtin_elementwise_max(x, y))
__ECSI512_BINARY(avg_epu8, 8, __v64qu, (x >> 1) + (y >> 1) + ((x | y) & 1))
__ECSI512_BINARY(avg_epu16, 16, __v32hu, (x >> 1) + (y >> 1) + ((x | y) & 1))
/* |x| of the lowest value is itself, as the instructions give. */
__ECSI512_UNARY(abs_epi8, 8, __v64qs, __ECSI_SELECT((__v64qu)(x >> 7), -(__v64qu)x, (__v64qu)x))
__ECSI512_UNARY(abs_epi16, 16, __v32hi, __ECSI_SELECT((__v32hu)(x >> 15), -(__v32hu)x, (__v32hu)x))
__ECSI512_UNARY(abs_epi32, 32, __v16si, __ECSI_SELECT((__v16su)(x >> 31), -(__v16su)x, (__v16su)x))
__ECSI512_UNARY(abs_epi64, 64, __v8di, __ECSI_SELECT((__v8du)(x >> 63), -(__v8du)x, (__v8du)x))
__ECSI_FN __m512i _mm512_madd_epi16(__m512i a, __m512i b) {
  __v32hi x = (__v32hi)a, y = (__v32hi)b;
  __v16su r;
  for (int i = 0; i < 16; i++)
    r[i] = (unsigned int)(x[2 * i] * y[2 * i]) + (unsigned int)(x[2 * i + 1] * y[2 * i + 1]);
  return (__m512i)r;
}
__ECSI512_MASKED2(madd_epi16, 32, __m512i)
__ECSI_FN __m512i _mm512_maddubs_epi16(__m512i a, __m512i b) {
  __v64qu x = (__v64qu)a;
  __v64qs y = (__v64qs)b;
  __v32hi r;
  for (int i = 0; i < 32; i++) {
    int s = x[2 * i] * y[2 * i] + x[2 * i + 1] * y[2 * i + 1];
    r[i] = (short)(s > 32767 ? 32767 : s < -32768 ? -32768 : s);
  }
  return (__m512i)r;
}
__ECSI512_MASKED2(maddubs_epi16, 16, __m512i)
/* Sums of absolute differences of each 8 bytes, in 64-bit elements. */
__ECSI_FN __m512i _mm512_sad_epu8(__m512i a, __m512i b) {
  __v64qu x = (__v64qu)a, y = (__v64qu)b;
  __v64qu d = __builtin_elementwise_max(x, y) - __builtin_elementwise_min(x, y);
  __v8du r;
  for (int i = 0; i < 8; i++) {
    unsigned long long s = 0;
    for (int j = 0; j < 8; j++) s += d[8 * i + j];
    r[i] = s;
  }
  return (__m512i)r;
}

/* Bitwise logic. */
__ECSI_FN __m512i _mm512_and_si512(__m512i a, __m512i b) { return a & b; }
__ECSI_FN __m512i _mm512_or_si512(__m512i a, __m512i b) { return a | b; }
__ECSI_FN __m512i _mm512_xor_si512(__m512i a, __m512i b) { return a ^ b; }
__ECSI_FN __m512i _mm512_andnot_si512(__m512i a, __m512i b) { return ~a & b; }
__ECSI512_BINARY(and_epi32, 32, __m512i, x & y)
__ECSI512_BINARY(and_epi64, 64, __m512i, x & y)
__ECSI512_BINARY(or_epi32, 32, __m512i, x | y)
__ECSI512_BINARY(or_epi64, 64, __m512i, x | y)
__ECSI512_BINARY(xor_epi32, 32, __m512i, x ^ y)
__ECSI512_BINARY(xor_epi64, 64, __m512i, x ^ y)
__ECSI512_BINARY(andnot_epi32, 32, __m512i, ~x & y)
__ECSI512_BINARY(andnot_epi64, 64, __m512i, ~x & y)
/* Bit i of each result is bit (a_i b_i c_i, as a 3-bit number) of imm. */
__ECSI_FN __m512i __ecsi_ternarylogic(__m512i a, __m512i b, __m512i c, unsigned int imm) {
  __m512i r = _mm512_setzero_si512();
  for (int i = 0; i < 8; i++)
    if ((imm >> i) & 1) r |= (i & 4 ? a : ~a) & (i & 2 ? b : ~b) & (i & 1 ? c : ~c);
  return r;
}
#define _mm512_ternarylogic_epi32(a, b, c, imm) \
  __ecsi_ternarylogic((__m512i)(a), (__m512i)(b), (__m512i)(c), (unsigned int)(imm))
#define _mm512_ternarylogic_epi64(a, b, c, imm) _mm512_ternarylogic_epi32(a, b, c, imm)
#define _mm512_mask_ternarylogic_epi32(a, k, b, c, imm) \
  __ecsi_sel32((__mmask16)(k), _mm512_ternarylogic_epi32(a, b, c, imm), (__m512i)(a))
#define _mm512_maskz_ternarylogic_epi32(k, a, b, c, imm) \
  __ecsi_sel32((__mmask16)(k), _mm512_ternarylogic_epi32(a, b, c, imm), _mm512_setzero_si512())
#define _mm512_mask_ternarylogic_epi64(a, k, b, c, imm) \
  __ecsi_sel64((__mmask8)(k), _mm512_ternarylogic_epi32(a, b, c, imm), (__m512i)(a))
#define _mm512_maskz_ternarylogic_epi64(k, a, b, c, imm) \
  __ecsi_sel64((__mmask8)(k), _mm512_ternarylogic_epi32(a, b, c, imm), _mm512_setzero_si512())

/* Shifts: by an immediate or the low 64 bits of a vector (past the width: zero, or the
 * sign for arithmetic shifts), by each element's own count (the same), rotates (the count
 * modulo the width). */
#define __ECSI512_SHIFTS(bits, uview, sview)                                                   \
  __ECSI_FN __m512i _mm512_slli_epi##bits(__m512i a, unsigned int n) {                        \
    return n > bits - 1 ? _mm512_setzero_si512() : (__m512i)((uview)a << n);                  \
  }                                                                                            \
  __ECSI_FN __m512i _mm512_srli_epi##bits(__m512i a, unsigned int n) {                        \
    return n > bits - 1 ? _mm512_setzero_si512() : (__m512i)((uview)a >> n);                  \
  }                                                                                            \
  __ECSI_FN __m512i _mm512_srai_epi##bits(__m512i a, unsigned int n) {                        \
    return (__m512i)((sview)a >> (n > bits - 1 ? bits - 1 : n));                              \
  }                                                                                            \
  __ECSI_FN unsigned int __ecsi_count##bits(__m128i count) {                                  \
    unsigned long long c = ((__v2du)count)[0];                                                 \
    return c > bits ? bits : (unsigned int)c;                                                  \
  }                                                                                            \
  __ECSI_FN __m512i _mm512_sll_epi##bits(__m512i a, __m128i count) {                          \
    return _mm512_slli_epi##bits(a, __ecsi_count##bits(count));                               \
  }                                                                                            \
  __ECSI_FN __m512i _mm512_srl_epi##bits(__m512i a, __m128i count) {                          \
    return _mm512_srli_epi##bits(a, __ecsi_count##bits(count));                               \
  }                                                                                            \
  __ECSI_FN __m512i _mm512_sra_epi##bits(__m512i a, __m128i count) {                          \
    return _mm512_srai_epi##bits(a, __ecsi_count##bits(count));                               \
  }                                                                                            \
  __ECSI_FN __m512i _mm512_sllv_epi##bits(__m512i a, __m512i count) {                         \
    uview c = (uview)count, fits = (uview)(c < bits);                                          \
    return (__m512i)(((uview)a << (c & (bits - 1))) & fits);                                   \
  }                                                                                            \
  __ECSI_FN __m512i _mm512_srlv_epi##bits(__m512i a, __m512i count) {                         \
    uview c = (uview)count, fits = (uview)(c < bits);                                          \
    return (__m512i)(((uview)a >> (c & (bits - 1))) & fits);                                   \
  }                                                                                            \
  __ECSI_FN __m512i _mm512_srav_epi##bits(__m512i a, __m512i count) {                         \
    uview c = (uview)count;                                                                    \
    return (__m512i)((sview)a >> (sview)__builtin_elementwise_min(c, (uview){0} + (bits - 1))); \
  }                                                                                            \
  __ECSI512_MASKED2(slli_epi##bits, bits, unsigned int)                                        \
  __ECSI512_MASKED2(srli_epi##bits, bits, unsigned int)                                        \
  __ECSI512_MASKED2(srai_epi##bits, bits, unsigned int)                                        \
  __ECSI512_MASKED2(sll_epi##bits, bits, __m128i)                                              \
  __ECSI512_MASKED2(srl_epi##bits, bits, __m128i)                                              \
  __ECSI512_MASKED2(sra_epi##bits, bits, __m128i)                                              \
  __ECSI512_MASKED2(sllv_epi##bits, bits, __m512i)                                             \
  __ECSI512_MASKED2(srlv_epi##bits, bits, __m512i)                                             \
  __ECSI512_MASKED2(srav_epi##bits, bits, __m512i)
__ECSI512_SHIFTS(16, __v32hu, __v32hi)
__ECSI512_SHIFTS(32, __v16su, __v16si)
__ECSI512_SHIFTS(64, __v8du, __v8di)
#define __ECSI512_ROTATES(bits, uview)                                                         \
  __ECSI_FN __m512i _mm512_rolv_epi##bits(__m512i a, __m512i count) {                         \
    uview x = (uview)a, c = (uview)count & (bits - 1);                                         \
    return (__m512i)((x << c) | (x >> ((bits - c) & (bits - 1))));                             \
  }                                                                                            \
  __ECSI_FN __m512i _mm512_rorv_epi##bits(__m512i a, __m512i count) {                         \
    uview x = (uview)a, c = (uview)count & (bits - 1);                                         \
    return (__m512i)((x >> c) | (x << ((bits - c) & (bits - 1))));                             \
  }                                                                                            \
  __ECSI_FN __m512i _mm512_rol_epi##bits(__m512i a, int n) {                                  \
    return _mm512_rolv_epi##bits(a, (__m512i)((uview){0} + (unsigned)n));                      \
  }                                                                                            \
  __ECSI_FN __m512i _mm512_ror_epi##bits(__m512i a, int n) {                                  \
    return _mm512_rorv_epi##bits(a, (__m512i)((uview){0} + (unsigned)n));                      \
  }                                                                                            \
  __ECSI512_MASKED2(rolv_epi##bits, bits, __m512i)                                             \
  __ECSI512_MASKED2(rorv_epi##bits, bits, __m512i)                                             \
  __ECSI512_MASKED2(rol_epi##bits, bits, int)                                                  \
  __ECSI512_MASKED2(ror_epi##bits, bits, int)
__ECSI512_ROTATES(32, __v16su)
__ECSI512_ROTATES(64, __v8du)

/* Shuffles and permutes (indices computed per element: constant immediates fold). */
__ECSI_FN __m512i _mm512_shuffle_epi32(__m512i a, int imm) {
  __v16si x = (__v16si)a, r;
  for (int i = 0; i < 16; i++) r[i] = x[(i & ~3) | ((imm >> (2 * (i & 3))) & 3)];
  return (__m512i)r;
}
__ECSI512_MASKED2(shuffle_epi32, 32, int)
__ECSI_FN __m512i _mm512_shufflelo_epi16(__m512i a, int imm) {
  __v32hi x = (__v32hi)a, r = x;
  for (int i = 0; i < 32; i++)
    if ((i & 7) < 4) r[i] = x[(i & ~7) | ((imm >> (2 * (i & 3))) & 3)];
  return (__m512i)r;
}
__ECSI_FN __m512i _mm512_shufflehi_epi16(__m512i a, int imm) {
  __v32hi x = (__v32hi)a, r = x;
  for (int i = 0; i < 32; i++)
    if ((i & 7) >= 4) r[i] = x[(i & ~7) | 4 | ((imm >> (2 * (i & 3))) & 3)];
  return (__m512i)r;
}
__ECSI512_MASKED2(shufflelo_epi16, 16, int)
__ECSI512_MASKED2(shufflehi_epi16, 16, int)
/* Bytes of a picked within each 128-bit lane by b's low 4 bits; zero where b's bit 7 is set. */
__ECSI_FN __m512i _mm512_shuffle_epi8(__m512i a, __m512i b) {
  __v64qu x = (__v64qu)a, y = (__v64qu)b, r;
  for (int i = 0; i < 64; i++) r[i] = y[i] & 0x80 ? 0 : x[(i & ~15) | (y[i] & 15)];
  return (__m512i)r;
}
__ECSI512_MASKED2(shuffle_epi8, 8, __m512i)
#define __ECSI512_UNPACK(bits, lanes, view)                                                    \
  __ECSI_FN __m512i _mm512_unpacklo_epi##bits(__m512i a, __m512i b) {                         \
    view x = (view)a, y = (view)b, r;                                                          \
    for (int i = 0; i < lanes; i++) {                                                          \
      int lane = i / (lanes / 4) * (lanes / 4), j = (i % (lanes / 4)) / 2;                     \
      r[i] = i & 1 ? y[lane + j] : x[lane + j];                                                \
    }                                                                                          \
    return (__m512i)r;                                                                         \
  }                                                                                            \
  __ECSI_FN __m512i _mm512_unpackhi_epi##bits(__m512i a, __m512i b) {                         \
    view x = (view)a, y = (view)b, r;                                                          \
    for (int i = 0; i < lanes; i++) {                                                          \
      int lane = i / (lanes / 4) * (lanes / 4), j = (i % (lanes / 4)) / 2 + lanes / 8;         \
      r[i] = i & 1 ? y[lane + j] : x[lane + j];                                                \
    }                                                                                          \
    return (__m512i)r;                                                                         \
  }                                                                                            \
  __ECSI512_MASKED2(unpacklo_epi##bits, bits, __m512i)                                         \
  __ECSI512_MASKED2(unpackhi_epi##bits, bits, __m512i)
__ECSI512_UNPACK(8, 64, __v64qi)
__ECSI512_UNPACK(16, 32, __v32hi)
__ECSI512_UNPACK(32, 16, __v16si)
__ECSI512_UNPACK(64, 8, __v8di)
/* Within each 128-bit lane: (a:b) shifted right by imm bytes (past 31: zero). */
__ECSI_FN __m512i _mm512_alignr_epi8(__m512i a, __m512i b, int imm) {
  __v64qu x = (__v64qu)a, y = (__v64qu)b, r;
  unsigned int n = (unsigned int)imm & 0xff;
  for (int i = 0; i < 64; i++) {
    unsigned int at = (i & 15) + n, lane = i & ~15;
    r[i] = at < 16 ? y[lane + at] : at < 32 ? x[lane + at - 16] : 0;
  }
  return (__m512i)r;
}
#define _mm512_mask_alignr_epi8(src, k, a, b, imm) \
  __ecsi_sel8((__mmask64)(k), _mm512_alignr_epi8(a, b, imm), (__m512i)(src))
#define _mm512_maskz_alignr_epi8(k, a, b, imm) \
  __ecsi_sel8((__mmask64)(k), _mm512_alignr_epi8(a, b, imm), _mm512_setzero_si512())
/* (a:b) as 32 dwords (16 qwords), shifted right by imm elements. */
__ECSI_FN __m512i _mm512_alignr_epi32(__m512i a, __m512i b, int imm) {
  __v16si x = (__v16si)a, y = (__v16si)b, r;
  for (int i = 0; i < 16; i++) {
    int at = i + (imm & 15);
    r[i] = at < 16 ? y[at] : x[at - 16];
  }
  return (__m512i)r;
}
__ECSI_FN __m512i _mm512_alignr_epi64(__m512i a, __m512i b, int imm) {
  __v8di x = (__v8di)a, y = (__v8di)b, r;
  for (int i = 0; i < 8; i++) {
    int at = i + (imm & 7);
    r[i] = at < 8 ? y[at] : x[at - 8];
  }
  return (__m512i)r;
}
#define _mm512_mask_alignr_epi32(src, k, a, b, imm) \
  __ecsi_sel32((__mmask16)(k), _mm512_alignr_epi32(a, b, imm), (__m512i)(src))
#define _mm512_maskz_alignr_epi32(k, a, b, imm) \
  __ecsi_sel32((__mmask16)(k), _mm512_alignr_epi32(a, b, imm), _mm512_setzero_si512())
#define _mm512_mask_alignr_epi64(src, k, a, b, imm) \
  __ecsi_sel64((__mmask8)(k), _mm512_alignr_epi64(a, b, imm), (__m512i)(src))
#define _mm512_maskz_alignr_epi64(k, a, b, imm) \
  __ecsi_sel64((__mmask8)(k), _mm512_alignr_epi64(a, b, imm), _mm512_setzero_si512())
/* Whole 128-bit lanes: two of a (imm bits 0-3), two of b (bits 4-7). */
__ECSI_FN __m512i _mm512_shuffle_i64x2(__m512i a, __m512i b, int imm) {
  __v8di x = (__v8di)a, y = (__v8di)b, r;
  for (int i = 0; i < 8; i++) {
    int lane = (imm >> (2 * (i / 2))) & 3;
    r[i] = i < 4 ? x[2 * lane + (i & 1)] : y[2 * lane + (i & 1)];
  }
  return (__m512i)r;
}
__ECSI_FN __m512i _mm512_shuffle_i32x4(__m512i a, __m512i b, int imm) {
  return _mm512_shuffle_i64x2(a, b, imm);
}
__ECSI_FN __m512 _mm512_shuffle_f32x4(__m512 a, __m512 b, int imm) {
  return (__m512)_mm512_shuffle_i64x2((__m512i)a, (__m512i)b, imm);
}
__ECSI_FN __m512d _mm512_shuffle_f64x2(__m512d a, __m512d b, int imm) {
  return (__m512d)_mm512_shuffle_i64x2((__m512i)a, (__m512i)b, imm);
}
#define _mm512_mask_shuffle_i32x4(src, k, a, b, imm) \
  __ecsi_sel32((__mmask16)(k), _mm512_shuffle_i32x4(a, b, imm), (__m512i)(src))
#define _mm512_maskz_shuffle_i32x4(k, a, b, imm) \
  __ecsi_sel32((__mmask16)(k), _mm512_shuffle_i32x4(a, b, imm), _mm512_setzero_si512())
#define _mm512_mask_shuffle_i64x2(src, k, a, b, imm) \
  __ecsi_sel64((__mmask8)(k), _mm512_shuffle_i64x2(a, b, imm), (__m512i)(src))
#define _mm512_maskz_shuffle_i64x2(k, a, b, imm) \
  __ecsi_sel64((__mmask8)(k), _mm512_shuffle_i64x2(a, b, imm), _mm512_setzero_si512())
/* Qwords within each 256-bit half, by the four 2-bit fields of imm. */
__ECSI_FN __m512i _mm512_permutex_epi64(__m512i a, int imm) {
  __v8di x = (__v8di)a, r;
  for (int i = 0; i < 8; i++) r[i] = x[(i & 4) | ((imm >> (2 * (i & 3))) & 3)];
  return (__m512i)r;
}
__ECSI512_MASKED2(permutex_epi64, 64, int)
/* Elements of a at the indices in idx (the low bits that address a whole vector). */
#define __ECSI512_PERMUTEXVAR(bits, lanes, view)                                               \
  __ECSI_FN __m512i _mm512_permutexvar_epi##bits(__m512i idx, __m512i a) {                    \
    view x = (view)a, ix = (view)idx, r;                                                       \
    for (int i = 0; i < lanes; i++) r[i] = x[ix[i] & (lanes - 1)];                             \
    return (__m512i)r;                                                                         \
  }                                                                                            \
  __ECSI_FN __m512i _mm512_mask_permutexvar_epi##bits(__m512i src, __ECSI_K##bits k,          \
                                                       __m512i idx, __m512i a) {              \
    return __ecsi_sel##bits(k, _mm512_permutexvar_epi##bits(idx, a), src);                    \
  }                                                                                            \
  __ECSI_FN __m512i _mm512_maskz_permutexvar_epi##bits(__ECSI_K##bits k, __m512i idx,         \
                                                        __m512i a) {                          \
    return __ecsi_sel##bits(k, _mm512_permutexvar_epi##bits(idx, a), _mm512_setzero_si512()); \
  }                                                                                            \
  /* Of (a, b) by the index bit above those: a where clear. */                                \
  __ECSI_FN __m512i _mm512_permutex2var_epi##bits(__m512i a, __m512i idx, __m512i b) {        \
    view x = (view)a, y = (view)b, ix = (view)idx, r;                                          \
    for (int i = 0; i < lanes; i++)                                                            \
      r[i] = ix[i] & lanes ? y[ix[i] & (lanes - 1)] : x[ix[i] & (lanes - 1)];                  \
    return (__m512i)r;                                                                         \
  }                                                                                            \
  __ECSI_FN __m512i _mm512_mask_permutex2var_epi##bits(__m512i a, __ECSI_K##bits k,           \
                                                        __m512i idx, __m512i b) {             \
    return __ecsi_sel##bits(k, _mm512_permutex2var_epi##bits(a, idx, b), a);                  \
  }                                                                                            \
  __ECSI_FN __m512i _mm512_mask2_permutex2var_epi##bits(__m512i a, __m512i idx,               \
                                                         __ECSI_K##bits k, __m512i b) {       \
    return __ecsi_sel##bits(k, _mm512_permutex2var_epi##bits(a, idx, b), idx);                \
  }                                                                                            \
  __ECSI_FN __m512i _mm512_maskz_permutex2var_epi##bits(__ECSI_K##bits k, __m512i a,          \
                                                         __m512i idx, __m512i b) {            \
    return __ecsi_sel##bits(k, _mm512_permutex2var_epi##bits(a, idx, b),                      \
                            _mm512_setzero_si512());                                           \
  }
__ECSI512_PERMUTEXVAR(8, 64, __v64qu)
__ECSI512_PERMUTEXVAR(16, 32, __v32hu)
__ECSI512_PERMUTEXVAR(32, 16, __v16su)
__ECSI512_PERMUTEXVAR(64, 8, __v8du)
__ECSI_FN __m512 _mm512_permutexvar_ps(__m512i idx, __m512 a) {
  return (__m512)_mm512_permutexvar_epi32(idx, (__m512i)a);
}
__ECSI_FN __m512d _mm512_permutexvar_pd(__m512i idx, __m512d a) {
  return (__m512d)_mm512_permutexvar_epi64(idx, (__m512i)a);
}
/* Each result byte: the 8 bits of b's qword starting at bit (a's byte & 63), wrapping. */
__ECSI_FN __m512i _mm512_multishift_epi64_epi8(__m512i a, __m512i b) {
  __v64qu c = (__v64qu)a, r;
  __v8du q = (__v8du)b;
  for (int i = 0; i < 64; i++) {
    unsigned long long v = q[i / 8];
    unsigned int n = c[i] & 63;
    r[i] = (unsigned char)((v >> n) | (n ? v << (64 - n) : 0));
  }
  return (__m512i)r;
}
__ECSI512_MASKED2(multishift_epi64_epi8, 8, __m512i)
/* Byte shifts within each 128-bit lane (past 15: zero). */
__ECSI_FN __m512i _mm512_bslli_epi128(__m512i a, int imm) {
  __v64qu x = (__v64qu)a, r;
  unsigned int n = (unsigned int)imm & 0xff;
  for (int i = 0; i < 64; i++) r[i] = (unsigned int)(i & 15) >= n ? x[i - n] : 0;
  return (__m512i)r;
}
__ECSI_FN __m512i _mm512_bsrli_epi128(__m512i a, int imm) {
  __v64qu x = (__v64qu)a, r;
  unsigned int n = (unsigned int)imm & 0xff;
  for (int i = 0; i < 64; i++) r[i] = (i & 15) + n < 16 ? x[i + n] : 0;
  return (__m512i)r;
}
/* Narrowing with saturation, within each 128-bit lane: a's elements, then b's. */
#define __ECSI512_PACK(name, wide, wlanes, narrow, ntype, lo, hi)                              \
  __ECSI_FN __m512i _mm512_##name(__m512i a, __m512i b) {                                     \
    wide x = (wide)a, y = (wide)b;                                                             \
    narrow r;                                                                                  \
    for (int i = 0; i < 2 * wlanes; i++) {                                                     \
      int per = wlanes / 4, lane = i / (2 * per), j = i % (2 * per);                           \
      long long v = j < per ? x[lane * per + j] : y[lane * per + j - per];                     \
      r[i] = (ntype)(v < lo ? lo : v > hi ? hi : v);                                           \
    }                                                                                          \
    return (__m512i)r;                                                                         \
  }
__ECSI512_PACK(packs_epi32, __v16si, 16, __v32hi, short, -32768, 32767)
__ECSI512_PACK(packus_epi32, __v16si, 16, __v32hu, unsigned short, 0, 65535)
__ECSI512_PACK(packs_epi16, __v32hi, 32, __v64qs, signed char, -128, 127)
__ECSI512_PACK(packus_epi16, __v32hi, 32, __v64qu, unsigned char, 0, 255)
__ECSI512_MASKED2(packs_epi32, 16, __m512i)
__ECSI512_MASKED2(packus_epi32, 16, __m512i)
__ECSI512_MASKED2(packs_epi16, 8, __m512i)
__ECSI512_MASKED2(packus_epi16, 8, __m512i)
/* 128-bit lanes out of and into a 512-bit vector. */
__ECSI_FN __m128i _mm512_extracti32x4_epi32(__m512i a, int imm) {
  __v8di x = (__v8di)a;
  return (__m128i)(__v2di){x[2 * (imm & 3)], x[2 * (imm & 3) + 1]};
}
__ECSI_FN __m128i _mm512_extracti64x2_epi64(__m512i a, int imm) { return _mm512_extracti32x4_epi32(a, imm); }
__ECSI_FN __m128 _mm512_extractf32x4_ps(__m512 a, int imm) {
  return (__m128)_mm512_extracti32x4_epi32((__m512i)a, imm);
}
__ECSI_FN __m128d _mm512_extractf64x2_pd(__m512d a, int imm) {
  return (__m128d)_mm512_extracti32x4_epi32((__m512i)a, imm);
}
__ECSI_FN __m512i _mm512_inserti32x4(__m512i a, __m128i b, int imm) {
  __v8di r = (__v8di)a;
  r[2 * (imm & 3)] = ((__v2di)b)[0];
  r[2 * (imm & 3) + 1] = ((__v2di)b)[1];
  return (__m512i)r;
}
__ECSI_FN __m512i _mm512_inserti64x2(__m512i a, __m128i b, int imm) { return _mm512_inserti32x4(a, b, imm); }
__ECSI_FN __m512 _mm512_insertf32x4(__m512 a, __m128 b, int imm) {
  return (__m512)_mm512_inserti32x4((__m512i)a, (__m128i)b, imm);
}
__ECSI_FN __m512d _mm512_insertf64x2(__m512d a, __m128d b, int imm) {
  return (__m512d)_mm512_inserti32x4((__m512i)a, (__m128i)b, imm);
}

/* Comparisons into masks: cmp<op>_ep<i|u><bits>_mask, their mask_ forms (ANDed with
 * k), the predicate forms (_MM_CMPINT_*), test/testn and movepi/movm. */
#define __ECSI512_CMP_OP(sfx, bits, view, op, name)                                             \
  __ECSI_FN __ECSI_K##bits _mm512_cmp##name##_##sfx##_mask(__m512i a, __m512i b) {             \
    return __ecsi_mask##bits((__m512i)((view)a op (view)b));                                     \
  }                                                                                              \
  __ECSI_FN __ECSI_K##bits _mm512_mask_cmp##name##_##sfx##_mask(__ECSI_K##bits k, __m512i a,   \
                                                                __m512i b) {                     \
    return k & _mm512_cmp##name##_##sfx##_mask(a, b);                                            \
  }
#define __ECSI512_CMP(sfx, bits, view)                                                          \
  __ECSI512_CMP_OP(sfx, bits, view, ==, eq)                                                     \
  __ECSI512_CMP_OP(sfx, bits, view, !=, neq)                                                    \
  __ECSI512_CMP_OP(sfx, bits, view, <, lt)                                                      \
  __ECSI512_CMP_OP(sfx, bits, view, <=, le)                                                     \
  __ECSI512_CMP_OP(sfx, bits, view, >, gt)                                                      \
  __ECSI512_CMP_OP(sfx, bits, view, >=, ge)                                                     \
  __ECSI_FN __ECSI_K##bits _mm512_cmp_##sfx##_mask(__m512i a, __m512i b, int imm) {            \
    switch (imm & 7) {                                                                           \
      case 0: return _mm512_cmpeq_##sfx##_mask(a, b);                                           \
      case 1: return _mm512_cmplt_##sfx##_mask(a, b);                                           \
      case 2: return _mm512_cmple_##sfx##_mask(a, b);                                           \
      case 3: return 0;                                                                          \
      case 4: return _mm512_cmpneq_##sfx##_mask(a, b);                                          \
      case 5: return _mm512_cmpge_##sfx##_mask(a, b);                                           \
      case 6: return _mm512_cmpgt_##sfx##_mask(a, b);                                           \
      default: return (__ECSI_K##bits)~(__ECSI_K##bits)0;                                       \
    }                                                                                            \
  }                                                                                              \
  __ECSI_FN __ECSI_K##bits _mm512_mask_cmp_##sfx##_mask(__ECSI_K##bits k, __m512i a, __m512i b, \
                                                        int imm) {                               \
    return k & _mm512_cmp_##sfx##_mask(a, b, imm);                                               \
  }
__ECSI512_CMP(epi8, 8, __v64qs)
__ECSI512_CMP(epi16, 16, __v32hi)
__ECSI512_CMP(epi32, 32, __v16si)
__ECSI512_CMP(epi64, 64, __v8di)
__ECSI512_CMP(epu8, 8, __v64qu)
__ECSI512_CMP(epu16, 16, __v32hu)
__ECSI512_CMP(epu32, 32, __v16su)
__ECSI512_CMP(epu64, 64, __v8du)
#define __ECSI512_TEST(bits, view)                                                              \
  __ECSI_FN __ECSI_K##bits _mm512_test_epi##bits##_mask(__m512i a, __m512i b) {                \
    return _mm512_cmpneq_epi##bits##_mask(a & b, _mm512_setzero_si512());                      \
  }                                                                                              \
  __ECSI_FN __ECSI_K##bits _mm512_mask_test_epi##bits##_mask(__ECSI_K##bits k, __m512i a,      \
                                                             __m512i b) {                        \
    return k & _mm512_test_epi##bits##_mask(a, b);                                               \
  }                                                                                              \
  __ECSI_FN __ECSI_K##bits _mm512_testn_epi##bits##_mask(__m512i a, __m512i b) {               \
    return _mm512_cmpeq_epi##bits##_mask(a & b, _mm512_setzero_si512());                       \
  }                                                                                              \
  __ECSI_FN __ECSI_K##bits _mm512_mask_testn_epi##bits##_mask(__ECSI_K##bits k, __m512i a,     \
                                                              __m512i b) {                       \
    return k & _mm512_testn_epi##bits##_mask(a, b);                                              \
  }                                                                                              \
  __ECSI_FN __ECSI_K##bits _mm512_movepi##bits##_mask(__m512i a) {                             \
    return _mm512_cmplt_epi##bits##_mask(a, _mm512_setzero_si512());                            \
  }                                                                                              \
  __ECSI_FN __m512i _mm512_movm_epi##bits(__ECSI_K##bits k) {                                  \
    return __ecsi_sel##bits(k, _mm512_set1_epi8(-1), _mm512_setzero_si512());                  \
  }                                                                                              \
  /* Blends and moves under a mask. */                                                          \
  __ECSI_FN __m512i _mm512_mask_blend_epi##bits(__ECSI_K##bits k, __m512i a, __m512i b) {      \
    return __ecsi_sel##bits(k, b, a);                                                            \
  }                                                                                              \
  __ECSI_FN __m512i _mm512_mask_mov_epi##bits(__m512i src, __ECSI_K##bits k, __m512i a) {      \
    return __ecsi_sel##bits(k, a, src);                                                          \
  }                                                                                              \
  __ECSI_FN __m512i _mm512_maskz_mov_epi##bits(__ECSI_K##bits k, __m512i a) {                  \
    return __ecsi_sel##bits(k, a, _mm512_setzero_si512());                                      \
  }
__ECSI512_TEST(8, __v64qs)
__ECSI512_TEST(16, __v32hi)
__ECSI512_TEST(32, __v16si)
__ECSI512_TEST(64, __v8di)
__ECSI_FN __m512i _mm512_mask_set1_epi8(__m512i src, __mmask64 k, char a) {
  return __ecsi_sel8(k, _mm512_set1_epi8(a), src);
}
__ECSI_FN __m512i _mm512_maskz_set1_epi8(__mmask64 k, char a) {
  return __ecsi_sel8(k, _mm512_set1_epi8(a), _mm512_setzero_si512());
}
__ECSI_FN __m512i _mm512_mask_set1_epi16(__m512i src, __mmask32 k, short a) {
  return __ecsi_sel16(k, _mm512_set1_epi16(a), src);
}
__ECSI_FN __m512i _mm512_maskz_set1_epi16(__mmask32 k, short a) {
  return __ecsi_sel16(k, _mm512_set1_epi16(a), _mm512_setzero_si512());
}
__ECSI_FN __m512i _mm512_mask_set1_epi32(__m512i src, __mmask16 k, int a) {
  return __ecsi_sel32(k, _mm512_set1_epi32(a), src);
}
__ECSI_FN __m512i _mm512_maskz_set1_epi32(__mmask16 k, int a) {
  return __ecsi_sel32(k, _mm512_set1_epi32(a), _mm512_setzero_si512());
}
__ECSI_FN __m512i _mm512_mask_set1_epi64(__m512i src, __mmask8 k, long long a) {
  return __ecsi_sel64(k, _mm512_set1_epi64(a), src);
}
__ECSI_FN __m512i _mm512_maskz_set1_epi64(__mmask8 k, long long a) {
  return __ecsi_sel64(k, _mm512_set1_epi64(a), _mm512_setzero_si512());
}
__ECSI_FN __m512i _mm512_mask_broadcastd_epi32(__m512i src, __mmask16 k, __m128i a) {
  return __ecsi_sel32(k, _mm512_broadcastd_epi32(a), src);
}
__ECSI_FN __m512i _mm512_maskz_broadcastd_epi32(__mmask16 k, __m128i a) {
  return __ecsi_sel32(k, _mm512_broadcastd_epi32(a), _mm512_setzero_si512());
}
__ECSI_FN __m512i _mm512_mask_broadcastq_epi64(__m512i src, __mmask8 k, __m128i a) {
  return __ecsi_sel64(k, _mm512_broadcastq_epi64(a), src);
}
__ECSI_FN __m512i _mm512_maskz_broadcastq_epi64(__mmask8 k, __m128i a) {
  return __ecsi_sel64(k, _mm512_broadcastq_epi64(a), _mm512_setzero_si512());
}

/* The mask registers' operations. */
#define __ECSI512_KOPS(n, T, U)                                                                 \
  __ECSI_FN T _kand_mask##n(T a, T b) { return (T)(a & b); }                                    \
  __ECSI_FN T _kandn_mask##n(T a, T b) { return (T)(~a & b); }                                  \
  __ECSI_FN T _kor_mask##n(T a, T b) { return (T)(a | b); }                                     \
  __ECSI_FN T _kxor_mask##n(T a, T b) { return (T)(a ^ b); }                                    \
  __ECSI_FN T _kxnor_mask##n(T a, T b) { return (T) ~(a ^ b); }                                 \
  __ECSI_FN T _knot_mask##n(T a) { return (T)~a; }                                              \
  __ECSI_FN T _kadd_mask##n(T a, T b) { return (T)(a + b); }                                    \
  __ECSI_FN T _kshiftli_mask##n(T a, unsigned int c) { return c > n - 1 ? 0 : (T)(a << c); }    \
  __ECSI_FN T _kshiftri_mask##n(T a, unsigned int c) { return c > n - 1 ? 0 : (T)(a >> c); }    \
  __ECSI_FN unsigned char _kortestz_mask##n##_u8(T a, T b) { return (T)(a | b) == 0; }          \
  __ECSI_FN unsigned char _kortestc_mask##n##_u8(T a, T b) { return (T)(a | b) == (T)~(T)0; }   \
  __ECSI_FN unsigned char _kortest_mask##n##_u8(T a, T b, unsigned char *all_ones) {            \
    *all_ones = _kortestc_mask##n##_u8(a, b);                                                   \
    return _kortestz_mask##n##_u8(a, b);                                                        \
  }                                                                                             \
  __ECSI_FN unsigned char _ktestz_mask##n##_u8(T a, T b) { return (T)(a & b) == 0; }            \
  __ECSI_FN unsigned char _ktestc_mask##n##_u8(T a, T b) { return (T)(~a & b) == 0; }           \
  __ECSI_FN unsigned char _ktest_mask##n##_u8(T a, T b, unsigned char *and_not) {               \
    *and_not = _ktestc_mask##n##_u8(a, b);                                                      \
    return _ktestz_mask##n##_u8(a, b);                                                          \
  }                                                                                             \
  __ECSI_FN T _load_mask##n(T *p) { return *p; }                                                \
  __ECSI_FN void _store_mask##n(T *p, T a) { *p = a; }
__ECSI512_KOPS(8, __mmask8, unsigned int)
__ECSI512_KOPS(16, __mmask16, unsigned int)
__ECSI512_KOPS(32, __mmask32, unsigned int)
__ECSI512_KOPS(64, __mmask64, unsigned long long)
__ECSI_FN unsigned int _cvtmask8_u32(__mmask8 a) { return a; }
__ECSI_FN unsigned int _cvtmask16_u32(__mmask16 a) { return a; }
__ECSI_FN unsigned int _cvtmask32_u32(__mmask32 a) { return a; }
__ECSI_FN unsigned long long _cvtmask64_u64(__mmask64 a) { return a; }
__ECSI_FN __mmask8 _cvtu32_mask8(unsigned int a) { return (__mmask8)a; }
__ECSI_FN __mmask16 _cvtu32_mask16(unsigned int a) { return (__mmask16)a; }
__ECSI_FN __mmask32 _cvtu32_mask32(unsigned int a) { return a; }
__ECSI_FN __mmask64 _cvtu64_mask64(unsigned long long a) { return a; }
__ECSI_FN __mmask16 _mm512_kand(__mmask16 a, __mmask16 b) { return a & b; }
__ECSI_FN __mmask16 _mm512_kandn(__mmask16 a, __mmask16 b) { return (__mmask16)(~a & b); }
__ECSI_FN __mmask16 _mm512_kor(__mmask16 a, __mmask16 b) { return a | b; }
__ECSI_FN __mmask16 _mm512_kxor(__mmask16 a, __mmask16 b) { return a ^ b; }
__ECSI_FN __mmask16 _mm512_kxnor(__mmask16 a, __mmask16 b) { return (__mmask16)~(a ^ b); }
__ECSI_FN __mmask16 _mm512_knot(__mmask16 a) { return (__mmask16)~a; }
__ECSI_FN __mmask16 _mm512_kmov(__mmask16 a) { return a; }
__ECSI_FN int _mm512_kortestz(__mmask16 a, __mmask16 b) { return (__mmask16)(a | b) == 0; }
__ECSI_FN int _mm512_kortestc(__mmask16 a, __mmask16 b) { return (__mmask16)(a | b) == 0xffff; }
__ECSI_FN int _mm512_mask2int(__mmask16 a) { return a; }
__ECSI_FN __mmask16 _mm512_int2mask(int a) { return (__mmask16)a; }
/* The low halves of a (high) and b (low) joined. */
__ECSI_FN __mmask16 _mm512_kunpackb(__mmask16 a, __mmask16 b) {
  return (__mmask16)(((a & 0xff) << 8) | (b & 0xff));
}
__ECSI_FN __mmask32 _mm512_kunpackw(__mmask32 a, __mmask32 b) {
  return ((a & 0xffffU) << 16) | (b & 0xffffU);
}
__ECSI_FN __mmask64 _mm512_kunpackd(__mmask64 a, __mmask64 b) {
  return ((a & 0xffffffffULL) << 32) | (b & 0xffffffffULL);
}

/* Reductions (integer sums and products wrap). */
#define __ECSI512_REDUCE(sfx, T, view)                                                          \
  __ECSI_FN T _mm512_reduce_add_##sfx(__m512i a) { return (T)__builtin_reduce_add((view)a); }  \
  __ECSI_FN T _mm512_reduce_mul_##sfx(__m512i a) { return (T)__builtin_reduce_mul((view)a); }  \
  __ECSI_FN T _mm512_reduce_and_##sfx(__m512i a) { return (T)__builtin_reduce_and((view)a); }  \
  __ECSI_FN T _mm512_reduce_or_##sfx(__m512i a) { return (T)__builtin_reduce_or((view)a); }
__ECSI512_REDUCE(epi32, int, __v16su)
__ECSI512_REDUCE(epi64, long long, __v8du)
__ECSI_FN int _mm512_reduce_max_epi32(__m512i a) { return __builtin_reduce_max((__v16si)a); }
__ECSI_FN int _mm512_reduce_min_epi32(__m512i a) { return __builtin_reduce_min((__v16si)a); }
__ECSI_FN unsigned int _mm512_reduce_max_epu32(__m512i a) { return __builtin_reduce_max((__v16su)a); }
__ECSI_FN unsigned int _mm512_reduce_min_epu32(__m512i a) { return __builtin_reduce_min((__v16su)a); }
__ECSI_FN long long _mm512_reduce_max_epi64(__m512i a) { return __builtin_reduce_max((__v8di)a); }
__ECSI_FN long long _mm512_reduce_min_epi64(__m512i a) { return __builtin_reduce_min((__v8di)a); }
__ECSI_FN unsigned long long _mm512_reduce_max_epu64(__m512i a) { return __builtin_reduce_max((__v8du)a); }
__ECSI_FN unsigned long long _mm512_reduce_min_epu64(__m512i a) { return __builtin_reduce_min((__v8du)a); }
__ECSI_FN int _mm512_cvtsi512_si32(__m512i a) { return ((__v16si)a)[0]; }

/* Widening from the low part of a __m128i, narrowing to one (truncating, or saturating:
 * cvtsepi signed, cvtusepi unsigned; unused result elements zero). */
#define __ECSI512_WIDEN(name, from, lanes, to)                                                  \
  __ECSI_FN __m512i _mm512_##name(__m128i a) {                                                 \
    from x = (from)a;                                                                           \
    to r;                                                                                       \
    for (int i = 0; i < lanes; i++) r[i] = x[i];                                                \
    return (__m512i)r;                                                                          \
  }
__ECSI512_WIDEN(cvtepi8_epi32, __v16qs, 16, __v16si)
__ECSI512_WIDEN(cvtepu8_epi32, __v16qu, 16, __v16si)
__ECSI512_WIDEN(cvtepi8_epi64, __v16qs, 8, __v8di)
__ECSI512_WIDEN(cvtepu8_epi64, __v16qu, 8, __v8di)
__ECSI512_WIDEN(cvtepi16_epi64, __v8hi, 8, __v8di)
__ECSI512_WIDEN(cvtepu16_epi64, __v8hu, 8, __v8di)
#define __ECSI512_NARROW(name, from, lanes, to, elem, lo, hi)                                   \
  __ECSI_FN __m128i _mm512_##name(__m512i a) {                                                 \
    from x = (from)a;                                                                           \
    to r = {0};                                                                                 \
    for (int i = 0; i < lanes; i++) r[i] = (elem)(x[i] < lo ? lo : x[i] > hi ? hi : x[i]);     \
    return (__m128i)r;                                                                          \
  }
__ECSI512_NARROW(cvtepi32_epi8, __v16su, 16, __v16qu, unsigned char, 0U, 0xffffffffU)
__ECSI512_NARROW(cvtsepi32_epi8, __v16si, 16, __v16qs, signed char, -128, 127)
__ECSI512_NARROW(cvtusepi32_epi8, __v16su, 16, __v16qu, unsigned char, 0U, 255U)
__ECSI512_NARROW(cvtepi64_epi8, __v8du, 8, __v16qu, unsigned char, 0ULL, ~0ULL)
__ECSI512_NARROW(cvtsepi64_epi8, __v8di, 8, __v16qs, signed char, -128, 127)
__ECSI512_NARROW(cvtusepi64_epi8, __v8du, 8, __v16qu, unsigned char, 0ULL, 255ULL)
__ECSI512_NARROW(cvtepi64_epi16, __v8du, 8, __v8hu, unsigned short, 0ULL, ~0ULL)
__ECSI512_NARROW(cvtsepi64_epi16, __v8di, 8, __v8hi, short, -32768, 32767)
__ECSI512_NARROW(cvtusepi64_epi16, __v8du, 8, __v8hu, unsigned short, 0ULL, 65535ULL)

/* Bit counts: population (BITALG, VPOPCNTDQ), leading zeros and conflicts (CD). */
#define __ECSI512_BITS(bits, lanes, view, popcount)                                        \
  __ECSI_FN __m512i _mm512_popcnt_epi##bits(__m512i a) {                                       \
    view x = (view)a, r;                                                                        \
    for (int i = 0; i < lanes; i++) r[i] = popcount(x[i]);                                      \
    return (__m512i)r;                                                                          \
  }                                                                                             \
  __ECSI512_MASKED1(popcnt_epi##bits, bits)
__ECSI512_BITS(8, 64, __v64qu, __builtin_popcount)
__ECSI512_BITS(16, 32, __v32hu, __builtin_popcount)
__ECSI512_BITS(32, 16, __v16su, __builtin_popcount)
__ECSI512_BITS(64, 8, __v8du, __builtin_popcountll)
__ECSI_FN __m512i _mm512_lzcnt_epi32(__m512i a) {
  __v16su x = (__v16su)a, r;
  for (int i = 0; i < 16; i++) r[i] = x[i] ? (unsigned int)__builtin_clz(x[i]) : 32;
  return (__m512i)r;
}
__ECSI_FN __m512i _mm512_lzcnt_epi64(__m512i a) {
  __v8du x = (__v8du)a, r;
  for (int i = 0; i < 8; i++) r[i] = x[i] ? (unsigned long long)__builtin_clzll(x[i]) : 64;
  return (__m512i)r;
}
__ECSI512_MASKED1(lzcnt_epi32, 32)
__ECSI512_MASKED1(lzcnt_epi64, 64)
/* Bit j of element i: element j (j < i) equals element i. */
__ECSI_FN __m512i _mm512_conflict_epi32(__m512i a) {
  __v16su x = (__v16su)a, r;
  for (int i = 0; i < 16; i++) {
    unsigned int bits = 0;
    for (int j = 0; j < i; j++) bits |= (unsigned int)(x[j] == x[i]) << j;
    r[i] = bits;
  }
  return (__m512i)r;
}
__ECSI_FN __m512i _mm512_conflict_epi64(__m512i a) {
  __v8du x = (__v8du)a, r;
  for (int i = 0; i < 8; i++) {
    unsigned long long bits = 0;
    for (int j = 0; j < i; j++) bits |= (unsigned long long)(x[j] == x[i]) << j;
    r[i] = bits;
  }
  return (__m512i)r;
}
__ECSI512_MASKED1(conflict_epi32, 32)
__ECSI512_MASKED1(conflict_epi64, 64)

/* Floats: arithmetic (round to nearest even; which NaN comes out is not modelled, see
 * __ec_softintrin.h), min/max as x86 (the second operand when either is NaN or both are
 * zeros), fused multiply-add, logic, comparisons into masks. */
#define __ECSI512_FMASKED(name, V, K, sel, params, args)                                         \
  __ECSI_FN V _mm512_mask_##name(V src, K k, __ECSI_EXPAND params) {                            \
    return (V)sel(k, (__m512i)_mm512_##name args, (__m512i)src);                                 \
  }                                                                                              \
  __ECSI_FN V _mm512_maskz_##name(K k, __ECSI_EXPAND params) {                                  \
    return (V)sel(k, (__m512i)_mm512_##name args, _mm512_setzero_si512());                      \
  }
#define __ECSI_EXPAND(...) __VA_ARGS__
#define __ECSI512_FBINARY(name, V, K, sel, expr)                                                 \
  __ECSI_FN V _mm512_##name(V a, V b) { return expr; }                                          \
  __ECSI512_FMASKED(name, V, K, sel, (V a, V b), (a, b))
#define __ECSI512_FLOATS(sfx, V, K, sel, IV)                                                     \
  __ECSI512_FBINARY(add_##sfx, V, K, sel, a + b)                                                 \
  __ECSI512_FBINARY(sub_##sfx, V, K, sel, a - b)                                                 \
  __ECSI512_FBINARY(mul_##sfx, V, K, sel, a * b)                                                 \
  __ECSI512_FBINARY(div_##sfx, V, K, sel, a / b)                                                 \
  __ECSI512_FBINARY(min_##sfx, V, K, sel, (V)__ECSI_SELECT((IV)(a < b), (IV)a, (IV)b))           \
  __ECSI512_FBINARY(max_##sfx, V, K, sel, (V)__ECSI_SELECT((IV)(a > b), (IV)a, (IV)b))           \
  __ECSI512_FBINARY(and_##sfx, V, K, sel, (V)((IV)a & (IV)b))                                    \
  __ECSI512_FBINARY(or_##sfx, V, K, sel, (V)((IV)a | (IV)b))                                     \
  __ECSI512_FBINARY(xor_##sfx, V, K, sel, (V)((IV)a ^ (IV)b))                                    \
  __ECSI512_FBINARY(andnot_##sfx, V, K, sel, (V)(~(IV)a & (IV)b))                                \
  __ECSI_FN V _mm512_sqrt_##sfx(V a) { return __builtin_elementwise_sqrt(a); }                  \
  __ECSI512_FMASKED(sqrt_##sfx, V, K, sel, (V a), (a))                                           \
  __ECSI_FN V _mm512_abs_##sfx(V a) { return (V)((IV)a & ~(IV)(-(V){0})); }                      \
  __ECSI_FN V _mm512_fmadd_##sfx(V a, V b, V c) { return __builtin_elementwise_fma(a, b, c); }  \
  __ECSI_FN V _mm512_fmsub_##sfx(V a, V b, V c) { return __builtin_elementwise_fma(a, b, -c); } \
  __ECSI_FN V _mm512_fnmadd_##sfx(V a, V b, V c) { return __builtin_elementwise_fma(-a, b, c); }\
  __ECSI_FN V _mm512_fnmsub_##sfx(V a, V b, V c) {                                             \
    return __builtin_elementwise_fma(-a, b, -c);                                                \
  }                                                                                              \
  __ECSI_FN V _mm512_mask_mov_##sfx(V src, K k, V a) {                                          \
    return (V)sel(k, (__m512i)a, (__m512i)src);                                                 \
  }                                                                                              \
  __ECSI_FN V _mm512_maskz_mov_##sfx(K k, V a) {                                                \
    return (V)sel(k, (__m512i)a, _mm512_setzero_si512());                                       \
  }                                                                                              \
  __ECSI_FN V _mm512_mask_blend_##sfx(K k, V a, V b) {                                          \
    return (V)sel(k, (__m512i)b, (__m512i)a);                                                   \
  }
__ECSI512_FLOATS(ps, __m512, __mmask16, __ecsi_sel32, __v16si)
__ECSI512_FLOATS(pd, __m512d, __mmask8, __ecsi_sel64, __v8di)
/* The 16 predicates of _CMP_* (imm & 15; 16..31 differ only in signalling). */
#define __ECSI512_FCMP(sfx, V, K, IV, mask)                                                     \
  __ECSI_FN K _mm512_cmp_##sfx##_mask(V a, V b, int imm) {                                      \
    IV unord = (IV)(a != a) | (IV)(b != b), r;                                                  \
    switch (imm & 15) {                                                                          \
      case 0: r = (IV)(a == b); break;                                                          \
      case 1: r = (IV)(a < b); break;                                                           \
      case 2: r = (IV)(a <= b); break;                                                          \
      case 3: r = unord; break;                                                                 \
      case 4: r = ~(IV)(a == b); break;                                                         \
      case 5: r = ~(IV)(a < b); break;                                                          \
      case 6: r = ~(IV)(a <= b); break;                                                         \
      case 7: r = ~unord; break;                                                                \
      case 8: r = (IV)(a == b) | unord; break;                                                  \
      case 9: r = ~(IV)(a >= b); break;                                                         \
      case 10: r = ~(IV)(a > b); break;                                                         \
      case 11: r = (IV){0}; break;                                                              \
      case 12: r = (IV)(a != b) & ~unord; break;                                                \
      case 13: r = (IV)(a >= b); break;                                                         \
      case 14: r = (IV)(a > b); break;                                                          \
      default: r = ~(IV){0}; break;                                                             \
    }                                                                                            \
    return mask((__m512i)r);                                                                    \
  }                                                                                              \
  __ECSI_FN K _mm512_mask_cmp_##sfx##_mask(K k, V a, V b, int imm) {                            \
    return k & _mm512_cmp_##sfx##_mask(a, b, imm);                                               \
  }
__ECSI512_FCMP(ps, __m512, __mmask16, __v16si, __ecsi_mask32)
__ECSI512_FCMP(pd, __m512d, __mmask8, __v8di, __ecsi_mask64)

/* Conversions between int32 and float: float to int32 as x86 (out of range or NaN: the
 * lowest integer), rounding to nearest even or truncating. */
__ECSI_FN __m512 _mm512_cvtepi32_ps(__m512i a) { return __builtin_convertvector((__v16si)a, __v16sf); }
__ECSI_FN __m512 _mm512_cvtepu32_ps(__m512i a) { return __builtin_convertvector((__v16su)a, __v16sf); }
__ECSI_FN __m512i __ecsi_cvt_ps512_epi32(__v16sf r) {
  __v16si fits = (r >= -2147483648.0f) & (r < 2147483648.0f);
  __v16si v = __builtin_convertvector((__v16sf)((__v16si)r & fits), __v16si);
  return (__m512i)__ECSI_SELECT(fits, v, __ECSI_SPLAT(__v16si, -2147483647 - 1));
}
__ECSI_FN __m512i _mm512_cvtps_epi32(__m512 a) {
  return __ecsi_cvt_ps512_epi32(__builtin_elementwise_roundeven(a));
}
__ECSI_FN __m512i _mm512_cvttps_epi32(__m512 a) {
  return __ecsi_cvt_ps512_epi32(__builtin_elementwise_trunc(a));
}
__ECSI_FN float _mm512_cvtss_f32(__m512 a) { return a[0]; }
__ECSI_FN double _mm512_cvtsd_f64(__m512d a) { return a[0]; }

/* Compress (the selected elements, packed low) and expand (the low elements, spread to
 * the selected positions); the memory forms touch only as many elements as are selected. */
#define __ECSI512_COMPRESS(sfx, T, V, K, lanes, elem)                                           \
  __ECSI_FN T _mm512_mask_compress_##sfx(T src, K k, T a) {                                     \
    V r = (V)src, x = (V)a;                                                                      \
    int j = 0;                                                                                   \
    for (int i = 0; i < lanes; i++)                                                              \
      if ((k >> i) & 1) r[j++] = x[i];                                                           \
    return (T)r;                                                                                 \
  }                                                                                              \
  __ECSI_FN T _mm512_maskz_compress_##sfx(K k, T a) {                                           \
    return _mm512_mask_compress_##sfx((T)_mm512_setzero_si512(), k, a);                         \
  }                                                                                              \
  __ECSI_FN void _mm512_mask_compressstoreu_##sfx(void *p, K k, T a) {                          \
    V x = (V)a;                                                                                  \
    int j = 0;                                                                                   \
    for (int i = 0; i < lanes; i++)                                                              \
      if ((k >> i) & 1) {                                                                        \
        elem e = x[i];                                                                           \
        __builtin_memcpy((unsigned char *)p + sizeof(elem) * j++, &e, sizeof(elem));            \
      }                                                                                          \
  }                                                                                              \
  __ECSI_FN T _mm512_mask_expand_##sfx(T src, K k, T a) {                                       \
    V r = (V)src, x = (V)a;                                                                      \
    int j = 0;                                                                                   \
    for (int i = 0; i < lanes; i++)                                                              \
      if ((k >> i) & 1) r[i] = x[j++];                                                           \
    return (T)r;                                                                                 \
  }                                                                                              \
  __ECSI_FN T _mm512_maskz_expand_##sfx(K k, T a) {                                             \
    return _mm512_mask_expand_##sfx((T)_mm512_setzero_si512(), k, a);                          \
  }                                                                                              \
  __ECSI_FN T _mm512_mask_expandloadu_##sfx(T src, K k, void const *p) {                        \
    V r = (V)src;                                                                                \
    int j = 0;                                                                                   \
    for (int i = 0; i < lanes; i++)                                                              \
      if ((k >> i) & 1) {                                                                        \
        elem e;                                                                                  \
        __builtin_memcpy(&e, (const unsigned char *)p + sizeof(elem) * j++, sizeof(elem));      \
        r[i] = e;                                                                                \
      }                                                                                          \
    return (T)r;                                                                                 \
  }                                                                                              \
  __ECSI_FN T _mm512_maskz_expandloadu_##sfx(K k, void const *p) {                              \
    return _mm512_mask_expandloadu_##sfx((T)_mm512_setzero_si512(), k, p);                     \
  }
__ECSI512_COMPRESS(epi32, __m512i, __v16si, __mmask16, 16, int)
__ECSI512_COMPRESS(epi64, __m512i, __v8di, __mmask8, 8, long long)
__ECSI512_COMPRESS(ps, __m512, __v16sf, __mmask16, 16, float)
__ECSI512_COMPRESS(pd, __m512d, __v8df, __mmask8, 8, double)
/* AVX-512VBMI2's byte and word forms (simdjson's icelake kernel uses them). */
__ECSI512_COMPRESS(epi8, __m512i, __v64qi, __mmask64, 64, char)
__ECSI512_COMPRESS(epi16, __m512i, __v32hi, __mmask32, 32, short)

#endif /* __EC_SOFTINTRIN_AVX512_H */
