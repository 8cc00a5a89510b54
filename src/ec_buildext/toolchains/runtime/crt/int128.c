/* ec-buildext: 128-bit integer division and remainder.
 *
 * clang compiles `/` and `%` on __int128 to calls of these (on x64, ARM64 and
 * Arm64EC alike), which compiler-rt's builtins library answers in other toolchains.
 * Only 64-bit divisions are used here: a 128-bit `/` or `%` in this file would call
 * the function it is in.  Dividing by zero is undefined in C; here it divides by a
 * 64-bit zero, as the machine does it (x64: the divide-error exception; ARM64: 0).
 */
typedef unsigned long long u64;
typedef unsigned __int128 u128;
typedef __int128 i128;

u128 __udivmodti4(u128 a, u128 b, u128 *rem);
u128 __udivti3(u128 a, u128 b);
u128 __umodti3(u128 a, u128 b);
i128 __divti3(i128 a, i128 b);
i128 __modti3(i128 a, i128 b);

static u64 high(u128 x) { return (u64)(x >> 64); }

/* (hi * 2^64 + lo) / d for hi < d, the remainder in *rem: long division in 32-bit
 * digits (Knuth's algorithm D) after shifting d until its top bit is set, so that
 * each digit estimated from the leading digits is at most 2 too large. */
static u64 divide_by_64(u64 hi, u64 lo, u64 d, u64 *rem) {
  const u64 digit = 1ull << 32;
  int shift = __builtin_clzll(d);
  d <<= shift;
  u64 d1 = d >> 32, d0 = d & 0xffffffffu;
  u64 top = shift ? (hi << shift) | (lo >> (64 - shift)) : hi;
  lo <<= shift;
  u64 l1 = lo >> 32, l0 = lo & 0xffffffffu;

  u64 q1 = top / d1, r = top - q1 * d1;
  while (q1 >= digit || q1 * d0 > ((r << 32) | l1)) {
    q1--;
    r += d1;
    if (r >= digit) break;
  }
  /* What is left after the first digit: below d, so it fits (the products wrap). */
  u64 left = (top << 32) + l1 - q1 * d;

  u64 q0 = left / d1;
  r = left - q0 * d1;
  while (q0 >= digit || q0 * d0 > ((r << 32) | l0)) {
    q0--;
    r += d1;
    if (r >= digit) break;
  }
  *rem = ((left << 32) + l0 - q0 * d) >> shift;
  return (q1 << 32) | q0;
}

u128 __udivmodti4(u128 a, u128 b, u128 *rem) {
  u64 ah = high(a), al = (u64)a, bh = high(b), bl = (u64)b;
  u128 q, r;
  if (bh == 0 && bl == 0) {
    volatile u64 zero = bl;
    q = al / zero;
    r = a;
  } else if (bh == 0) { /* a 64-bit divisor */
    u64 r64;
    if (ah == 0) {
      q = al / bl;
      r64 = al % bl;
    } else if (ah < bl) {
      q = divide_by_64(ah, al, bl, &r64);
    } else {
      u64 qh = ah / bl;
      q = ((u128)qh << 64) | divide_by_64(ah - qh * bl, al, bl, &r64);
    }
    r = r64;
  } else if (a < b) {
    q = 0;
    r = a;
  } else {
    /* b >= 2^64, so the quotient fits in 64 bits.  Dividing a/2 by b's top 64 bits
     * (its leading bit set) gives an estimate that, shifted back and lowered by
     * one, is the quotient or one less. */
    int shift = __builtin_clzll(bh);
    u64 b_top = high(b << shift);
    u128 half = a >> 1;
    u64 unused;
    u64 estimate = divide_by_64(high(half), (u64)half, b_top, &unused) >> (63 - shift);
    if (estimate != 0) estimate--;
    r = a - (u128)estimate * b;
    if (r >= b) {
      estimate++;
      r -= b;
    }
    q = estimate;
  }
  if (rem) *rem = r;
  return q;
}

u128 __udivti3(u128 a, u128 b) { return __udivmodti4(a, b, 0); }

u128 __umodti3(u128 a, u128 b) {
  u128 r;
  __udivmodti4(a, b, &r);
  return r;
}

static u128 magnitude(i128 x) { return x < 0 ? -(u128)x : (u128)x; }

/* C's division truncates: the quotient is negative when the signs differ, the
 * remainder has the dividend's sign. */
i128 __divti3(i128 a, i128 b) {
  u128 q = __udivmodti4(magnitude(a), magnitude(b), 0);
  return (i128)((a < 0) != (b < 0) ? -q : q);
}

i128 __modti3(i128 a, i128 b) {
  u128 r;
  __udivmodti4(magnitude(a), magnitude(b), &r);
  return (i128)(a < 0 ? -r : r);
}
