/* ec-buildext softintrin (see __ec_softintrin.h): every x86 intrinsic header at once. */
#ifndef __EC_SOFTINTRIN_X86INTRIN_H
#define __EC_SOFTINTRIN_X86INTRIN_H

#include <immintrin.h>

#endif /* __EC_SOFTINTRIN_X86INTRIN_H */
