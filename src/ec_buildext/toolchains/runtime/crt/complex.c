/* ec-buildext: C99 complex multiplication and division.
 *
 * clang compiles `*` and `/` on double and float _Complex to calls of these (on
 * x64, ARM64 and Arm64EC alike), which compiler-rt's builtins library answers in
 * other toolchains.  The results are the textbook formulas' except where C's Annex
 * G (G.5.1) asks for more: a product or quotient that involves an infinity is an
 * infinity (or a zero) where the formulas give NaN, and a quotient does not
 * overflow or underflow needlessly (the divisor is first scaled by a power of two
 * near its magnitude).  float _Complex is computed in double precision and rounded
 * once.  No fused multiply-adds: every view computes the same results.
 */
#pragma STDC FP_CONTRACT OFF

typedef unsigned long long u64;

double _Complex __muldc3(double a, double b, double c, double d);
double _Complex __divdc3(double a, double b, double c, double d);
float _Complex __mulsc3(float a, float b, float c, float d);
float _Complex __divsc3(float a, float b, float c, float d);

#define INF __builtin_inf()
#define isnan __builtin_isnan
#define isinf __builtin_isinf
#define isfinite __builtin_isfinite
#define copysign __builtin_copysign

/* An infinite part as 1, a finite one as 0, with its sign: where an infinity's
 * direction is all that counts. */
static double unit_if_inf(double x) { return copysign(isinf(x) ? 1.0 : 0.0, x); }

static double zero_if_nan(double x) { return isnan(x) ? copysign(0.0, x) : x; }

double _Complex __muldc3(double a, double b, double c, double d) {
  double ac = a * c, bd = b * d, ad = a * d, bc = b * c;
  double x = ac - bd, y = ad + bc;
  if (isnan(x) && isnan(y)) {
    int again = 0;
    if (isinf(a) || isinf(b)) {
      a = unit_if_inf(a);
      b = unit_if_inf(b);
      c = zero_if_nan(c);
      d = zero_if_nan(d);
      again = 1;
    }
    if (isinf(c) || isinf(d)) {
      c = unit_if_inf(c);
      d = unit_if_inf(d);
      a = zero_if_nan(a);
      b = zero_if_nan(b);
      again = 1;
    }
    /* Finite operands whose products overflowed. */
    if (!again && (isinf(ac) || isinf(bd) || isinf(ad) || isinf(bc))) {
      a = zero_if_nan(a);
      b = zero_if_nan(b);
      c = zero_if_nan(c);
      d = zero_if_nan(d);
      again = 1;
    }
    if (again) {
      x = INF * (a * c - b * d);
      y = INF * (a * d + b * c);
    }
  }
  return __builtin_complex(x, y);
}

/* 2^n for -1074 <= n <= 1023 (subnormal below -1022). */
static double power_of_two(int n) {
  u64 bits = n >= -1022 ? (u64)(n + 1023) << 52 : 1ull << (n + 1074);
  double p;
  __builtin_memcpy(&p, &bits, sizeof p);
  return p;
}

/* x * 2^n, rounded once (scalbn), for -1074 <= n <= 2046. */
static double scaled(double x, int n) {
  if (n > 1023) { /* 2^n is no double: x grows exactly first, or overflows anyway */
    x *= 0x1p1023;
    n -= 1023;
  }
  return x * power_of_two(n);
}

/* The exponent of finite, nonzero x's leading bit (logb). */
static int exponent_of(double x) {
  u64 bits;
  __builtin_memcpy(&bits, &x, sizeof bits);
  int field = (int)(bits >> 52) & 0x7ff;
  if (field != 0) return field - 1023;
  return 63 - __builtin_clzll(bits << 1 >> 1) - 1074; /* subnormal */
}

double _Complex __divdc3(double a, double b, double c, double d) {
  /* The larger part of the divisor (fmax: a NaN part gives way to the other). */
  double big = __builtin_fabs(c) >= __builtin_fabs(d) || isnan(d) ? __builtin_fabs(c)
                                                                  : __builtin_fabs(d);
  int shift = 0;
  if (isfinite(big) && big != 0) {
    shift = exponent_of(big);
    c = scaled(c, -shift);
    d = scaled(d, -shift);
  }
  double denominator = c * c + d * d;
  double x = scaled((a * c + b * d) / denominator, -shift);
  double y = scaled((b * c - a * d) / denominator, -shift);
  if (isnan(x) && isnan(y)) {
    if (denominator == 0 && (!isnan(a) || !isnan(b))) { /* nonzero / zero */
      x = copysign(INF, c) * a;
      y = copysign(INF, c) * b;
    } else if ((isinf(a) || isinf(b)) && isfinite(c) && isfinite(d)) { /* inf / finite */
      a = unit_if_inf(a);
      b = unit_if_inf(b);
      x = INF * (a * c + b * d);
      y = INF * (b * c - a * d);
    } else if (isinf(big) && isfinite(a) && isfinite(b)) { /* finite / inf */
      c = unit_if_inf(c);
      d = unit_if_inf(d);
      x = 0.0 * (a * c + b * d);
      y = 0.0 * (b * c - a * d);
    }
  }
  return __builtin_complex(x, y);
}

float _Complex __mulsc3(float a, float b, float c, float d) {
  double _Complex r = __muldc3(a, b, c, d);
  return __builtin_complex((float)__real__ r, (float)__imag__ r);
}

float _Complex __divsc3(float a, float b, float c, float d) {
  double _Complex r = __divdc3(a, b, c, d);
  return __builtin_complex((float)__real__ r, (float)__imag__ r);
}
