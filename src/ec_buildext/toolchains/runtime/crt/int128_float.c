/* ec-buildext: conversions between __int128 and float/double.
 *
 * clang compiles them to calls of these (on x64, ARM64 and Arm64EC alike), which
 * compiler-rt's builtins library answers in other toolchains.  Integer to floating
 * point rounds to nearest, ties to even; floating point to integer truncates.  A
 * value out of the integer's range is undefined in C; here it saturates and NaN
 * gives 0, as ARM64's own conversions do.
 */
typedef unsigned long long u64;
typedef unsigned __int128 u128;
typedef __int128 i128;

double __floatuntidf(u128 a);
double __floattidf(i128 a);
float __floatuntisf(u128 a);
float __floattisf(i128 a);
u128 __fixunsdfti(double d);
i128 __fixdfti(double d);
u128 __fixunssfti(float f);
i128 __fixsfti(float f);

static u64 high(u128 x) { return (u64)(x >> 64); }

static u128 magnitude(i128 x) { return x < 0 ? -(u128)x : (u128)x; }

/* 2^n as a double, for 0 <= n <= 64 (its exponent field written directly). */
static double power_of_two(int n) {
  u64 bits = (u64)(1023 + n) << 52;
  double d;
  __builtin_memcpy(&d, &bits, sizeof d);
  return d;
}

/* a >= 2^64 as its top 64 bits, the lowest of them set if any bit below was (a
 * sticky bit), and how far they were shifted: the machine's correctly rounded
 * conversion of those 64 bits, scaled back exactly, is a's correctly rounded value
 * (both float and double keep fewer than 63 bits, so the sticky bit only breaks
 * ties). */
static u64 rounding_bits(u128 a, int *shift) {
  *shift = 64 - __builtin_clzll(high(a));
  u128 below = a & (((u128)1 << *shift) - 1);
  return (u64)(a >> *shift) | (below != 0);
}

double __floatuntidf(u128 a) {
  if (high(a) == 0) return (double)(u64)a;
  int shift;
  u64 bits = rounding_bits(a, &shift);
  return (double)bits * power_of_two(shift);
}

double __floattidf(i128 a) {
  double m = __floatuntidf(magnitude(a));
  return a < 0 ? -m : m;
}

float __floatuntisf(u128 a) {
  if (high(a) == 0) return (float)(u64)a;
  int shift;
  u64 bits = rounding_bits(a, &shift);
  /* Not through double: rounding twice can miss the nearest float. */
  return (float)bits * (float)power_of_two(shift);
}

float __floattisf(i128 a) {
  float m = __floatuntisf(magnitude(a));
  return a < 0 ? -m : m;
}

u128 __fixunsdfti(double d) {
  if (!(d >= 1.0)) return 0; /* below 1, negative or NaN */
  if (d >= 0x1p128) return ~(u128)0;
  if (d < 0x1p64) return (u64)d;
  /* d is a whole number with at most 53 significant bits: so is its high half, and
   * d minus that half's weight is exact (the two are within a factor of 2). */
  u64 hi = (u64)(d * 0x1p-64);
  u64 lo = (u64)(d - (double)hi * 0x1p64);
  return ((u128)hi << 64) | lo;
}

i128 __fixdfti(double d) {
  const i128 max = (i128)(~(u128)0 >> 1);
  if (d < 0) {
    if (d <= -0x1p127) return -max - 1;
    return -(i128)__fixunsdfti(-d);
  }
  if (d >= 0x1p127) return max;
  return (i128)__fixunsdfti(d);
}

/* Every float is a double, and truncates to the same integer. */
u128 __fixunssfti(float f) { return __fixunsdfti(f); }

i128 __fixsfti(float f) { return __fixdfti(f); }
