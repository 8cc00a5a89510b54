/* ec-buildext: functions mingw-w64's C library headers declare that ucrtbase.dll does
 * not export and that the ziglang wheel's mingw-w64 sources do not define (zig takes
 * them from its own libc), found by tests/runtime/test_header_declarations.py:
 *
 * - the out-of-line definitions of the headers' GNU extern inline functions, which a
 *   debug build (-O0) calls instead of inlining: wmem*, strnlen_s, __isnan, fabsf;
 * - POSIX and GNU functions the headers declare: mempcpy, strndup, strtok_r, sincos;
 * - the POSIX names of UCRT functions MSVC's oldnames.lib gives (cputs: _cputs);
 * - what the headers rename to a name no DLL has: ftime -> ftime64, and the UCRT's
 *   vswscanf, which mingw-w64 writes over __stdio_common_vswscanf;
 * - per architecture, what ucrtbase.dll's exports leave out there (x64's 80-bit long
 *   double copysignl, fmaxl, fminl and _chgsignl; ARM64's float classification).
 */
#define __CRT__NO_INLINE /* the headers' inline bodies: the definitions are here */
/* Weak: a project's own definition (a portable strtok_r or strndup under _WIN32) wins
 * over this object's when the link pulls it in for another of its functions. */
#define EC_WEAK __attribute__((weak))
/* The import slot (__imp_NAME) a dllimport declaration of NAME reads. */
#define EC_IMPORTABLE(name) __typeof__(name) *__imp_##name = name
#include <conio.h>
#include <float.h>
#include <io.h>
#include <math.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timeb.h>
#include <wchar.h>

/* mingw-w64's sources compiled into the C runtime ask whether the module is a DLL
 * (at_quick_exit): every CRT-less module is one (a setup.py probe's executable is
 * linked, never run). */
char __mingw_module_is_dll = 1;

/* <wchar.h>'s wide memory functions (extern inline there). */
EC_WEAK wchar_t *__cdecl wmemchr(const wchar_t *s, wchar_t c, size_t n) {
  for (; n != 0; ++s, --n)
    if (*s == c)
      return (wchar_t *)s;
  return NULL;
}

EC_WEAK int __cdecl wmemcmp(const wchar_t *a, const wchar_t *b, size_t n) {
  for (; n != 0; ++a, ++b, --n)
    if (*a != *b)
      return *a < *b ? -1 : 1;
  return 0;
}

EC_WEAK wchar_t *__cdecl wmemcpy(wchar_t *restrict to, const wchar_t *restrict from, size_t n) {
  return (wchar_t *)memcpy(to, from, n * sizeof(wchar_t));
}

EC_WEAK wchar_t *__cdecl wmemmove(wchar_t *to, const wchar_t *from, size_t n) {
  return (wchar_t *)memmove(to, from, n * sizeof(wchar_t));
}

EC_WEAK wchar_t *__cdecl wmemset(wchar_t *s, wchar_t c, size_t n) {
  for (size_t i = 0; i < n; ++i)
    s[i] = c;
  return s;
}

EC_WEAK wchar_t *__cdecl wmempcpy(wchar_t *restrict to, const wchar_t *restrict from, size_t n) {
  return wmemcpy(to, from, n) + n;
}

EC_WEAK void *__cdecl mempcpy(void *restrict to, const void *restrict from, size_t n) {
  return (char *)memcpy(to, from, n) + n;
}

/* Not weak: <sec_api/string_s.h> defines these extern inline whatever __CRT__NO_INLINE
 * says, and an attribute after a definition is ignored. */
size_t __cdecl strnlen_s(const char *s, size_t n) { return s ? strnlen(s, n) : 0; }

size_t __cdecl wcsnlen_s(const wchar_t *s, size_t n) { return s ? wcsnlen(s, n) : 0; }

EC_WEAK char *__cdecl strndup(const char *s, size_t n) {
  size_t length = strnlen(s, n);
  char *copy = malloc(length + 1);
  if (copy != NULL) {
    memcpy(copy, s, length);
    copy[length] = '\0';
  }
  return copy;
}

EC_WEAK char *__cdecl strtok_r(char *restrict s, const char *restrict separators, char **restrict rest) {
  if (s == NULL)
    s = *rest;
  s += strspn(s, separators);
  if (*s == '\0') {
    *rest = s;
    return NULL;
  }
  char *end = s + strcspn(s, separators);
  if (*end != '\0')
    *end++ = '\0';
  *rest = end;
  return s;
}

/* <math.h>: classification (extern inline there) and what it adds to C's set. */
EC_WEAK int __cdecl __isnan(double x) { return __builtin_isnan(x); }
EC_WEAK int __cdecl __isnanf(float x) { return __builtin_isnan(x); }
EC_WEAK int __cdecl __isnanl(long double x) { return __builtin_isnan(x); }
EC_WEAK float __cdecl fabsf(float x) { return __builtin_fabsf(x); }
/* A float is exact as a double, and so is its fraction. */
EC_WEAK float __cdecl frexpf(float x, int *e) { return (float)frexp((double)x, e); }
EC_WEAK float __cdecl hypotf(float x, float y) { return (float)hypot((double)x, (double)y); }

EC_WEAK void __cdecl sincos(double x, double *s, double *c) {
  *s = sin(x);
  *c = cos(x);
}

EC_WEAK void __cdecl sincosf(float x, float *s, float *c) {
  *s = sinf(x);
  *c = cosf(x);
}

EC_WEAK void __cdecl sincosl(long double x, long double *s, long double *c) {
  *s = sinl(x);
  *c = cosl(x);
}

/* <_mingw.h>'s description of the C runtime a program runs on. */
EC_WEAK const char *__cdecl __mingw_get_crt_info(void) {
  return "ec-buildext CRT-less runtime (mingw-w64 headers, ucrtbase.dll)";
}

/* <math.h>'s _matherr (dllimport there): the hook a program may define to see math
 * errors; this default, as MSVC's CRT's, leaves them to the function's own result. */
EC_WEAK int __cdecl _matherr(struct _exception *error) {
  (void)error;
  return 0;
}
EC_IMPORTABLE(_matherr);

/* <sys/timeb.h> renames ftime to ftime64 (64-bit time_t). */
EC_WEAK int __cdecl ftime64(struct __timeb64 *now) {
  _ftime64(now);
  return 0;
}

/* <wchar.h>'s vswscanf, on the UCRT's common scanf entry point as its siblings are. */
EC_WEAK int __cdecl vswscanf(const wchar_t *restrict s, const wchar_t *restrict format, va_list args) {
  return __stdio_common_vswscanf(_CRT_INTERNAL_LOCAL_SCANF_OPTIONS, s, (size_t)-1, format, NULL,
                                 args);
}

/* The POSIX names of UCRT functions (MSVC's oldnames.lib). */
EC_WEAK int __cdecl cputs(const char *s) { return _cputs(s); }
EC_WEAK int __cdecl flushall(void) { return _flushall(); }
EC_WEAK int __cdecl locking(int fd, int mode, long bytes) { return _locking(fd, mode, bytes); }
EC_WEAK _onexit_t __cdecl onexit(_onexit_t fn) { return _onexit(fn); }
__declspec(dllimport) char *__cdecl _strlwr_l(char *s, _locale_t locale); /* ucrtbase.dll's */
EC_WEAK char *__cdecl strlwr_l(char *s, _locale_t locale) { return _strlwr_l(s, locale); }
EC_WEAK char *__cdecl ultoa(unsigned long value, char *out, int radix) {
  return _ultoa(value, out, radix);
}

#if __SIZEOF_LONG_DOUBLE__ > __SIZEOF_DOUBLE__
/* x64 in GNU mode: long double is x87's 80-bit type, which ucrtbase.dll has nothing
 * for; these are exact in it. */
EC_WEAK long double __cdecl copysignl(long double x, long double y) {
  return __builtin_signbit(x) == __builtin_signbit(y) ? x : -x;
}
EC_WEAK long double __cdecl fmaxl(long double x, long double y) {
  return __builtin_isnan(x) ? y : __builtin_isnan(y) ? x : x < y ? y : x;
}
EC_WEAK long double __cdecl fminl(long double x, long double y) {
  return __builtin_isnan(x) ? y : __builtin_isnan(y) ? x : y < x ? y : x;
}
EC_WEAK long double __cdecl _chgsignl(long double x) { return -x; }
/* mingw-w64's own strtold (gdtoa's is left out): the C runtime's strtold. */
EC_WEAK long double __cdecl __mingw_strtold(const char *restrict s, char **restrict end) {
  return strtold(s, end);
}

/* ucrtbase.dll's _fpreset, which mingw-w64's .def leaves as data (its own resets x87). */
extern void(__cdecl *__imp__fpreset)(void);
EC_WEAK void __cdecl _fpreset(void) { __imp__fpreset(); }
EC_WEAK void __cdecl fpreset(void) { __imp__fpreset(); }
#endif

#if defined(__aarch64__) && !defined(__arm64ec__)
/* ARM64: <float.h> and <math.h> declare these dllimport; ucrtbase.dll's ARM64 exports
 * leave them out.  Each comes with the import slot (__imp_) callers read. */
EC_WEAK int __cdecl _isnanf(float x) { return __builtin_isnan(x); }
EC_IMPORTABLE(_isnanf);
EC_WEAK float __cdecl _nextafterf(float x, float y) { return nextafterf(x, y); }
EC_IMPORTABLE(_nextafterf);
EC_WEAK int __cdecl _fpclassf(float x) {
  int negative = __builtin_signbit(x);
  switch (__builtin_fpclassify(FP_NAN, FP_INFINITE, FP_NORMAL, FP_SUBNORMAL, FP_ZERO, x)) {
  case FP_NAN: {
    unsigned bits;
    memcpy(&bits, &x, sizeof bits);
    return bits & 0x400000u ? _FPCLASS_QNAN : _FPCLASS_SNAN; /* the quiet bit */
  }
  case FP_INFINITE:
    return negative ? _FPCLASS_NINF : _FPCLASS_PINF;
  case FP_NORMAL:
    return negative ? _FPCLASS_NN : _FPCLASS_PN;
  case FP_SUBNORMAL:
    return negative ? _FPCLASS_ND : _FPCLASS_PD;
  default:
    return negative ? _FPCLASS_NZ : _FPCLASS_PZ;
  }
}
EC_IMPORTABLE(_fpclassf);
#endif
