"""The C runtime's compiler builtins (runtime/crt/int128.c, int128_float.c, complex.c)
against Python's own arithmetic, on thousands of random inputs (the seed is printed).

One C DLL runs batches of cases: ``__int128`` division, remainder and conversions
from and to float/double, and C99 complex multiplication and division, both through
C's operators (which clang compiles to calls of the builtins) and by name.  The x64
build runs in the real Windows CPython under Wine (ctypes); the Arm64EC build and
both views of the Arm64X build run in unicorn.  Python checks the results: exact
integers, correctly rounded conversions, complex products and quotients by the
textbook formula, exact rational arithmetic and C's Annex G (G.5.1).
"""

from __future__ import annotations

import math
import random
import struct
import subprocess
from fractions import Fraction
from pathlib import Path

import pytest

from ..support import wine
from ..support.emulate import DATA, call
from ..support.llvm import DEBIAN_LLVM, find_tool
from ..support.pe import read_pe
from ..support.small_dll import SYSTEM_DLLS, small_dll
from ..support.wine import Wine, windows_path

pytestmark = pytest.mark.slow

SOURCE = r"""
#define memcpy __builtin_memcpy
typedef unsigned __int128 u128;
typedef __int128 i128;
u128 __udivmodti4(u128 a, u128 b, u128 *rem);
double _Complex __muldc3(double a, double b, double c, double d);
double _Complex __divdc3(double a, double b, double c, double d);
float _Complex __mulsc3(float a, float b, float c, float d);
float _Complex __divsc3(float a, float b, float c, float d);
/* Apart from the divisions: beside one, clang computes the remainder from it. */
__attribute__((noinline)) static u128 umod(u128 a, u128 b) { return a % b; }
__attribute__((noinline)) static i128 smod(i128 a, i128 b) { return a % b; }

/* Per case: a and b (16 bytes each, little-endian), a double and a float in; 14
 * results of 16 bytes out.  `/`, `%` and the casts call the builtins. */
__declspec(dllexport) void int128_run(const unsigned char *in, unsigned char *out, int n) {
  for (int i = 0; i < n; i++, in += 48, out += 14 * 16) {
    u128 a, b, v[6];
    double d, dv[2];
    float f, fv[2];
    memcpy(&a, in, 16);
    memcpy(&b, in + 16, 16);
    memcpy(&d, in + 32, 8);
    memcpy(&f, in + 40, 4);
    i128 sa = (i128)a, sb = (i128)b;
    v[0] = a / b;
    v[1] = umod(a, b);
    v[2] = (u128)(sa / sb);
    v[3] = (u128)smod(sa, sb);
    v[4] = __udivmodti4(a, b, &v[5]);
    dv[0] = (double)a;
    dv[1] = (double)sa;
    fv[0] = (float)a;
    fv[1] = (float)sa;
    u128 w[4] = {(u128)d, (u128)(i128)d, (u128)f, (u128)(i128)f};
    for (int k = 0; k < 6; k++) memcpy(out + 16 * k, &v[k], 16);
    for (int k = 0; k < 2; k++) memcpy(out + 16 * (6 + k), &dv[k], 8);
    for (int k = 0; k < 2; k++) memcpy(out + 16 * (8 + k), &fv[k], 4);
    for (int k = 0; k < 4; k++) memcpy(out + 16 * (10 + k), &w[k], 16);
  }
}

/* Per case: x and y as two doubles each, then as two floats each (48 bytes) in;
 * x*y and x/y by name (__muldc3, __divdc3, __mulsc3, __divsc3), then by C's
 * operators, which call the builtins (multiplication: when the inline product
 * is NaN in both parts), 96 bytes out. */
__declspec(dllexport) void complex_run(const unsigned char *in, unsigned char *out, int n) {
  for (int i = 0; i < n; i++, in += 48, out += 96) {
    double v[4];
    float f[4];
    memcpy(v, in, 32);
    memcpy(f, in + 32, 16);
    double _Complex x = __builtin_complex(v[0], v[1]), y = __builtin_complex(v[2], v[3]);
    float _Complex fx = __builtin_complex(f[0], f[1]), fy = __builtin_complex(f[2], f[3]);
    double _Complex d[4] = {__muldc3(v[0], v[1], v[2], v[3]), __divdc3(v[0], v[1], v[2], v[3]),
                            x * y, x / y};
    float _Complex s[4] = {__mulsc3(f[0], f[1], f[2], f[3]), __divsc3(f[0], f[1], f[2], f[3]),
                           fx * fy, fx / fy};
    for (int k = 0; k < 2; k++) {
      memcpy(out + 16 * k, &d[k], 16);
      memcpy(out + 32 + 8 * k, &s[k], 8);
      memcpy(out + 48 + 16 * k, &d[2 + k], 16);
      memcpy(out + 80 + 8 * k, &s[2 + k], 8);
    }
  }
}
"""
#: What SOURCE calls: clang 22 compiles its operators and casts to calls of all of
#: these on the three targets (but __udivmodti4 and the complex ones called by name).
BUILTINS = {
    "__udivti3",
    "__umodti3",
    "__divti3",
    "__modti3",
    "__udivmodti4",
    "__floatuntidf",
    "__floattidf",
    "__floatuntisf",
    "__floattisf",
    "__fixunsdfti",
    "__fixdfti",
    "__fixunssfti",
    "__fixsfti",
    "__muldc3",
    "__divdc3",
    "__mulsc3",
    "__divsc3",
}
INT128_OUT = 14 * 16
COMPLEX_IN, COMPLEX_OUT = 48, 96
TWO128, TWO127 = 2**128, 2**127
#: Cases per emulator run: it runs a bounded number of instructions.
BATCH = 300


def test_source_calls_the_builtins(tmp_path: Path) -> None:
    # The test DLL's source needs every builtin on every target (Debian's clang 22).
    clang, nm = DEBIAN_LLVM / "bin" / "clang", find_tool("llvm-nm")
    if not clang.is_file():
        pytest.skip("Debian's clang-22 is not installed")
    (tmp_path / "t.c").write_text(SOURCE)
    for triple, prefix in [
        ("x86_64-w64-windows-gnu", ""),
        ("aarch64-w64-windows-gnu", ""),
        ("arm64ec-w64-windows-gnu", "#"),  # Arm64EC code calls the EC symbols
    ]:
        obj = tmp_path / f"{triple}.o"
        argv = [str(clang), f"--target={triple}", "-O2", "-c", str(tmp_path / "t.c")]
        subprocess.run([*argv, "-o", str(obj)], check=True)
        undefined = subprocess.run([nm, "-u", str(obj)], capture_output=True, text=True).stdout
        assert {prefix + n for n in BUILTINS} <= set(undefined.split()), triple


# ---- __int128 ------------------------------------------------------------------


def nearest(x: int, digits: int) -> int:
    """x > 0 rounded to ``digits`` significant bits, to nearest, ties to even."""
    drop = x.bit_length() - digits
    if drop <= 0:
        return x
    q, r = divmod(x, 1 << drop)
    half = 1 << (drop - 1)
    return (q + (r > half or (r == half and q & 1))) << drop


def int_as_float32(x: int) -> bytes:
    """The binary32 bytes of the integer x, correctly rounded (Python's float() would
    round to double first)."""
    m = nearest(abs(x), 24) if x else 0
    value = math.inf if m >= TWO128 else float(m)
    return struct.pack("<f", -value if x < 0 else value)


def float32(d: float) -> float:
    """d as the nearest binary32 (the largest finite one beyond it): an input."""
    finite = max(-3.4e38, min(3.4e38, d)) if math.isfinite(d) else d
    return float(struct.unpack("<f", struct.pack("<f", finite))[0])


def truncated(d: float, low: int, high: int) -> int:
    """C's conversion toward zero, saturated at the type's limits, NaN to 0 (the C
    runtime's choice where C leaves it undefined)."""
    if math.isnan(d):
        return 0
    if math.isinf(d):
        return high if d > 0 else low
    return max(low, min(high, int(d)))


IntCase = tuple[int, int, float, float]


def int128_cases(rng: random.Random, count: int) -> list[IntCase]:
    """(a, b, d, f) with a and b signed 128-bit values (b != 0, never INT128_MIN / -1):
    every length from 1 to 128 bits, both signs, all-ones and lone-bit patterns,
    halfway cases for float and double decided by a bit beyond the top 64;
    d near a, or anywhere in and around the range, and the special values; f is d
    as a float."""

    def value() -> int:
        bits = rng.choice([1, 2, 31, 32, 33, 63, 64, 65, 96, 127, 128, rng.randint(1, 128)])
        shape = rng.random()
        v = (1 << bits) - 1 if shape < 0.05 else 1 << (bits - 1) if shape < 0.1 else 0
        if shape > 0.9:  # a tie at a float's or double's last place, broken far below
            digits = rng.choice([24, 53])
            shift = rng.randint(66, 128 - digits)
            top = rng.getrandbits(digits - 1) | 1 << (digits - 1)
            v = top << shift | 1 << (shift - 1) | rng.getrandbits(shift - 66) << 1 | 1
        v = v or rng.getrandbits(bits)
        return v - TWO128 if v >= TWO127 else -v if rng.random() < 0.3 else v

    specials = [math.nan, math.inf, -math.inf, 2.0**128, 2.0**127, -(2.0**127), -0.5, 0.75]
    cases: list[IntCase] = []
    while len(cases) < count:
        a, b = value(), value()
        if b == 0 or (a == -TWO127 and b == -1):
            continue
        k = len(cases)
        if k < len(specials):
            d = specials[k]
        elif rng.random() < 0.5:
            d = float(a) * rng.choice([1.0, 0.5, 1.0000001, 0.9999999, -1.0])
        else:
            d = math.ldexp(rng.random(), rng.randint(-3, 131)) * rng.choice([1, -1])
        cases.append((a, b, d, float32(d)))
    return cases


def int128_input(cases: list[IntCase]) -> bytes:
    out = b""
    for a, b, d, f in cases:
        out += (a % TWO128).to_bytes(16, "little") + (b % TWO128).to_bytes(16, "little")
        out += struct.pack("<df4x", d, f)
    return out


def int128_expected(a: int, b: int, d: float, f: float) -> bytes:
    """What int128_run writes for one case, from Python's own integers."""
    ua, ub = a % TWO128, b % TWO128
    q = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)  # C truncates
    ints = [ua // ub, ua % ub, q % TWO128, (a - q * b) % TWO128, ua // ub, ua % ub]
    slots = [v.to_bytes(16, "little") for v in ints]
    slots += [struct.pack("<d", float(ua)), struct.pack("<d", float(a))]
    slots += [int_as_float32(ua), int_as_float32(a)]
    for x in (d, f):
        slots.append(truncated(x, 0, TWO128 - 1).to_bytes(16, "little"))
        slots.append((truncated(x, -TWO127, TWO127 - 1) % TWO128).to_bytes(16, "little"))
    return b"".join(s.ljust(16, b"\0") for s in slots)


def check_int128(cases: list[IntCase], output: bytes, where: str) -> None:
    for i, (a, b, d, f) in enumerate(cases):
        got = output[i * INT128_OUT : (i + 1) * INT128_OUT]
        want = int128_expected(a, b, d, f)
        for slot in range(14):
            assert got[16 * slot : 16 * slot + 16] == want[16 * slot : 16 * slot + 16], (
                f"{where}: case {i} (a={a}, b={b}, d={d!r}), result {slot}"
            )


# ---- complex ---------------------------------------------------------------------

Pair = tuple[float, float]
ComplexCase = tuple[float, float, float, float, float, float, float, float]


def complex_cases(rng: random.Random, count: int) -> list[ComplexCase]:
    """x and y as doubles, then as floats: parts of any magnitude, zeros of both
    signs, infinities and NaNs."""

    def part(exponent: int) -> float:
        r = rng.random()
        if r < 0.08:
            return rng.choice([0.0, -0.0])
        if r < 0.14:
            return rng.choice([math.inf, -math.inf])
        if r < 0.18:
            return math.nan
        return math.ldexp(rng.uniform(0.5, 1.0), rng.randint(-exponent, exponent)) * rng.choice(
            [1, -1]
        )

    cases = []
    for _ in range(count):
        doubles = [part(1020) for _ in range(4)]
        floats = [float32(part(126)) for _ in range(4)]
        cases.append((*doubles, *floats))
    return cases  # type: ignore[return-value]


def narrowed(x: float) -> float:
    """A double rounded to binary32 (beyond its range: an infinity)."""
    if math.isfinite(x) and abs(x) >= 2.0**128 - 2.0**103:
        return math.copysign(math.inf, x)
    return float(struct.unpack("<f", struct.pack("<f", x))[0])


def is_inf(z: Pair) -> bool:
    return math.isinf(z[0]) or math.isinf(z[1])


def is_finite(z: Pair) -> bool:
    return math.isfinite(z[0]) and math.isfinite(z[1])


def is_zero(z: Pair) -> bool:
    return z[0] == 0 and z[1] == 0


def same(x: float, y: float) -> bool:
    """Equal, zeros by their sign, NaN to NaN."""
    return (math.isnan(x) and math.isnan(y)) or (
        x == y and math.copysign(1, x) == math.copysign(1, y)
    )


def naive_product(x: Pair, y: Pair, narrow: bool) -> Pair:
    (a, b), (c, d) = x, y
    real, imag = a * c - b * d, a * d + b * c  # floats' products are exact in double
    return (narrowed(real), narrowed(imag)) if narrow else (real, imag)


def check_product(x: Pair, y: Pair, got: Pair, narrow: bool) -> None:
    """The textbook formula's result unless it is NaN in both parts; then Annex G: an
    infinity times a nonzero or an infinity is an infinity, and so is the product
    of finite numbers that overflowed."""
    naive = naive_product(x, y, narrow)
    if not (math.isnan(naive[0]) and math.isnan(naive[1])):
        assert same(got[0], naive[0]) and same(got[1], naive[1]), naive
    elif (
        (is_inf(x) and (is_inf(y) or (is_finite(y) and not is_zero(y))))
        or (is_inf(y) and is_finite(x) and not is_zero(x))
        or (is_finite(x) and is_finite(y))
    ):
        assert is_inf(got)


def check_quotient(x: Pair, y: Pair, got: Pair, eps: float, normal: float) -> None:
    """Annex G's infinities and zeros; between finite numbers, within 4 eps of the
    exact quotient (norm-wise) when that is far from over- and underflow."""
    if is_inf(x) and is_finite(y):
        assert is_inf(got)
    elif is_finite(x) and is_inf(y):
        assert is_zero(got)
    elif (is_inf(x) or (is_finite(x) and not is_zero(x))) and is_zero(y):
        assert is_inf(got)
    elif is_finite(x) and is_finite(y) and not is_zero(y):
        a, b, c, d = (Fraction(v) for v in (*x, *y))
        size = c * c + d * d
        real, imag = (a * c + b * d) / size, (b * c - a * d) / size
        magnitude = real * real + imag * imag
        if not Fraction(1 / normal) ** 2 < magnitude < Fraction(normal) ** 2:
            return
        assert is_finite(got)
        error = (Fraction(got[0]) - real) ** 2 + (Fraction(got[1]) - imag) ** 2
        assert error <= (4 * Fraction(eps)) ** 2 * magnitude, (float(real), float(imag))


def complex_input(cases: list[ComplexCase]) -> bytes:
    return b"".join(struct.pack("<4d4f", *case) for case in cases)


def check_complex(cases: list[ComplexCase], output: bytes, where: str) -> None:
    for i, case in enumerate(cases):
        r = struct.unpack_from("<4d4f4d4f", output, i * COMPLEX_OUT)
        x, y, fx, fy = case[0:2], case[2:4], case[4:6], case[6:8]
        about = f"{where}: case {i} (x={x}, y={y}, fx={fx}, fy={fy})"
        try:
            check_product(x, y, r[0:2], narrow=False)
            check_quotient(x, y, r[2:4], 2.0**-53, 1e290)
            check_product(fx, fy, r[4:6], narrow=True)
            check_quotient(fx, fy, r[6:8], 2.0**-24, 1e30)
            # The operators: a quotient is the builtin's; a product too where the
            # inline formula gave NaN in both parts.
            for by_name, by_operator, naive in [
                (r[0:4], r[8:12], naive_product(x, y, narrow=False)),
                (r[4:8], r[12:16], naive_product(fx, fy, narrow=True)),
            ]:
                assert all(map(same, by_name[2:], by_operator[2:]))
                if math.isnan(naive[0]) and math.isnan(naive[1]):
                    assert all(map(same, by_name[:2], by_operator[:2]))
        except AssertionError as e:
            raise AssertionError(f"{about}: got {r}: {e}") from None


# ---- the DLL on each target -----------------------------------------------------------


def builtins_dll(arch: str, tmp_path: Path) -> Path:
    """SOURCE built CRT-less for ``arch``, the runtimes from the tests' persistent cache."""
    return small_dll(tmp_path, SOURCE, arch, wine.tests_cache() / "runtime-cache")


def random_seed() -> int:
    seed = random.SystemRandom().randrange(2**32)
    print(f"builtins seed: {seed}")  # shown when the test fails
    return seed


def test_builtins_in_windows_cpython(
    tmp_path: Path, windows_cpython313: Path, wine_runner: Wine
) -> None:
    seed = random_seed()
    rng = random.Random(seed)
    ints, complexes = int128_cases(rng, 4000), complex_cases(rng, 4000)
    dll = builtins_dll("x64", tmp_path)
    (tmp_path / "int128.in").write_bytes(int128_input(ints))
    (tmp_path / "complex.in").write_bytes(complex_input(complexes))
    code = f"""
import ctypes
d = ctypes.CDLL({windows_path(dll)!r})
for name, size in (("int128", {INT128_OUT}), ("complex", {COMPLEX_OUT})):
    path = {windows_path(tmp_path)!r} + chr(92) + name
    data = open(path + ".in", "rb").read()
    out = ctypes.create_string_buffer(4000 * size)
    getattr(d, name + "_run")(data, out, 4000)
    open(path + ".out", "wb").write(out.raw)
"""
    wine_runner.python(windows_cpython313, code, path=tmp_path)
    check_int128(ints, (tmp_path / "int128.out").read_bytes(), f"x64, seed {seed}")
    check_complex(complexes, (tmp_path / "complex.out").read_bytes(), f"x64, seed {seed}")


@pytest.mark.parametrize("arch", ["arm64ec", "arm64x"])
def test_builtins_for_arm(arch: str, tmp_path: Path, readobj_tool: str) -> None:
    seed = random_seed()
    rng = random.Random(seed)
    dll = builtins_dll(arch, tmp_path)
    main, ec_view = read_pe(readobj_tool, dll).views()
    for view in [main] + ([ec_view] if ec_view is not None else []):
        assert {d.lower() for d in view.imported_dlls} <= SYSTEM_DLLS  # linked in
    for view_name in ["arm64ec"] + (["arm64"] if arch == "arm64x" else []):
        where = f"{arch} {view_name}, seed {seed}"
        for _ in range(3):
            ints = int128_cases(rng, BATCH)
            data = int128_input(ints)
            args = [DATA, DATA + len(data), BATCH]
            _, page = call(dll, "int128_run", view_name, args, data + bytes(BATCH * INT128_OUT))
            check_int128(ints, page[len(data) :], where)
            complexes = complex_cases(rng, BATCH)
            data = complex_input(complexes)
            args = [DATA, DATA + len(data), BATCH]
            _, page = call(dll, "complex_run", view_name, args, data + bytes(BATCH * COMPLEX_OUT))
            check_complex(complexes, page[len(data) :], where)
