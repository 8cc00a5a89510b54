/* ec-buildext: mingw-w64's <_mingw.h> for CRT-less compiles that define MSVC's _MSC_VER
 * in clang's GNU mode (the Arm64EC view: toolchains/diagnose.py, MSVC_PATH_VIEWS).
 * This folder is a plain include folder, searched before mingw-w64's.  Under _MSC_VER,
 * mingw-w64 spells __CRT_INLINE as MSVC's __inline, which in C makes each of its
 * headers' inline functions (RtlSecureZeroMemory, __fpclassify, ua_CharUpperW, ...) an
 * external definition in every object: duplicate symbols between objects, and
 * imports of DLLs the project never named.  GNU's extern inline, as without
 * _MSC_VER, emits none of them. */
#pragma GCC system_header

#include_next <_mingw.h>

#if defined(_MSC_VER) && defined(__GNUC__) && !defined(__cplusplus)
#undef __CRT_INLINE
#define __CRT_INLINE extern inline __attribute__((__gnu_inline__))
#endif
