/* ec-buildext: strtold/wcstold where ucrtbase.dll has none.  mingw-w64's x64 long
 * double is the 80-bit x87 type, which ucrtbase's functions (64-bit long double)
 * cannot fill; these parse in double precision and widen (libc++ calls them for
 * std::stold and long double input).  Elsewhere long double is double and ucrtbase
 * exports both. */
#include <stdlib.h>
#include <wchar.h>

#if __SIZEOF_LONG_DOUBLE__ > __SIZEOF_DOUBLE__
long double __cdecl strtold(const char *restrict text, char **restrict end) {
  return strtod(text, end);
}

long double __cdecl wcstold(const wchar_t *restrict text, wchar_t **restrict end) {
  return wcstod(text, end);
}
#endif
