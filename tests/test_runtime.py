"""ec-buildext's C runtime for CRT-less builds (toolchains/crt.py), with the real tools.

A C DLL with a static constructor, a DllMain, atexit and printf-family calls is built
with the setuptools backend and no SDK: the x64 build runs in the real Windows
CPython under Wine (ctypes); the Arm64EC and Arm64X builds are read with Debian's
llvm-readobj and their snprintf wrapper is run in unicorn.

The runtimes are cached in a persistent folder (``runtime-cache`` of the tests'
cache): every isolated build shares them, as on a user's machine.
"""

from __future__ import annotations

import math
import random
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import pytest
from unicorn import arm64_const as a64

from . import wine
from .conftest import DEBIAN_LLVM, assert_build_refused, find_tool, pip_wheel
from .emulate import DATA, Machine, call
from .pe import read_pe
from .wine import Wine

pytestmark = pytest.mark.slow
DEMO = Path(__file__).parent / "data" / "crt_demo"
#: What the C runtime may import: the system's C library and Win32 core.
SYSTEM_DLLS = {"ucrtbase.dll", "kernel32.dll"}


@pytest.fixture(scope="session")
def runtime_cache() -> Path:
    """ec-buildext's cache for runtime tests, kept between sessions (the C++ runtime
    takes minutes to build; the C runtime seconds)."""
    folder = wine.tests_cache() / "runtime-cache"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def build_demo(arch: str, tmp_path: Path, cache: Path) -> Path:
    """The demo DLL built for ``arch``, taken out of its wheel."""
    project = tmp_path / "crt_demo"
    shutil.copytree(DEMO, project)
    out = tmp_path / "dist"
    env = {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_ARCH": arch}
    pip_wheel(project, out, {**env, "EC_BUILDEXT_CACHE_DIR": str(cache)})
    (wheel,) = out.iterdir()
    with zipfile.ZipFile(wheel) as z:
        (member,) = [n for n in z.namelist() if n.endswith(".pyd")]
        z.extract(member, tmp_path / "x")
    return tmp_path / "x" / member


def windows_path(path: Path) -> str:
    return "Z:" + str(path).replace("/", "\\")


def test_c_dll_runs_in_windows_cpython(
    tmp_path: Path, runtime_cache: Path, windows_cpython313: Path, wine_runner: Wine
) -> None:
    dll = build_demo("x64", tmp_path, runtime_cache)
    exit_file = tmp_path / "exit.txt"
    code = f"""
import ctypes
d = ctypes.CDLL({windows_path(dll)!r})
buf = ctypes.create_string_buffer(64)
print(d.crt_ctor_value(), d.crt_attach_order())
print(d.crt_format(buf, 64, 42, b"ok"), buf.value.decode())
print(d.crt_format(buf, 8, 42, b"ok"), buf.value.decode())
print(d.crt_sprintf(buf, 7), buf.value.decode())
print(d.crt_parse(b"6,7"), d.crt_parse(b"x"))
print(d.crt_register_exit({windows_path(exit_file).encode()!r}))
free = ctypes.windll.kernel32.FreeLibrary
free.argtypes = [ctypes.c_void_p]
print(free(d._handle))
"""
    lines = wine_runner.python(windows_cpython313, code, path=tmp_path).stdout.splitlines()
    # The constructor ran before DllMain, which saw DLL_PROCESS_ATTACH.
    assert lines[0] == "42 2"
    # snprintf: C99 behaviour (the full length returned, the output cut and ended).
    assert lines[1] == "19 n=00042 w=ok x=0x2a"
    assert lines[2] == "19 n=00042"
    assert lines[3] == "11 [7   |  ab]"
    assert lines[4] == "42 -1"
    assert lines[5] == "0"  # atexit registered
    # FreeLibrary unloaded it: the atexit handler ran (fopen/fprintf) at DLL_PROCESS_DETACH.
    assert exit_file.read_text() == "atexit ran, ctor=42"


def vsprintf_stub(machine: Machine, args: list[int]) -> int:
    """ucrtbase's __stdio_common_vsprintf(options, buffer, count, format, locale,
    va_list), checked and answered: the wrapper must pass C99 snprintf behaviour and
    the caller's arguments in an x64-layout va_list (8-byte slots)."""
    options, buffer, count, fmt = args
    assert options & 2, "_CRT_INTERNAL_PRINTF_STANDARD_SNPRINTF_BEHAVIOR"
    assert machine.c_string(fmt) == b"n=%05d w=%s x=%#x"
    assert count == 64
    va_list = machine.uc.reg_read(a64.UC_ARM64_REG_X5)
    number, word = (int.from_bytes(machine.read(va_list + 8 * i, 8), "little") for i in (0, 1))
    reply = b"%d %s\0" % (number, machine.c_string(word))
    machine.write(buffer, reply)
    return len(reply) - 1


@pytest.mark.parametrize("arch", ["arm64ec", "arm64x"])
def test_c_dll_for_arm(arch: str, tmp_path: Path, runtime_cache: Path, readobj_tool: str) -> None:
    dll = build_demo(arch, tmp_path, runtime_cache)
    main, ec_view = read_pe(readobj_tool, dll).views()
    views = [main] + ([ec_view] if ec_view is not None else [])
    for view in views:
        # An entry point (the runtime's, which calls DllMain), and only system DLLs.
        entry = int(view.text.split("AddressOfEntryPoint: ")[1].split()[0], 16)
        assert entry != 0
        assert {d.lower() for d in view.imported_dlls} <= SYSTEM_DLLS
    # The snprintf wrapper runs as Arm64EC code (and as ARM64 in the native view).
    data = bytearray(4096)
    data[256:259] = b"ok\0"
    run_views = ["arm64ec"] + (["arm64"] if arch == "arm64x" else [])
    for view_name in run_views:
        result, page = call(
            dll,
            "crt_format",
            view_name,
            [DATA, 64, 42, DATA + 256],
            bytes(data),
            {"__stdio_common_vsprintf": vsprintf_stub},
        )
        assert (result, page[:6]) == (5, b"42 ok\0")


def small_project(tmp_path: Path, source: str, extra_compile_args: list[str]) -> Path:
    """A setuptools project of one C file (a DLL loaded with ctypes)."""
    project = tmp_path / "small"
    project.mkdir()
    (project / "pyproject.toml").write_text((DEMO / "pyproject.toml").read_text())
    (project / "setup.py").write_text(
        "from setuptools import Extension, setup\n"
        "setup(ext_modules=[Extension('crtdemo', ['small.c'], export_symbols=['PyInit_crtdemo'],"
        f" extra_compile_args={extra_compile_args!r})])\n"
    )
    (project / "small.c").write_text(source + "\nvoid *PyInit_crtdemo(void) { return 0; }\n")
    return project


MACROS = """
#if !defined(_M_ARM64EC) || !defined(_M_X64) || !defined(_M_AMD64) || defined(_M_ARM64)
#error "not MSVC's Arm64EC macros"
#endif
"""

SSE = """
#if defined(_M_AMD64)
#include <emmintrin.h>
int twice(const int *a) {
  __m128i x = _mm_loadu_si128((const __m128i *)a);
  return _mm_cvtsi128_si32(_mm_add_epi32(x, x));
}
#endif
"""


def test_msvc_macros_and_x86_flags(tmp_path: Path, cache_dir: Path) -> None:
    # Before any header, as MSVC: _M_ARM64EC with _M_X64/_M_AMD64; -msse2 is dropped.
    project = small_project(tmp_path, MACROS, ["-msse2", "-O2"])
    env = {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_ARCH": "arm64ec"}
    proc = pip_wheel(project, tmp_path / "dist", env)
    assert "note: -msse2 left out of the ARM compiles (x86-only flags)" in proc.stdout + proc.stderr


def test_x86_intrinsics_in_an_ec_compile_are_explained(tmp_path: Path, cache_dir: Path) -> None:
    project = small_project(tmp_path, SSE, [])
    env = {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_ARCH": "arm64ec"}
    text = assert_build_refused(project, tmp_path / "dist", env, "reached x86 code")
    assert "small.c reached x86 code (SSE/AVX intrinsics" in text
    assert "test _M_ARM64EC first" in text


def test_undefined_symbol_is_explained(tmp_path: Path, cache_dir: Path) -> None:
    # x64's 80-bit long double from __int128 calls compiler-rt's __floattixf, which
    # the C runtime leaves out (it has the float and double conversions).
    source = "long double widen(__int128 a) { return a; }"
    project = small_project(tmp_path, f"__declspec(dllexport) {source}", [])
    env = {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_ARCH": "x64"}
    text = assert_build_refused(project, tmp_path / "dist", env, "The link needs")
    assert "The link needs __floattixf, which nothing in this CRT-less build defines" in text
    assert "the compiler's builtins library (compiler-rt)" in text
    assert "sysroot setting" in text


SETJMP = """
#include <setjmp.h>
static jmp_buf target;
static void jump_back(int v) { longjmp(target, v); }
__declspec(dllexport) int crt_setjmp(int v) {
  volatile int r = setjmp(target);
  if (r == 0) jump_back(v);
  return r;
}
__declspec(dllexport) int crt_jmp_buf_size(void) { return (int)sizeof(jmp_buf); }
"""


def test_setjmp_longjmp(
    tmp_path: Path, runtime_cache: Path, windows_cpython313: Path, wine_runner: Wine
) -> None:
    # setjmp/longjmp through ucrtbase (mingw-w64's _setjmp alias of __intrinsic_setjmp).
    env = {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_CACHE_DIR": str(runtime_cache)}
    dlls = {}
    for arch in ("x64", "arm64ec"):
        (tmp_path / arch).mkdir()
        project = small_project(tmp_path / arch, SETJMP, [])
        out = tmp_path / arch / "dist"
        pip_wheel(project, out, {**env, "EC_BUILDEXT_ARCH": arch})
        (wheel,) = out.iterdir()
        with zipfile.ZipFile(wheel) as z:
            (member,) = [n for n in z.namelist() if n.endswith(".pyd")]
            z.extract(member, tmp_path / arch / "x")
        dlls[arch] = tmp_path / arch / "x" / member
    code = f"""
import ctypes
d = ctypes.CDLL({windows_path(dlls["x64"])!r})
print(d.crt_setjmp(5), d.crt_jmp_buf_size())
"""
    out = wine_runner.python(windows_cpython313, code, path=tmp_path).stdout.split()
    assert out == ["5", "256"]  # longjmp came back with 5
    # Arm64EC code has setjmp.h's x64 jmp_buf (256 bytes), as MSVC's Arm64EC has.
    (size, _) = call(dlls["arm64ec"], "crt_jmp_buf_size", "arm64ec", [])
    assert size == 256


GS = """
#include <stdio.h>
#include <string.h>
__declspec(dllexport) int crt_guarded(const char *word) {
  char buf[64];  /* a local array: /GS puts a canary beside it */
  snprintf(buf, sizeof buf, "[%s]", word);
  return (int)strlen(buf);
}
"""


def test_stack_protector(
    tmp_path: Path, runtime_cache: Path, windows_cpython313: Path, wine_runner: Wine
) -> None:
    # /GS (clang's -fstack-protector): __stack_chk_guard/__stack_chk_fail come from the
    # C runtime, the guard set at load.
    env = {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_CACHE_DIR": str(runtime_cache)}
    dlls = {}
    for arch in ("x64", "arm64ec"):
        (tmp_path / arch).mkdir()
        project = small_project(tmp_path / arch, GS, ["/GS"])
        out = tmp_path / arch / "dist"
        pip_wheel(project, out, {**env, "EC_BUILDEXT_ARCH": arch})
        (wheel,) = out.iterdir()
        with zipfile.ZipFile(wheel) as z:
            (member,) = [n for n in z.namelist() if n.endswith(".pyd")]
            z.extract(member, tmp_path / arch / "x")
        dlls[arch] = tmp_path / arch / "x" / member
        assert b"__stack_chk_fail" not in dlls[arch].read_bytes()  # linked in, not imported
    code = f"""
import ctypes
d = ctypes.CDLL({windows_path(dlls["x64"])!r})
print(d.crt_guarded(b"guarded"))
"""
    assert wine_runner.python(windows_cpython313, code, path=tmp_path).stdout.split() == ["9"]


INT128 = r"""
#define memcpy __builtin_memcpy
typedef unsigned __int128 u128;
typedef __int128 i128;
u128 __udivmodti4(u128 a, u128 b, u128 *rem);
/* Apart from the divisions: beside one, clang computes the remainder from it. */
__attribute__((noinline)) static u128 umod(u128 a, u128 b) { return a % b; }
__attribute__((noinline)) static i128 smod(i128 a, i128 b) { return a % b; }

/* Per case: a and b (16 bytes each, little-endian), a double and a float in; 14
 * results of 16 bytes out.  `/`, `%` and the casts are what clang calls the C
 * runtime's builtins for; __udivmodti4 is called by name. */
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
"""
#: The builtins INT128 needs (clang 22 calls all of them on the three targets).
INT128_BUILTINS = {
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
}
IN_SIZE, OUT_SIZE = 48, 14 * 16
TWO128, TWO127 = 2**128, 2**127


def nearest(x: int, digits: int) -> int:
    """x > 0 rounded to ``digits`` significant bits, to nearest, ties to even."""
    drop = x.bit_length() - digits
    if drop <= 0:
        return x
    q, r = divmod(x, 1 << drop)
    half = 1 << (drop - 1)
    return (q + (r > half or (r == half and q & 1))) << drop


def as_float32(x: int) -> bytes:
    """The binary32 bytes of the integer x, correctly rounded (Python's float() would
    round to double first)."""
    m = nearest(abs(x), 24) if x else 0
    value = math.inf if m >= TWO128 else float(m)
    return struct.pack("<f", -value if x < 0 else value)


def truncated(d: float, low: int, high: int) -> int:
    """C's conversion toward zero, saturated at the type's limits, NaN to 0 (the C
    runtime's choice where C leaves it undefined)."""
    if math.isnan(d):
        return 0
    if math.isinf(d):
        return high if d > 0 else low
    return max(low, min(high, int(d)))


def float32(d: float) -> float:
    """d as the nearest binary32 (the largest finite one beyond it)."""
    finite = max(-3.4e38, min(3.4e38, d)) if math.isfinite(d) else d
    return float(struct.unpack("<f", struct.pack("<f", finite))[0])


Case = tuple[int, int, float, float]


def int128_cases(rng: random.Random, count: int) -> list[Case]:
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
    cases = []
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


def int128_input(cases: list[Case]) -> bytes:
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
    slots += [as_float32(ua), as_float32(a)]
    for x in (d, f):
        slots.append(truncated(x, 0, TWO128 - 1).to_bytes(16, "little"))
        slots.append((truncated(x, -TWO127, TWO127 - 1) % TWO128).to_bytes(16, "little"))
    return b"".join(s.ljust(16, b"\0") for s in slots)


def check_int128_results(cases: list[Case], output: bytes, where: str) -> None:
    for i, (a, b, d, f) in enumerate(cases):
        got = output[i * OUT_SIZE : (i + 1) * OUT_SIZE]
        want = int128_expected(a, b, d, f)
        for slot in range(14):
            assert got[16 * slot : 16 * slot + 16] == want[16 * slot : 16 * slot + 16], (
                f"{where}: case {i} (a={a}, b={b}, d={d!r}), result {slot}"
            )


def test_int128_source_calls_the_builtins(tmp_path: Path) -> None:
    # The test DLL's source needs every builtin on every target (Debian's clang 22).
    clang, nm = DEBIAN_LLVM / "bin" / "clang", find_tool("llvm-nm")
    if not clang.is_file():
        pytest.skip("Debian's clang-22 is not installed")
    (tmp_path / "t.c").write_text(INT128)
    for triple, prefix in [
        ("x86_64-w64-windows-gnu", ""),
        ("aarch64-w64-windows-gnu", ""),
        ("arm64ec-w64-windows-gnu", "#"),  # Arm64EC code calls the EC symbols
    ]:
        obj = tmp_path / f"{triple}.o"
        argv = [str(clang), f"--target={triple}", "-O2", "-c", str(tmp_path / "t.c")]
        subprocess.run([*argv, "-o", str(obj)], check=True)
        undefined = subprocess.run([nm, "-u", str(obj)], capture_output=True, text=True).stdout
        assert {prefix + n for n in INT128_BUILTINS} <= set(undefined.split()), triple


def int128_dll(arch: str, tmp_path: Path, cache: Path) -> Path:
    (tmp_path / arch).mkdir()
    project = small_project(tmp_path / arch, INT128, [])
    out = tmp_path / arch / "dist"
    env = {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_CACHE_DIR": str(cache)}
    pip_wheel(project, out, {**env, "EC_BUILDEXT_ARCH": arch})
    (wheel,) = out.iterdir()
    with zipfile.ZipFile(wheel) as z:
        (member,) = [n for n in z.namelist() if n.endswith(".pyd")]
        z.extract(member, tmp_path / arch / "x")
    return tmp_path / arch / "x" / member


def test_int128_builtins_in_windows_cpython(
    tmp_path: Path, runtime_cache: Path, windows_cpython313: Path, wine_runner: Wine
) -> None:
    seed = random.SystemRandom().randrange(2**32)
    print(f"int128 seed: {seed}")
    cases = int128_cases(random.Random(seed), 4000)
    dll = int128_dll("x64", tmp_path, runtime_cache)
    (tmp_path / "in.bin").write_bytes(int128_input(cases))
    code = f"""
import ctypes
d = ctypes.CDLL({windows_path(dll)!r})
data = open({windows_path(tmp_path / "in.bin")!r}, "rb").read()
out = ctypes.create_string_buffer({len(cases) * OUT_SIZE})
d.int128_run(data, out, {len(cases)})
open({windows_path(tmp_path / "out.bin")!r}, "wb").write(out.raw)
"""
    wine_runner.python(windows_cpython313, code, path=tmp_path)
    check_int128_results(cases, (tmp_path / "out.bin").read_bytes(), f"x64, seed {seed}")


@pytest.mark.parametrize("arch", ["arm64ec", "arm64x"])
def test_int128_builtins_for_arm(
    arch: str, tmp_path: Path, runtime_cache: Path, readobj_tool: str
) -> None:
    seed = random.SystemRandom().randrange(2**32)
    print(f"int128 seed: {seed}")
    dll = int128_dll(arch, tmp_path, runtime_cache)
    main, ec_view = read_pe(readobj_tool, dll).views()
    for view in [main] + ([ec_view] if ec_view is not None else []):
        assert {d.lower() for d in view.imported_dlls} <= SYSTEM_DLLS  # linked in
    rng = random.Random(seed)
    for view_name in ["arm64ec"] + (["arm64"] if arch == "arm64x" else []):
        for _ in range(3):  # batches: the emulator runs a bounded number of instructions
            cases = int128_cases(rng, 300)
            data = int128_input(cases)
            args = [DATA, DATA + len(data), len(cases)]
            _, page = call(dll, "int128_run", view_name, args, data + bytes(300 * OUT_SIZE))
            check_int128_results(cases, page[len(data) :], f"{arch} {view_name}, seed {seed}")
