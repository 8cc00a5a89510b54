/* ec-buildext: the long double <math.h> functions mingw-w64's headers declare and no
 * system DLL exports.  MSVC's long double is double: its headers make these inline
 * calls of the double functions, which is what they are here too.
 *
 * ARM64 and Arm64EC (long double = double): ucrtbase.dll exports most l-functions
 * (mingw-w64's F_LD64 entries) but not the first 24 below, which MSVC's headers inline.
 * x64 in GNU mode (long double = the 80-bit x87 type): ucrtbase.dll has none of the
 * long double functions, and mingw-w64's own use x87 assembly; all of these compute in
 * double precision, as the same call compiled by MSVC does (libc++'s <cmath> calls
 * them). */
#include <math.h>

#define EC_LD1(name, fn) \
  long double __cdecl name(long double x) { return fn((double)x); }
#define EC_LD2(name, fn) \
  long double __cdecl name(long double x, long double y) { return fn((double)x, (double)y); }

/* Every architecture. */
EC_LD1(acosl, acos)
EC_LD1(asinl, asin)
EC_LD1(atanl, atan)
EC_LD1(cosl, cos)
EC_LD1(sinl, sin)
EC_LD1(tanl, tan)
EC_LD1(coshl, cosh)
EC_LD1(sinhl, sinh)
EC_LD1(tanhl, tanh)
EC_LD1(expl, exp)
EC_LD1(logl, log)
EC_LD1(log10l, log10)
EC_LD1(lgammal, lgamma)
EC_LD1(ceill, ceil)
EC_LD1(floorl, floor)
EC_LD2(atan2l, atan2)
EC_LD2(hypotl, hypot)
EC_LD2(powl, pow)
EC_LD2(fmodl, fmod)

long double __cdecl fabsl(long double x) { return __builtin_fabs((double)x); }
long double __cdecl sqrtl(long double x) { return __builtin_sqrt((double)x); }
long double __cdecl frexpl(long double x, int *e) { return frexp((double)x, e); }
long double __cdecl ldexpl(long double x, int e) { return ldexp((double)x, e); }
long double __cdecl modfl(long double x, long double *whole) {
  double part;
  double fraction = modf((double)x, &part);
  *whole = part;
  return fraction;
}

#if __SIZEOF_LONG_DOUBLE__ > __SIZEOF_DOUBLE__
/* x64 only: what ucrtbase.dll exports for ARM64 and Arm64EC. */
EC_LD1(acoshl, acosh)
EC_LD1(asinhl, asinh)
EC_LD1(atanhl, atanh)
EC_LD1(exp2l, exp2)
EC_LD1(expm1l, expm1)
EC_LD1(log1pl, log1p)
EC_LD1(log2l, log2)
EC_LD1(logbl, logb)
EC_LD1(cbrtl, cbrt)
EC_LD1(erfl, erf)
EC_LD1(erfcl, erfc)
EC_LD1(tgammal, tgamma)
EC_LD1(nearbyintl, nearbyint)
EC_LD1(rintl, rint)
EC_LD1(roundl, round)
EC_LD1(truncl, trunc)
EC_LD2(remainderl, remainder)
EC_LD2(nextafterl, nextafter)
EC_LD2(nexttowardl, nextafter)
EC_LD2(fdiml, fdim)

long double __cdecl scalbnl(long double x, int e) { return scalbn((double)x, e); }
long double __cdecl scalblnl(long double x, long e) { return scalbln((double)x, e); }
long double __cdecl fmal(long double x, long double y, long double z) {
  return fma((double)x, (double)y, (double)z);
}
long double __cdecl remquol(long double x, long double y, int *quo) {
  return remquo((double)x, (double)y, quo);
}
long double __cdecl nanl(const char *tag) { return nan(tag); }
int __cdecl ilogbl(long double x) { return ilogb((double)x); }
long __cdecl lrintl(long double x) { return lrint((double)x); }
long long __cdecl llrintl(long double x) { return llrint((double)x); }
long __cdecl lroundl(long double x) { return lround((double)x); }
long long __cdecl llroundl(long double x) { return llround((double)x); }
#endif

/* lgamma, lgammaf: ucrtbase.dll exports them, but mingw-w64's .def marks them DATA (its
 * own libmingwex versions also set signgam); MSVC's programs call ucrtbase's, and so do
 * these, through the import's address. */
extern double (__cdecl *__imp_lgamma)(double);
extern float (__cdecl *__imp_lgammaf)(float);
double __cdecl lgamma(double x) { return __imp_lgamma(x); }
float __cdecl lgammaf(float x) { return __imp_lgammaf(x); }
