/* ec-buildext: UCRT functions that MSVC's headers define inline over ucrtbase.dll's
 * common entry points (__conio_common_*, __stdio_common_*) and that mingw-w64's headers
 * declare dllimport, though ucrtbase.dll does not export them (found by
 * tests/runtime/test_header_declarations.py).  Each comes with the import slot
 * (__imp_NAME) such a declaration reads; weak, so a project's own definition wins. */
#define __CRT__NO_INLINE
#include <conio.h>
#include <stdarg.h>
#include <stdio.h>
#include <wchar.h>

#define EC_WEAK __attribute__((weak))
#define EC_IMPORTABLE(name) __typeof__(name) *__imp_##name = name

EC_WEAK int __cdecl _vcprintf_s_l(const char *format, _locale_t locale, va_list args) {
  return __conio_common_vcprintf_s(_CRT_INTERNAL_LOCAL_PRINTF_OPTIONS, format, locale, args);
}
EC_IMPORTABLE(_vcprintf_s_l);

EC_WEAK int __cdecl _vcprintf_s(const char *format, va_list args) {
  return _vcprintf_s_l(format, NULL, args);
}
EC_IMPORTABLE(_vcprintf_s);

EC_WEAK int __cdecl _vcwprintf_s_l(const wchar_t *format, _locale_t locale, va_list args) {
  return __conio_common_vcwprintf_s(_CRT_INTERNAL_LOCAL_PRINTF_OPTIONS, format, locale, args);
}
EC_IMPORTABLE(_vcwprintf_s_l);

EC_WEAK int __cdecl _vcwprintf_s(const wchar_t *format, va_list args) {
  return _vcwprintf_s_l(format, NULL, args);
}
EC_IMPORTABLE(_vcwprintf_s);

/* The variadic ones: each hands its arguments to the va_list form above. */
#define EC_VARIADIC(name, type, call)   \
  EC_WEAK int __cdecl name(type, ...) { \
    va_list args;                       \
    va_start(args, format);             \
    int result = call;                  \
    va_end(args);                       \
    return result;                      \
  }                                     \
  EC_IMPORTABLE(name)

EC_VARIADIC(_cprintf_s, const char *format, _vcprintf_s_l(format, NULL, args));
EC_VARIADIC(_cwprintf_s, const wchar_t *format, _vcwprintf_s_l(format, NULL, args));

#define EC_SECURE_SCANF (_CRT_INTERNAL_LOCAL_SCANF_OPTIONS | _CRT_INTERNAL_SCANF_SECURECRT)
EC_VARIADIC(_cscanf_s, const char *format,
            __conio_common_vcscanf(EC_SECURE_SCANF, format, NULL, args));
EC_VARIADIC(_cwscanf_s, const wchar_t *format,
            __conio_common_vcwscanf(EC_SECURE_SCANF, format, NULL, args));

/* The _l ones take the locale before the variadic arguments. */
#define EC_VARIADIC_L(name, type, call)                \
  EC_WEAK int __cdecl name(type, _locale_t locale, ...) { \
    va_list args;                                      \
    va_start(args, locale);                            \
    int result = call;                                 \
    va_end(args);                                      \
    return result;                                     \
  }                                                    \
  EC_IMPORTABLE(name)

EC_VARIADIC_L(_cprintf_s_l, const char *format, _vcprintf_s_l(format, locale, args));
EC_VARIADIC_L(_cwprintf_s_l, const wchar_t *format, _vcwprintf_s_l(format, locale, args));
EC_VARIADIC_L(_cscanf_s_l, const char *format,
              __conio_common_vcscanf(EC_SECURE_SCANF, format, locale, args));
EC_VARIADIC_L(_cwscanf_s_l, const wchar_t *format,
              __conio_common_vcwscanf(EC_SECURE_SCANF, format, locale, args));

/* <stdio.h>'s _snwscanf: at most count characters of s. */
EC_WEAK int __cdecl _snwscanf(const wchar_t *s, size_t count, const wchar_t *format, ...) {
  va_list args;
  va_start(args, format);
  int result = __stdio_common_vswscanf(_CRT_INTERNAL_LOCAL_SCANF_OPTIONS, s, count, format, NULL,
                                       args);
  va_end(args);
  return result;
}
EC_IMPORTABLE(_snwscanf);
