"""ec-buildext's C runtime for CRT-less builds (toolchains/crt.py), with the real tools.

A C DLL with a static constructor, a DllMain, atexit and printf-family calls is built
with the setuptools backend and no SDK: the x64 build runs in the real Windows
CPython under Wine (ctypes); the Arm64EC and Arm64X builds are read with Debian's
llvm-readobj and their snprintf wrapper is run in unicorn.

The runtimes are cached in a persistent folder (``runtime-cache`` of the tests'
cache): every isolated build shares them, as on a user's machine.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from unicorn import arm64_const as a64

from ..support import wine
from ..support.commands import assert_build_refused, pip_wheel
from ..support.emulate import DATA, Machine, call
from ..support.pe import read_pe
from ..support.small_dll import DEMO, SYSTEM_DLLS, small_dll, small_project
from ..support.wine import Wine, windows_path

pytestmark = pytest.mark.slow


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


MACROS = """
#if !defined(_M_ARM64EC) || !defined(_M_X64) || !defined(_M_AMD64) || defined(_M_ARM64)
#error "not MSVC's Arm64EC macros"
#endif
"""

SSE = """
#if defined(_M_AMD64)
#include <emmintrin.h>
__declspec(dllexport) int twice(const int *a) {
  __m128i x = _mm_loadu_si128((const __m128i *)a);
  return _mm_cvtsi128_si32(_mm_add_epi32(x, x));
}
#endif
"""
AVX2 = """
#if defined(_M_AMD64)
#include <immintrin.h>
int twice(const int *a) {
  __m256i x = _mm256_loadu_si256((const __m256i *)a);
  return _mm256_extract_epi32(_mm256_add_epi32(x, x), 0);
}
#endif
"""
MMX = """
#if defined(_M_AMD64)
#include <mmintrin.h>
int twice(__m64 a) { return _mm_cvtsi64_si32(_mm_add_pi8(a, a)); }
#endif
"""


def test_msvc_macros_and_x86_flags(tmp_path: Path, cache_dir: Path) -> None:
    # Before any header, as MSVC: _M_ARM64EC with _M_X64/_M_AMD64; -msse2 is dropped.
    project = small_project(tmp_path, MACROS, ["-msse2", "-O2"])
    env = {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_ARCH": "arm64ec"}
    proc = pip_wheel(project, tmp_path / "dist", env)
    assert "note: -msse2 left out of the ARM compiles (x86-only flags)" in proc.stdout + proc.stderr


def test_sse2_in_an_ec_compile_builds(tmp_path: Path, cache_dir: Path, readobj_tool: str) -> None:
    # SSE2 chosen by _M_AMD64, as MSVC's Arm64EC code can: ec-buildext's softintrin.
    project = small_project(tmp_path, SSE, ["-msse2"])
    env = {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_ARCH": "arm64x"}
    pip_wheel(project, tmp_path / "dist", env)
    (wheel,) = (tmp_path / "dist").iterdir()
    with zipfile.ZipFile(wheel) as z:
        (member,) = [n for n in z.namelist() if n.endswith(".pyd")]
        z.extract(member, tmp_path / "x")
    main, ec_view = read_pe(readobj_tool, tmp_path / "x" / member).views()
    assert ec_view is not None and "twice" in ec_view.exports  # the SSE2 path, EC only
    assert "twice" not in main.exports


def test_avx2_in_an_ec_compile_builds(tmp_path: Path, cache_dir: Path, readobj_tool: str) -> None:
    # AVX2 chosen by _M_AMD64 (code compiled for run-time dispatch): softintrin's AVX2.
    project = small_project(
        tmp_path, AVX2.replace("int twice", "__declspec(dllexport) int twice"), []
    )
    env = {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_ARCH": "arm64ec"}
    pip_wheel(project, tmp_path / "dist", env)
    (wheel,) = (tmp_path / "dist").iterdir()
    with zipfile.ZipFile(wheel) as z:
        (member,) = [n for n in z.namelist() if n.endswith(".pyd")]
        z.extract(member, tmp_path / "x")
    main, _ = read_pe(readobj_tool, tmp_path / "x" / member).views()
    assert "twice" in main.exports


def test_x86_code_in_an_ec_compile_is_explained(tmp_path: Path, cache_dir: Path) -> None:
    # MMX operations (MSVC has none for x64 either) stay unavailable.
    project = small_project(tmp_path, MMX, [])
    env = {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_ARCH": "arm64ec"}
    text = assert_build_refused(project, tmp_path / "dist", env, "reached x86 code")
    # clang's error at the use (softintrin's message), then the paragraph.
    assert "small.c(" in text
    assert "'_mm_add_pi8' is unavailable: ec-buildext: MMX intrinsics" in text
    assert "small.c reached x86 code (AVX intrinsics, x86 assembly or __cpuid)" in text
    assert "ec-buildext emulates SSE to SSE4.2 intrinsics in Arm64EC code" in text
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
    dlls = {arch: small_dll(tmp_path, SETJMP, arch, runtime_cache) for arch in ("x64", "arm64ec")}
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
    dlls = {}
    for arch in ("x64", "arm64ec"):
        dlls[arch] = small_dll(tmp_path, GS, arch, runtime_cache, ["/GS"])
        assert b"__stack_chk_fail" not in dlls[arch].read_bytes()  # linked in, not imported
    code = f"""
import ctypes
d = ctypes.CDLL({windows_path(dlls["x64"])!r})
print(d.crt_guarded(b"guarded"))
"""
    assert wine_runner.python(windows_cpython313, code, path=tmp_path).stdout.split() == ["9"]


SEH = """
#include <windows.h>
__declspec(dllexport) int seh_raise(DWORD code) {
  __try { RaiseException(code, 0, 0, NULL); return -1; }
  __except (GetExceptionCode() == code ? EXCEPTION_EXECUTE_HANDLER
                                       : EXCEPTION_CONTINUE_SEARCH) { return 1; }
}
__declspec(dllexport) int seh_access_violation(volatile int *p) {
  int r = 0;
  __try { *p = 1; r = 2; }
  __except (GetExceptionCode() == EXCEPTION_ACCESS_VIOLATION) { r = 3; }
  return r;
}
__declspec(dllexport) int seh_finally(void) {
  volatile int log = 0;
  __try {
    __try { RaiseException(0xE0000001, 0, 0, NULL); } __finally { log = 7; }
  } __except (EXCEPTION_EXECUTE_HANDLER) { return log + 1; }
  return 0;
}
"""


def _seh_imports(view_text: str) -> list[str]:
    """The DLLs a view imports __C_specific_handler from (llvm-readobj --coff-imports)."""
    blocks = re.findall(r"Import \{\s*\n\s*Name: (\S+)(.*?)\n\s*\}", view_text, re.S)
    return [dll for dll, body in blocks if "Symbol: __C_specific_handler " in body]


def test_structured_exception_handling(
    tmp_path: Path,
    runtime_cache: Path,
    windows_cpython313: Path,
    wine_runner: Wine,
    readobj_tool: str,
) -> None:
    # MSVC's __try/__except/__finally compile (clang's GNU mode needs -fms-extensions
    # for them) and take the system's __C_specific_handler, in every view.
    dlls = {}
    for arch in ("x64", "arm64ec", "arm64x"):
        dlls[arch] = small_dll(tmp_path, SEH, arch, runtime_cache)
        main, ec_view = read_pe(readobj_tool, dlls[arch]).views()
        for view in [main] + ([ec_view] if ec_view is not None else []):
            # x64's kernel32.dll exports it too (forwarded to ntdll.dll), and comes first.
            (dll,) = _seh_imports(view.text)
            assert dll.lower() in SYSTEM_DLLS, view.text[-3000:]
    code = f"""
import ctypes
d = ctypes.CDLL({windows_path(dlls["x64"])!r})
print(d.seh_raise(0xE0000042), d.seh_access_violation(None), d.seh_finally())
"""
    # RaiseException caught by its code, a null write caught as an access violation,
    # and the __finally block ran while the exception passed through it.
    out = wine_runner.python(windows_cpython313, code, path=tmp_path).stdout.split()
    assert out == ["1", "3", "8"]


MIXED_CASE = """
__declspec(dllimport) int __stdcall WSAGetLastError(void);
__declspec(dllimport) unsigned long __stdcall GetAdaptersAddresses(
    unsigned long, unsigned long, void *, void *, unsigned long *);
__declspec(dllexport) int call_both(void) {
  unsigned long size = 0;
  return WSAGetLastError() + (int)GetAdaptersAddresses(0, 0, 0, 0, &size);
}
"""


@pytest.mark.parametrize("arch", ["x64", "arm64ec", "arm64x"])
def test_library_names_in_any_case(
    arch: str, tmp_path: Path, runtime_cache: Path, readobj_tool: str
) -> None:
    # setup.py names Windows libraries as Windows spells them (Ws2_32, IPHLPAPI); the
    # generated import libraries are lower-case files, found through lld's overlay.
    dll = small_dll(tmp_path, MIXED_CASE, arch, runtime_cache, libraries=["Ws2_32", "IPHLPAPI"])
    main, ec_view = read_pe(readobj_tool, dll).views()
    for view in [main] + ([ec_view] if ec_view is not None else []):
        assert {"ws2_32.dll", "iphlpapi.dll"} <= {d.lower() for d in view.imported_dlls}
