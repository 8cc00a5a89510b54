/* ec-buildext softintrin (see __ec_softintrin.h): _mm_malloc and _mm_free are, as with
 * MSVC, ucrtbase.dll's _aligned_malloc and _aligned_free. */
#ifndef __EC_SOFTINTRIN_MM_MALLOC_H
#define __EC_SOFTINTRIN_MM_MALLOC_H

#include <malloc.h>

static __inline__ __attribute__((__always_inline__, __nodebug__)) void *
_mm_malloc(size_t size, size_t align) {
  return _aligned_malloc(size, align);
}

static __inline__ __attribute__((__always_inline__, __nodebug__)) void _mm_free(void *p) {
  _aligned_free(p);
}

#endif /* __EC_SOFTINTRIN_MM_MALLOC_H */
