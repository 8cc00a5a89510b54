"""The long double <math.h> functions, lgamma and iswctype that mingw-w64's headers
declare and no system DLL exports as such: every view links them from ec-buildext's C
runtime; the x64 build computes them, in Windows CPython under Wine, as MSVC's double
precision long double does (checked against Python's math module)."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import pytest

from ..support import wine
from ..support.pe import read_pe
from ..support.small_dll import SYSTEM_DLLS, small_dll
from ..support.wine import Wine, windows_path

pytestmark = pytest.mark.slow

#: (C function, Python function, argument count) checked by value.
ONE = [
    ("sinl", math.sin),
    ("cosl", math.cos),
    ("tanl", math.tan),
    ("asinl", math.asin),
    ("acosl", math.acos),
    ("atanl", math.atan),
    ("sinhl", math.sinh),
    ("coshl", math.cosh),
    ("tanhl", math.tanh),
    ("asinhl", math.asinh),
    ("acoshl", math.acosh),
    ("atanhl", math.atanh),
    ("expl", math.exp),
    ("exp2l", lambda x: 2.0**x),
    ("expm1l", math.expm1),
    ("logl", math.log),
    ("log10l", math.log10),
    ("log1pl", math.log1p),
    ("log2l", math.log2),
    ("cbrtl", lambda x: math.copysign(abs(x) ** (1 / 3), x)),
    ("sqrtl", math.sqrt),
    ("erfl", math.erf),
    ("erfcl", math.erfc),
    ("lgammal", math.lgamma),
    ("tgammal", math.gamma),
    ("ceill", math.ceil),
    ("floorl", math.floor),
    ("truncl", math.trunc),
    ("lgamma", math.lgamma),
]
TWO = [
    ("atan2l", math.atan2),
    ("powl", math.pow),
    ("hypotl", math.hypot),
    ("fmodl", math.fmod),
    ("remainderl", math.remainder),
]
ARGS = [0.375, 0.5, 0.75, 1.25, 2.5]
#: Arguments inside each function's domain where ARGS are not.
DOMAIN = {
    "asinl": [0.375, 0.5, 0.75, -0.25],
    "acosl": [0.375, 0.5, 0.75, -0.25],
    "atanhl": [0.375, 0.5, 0.75, -0.25],
    "acoshl": [1.25, 2.5, 3.0, 1.0],
}

SOURCE = (
    "#include <math.h>\n#include <wctype.h>\n"
    + "".join(
        f"__declspec(dllexport) double ld_{name}(double x) {{ return (double){name}(x); }}\n"
        for name, _ in ONE
    )
    + "".join(
        f"__declspec(dllexport) double ld_{name}(double x, double y) "
        f"{{ return (double){name}(x, y); }}\n"
        for name, _ in TWO
    )
    + """
__declspec(dllexport) int ld_frexpl(double x) { int e; frexpl(x, &e); return e; }
__declspec(dllexport) double ld_ldexpl(double x) { return (double)ldexpl(x, 3); }
__declspec(dllexport) double ld_modfl(double x) {
  long double w;
  return (double)modfl(x, &w) + (double)w * 10;
}
__declspec(dllexport) long long ld_llroundl(double x) { return llroundl(x); }
__declspec(dllexport) int ld_iswalpha(int c) { return iswctype((wint_t)c, wctype("alpha")) != 0; }
"""
)


def _dll(arch: str, tmp_path: Path) -> Path:
    return small_dll(tmp_path, SOURCE, arch, wine.tests_cache() / "runtime-cache")


def test_long_double_math_in_windows_cpython(
    tmp_path: Path, windows_cpython313: Path, wine_runner: Wine
) -> None:
    dll = _dll("x64", tmp_path)
    calls = [(f"ld_{n}", (x,)) for n, _ in ONE for x in DOMAIN.get(n, ARGS)]
    calls += [(f"ld_{n}", (x, 0.625)) for n, _ in TWO for x in ARGS]
    code = f"""
import ctypes
d = ctypes.CDLL({windows_path(dll)!r})
def call(name, args, restype=ctypes.c_double):
    function = getattr(d, name)
    function.restype = restype
    return function(*(ctypes.c_double(a) for a in args))
print(repr([call(name, args) for name, args in {calls!r}]))
print(repr([call("ld_frexpl", (12.0,), ctypes.c_int), call("ld_ldexpl", (1.5,)),
            call("ld_modfl", (2.25,)), call("ld_llroundl", (2.5,), ctypes.c_longlong),
            d.ld_iswalpha(ord("a")), d.ld_iswalpha(ord("1")), d.ld_iswalpha(9)]))
"""
    out = wine_runner.python(windows_cpython313, code, path=tmp_path).stdout.splitlines()
    values = ast.literal_eval(out[-2])
    expected = [f(x) for n, f in ONE for x in DOMAIN.get(n, ARGS)]
    expected += [f(x, 0.625) for _, f in TWO for x in ARGS]
    for (name, args), got, want in zip(calls, values, expected):
        assert got == pytest.approx(want, rel=1e-14, abs=1e-300), (name, args)
    assert ast.literal_eval(out[-1]) == [4, 12.0, 20.25, 3, 1, 0, 0]


@pytest.mark.parametrize("arch", ["arm64ec", "arm64x", "arm64"])
def test_long_double_math_links_for_arm(arch: str, tmp_path: Path, readobj_tool: str) -> None:
    """Each ARM view links every function from ucrtbase.dll or the C runtime."""
    dll = _dll(arch, tmp_path)
    main, ec_view = read_pe(readobj_tool, dll).views()
    for view in [main] + ([ec_view] if ec_view is not None else []):
        assert {d.lower() for d in view.imported_dlls} <= SYSTEM_DLLS
        assert {f"ld_{n}" for n, _ in ONE + TWO} <= set(view.exports)
