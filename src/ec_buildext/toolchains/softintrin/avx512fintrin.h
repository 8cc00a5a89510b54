/* ec-buildext softintrin (see __ec_softintrin.h): clang's internal name for the AVX-512F
 * part of immintrin.h, which some code includes directly (xxhash's clang-cl path):
 * immintrin.h, whose AVX-512 is in __ec_avx512.h. */
#ifndef __EC_SOFTINTRIN_AVX512FINTRIN_H
#define __EC_SOFTINTRIN_AVX512FINTRIN_H

#include <immintrin.h>

#endif /* __EC_SOFTINTRIN_AVX512FINTRIN_H */
