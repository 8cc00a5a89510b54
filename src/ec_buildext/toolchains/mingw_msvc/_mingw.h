/* ec-buildext: mingw-w64's <_mingw.h> for CRT-less compiles that define MSVC's _MSC_VER
 * in clang's GNU mode (the Arm64EC view: toolchains/diagnose.py, MSVC_PATH_VIEWS).
 * This folder is a plain include folder, searched before mingw-w64's.  Under _MSC_VER,
 * mingw-w64 spells __CRT_INLINE as MSVC's __inline, which in C makes each of its
 * headers' inline functions (RtlSecureZeroMemory, __fpclassify, ua_CharUpperW, ...) an
 * external definition in every object: duplicate symbols between objects, and
 * imports of DLLs the project never named.  GNU's extern inline, as without
 * _MSC_VER, emits none of them.  __forceinline is MSVC's keyword again (clang has it
 * with -fms-extensions): mingw-w64's GNU spelling for C, "extern __inline__ ...", cannot
 * follow "static" (mmh3's and pycryptodome's "static __forceinline" under _MSC_VER).
 * The headers' own __forceinline functions that are also declared plainly (winnt.h's
 * NtCurrentTeb) then come out as MSVC's C emits them: COMDAT "any" definitions, which
 * objects may repeat and links drop unless called.  In C++, MSVC's names for exceptions and RTTI being on
 * (what /EHsc and /GR define), which code under _MSC_VER tests: clang's GNU mode says
 * it with __EXCEPTIONS and __GXX_RTTI (a project's /EHs-c- turns the first off). */
#pragma GCC system_header

#include_next <_mingw.h>

#if defined(_MSC_VER) && defined(__GNUC__) && !defined(__cplusplus)
#undef __CRT_INLINE
#define __CRT_INLINE extern inline __attribute__((__gnu_inline__))
#undef __forceinline
#endif

#if defined(_MSC_VER) && defined(__cplusplus)
#if defined(__EXCEPTIONS) && !defined(_CPPUNWIND)
#define _CPPUNWIND 1
#endif
#if defined(__GXX_RTTI) && !defined(_CPPRTTI)
#define _CPPRTTI 1
#endif
#endif
