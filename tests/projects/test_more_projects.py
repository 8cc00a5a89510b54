"""More unchanged PyPI projects (docs/real-projects.md): Arm64EC, Arm64X and x64.

Each sdist is built as published but for its ``[build-system]`` table
(tests/support/pypi_projects.unpack), on CPython 3.13 with no python-root, CRT-less, with
the runtimes from the tests' persistent cache.  The Arm64EC and Arm64X modules are read
with llvm-readobj and LIEF (machine, CHPE metadata, code map, the one ``PyInit_``
export, and system DLLs only, in each view); the x64 modules are imported and called
by the real Windows x64 CPython 3.13 under Wine, against answers computed here.

The projects were chosen for what they exercise that the other real-project tests do
not: kiwisolver is C++ (its solver throws C++ exceptions that become Python ones)
built through cppy's ``build_ext``, which links MSVC's ``ucrt.lib`` and
``vcruntime.lib`` by name; murmurhash is Cython-generated C++; regex is two C files of
27,000 and 32,000 lines; websockets masks with NEON in the ARM64 view (``__ARM_NEON``),
with its portable loop in the Arm64EC view (which defines neither ``__ARM_NEON`` nor
``__SSE2__``, as MSVC's Arm64EC) and with SSE2 on x64 (``__SSE2__``); simplejson, with Decimal
support, is checked against the standard library's json; zope.interface and wrapt are
C types that replace pure-Python ones.  The projects that fail, and why, are in
docs/real-projects.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ec_buildext.arch import get_arch
from ec_buildext.toolchains.crtless import IMPORT_LIBS, MSVC_RUNTIME_LIBS, crtless_support
from ec_buildext.toolchains.llvm import find_llvm

from ..support import wine
from ..support.commands import run
from ..support.llvm import find_tool
from ..support.oracles import murmur3_32
from ..support.pe import read_pe
from ..support.pypi_projects import SETUPTOOLS, Project, build_sdist, check_arch
from ..support.wine import Wine, run_in_windows

pytestmark = pytest.mark.slow
SYSTEM_DLLS = {"ucrtbase.dll", "kernel32.dll", "python313.dll"}
#: What the projects' own setup.py files import at build time (no build isolation).
BUILD_DEPS = ["setuptools>=80", "setuptools-scm[toml]>=6.2", "Cython>=3.1", "cppy>=1.3.0"]


PROJECTS = {
    p.name: p
    for p in (
        Project("kiwisolver", "1.5.1", ("kiwisolver._cext",)),
        Project("murmurhash", "1.0.16", ("murmurhash.mrmr",)),
        Project("regex", "2026.11.19", ("regex._regex",)),
        Project("simplejson", "4.3.0", ("simplejson._speedups",)),
        Project("websockets", "17.4", ("websockets.speedups",)),
        Project("wrapt", "2.5.2", ("wrapt._wrappers",)),
        Project("zope-interface", "8.7", ("zope.interface._zope_interface_coptimizations",)),
    )
}


@pytest.fixture(scope="module")
def wheel(py313: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Path]]:
    """wheel(project, arch) -> the wheel, built once per module."""
    run([str(py313), "-m", "pip", "install", "-q", *BUILD_DEPS])
    root = tmp_path_factory.mktemp("more")
    built: dict[tuple[str, str], Path] = {}

    def one(name: str, arch: str) -> Path:
        if (name, arch) not in built:
            project = PROJECTS[name]
            folder = root / f"{name}-{arch}"
            proc = build_sdist(py313, project.name, project.version, SETUPTOOLS, arch, folder)
            assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
            (built[name, arch],) = (folder / "dist").glob("*.whl")
        return built[name, arch]

    yield one


@pytest.mark.parametrize("arch", ["arm64ec", "arm64x"])
@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_builds(
    name: str, arch: str, wheel: Callable[[str, str], Path], readobj_tool: str, tmp_path: Path
) -> None:
    """The unchanged project builds; each module is the arch's kind of image, exports
    only its PyInit_, and every view imports system DLLs and python313.dll only."""
    built = wheel(name, arch)
    check_arch(built, arch, PROJECTS[name].modules, tmp_path)
    for pyd in tmp_path.rglob("*.pyd"):
        main, ec_view = read_pe(readobj_tool, pyd).views()
        for view in [main] + ([ec_view] if ec_view is not None else []):
            assert {d.lower() for d in view.imported_dlls} <= SYSTEM_DLLS, pyd


def test_x64_modules_run_in_windows_cpython(
    wheel: Callable[[str, str], Path], windows_cpython313: Path, wine_runner: Wine, tmp_path: Path
) -> None:
    """x64 builds in the real Windows CPython 3.13: each call is checked to go through
    the compiled module, and its answer is computed here (or is arithmetic)."""
    wheels = [wheel(name, "x64") for name in sorted(PROJECTS)]
    words = ["foo", "Hello, world!", "", "\u00e9t\u00e9"]
    payload, mask = b"hello, world!" * 3, b"\x01\x02\x03\x04"
    doc = {"b": [1, 2.5, None, True, "\u00e9\n"], "a": {"x": -3}}
    code = f"""
import kiwisolver, kiwisolver._cext
x, y = kiwisolver.Variable("x"), kiwisolver.Variable("y")
s = kiwisolver.Solver()
s.addConstraint(x + y == 10); s.addConstraint(x == 3 * y); s.addConstraint((x >= 100) | "weak")
s.updateVariables()
print(kiwisolver.Solver is kiwisolver._cext.Solver, x.value(), y.value())
try:
    s.addConstraint(x == 11)
except kiwisolver.UnsatisfiableConstraint as e:
    print(type(e).__name__, s.hasConstraint(e.args[0]))
import murmurhash, murmurhash.mrmr
print(murmurhash.hash is murmurhash.mrmr.hash, [murmurhash.hash(w) for w in {words!r}])
print(murmurhash.hash("foo", seed=42))
import regex, regex._regex
nested = regex.fullmatch(r"(\\((?:[^()]++|(?1))*\\))", "(a(b)c)")[1]
print(regex._regex.__file__.endswith(".pyd"), nested)
fuzzy = regex.search(r"(?:hello){{s<=1}}", "say hallo").group()
print(fuzzy, regex.sub(r"\\p{{Lu}}", "_", "ABcD\\u00c9"))
import simplejson, simplejson._speedups
print(simplejson.encoder.c_make_encoder is simplejson._speedups.make_encoder)
print(simplejson.dumps({doc!r}, sort_keys=True))
print(ascii(simplejson.loads('[1.10, "\\u00e9"]', use_decimal=True)))
import websockets.speedups as speedups
print(speedups.__file__.endswith(".pyd"), speedups.apply_mask({payload!r}, {mask!r}).hex())
import wrapt, wrapt._wrappers
calls = []
@wrapt.decorator
def twice(wrapped, instance, args, kwargs):
    calls.append(args)
    return 2 * wrapped(*args, **kwargs)
@twice
def add(a, b):
    return a + b
print(type(add) is wrapt._wrappers.FunctionWrapper, add(2, 3), calls, add.__name__)
import zope.interface, zope.interface.interface
import zope.interface._zope_interface_coptimizations as c
class IFoo(zope.interface.Interface):
    pass
@zope.interface.implementer(IFoo)
class Foo:
    pass
print(zope.interface.interface.InterfaceBase is c.InterfaceBase, IFoo.implementedBy(Foo))
print(IFoo.providedBy(Foo()), IFoo.providedBy(object()))
"""
    out = run_in_windows(wine_runner, windows_cpython313, wheels, code, tmp_path)
    masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    assert out == [
        # x + y = 10 and x = 3y (required) beat the weak x >= 100.
        "True 7.5 2.5",
        # The C++ solver throws; the module turns it into the Python exception and
        # leaves the constraint out.
        "UnsatisfiableConstraint False",
        f"True {[murmur3_32(w.encode()) for w in words]}",
        str(murmur3_32(b"foo", 42)),
        # A recursive pattern and a possessive quantifier (neither is re's).
        "True (a(b)c)",
        # One substitution allowed; upper-case letters (Unicode property) replaced.
        "hallo __c__",
        "True",
        json.dumps(doc, sort_keys=True),
        "[Decimal('1.10'), '\\xe9']",
        f"True {masked.hex()}",
        "True 10 [(2, 3)] add",
        "True True",
        "True False",
    ], out


#: One function of each import library beyond the C library, as its DLL exports it
#: (Microsoft's documentation of each function names the DLL).
WIN32_FUNCTIONS = {
    "kernel32": ("GetTickCount64", "kernel32.dll"),
    "user32": ("MessageBeep", "user32.dll"),
    "advapi32": ("RegCloseKey", "advapi32.dll"),
    "ntdll": ("RtlGetVersion", "ntdll.dll"),
    "shell32": ("SHGetFolderPathW", "shell32.dll"),
    "ole32": ("CoTaskMemFree", "ole32.dll"),
    "oleaut32": ("SysFreeString", "oleaut32.dll"),
    "gdi32": ("DeleteObject", "gdi32.dll"),
    "ws2_32": ("WSAGetLastError", "ws2_32.dll"),
    "bcrypt": ("BCryptGenRandom", "bcrypt.dll"),
    "psapi": ("GetProcessMemoryInfo", "psapi.dll"),
    "iphlpapi": ("GetAdaptersAddresses", "iphlpapi.dll"),
    "pdh": ("PdhOpenQueryW", "pdh.dll"),
    "netapi32": ("NetApiBufferFree", "netapi32.dll"),
    "powrprof": ("CallNtPowerInformation", "powrprof.dll"),
    "version": ("GetFileVersionInfoSizeW", "version.dll"),
    "shlwapi": ("PathFileExistsW", "shlwapi.dll"),
    "crypt32": ("CertOpenStore", "crypt32.dll"),
    "secur32": ("GetUserNameExW", "secur32.dll"),
    "userenv": ("GetUserProfileDirectoryW", "userenv.dll"),
    "dbghelp": ("SymInitialize", "dbghelp.dll"),
    "winmm": ("timeGetTime", "winmm.dll"),
    "setupapi": ("SetupDiDestroyDeviceInfoList", "setupapi.dll"),
    "rpcrt4": ("UuidCreate", "rpcrt4.dll"),
    "mswsock": ("AcceptEx", "mswsock.dll"),
    "wtsapi32": ("WTSFreeMemory", "wtsapi32.dll"),
}


def link_every_import_library(arch: str, out: Path) -> tuple[Path, Path]:
    """(a DLL calling one function of each import library (and memcpy and strlen), the
    lib folder it was linked with), linked for ``arch`` by name: ucrt.lib,
    vcruntime.lib and each library of WIN32_FUNCTIONS."""
    llvm = find_llvm("ziglang")
    target = get_arch(arch)
    support = crtless_support(llvm, target)
    functions = [f for f, _ in WIN32_FUNCTIONS.values()]
    source = out / "m.c"
    source.write_text(
        "typedef unsigned long long size_t;\n"
        "void *memcpy(void *, const void *, size_t);\nsize_t strlen(const char *);\n"
        + "".join(f"__declspec(dllimport) int {f}(void);\n" for f in functions)
        + "__declspec(dllexport) size_t copy(char *d, const char *s) {\n"
        "  memcpy(d, s, strlen(s) + 1);\n  return strlen(d);\n}\n"
        "__declspec(dllexport) int call_all(void) {\n  return "
        + " + ".join(f"{f}()" for f in functions)
        + ";\n}\n"
    )
    objects = []
    for view in target.views:
        obj = out / f"m-{view.name}.obj"
        argv = [str(llvm.tool("clang")), f"--target={view.gnu_triple}", "-O2", "-fno-builtin"]
        run([*argv, "-c", str(source), "-o", str(obj)])
        objects.append(str(obj))
    runtime = [support.runtime_object, support.native_runtime_object]
    libraries = ["ucrt.lib", "vcruntime.lib", *(f"{n}.lib" for n in WIN32_FUNCTIONS)]
    dll = out / "m.dll"
    argv = [str(llvm.tool("lld-link")), "/dll", "/noentry", "/nodefaultlib", "/lldmingw"]
    argv += [f"/machine:{target.machine}", *objects, *(str(r) for r in runtime if r)]
    argv += [f"/libpath:{support.lib_dir}", *libraries, f"/out:{dll}"]
    run(argv)
    return dll, support.lib_dir


@pytest.mark.parametrize("arch", ["x64", "arm64ec", "arm64x"])
def test_import_libraries_link_in_every_view(
    arch: str, tmp_path: Path, readobj_tool: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every generated import library links, by name, in every view: a DLL calling one
    function of each imports it from its DLL (in both views of Arm64X).  With them
    ucrt.lib and vcruntime.lib, which projects built for MSVC link by name (cppy's
    build_ext): ucrt.lib imports ucrtbase.dll, vcruntime.lib nothing, so no
    vcruntime140.dll is needed."""
    monkeypatch.setenv("EC_BUILDEXT_CACHE_DIR", str(wine.tests_cache() / "runtime-cache"))
    assert MSVC_RUNTIME_LIBS == {"ucrt": "ucrtbase", "vcruntime": None}
    assert sorted(WIN32_FUNCTIONS) == sorted(n for n in IMPORT_LIBS if n != "ucrtbase")
    dll, lib_dir = link_every_import_library(arch, tmp_path)
    functions = [f for f, _ in WIN32_FUNCTIONS.values()]
    main, ec_view = read_pe(readobj_tool, dll).views()
    views = [main] + ([ec_view] if ec_view is not None else [])
    assert len(views) == len(get_arch(arch).views)
    wanted = {"ucrtbase.dll", *(d for _, d in WIN32_FUNCTIONS.values())}
    for view in views:
        assert sorted(d.lower() for d in view.imported_dlls) == sorted(wanted)
        assert view.exports == ["call_all", "copy"]
        for function in functions:
            assert f"Symbol: {function} " in view.text
    # Read by Debian's llvm-nm: every member of ucrt.lib is an import from ucrtbase.dll
    # (short import members are named for their DLL); vcruntime.lib has no members.
    nm = find_tool("llvm-nm")
    assert run([nm, str(lib_dir / "vcruntime.lib")]).stdout.strip() == ""
    members = run([nm, str(lib_dir / "ucrt.lib")]).stdout
    assert " T __imp_strlen\n" in members
    assert {m for m in re.findall(r"^(\S+):$", members, re.M)} == {"ucrtbase.dll"}


def test_import_libraries_load_in_windows(
    tmp_path: Path, windows_cpython313: Path, wine_runner: Wine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The x64 DLL of test_import_libraries_link_in_every_view loads in the Windows
    CPython under Wine (the loader finds every imported DLL and function by name) and
    its memcpy/strlen run."""
    monkeypatch.setenv("EC_BUILDEXT_CACHE_DIR", str(wine.tests_cache() / "runtime-cache"))
    dll, _ = link_every_import_library("x64", tmp_path)
    windows_path = "Z:" + str(dll).replace("/", "\\")
    code = f"""
import ctypes
lib = ctypes.CDLL({windows_path!r})
buf = ctypes.create_string_buffer(16)
print(lib.copy(buf, b"ec-buildext"), buf.value)
"""
    out = wine_runner.python(windows_cpython313, code, path=tmp_path).stdout.splitlines()
    assert out == ["11 b'ec-buildext'"], out
