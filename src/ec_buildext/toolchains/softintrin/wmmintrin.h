/* ec-buildext softintrin (see __ec_softintrin.h): AES and PCLMULQDQ, not emulated. */
#ifndef __EC_SOFTINTRIN_WMMINTRIN_H
#define __EC_SOFTINTRIN_WMMINTRIN_H

#include <nmmintrin.h>

__ECSI_UNAVAILABLE(_mm_aesenc_si128, __ECSI_NOT_EMULATED("AES"))
__ECSI_UNAVAILABLE(_mm_aesenclast_si128, __ECSI_NOT_EMULATED("AES"))
__ECSI_UNAVAILABLE(_mm_aesdec_si128, __ECSI_NOT_EMULATED("AES"))
__ECSI_UNAVAILABLE(_mm_aesdeclast_si128, __ECSI_NOT_EMULATED("AES"))
__ECSI_UNAVAILABLE(_mm_aesimc_si128, __ECSI_NOT_EMULATED("AES"))
__ECSI_UNAVAILABLE(_mm_aeskeygenassist_si128, __ECSI_NOT_EMULATED("AES"))
__ECSI_UNAVAILABLE(_mm_clmulepi64_si128, __ECSI_NOT_EMULATED("PCLMULQDQ"))

#endif /* __EC_SOFTINTRIN_WMMINTRIN_H */
