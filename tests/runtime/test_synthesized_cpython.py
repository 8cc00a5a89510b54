"""The synthesized target CPython (toolchains/cpython.py), against the real one.

Modules built against the synthesized layout are imported and called by the real
Windows x64 CPython 3.13 under Wine; its import libraries are compared with the
real DLLs' export tables; the same module built against both layouts must import
the same functions.  Readers are Debian's llvm-22 tools, never ec-buildext's code.
"""

from __future__ import annotations

import glob
import os
import re
import sys
import sysconfig
import time
import zipfile
from pathlib import Path
from typing import Optional

import pytest

from ec_buildext.arch import get_arch
from ec_buildext.errors import UserError
from ec_buildext.toolchains import cpython as cpython_module
from ec_buildext.toolchains.llvm import LlvmToolchain, find_llvm, mingw_root, ziglang_dir

from ..support.commands import assert_build_refused, pip_wheel, run
from ..support.llvm import DEBIAN_LLVM, find_tool
from ..support.paths import ROOT, SAMPLES
from ..support.paths import TEST_DATA as DATA
from ..support.pe import raw_machine, read_pe
from ..support.wine import Wine

pytestmark = pytest.mark.slow
#: Machine field of a COFF object file (its first two bytes).
OBJECT_MACHINES = {"x64": 0x8664, "arm64ec": 0xA641, "arm64": 0xAA64}
#: Names the 3.13 headers declare that python313.dll does not export (ARM64EC.md §7):
#: the synthesized lists must leave them out.
DECLARED_NOT_EXPORTED_313 = {"Py_FrozenMain", "_PyTrash_begin", "_PyTrash_end"}
#: What backports.zstd's Argument Clinic code imports from python313.dll that 3.13
#: declares in internal headers only (internal/pycore_modsupport.h, pycore_abstract.h).
INTERNAL_API = ("_PyArg_BadArgument", "_PyArg_CheckPositional", "_PyArg_UnpackKeywords")
INTERNAL_API += ("_PyNumber_Index",)
#: A name a header declares exported: PyAPI_FUNC(type) name( or PyAPI_DATA(type) name.
PYAPI_DECLARATION = re.compile(r"PyAPI_(?:FUNC|DATA)\((?:[^()]|\([^()]*\))*\)\s*(\w+)")

SYNTHESIZE = """
import sys, time
from ec_buildext.arch import get_arch
from ec_buildext.toolchains.cpython import synthesized_cpython
from ec_buildext.toolchains.llvm import find_llvm
llvm = find_llvm()
for machine in sys.argv[1:]:
    start = time.perf_counter()
    print(synthesized_cpython(llvm, get_arch(machine)), time.perf_counter() - start)
"""


def synthesize(python: Path, cache: Path, *machines: str, pythonpath: str = "") -> list[Path]:
    """The layouts ``python`` synthesizes, each made in a process of its own."""
    env = {**os.environ, "EC_BUILDEXT_CACHE_DIR": str(cache)}
    env.pop("PYTHONPATH", None)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    out = run([str(python), "-c", SYNTHESIZE, *machines], env=env).stdout.split("\n")
    return [Path(line.rsplit(" ", 1)[0]) for line in out if line]


def coff_exports(dll: Path) -> set[str]:
    text = run([find_tool("llvm-readobj"), "--coff-exports", str(dll)]).stdout
    return set(re.findall(r"^\s*Name: (\S+)$", text, re.M))


def import_library(lib: Path) -> tuple[set[str], set[str]]:
    """(every imported name, the names with a code thunk) of an import library."""
    text = run([find_tool("llvm-nm"), "--defined-only", str(lib)], check=False).stdout
    names = set(re.findall(r" __imp_(\S+)$", text, re.M))
    code = {n for n in re.findall(r" T (\S+)$", text, re.M) if n in names}
    return names, code


def coff_imports(dll: Path) -> dict[str, list[str]]:
    text = run([find_tool("llvm-readobj"), "--coff-imports", str(dll)]).stdout
    imports: dict[str, list[str]] = {}
    for block in text.split("Import {")[1:]:
        name = re.search(r"Name: (\S+)", block)
        assert name is not None
        imports[name.group(1)] = sorted(re.findall(r"Symbol: (\S+)", block))
    return imports


@pytest.fixture(scope="session")
def session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ec-cache-cpython")


@pytest.fixture(scope="session")
def layouts313(py313: Path, session_cache: Path) -> dict[str, Path]:
    x64, arm64 = synthesize(py313, session_cache, "x64", "arm64")
    return {"x64": x64, "arm64": arm64}


def pip_wheel_313(
    py313: Path, project: Path, out: Path, cache: Path, python_root: Optional[Path], *settings: str
) -> Path:
    """The one wheel a ``pip wheel`` of ``project`` on CPython 3.13 makes (no
    ``python_root``: the build makes the target CPython itself, as a user's would)."""
    env = {**os.environ, "EC_BUILDEXT_CACHE_DIR": str(cache), "EC_BUILDEXT_LLVM_ROOT": "ziglang"}
    env.pop("EC_BUILDEXT_PYTHON_ROOT", None)
    if python_root is not None:
        env["EC_BUILDEXT_PYTHON_ROOT"] = str(python_root)
    argv = [str(py313), "-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "-v"]
    argv += [str(project), "-w", str(out), *(f"-Cec-buildext.{s}" for s in settings)]
    run(argv, env=env)
    (wheel,) = out.glob("*.whl")
    return wheel


def unpack(wheel: Path, dest: Path) -> Path:
    with zipfile.ZipFile(wheel) as z:
        z.extractall(dest)
    return dest


def copy(project: Path, dest: Path) -> Path:
    run(["cp", "-r", str(project), str(dest)])
    return dest


def test_layout_is_windows_cpython(py313: Path, session_cache: Path) -> None:
    """Headers of the build's CPython with a Windows pyconfig.h, import libraries of
    each CPython machine, and the second call free (cached)."""
    started = time.perf_counter()
    x64, arm64 = synthesize(py313, session_cache, "x64", "arm64")
    again = synthesize(py313, session_cache, "x64", "arm64")
    assert again == [x64, arm64]
    print(f"synthesized + cached lookup in {time.perf_counter() - started:.2f} s")
    host = run([str(py313), "-c", "import sysconfig; print(sysconfig.get_path('include'))"])
    host_include = Path(host.stdout.strip())
    readobj = find_tool("llvm-readobj")
    for layout, machine in ((x64, "x86-64"), (arm64, "ARM64")):
        config = (layout / "include" / "pyconfig.h").read_text()
        assert (host_include / "pyconfig.h").read_text() != config
        for fact in ("SIZEOF_LONG 4", "SIZEOF_WCHAR_T 2", "HAVE_DECLSPEC_DLL", "MS_WIN64"):
            assert f"#define {fact}" in config
        assert "HAVE_UNISTD_H 1" not in config.replace("Not on Windows", "")
        assert (layout / "include" / "Python.h").read_bytes() == (
            host_include / "Python.h"
        ).read_bytes()
        for lib in ("python313.lib", "python3.lib"):
            text = run([readobj, "--file-headers", str(layout / "libs" / lib)]).stdout
            assert f"COFF-{machine}" in text or f"COFF-{machine.lower()}" in text.lower()


def test_import_libraries_against_the_real_dlls(
    layouts313: dict[str, Path], windows_cpython313: Path
) -> None:
    """(a) Nothing the synthesized libraries import is missing from the real DLLs,
    and data/code agree with the real import libraries."""
    real_dll = coff_exports(windows_cpython313 / "python313.dll")
    real_abi3 = coff_exports(windows_cpython313 / "python3.dll")
    ours, ours_code = import_library(layouts313["x64"] / "libs" / "python313.lib")
    abi3, abi3_code = import_library(layouts313["x64"] / "libs" / "python3.lib")
    assert ours - real_dll == set()
    assert abi3 - real_abi3 == set()
    assert not DECLARED_NOT_EXPORTED_313 & ours
    # (c) Every real export some header of the install declares (read here by a
    # pattern, not by clang) is in python313.lib, internal headers' included.
    include = layouts313["x64"] / "include"
    declared = set()
    for header in include.rglob("*.h"):
        declared.update(PYAPI_DECLARATION.findall(header.read_text(errors="replace")))
    assert real_dll & declared - ours == set()
    assert set(INTERNAL_API) <= ours
    print(
        f"python313.dll exports missing from python313.lib: {len(real_dll - ours)}, "
        f"declared by no header: {sorted(real_dll - ours)}"
    )
    _, real_code = import_library(windows_cpython313 / "libs" / "python313.lib")
    assert ours_code == ours & real_code
    _, real_abi3_code = import_library(windows_cpython313 / "libs" / "python3.lib")
    assert abi3_code == abi3 & real_abi3_code
    print(
        f"python313: {len(ours)} synthesized ({len(ours - ours_code)} data) of "
        f"{len(real_dll)} real exports; python3: {len(abi3)} of {len(real_abi3)}"
    )
    # The ARM64 CPython's libraries list the same API (no real one to compare with).
    arm64, arm64_code = import_library(layouts313["arm64"] / "libs" / "python313.lib")
    assert (arm64, arm64_code) == (ours, ours_code)


def ecapi_project(backend: str, dest: Path) -> Path:
    """A copy of the ecapi test project for the setuptools or the CMake backend."""
    if backend == "setuptools":
        return copy(DATA / "cpython_api", dest)
    project = copy(DATA / "cpython_api_cmake", dest)
    run(["cp", str(DATA / "cpython_api" / "ecapi.c"), str(project)])
    return project


@pytest.mark.parametrize("backend", ["setuptools", "cmake"])
def test_module_runs_in_windows_cpython(
    backend: str,
    py313: Path,
    session_cache: Path,
    windows_cpython313: Path,
    wine_runner: Wine,
    tmp_path: Path,
) -> None:
    """x64 modules built with no python-root (the build makes the target CPython), full
    and stable API, are imported and called by the real Windows CPython 3.13; errors
    reach Python.  The CMake project asks FindPython for Interpreter and
    Development.Module, as scikit-build-core's documentation says to."""
    site = tmp_path / "site"
    # ecapi (full API) through the backend under test, ecabi3 (stable ABI) through
    # the setuptools one.
    projects = [ecapi_project(backend, tmp_path / "ecapi")]
    projects.append(copy(SAMPLES / "setuptools_limited_api", tmp_path / "ecabi3"))
    for project in projects:
        out = tmp_path / f"{project.name}-dist"
        unpack(pip_wheel_313(py313, project, out, session_cache, None, "arch=x64"), site)
    assert sorted(p.name for p in site.glob("*.pyd")) == ["ecabi3.pyd", "ecapi.cp313-win_amd64.pyd"]
    code = """
import ecapi, ecabi3
print(ecapi.tally(["a", "b", "a"]) == {"a": 2, "b": 1})
print(ecapi.repeat("x", 3) == ["x", "x", "x"])
print(ecapi.sizes())
try:
    ecapi.repeat("x", -1)
except ecapi.Error as e:
    print(type(e).__name__, isinstance(e, ValueError), e)
try:
    ecapi.tally("not a list")
except TypeError:
    print("TypeError")
print(ecabi3.add(2, 40), ecabi3.machine())
"""
    out = wine_runner.python(windows_cpython313, code, path=site).stdout.splitlines()
    assert out == [
        "True",
        "True",
        "(4, 2, 8, 8)",  # LLP64: long 4, wchar_t 2, Py_ssize_t and pointers 8
        "Error True negative count",
        "TypeError",
        "42 x64",
    ], out


def test_same_imports_as_against_the_real_cpython(
    py313: Path,
    layouts313: dict[str, Path],
    session_cache: Path,
    windows_cpython313: Path,
    tmp_path: Path,
) -> None:
    """(b) The same module built against the synthesized and the real CPython
    imports the same functions from the same DLLs."""
    imports = []
    for name, root in (("synthesized", layouts313["x64"]), ("real", windows_cpython313)):
        source = copy(DATA / "cpython_api", tmp_path / f"src-{name}")
        wheel = pip_wheel_313(py313, source, tmp_path / name, session_cache, root, "arch=x64")
        (pyd,) = unpack(wheel, tmp_path / f"site-{name}").glob("*.pyd")
        imports.append(coff_imports(pyd))
    assert imports[0] == imports[1]
    assert "python313.dll" in imports[0]


def test_arm64ec_module_imports_python313(
    py313: Path, layouts313: dict[str, Path], session_cache: Path, tmp_path: Path
) -> None:
    """An Arm64EC module links the synthesized x64 CPython's python313.lib."""
    source = copy(DATA / "cpython_api", tmp_path / "src")
    wheel = pip_wheel_313(
        py313, source, tmp_path / "dist", session_cache, layouts313["x64"], "arch=arm64ec"
    )
    (pyd,) = unpack(wheel, tmp_path / "site").glob("*.pyd")
    assert pyd.name == "ecapi.cp313-win_amd64.pyd"
    imports = coff_imports(pyd)
    assert {"PyDict_New", "PyErr_SetString", "PyArg_ParseTuple"} <= set(imports["python313.dll"])
    view = read_pe(find_tool("llvm-readobj"), pyd)
    # An Arm64EC image: AMD64 in the header, CHPE metadata, Arm64EC code.
    assert raw_machine(pyd) == 0x8664 and view.chpe_version == 2
    assert "ARM64EC" in {kind for _, _, kind in view.code_map}
    assert view.exports == ["PyInit_ecapi"]


#: The messages CPython 3.13 on this machine gives for clinic's argument errors,
#: computed by calling the same functions through ctypes (libpython3.13 exports them).
CLINIC_MESSAGES = """
import ctypes
api = ctypes.pythonapi
api._PyArg_CheckPositional.argtypes = [ctypes.c_char_p] + [ctypes.c_ssize_t] * 3
api._PyArg_BadArgument.argtypes = [ctypes.c_char_p] * 3 + [ctypes.py_object]
for call in (
    lambda: api._PyArg_CheckPositional(b"count", 3, 1, 2),
    lambda: api._PyArg_CheckPositional(b"count", 0, 1, 2),
    lambda: api._PyArg_BadArgument(b"shout", b"argument", b"str", 5),
):
    try:
        call()
    except TypeError as e:
        print(e)
"""


def test_internal_api_module_runs_in_windows_cpython(
    py313: Path, session_cache: Path, windows_cpython313: Path, wine_runner: Wine, tmp_path: Path
) -> None:
    """A module calling what only CPython 3.13's internal headers declare (the four
    functions backports.zstd's Argument Clinic code imports), built for x64 with no
    python-root, links against the synthesized python313.lib and runs in the real
    Windows CPython 3.13; its argument errors read as CPython's own."""
    project = copy(DATA / "cpython_internal_api", tmp_path / "ecclinic")
    wheel = pip_wheel_313(py313, project, tmp_path / "dist", session_cache, None, "arch=x64")
    site = unpack(wheel, tmp_path / "site")
    (pyd,) = site.glob("*.pyd")
    assert set(INTERNAL_API) <= set(coff_imports(pyd)["python313.dll"])
    code = """
import ecclinic
class Seven:
    def __index__(self):
        return 7
print(ecclinic.scale(21), ecclinic.scale(Seven(), factor=6), ecclinic.scale(True))
print(ecclinic.count(1), ecclinic.count(1, 2))
print(ecclinic.shout("abc"))
for call in (lambda: ecclinic.count(1, 2, 3), ecclinic.count, lambda: ecclinic.shout(5)):
    try:
        call()
    except TypeError as e:
        print(e)
for call in (ecclinic.scale, lambda: ecclinic.scale(1.5), lambda: ecclinic.scale(1, size=2)):
    try:
        call()
    except TypeError:
        print("TypeError")
"""
    out = wine_runner.python(windows_cpython313, code, path=site).stdout.splitlines()
    expected = run([str(py313), "-c", CLINIC_MESSAGES]).stdout.splitlines()
    assert expected[0] == "count expected at most 2 arguments, got 3", expected
    assert out == ["42 42 2", "1 2", "ABC", *expected, *["TypeError"] * 3], out


def test_internal_api_arm64ec_module_imports_python313(
    py313: Path, session_cache: Path, tmp_path: Path
) -> None:
    """The same module as Arm64EC imports those functions from python313.dll."""
    project = copy(DATA / "cpython_internal_api", tmp_path / "ecclinic")
    wheel = pip_wheel_313(py313, project, tmp_path / "dist", session_cache, None, "arch=arm64ec")
    (pyd,) = unpack(wheel, tmp_path / "site").glob("*.pyd")
    assert pyd.name == "ecclinic.cp313-win_amd64.pyd"
    assert set(INTERNAL_API) <= set(coff_imports(pyd)["python313.dll"])
    view = read_pe(find_tool("llvm-readobj"), pyd)
    assert raw_machine(pyd) == 0x8664 and view.chpe_version == 2
    assert view.exports == ["PyInit_ecclinic"]


PYENV = sorted(glob.glob(str(Path.home() / ".pyenv" / "versions" / "3.*" / "bin" / "python3.*")))
PYENV_PARAMS = [
    pytest.param(
        minor,
        marks=pytest.mark.skipif(
            not any(re.search(rf"/python3\.{minor}$", p) for p in PYENV),
            reason=f"CPython 3.{minor} is not installed in ~/.pyenv",
        ),
        id=f"3.{minor}",
    )
    for minor in (9, 10, 11, 12, 13)
]


@pytest.fixture(scope="module")
def ziglang_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder that makes this venv's ziglang (mingw-w64 headers) importable by
    another interpreter, as `pip install ec-buildext[llvm]` there would."""
    zig = ziglang_dir()
    if zig is None:
        pytest.skip("the ziglang wheel is not installed (pip install -e .[llvm])")
    folder = tmp_path_factory.mktemp("zigpath")
    (folder / "ziglang").symlink_to(zig)
    return folder


#: Names CPython declares and defines for Windows only (MS_WINDOWS), or, for
#: _PyCodec_Forget (3.10-3.12), defined everywhere but left out of pyenv's libpython
#: by its link (hidden and unused there; exported by the Windows DLL).
WINDOWS_ONLY = re.compile(
    r"WindowsErr|MBCS|CodePage|LegacyWindows|osfhandle|^_PyOS_SigintEvent$|^_Py_dll_path$"
    r"|^_PyTime_As100Nanoseconds$|^PyErr_SetFromErrnoWithUnicodeFilename$"
)


def defined_in_libpython(python: Path) -> set[str]:
    """Every function and variable ``python``'s libpython (or executable) defines."""
    code = "import sysconfig as s; print(s.get_config_var('LIBDIR'), s.get_config_var('LDLIBRARY'))"
    libdir, library = run([str(python), "-c", code]).stdout.split()
    binary = Path(libdir) / library
    if not binary.is_file() or binary.suffix == ".a":
        binary = python.resolve()
    text = run([find_tool("llvm-nm"), "--defined-only", str(binary)]).stdout
    return set(re.findall(r" [A-Za-z] (\S+)$", text, re.M))


@pytest.mark.parametrize("minor", PYENV_PARAMS)
def test_each_python_version(
    minor: int, ziglang_path: Path, session_cache: Path, tmp_path: Path
) -> None:
    """Under each CPython 3.9-3.13, the synthesizer runs and a module including
    Python.h compiles against its layouts as x64, arm64ec and arm64."""
    python = next(Path(p) for p in PYENV if p.endswith(f"/python3.{minor}"))
    x64, arm64 = synthesize(
        python, session_cache, "x64", "arm64", pythonpath=f"{ROOT / 'src'}:{ziglang_path}"
    )
    assert (x64 / "libs" / f"python3{minor}.lib").is_file()
    assert (arm64 / "libs" / f"python3{minor}.lib").is_file()
    # No real DLL of this version here: what the library imports must at least be
    # defined in this interpreter's own libpython (its whole symbol table, local
    # names included), unless Windows alone has it.
    names, _ = import_library(x64 / "libs" / f"python3{minor}.lib")
    undefined = {n for n in names - defined_in_libpython(python) if not WINDOWS_ONLY.search(n)}
    assert undefined <= {"_PyCodec_Forget"}, sorted(undefined)
    source = tmp_path / "tiny.c"
    source.write_text(
        "#include <Python.h>\n"
        '_Static_assert(sizeof(long) == 4 && SIZEOF_WCHAR_T == 2, "LLP64");\n'
        "PyObject *big(void) { return PyLong_FromSsize_t(PY_SSIZE_T_MAX); }\n"
    )
    mingw = mingw_root()
    assert mingw is not None
    clang_cl = find_llvm("ziglang").tool("clang-cl")
    # x64 and Arm64EC modules compile against the x64 CPython, ARM64 ones the ARM64 one.
    for arch, layout in (("x64", x64), ("arm64ec", x64), ("arm64", arm64)):
        obj = tmp_path / f"{arch}.obj"
        run(
            [
                str(clang_cl),
                f"--target={get_arch(arch).gnu_triple}",
                "/nologo",
                f"-I{mingw / 'include' / 'any-windows-any'}",
                f"/I{layout / 'include'}",
                "/c",
                f"/Fo{obj}",
                str(source),
            ]
        )
        assert int.from_bytes(obj.read_bytes()[:2], "little") == OBJECT_MACHINES[arch]


def test_unsupported_python_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cpython_module, "build_version", lambda: (3, 15))
    with pytest.raises(UserError) as raised:
        cpython_module.synthesized_cpython(find_llvm("ziglang"), get_arch("x64"))
    text = str(raised.value)
    assert "3.9 to 3.14" in text and "python-root" in text and sys.executable in text


@pytest.mark.parametrize(
    ("version", "free_threaded", "define", "triple", "expected"),
    [
        ((3, 13), False, "", "x86_64-pc-windows-msvc", "python313.lib"),
        ((3, 13), False, "Py_LIMITED_API=3", "x86_64-pc-windows-msvc", "python3.lib"),
        ((3, 13), True, "", "x86_64-pc-windows-msvc", "python313t.lib"),
        ((3, 13), True, "Py_LIMITED_API=3", "x86_64-pc-windows-msvc", "python3t.lib"),
        ((3, 13), False, "_DEBUG", "x86_64-pc-windows-msvc", "python313_d.lib"),
        # Py_NO_LINK_LIB is honoured from 3.14 only, as in CPython's own pyconfig.h.
        ((3, 13), False, "Py_NO_LINK_LIB", "x86_64-pc-windows-msvc", "python313.lib"),
        ((3, 14), False, "Py_NO_LINK_LIB", "x86_64-pc-windows-msvc", ""),
        ((3, 9), False, "", "x86_64-pc-windows-msvc", "python39.lib"),
        ((3, 14), False, "", "x86_64-w64-windows-gnu", ""),  # MSVC compilers only
    ],
)
def test_pyconfig_auto_link(
    version: tuple[int, int],
    free_threaded: bool,
    define: str,
    triple: str,
    expected: str,
    tmp_path: Path,
) -> None:
    """The import library an object asks the linker for (/DEFAULTLIB), per version,
    build kind and compiler mode; free-threaded configurations say Py_GIL_DISABLED."""
    (tmp_path / "pyconfig.h").write_text(cpython_module.pyconfig_h(version, free_threaded))
    source = tmp_path / "q.c"
    source.write_text(
        "#include <pyconfig.h>\n"
        f"#if {int(free_threaded)} != defined(Py_GIL_DISABLED) || !defined(MS_WIN64)\n"
        "#error wrong configuration\n#endif\nint x;\n"
    )
    mingw = mingw_root()
    assert mingw is not None
    obj = tmp_path / "q.obj"
    argv = [str(find_llvm("ziglang").tool("clang-cl")), f"--target={triple}", "/nologo"]
    # -imsvc is ignored in GNU mode, where -I is how the driver passes mingw-w64.
    argv += [f"{'-I' if 'gnu' in triple else '-imsvc'}{mingw / 'include' / 'any-windows-any'}"]
    argv += [f"/I{tmp_path}"]
    argv += [f"/D{define}"] if define else []
    run([*argv, "/c", f"/Fo{obj}", str(source)])
    directives = run([find_tool("llvm-readobj"), "--coff-directives", str(obj)]).stdout
    libs = [d.split(":", 1)[1] for d in directives.split() if d.startswith("/DEFAULTLIB:python")]
    assert libs == ([expected] if expected else [])


@pytest.mark.skipif(
    not (DEBIAN_LLVM / "bin" / "clang").is_file(), reason="Debian's clang-22 is not installed"
)
def test_either_llvm_reads_the_same_api(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The export lists depend on the headers, not on which LLVM read them."""
    lists = []
    for root in ("ziglang", str(DEBIAN_LLVM)):
        # A cache each: the same LLVM version would otherwise find the first layout.
        monkeypatch.setenv("EC_BUILDEXT_CACHE_DIR", str(tmp_path / Path(root).name))
        layout = cpython_module.synthesized_cpython(find_llvm(root), get_arch("x64"))
        lists.append(sorted(p.read_text() for p in (layout / "libs").glob("*.def")))
    assert lists[0] == lists[1] and len(lists[0]) == 2


def test_a_header_that_fails_costs_only_its_own_names(
    session_cache: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Headers beside the install's: one including a missing file (a fatal error, after
    which clang reports nothing more), one refusing this configuration with #error, one
    declaring what the DLL exports.  Only the last one's names are in the list, and the
    install's internal headers still give theirs."""
    monkeypatch.setenv("EC_BUILDEXT_CACHE_DIR", str(session_cache))
    llvm = find_llvm("ziglang")
    layout = cpython_module.synthesized_cpython(llvm, get_arch("x64"))
    include = tmp_path / "include"
    run(["cp", "-r", str(layout / "include"), str(include)])
    (include / "zz_fine.h").write_text("PyAPI_FUNC(int) Zz_fine(void);\nPyAPI_DATA(int) Zz_data;\n")
    (include / "zz_missing.h").write_text(
        '#include "no_such.h"\nPyAPI_FUNC(int) Zz_missing(void);\n'
    )
    (include / "zz_refused.h").write_text('#error "not here"\nPyAPI_FUNC(int) Zz_refused(void);\n')
    names = cpython_module._exports(llvm, get_arch("x64").gnu_triple, include, [], limited=False)
    assert {n: names[n] for n in names if n.startswith("Zz_")} == {
        "Zz_fine": False,
        "Zz_data": True,
    }
    # What only internal headers declare (3.9-3.14 all have internal/pycore_*.h).
    internal = set()
    for header in (include / "internal").glob("pycore_*.h"):
        internal.update(PYAPI_DECLARATION.findall(header.read_text(errors="replace")))
    assert internal & set(names)


def test_python_without_headers_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A build interpreter without its C headers (Debian without python3.X-dev)."""
    monkeypatch.setattr(cpython_module.sysconfig, "get_path", lambda name: str(tmp_path))
    with pytest.raises(UserError) as raised:
        cpython_module.synthesized_cpython(find_llvm("ziglang"), get_arch("x64"))
    text = str(raised.value)
    assert str(tmp_path / "Python.h") in text and "-dev" in text and "python-root" in text


def broken_llvm(folder: Path) -> Path:
    """Debian's LLVM 22 whose clang fails when asked for an AST dump (a broken tool,
    simulated): a wrapper script around the real clang, the other tools linked."""
    bin_dir = folder / "bin"
    bin_dir.mkdir(parents=True)
    for name in ("clang-cl", "lld-link", "llvm-lib", "llvm-dlltool", "llvm-rc"):
        (bin_dir / name).symlink_to(DEBIAN_LLVM / "bin" / name)
    clang = bin_dir / "clang"
    clang.write_text(
        "#!/bin/sh\n"
        'for a in "$@"; do\n'
        '  if [ "$a" = -ast-dump ]; then echo "error: simulated broken AST dump" >&2; exit 1; fi\n'
        "done\n"
        f"exec '{DEBIAN_LLVM / 'bin' / 'clang'}' \"$@\"\n"
    )
    clang.chmod(0o755)
    return folder


@pytest.mark.skipif(
    not (DEBIAN_LLVM / "bin" / "clang").is_file(), reason="Debian's clang-22 is not installed"
)
def test_failing_ast_dump_stops_only_python_h_projects(tmp_path: Path) -> None:
    """When the target CPython cannot be made (here clang's AST dump fails), a project
    without Python.h (ctypes) builds anyway and says why there is no target CPython; a
    project with Python.h stops with the reason in its error paragraph, no traceback."""
    llvm = broken_llvm(tmp_path / "broken-llvm")
    env = {
        "EC_BUILDEXT_LLVM_ROOT": str(llvm),
        "EC_BUILDEXT_CACHE_DIR": str(tmp_path / "cache"),  # no layout made before
        "EC_BUILDEXT_ARCH": "arm64ec",
    }
    reason = "reading the CPython API from its headers (clang's AST dump) failed:"
    proc = pip_wheel(
        copy(SAMPLES / "setuptools_ctypes", tmp_path / "ctypes"), tmp_path / "out", env
    )
    text = proc.stdout + proc.stderr
    assert f"python-root: none, and none could be made: {reason}" in text
    assert "error: simulated broken AST dump" in text and "Traceback" not in text
    (wheel,) = (tmp_path / "out").glob("*.whl")
    assert wheel.name.endswith("-win_arm64ec.whl")
    pyext = copy(DATA / "setuptools_pyext", tmp_path / "pyext")
    text = assert_build_refused(pyext, tmp_path / "refused", env, "Python.h")
    assert f"ec-buildext could not make one: {reason}" in text
    assert "Choose another LLVM with the llvm-root setting" in text


def test_vanished_clang_is_a_user_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A cached clang wrapper deleted under the build: one paragraph, no traceback."""
    monkeypatch.setenv("EC_BUILDEXT_CACHE_DIR", str(tmp_path / "cache"))
    clang = tmp_path / "zig-llvm-gone" / "clang"
    llvm = LlvmToolchain("a vanished wrapper", {"clang": clang}, (22, 1, 8))
    with pytest.raises(UserError) as raised:
        cpython_module.synthesized_cpython(llvm, get_arch("x64"))
    assert str(raised.value).startswith(f"cannot run {clang}: No such file or directory")


@pytest.mark.skipif(
    not (DEBIAN_LLVM / "bin" / "clang").is_file(), reason="Debian's clang-22 is not installed"
)
def test_failing_ast_dump_is_said_last_in_a_cmake_build(tmp_path: Path) -> None:
    """CMake stops at "Could NOT find Python" when the target CPython could not be made
    (never finding the build machine's headers instead): the build's last paragraph says
    why (as the setuptools backend's does), not only the note at its start."""
    llvm = broken_llvm(tmp_path / "broken-llvm")
    env = {
        "EC_BUILDEXT_LLVM_ROOT": str(llvm),
        "EC_BUILDEXT_CACHE_DIR": str(tmp_path / "cache"),
        "EC_BUILDEXT_ARCH": "arm64ec",
    }
    project = copy(DATA / "cpython_api_cmake", tmp_path / "project")
    text = assert_build_refused(project, tmp_path / "out", env, "Could NOT find Python")
    # FindPython was not pointed at the build machine's own headers instead.
    assert sysconfig.get_paths()["include"] not in text
    last = text[text.rindex("ec-buildext: error: ") :]
    assert last.startswith("ec-buildext: error: the CMake build failed. If the project needs")
    assert "reading the CPython API from its headers (clang's AST dump) failed:" in last
