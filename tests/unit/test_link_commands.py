"""Link and thunk-assembly command lines of the setuptools driver, and the target
CPython's include and link arguments, written out by hand from the documentation.

Sources (short names used below):
- [link]: Microsoft, "Linker options" and "/MACHINE (Specify target platform)": the
  values ARM64, ARM64EC, ARM64X, X64; options are not case-sensitive; /DLL, /OUT,
  /IMPLIB, /LIBPATH, /DEF, /NODEFAULTLIB, /NOENTRY.
- [arm64ec-build]: Microsoft, "Build Arm64EC binaries": link /MACHINE:ARM64EC with
  softintrin.lib; VC lib\\arm64ec searched before lib\\arm64.
- [arm64x-build]: Microsoft, "Build Arm64X binaries": one link /MACHINE:ARM64X of both
  object sets; /DEF: the EC (x64-visible) exports, /DEFARM64NATIVE: the native ones.
- [lld-link]: lld's COFF documentation (same options as link.exe; /machine:arm64ec,
  /machine:arm64x, /defarm64native: seen with lld 22 per ARM64EC.md section 3).
- [pyconfig]: CPython's PC/pyconfig.h auto-links pythonXY.lib (python3.lib for the
  limited API) under _MSC_VER only; ARM64EC.md section 6: an Arm64EC module links the
  x64 CPython's pythonXY.lib, the native half of an Arm64X one the ARM64 CPython's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ec_buildext.arch import ARM64, ARM64EC, ARM64X, X64, Arch
from ec_buildext.settings import ThunkSettings
from ec_buildext.setuptools_ext.driver import compile_command, link_command, thunk_commands
from ec_buildext.toolchains.crtless import IMPORT_LIBS, MSVC_RUNTIME_DEFAULT_LIBS
from ec_buildext.toolchains.diagnose import SymbolOrigin, link_failure_hint

from .helpers import (
    COMPILER_KINDS,
    MSVC_VERSION,
    PY_LIB,
    SDK_VERSION,
    fake_python,
    make_compiler,
    make_plan,
    make_spec,
    msvc_host_folder,
)

ARCHES = [ARM64EC, ARM64X, ARM64, X64]
#: [link] /MACHINE: values, written out rather than asked of the arch table.
MACHINES = {"arm64ec": "ARM64EC", "arm64x": "ARM64X", "arm64": "ARM64", "x64": "X64"}


def library_folders(kind: str, root: Path, arch: Arch) -> list[Path]:
    """The /libpath: folders before the inputs, in the documented search order."""
    x64 = arch is X64
    if kind == "msvc":
        vc = root / "VS/VC/Tools/MSVC" / MSVC_VERSION / "lib"
        sdk = root / "Windows Kits/10/Lib" / SDK_VERSION
    elif kind == "sysroot-vs":
        vc = root / "sysroot-vs/VC/Tools/MSVC" / MSVC_VERSION / "lib"
        sdk = root / "sysroot-vs/Windows Kits/10/Lib" / SDK_VERSION
    elif kind == "sysroot-xwin":
        # xwin splat names its folders aarch64/x86_64 and has no arm64ec CRT folder
        # (xwin's README); its aarch64 CRT and SDK libraries serve both ARM views.
        tree, folder = root / "sysroot-xwin", "x86_64" if x64 else "aarch64"
        return [
            tree / "crt/lib" / folder,
            tree / "sdk/lib/ucrt" / folder,
            tree / "sdk/lib/um" / folder,
        ]
    else:  # CRT-less and the Windows host's SDK: no SDK folders
        return []
    # [arm64ec-build]: VC lib\arm64ec before lib\arm64 (Arm64X links search the same
    # way: it is the EC link that takes both views); the SDK's ARM64 import libraries
    # are hybrid and serve the EC view too.
    crt = ["x64"] if x64 else (["arm64ec", "arm64"] if arch.has_ec_view else ["arm64"])
    sdk_folder = "x64" if x64 else "arm64"
    return [*(vc / c for c in crt), sdk / "ucrt" / sdk_folder, sdk / "um" / sdk_folder]


def expected_link_head(kind: str, root: Path, arch: Arch) -> list[str]:
    libpaths = [f"/libpath:{d}" for d in library_folders(kind, root, arch)]
    if kind == "msvc":
        toolset = "x64" if arch is X64 else "arm64"
        link = root / "VS/VC/Tools/MSVC" / MSVC_VERSION / "bin" / msvc_host_folder() / toolset
        return [str(link / "link.exe"), "/nologo", *libpaths]
    if kind == "crtless":
        # The import libraries' folder, and an lld VFS overlay of it that matches names
        # in any case (Ws2_32.lib) [lld-link: /vfsoverlay].
        support = root / "crtless"
        libpaths = [f"/libpath:{support / 'lib'}", f"/vfsoverlay:{support / 'lib-overlay.yaml'}"]
    return [str(root / "llvm/bin/lld-link"), "/nologo", *libpaths]


def default_libraries(kind: str, arch: Arch) -> list[str]:
    """[arm64ec-build]: Arm64EC code needs softintrin.lib (also for an Arm64X link, whose
    EC view is Arm64EC code); clang-cl's SDK/CRT links take MSVC's defaults by name."""
    return ["softintrin.lib"] if kind == "msvc" and arch in (ARM64EC, ARM64X) else []


def crtless_inputs(root: Path, arch: Arch) -> list[str]:
    """CRT-less: no default libraries; the entry point of ec-buildext's C runtime
    (_DllMainCRTStartup: constructors, then DllMain), the runtime-support object(s),
    the C runtime library(ies) and the import libraries of ucrtbase.dll and
    kernel32.dll (ARM64EC.md section 4)."""
    support = root / "crtless"
    native = (
        [str(support / "native-runtime.obj"), str(support / "native-ecrt.lib")]
        if arch is ARM64X
        else []
    )
    # MinGW mode (/lldmingw) keeps GNU-style COMDATs' .pdata with them [lld: MinGW
    # mode]; auto-import and pseudo relocations off: no MinGW runtime relocator. The
    # MSVC runtime's libraries objects ask for are left out one by one; every other
    # /DEFAULTLIB (#pragma comment(lib)) is followed.
    return [
        "/lldmingw",
        "/auto-import:no",
        "/runtime-pseudo-reloc:no",
        *(f"/nodefaultlib:{name}" for name in MSVC_RUNTIME_DEFAULT_LIBS),
        "/entry:_DllMainCRTStartup",
        str(support / "runtime.obj"),
        str(support / "ecrt.lib"),
        *native,
        "kernel32.lib",
        "ucrtbase.lib",
    ]


@pytest.mark.parametrize("kind", COMPILER_KINDS)
@pytest.mark.parametrize("arch", ARCHES, ids=lambda a: a.name)
def test_link(root: Path, kind: str, arch: Arch) -> None:
    plan = make_plan(arch, make_compiler(kind, arch, root))
    spec = make_spec(
        root,
        library_dirs=("libdir",),
        libraries=("zlib", "bcrypt.lib"),
        extra_link_args=("/DEBUG",),
        extra_objects=("extra.obj",),
    )
    objects = [root / "build/a.obj", root / "build/b.obj"]
    runtime = crtless_inputs(root, arch) if kind == "crtless" else default_libraries(kind, arch)
    # [link]: /dll, /machine:, /out:, /implib:; libraries by name (".lib" added when the
    # name has none, as setuptools' MSVC compiler does); /def: exports; then the
    # project's own extra arguments last, so they can override.
    assert link_command(plan, spec, objects, root / "build/mod.def") == [
        *expected_link_head(kind, root, arch),
        f"/machine:{MACHINES[arch.name]}",
        f"/out:{root / 'out/mod.pyd'}",
        "/dll",
        f"/implib:{root / 'build/mod.lib'}",
        *map(str, objects),
        "extra.obj",
        *runtime,
        "/libpath:libdir",
        "zlib.lib",
        "bcrypt.lib",
        f"/def:{root / 'build/mod.def'}",
        # [arm64x-build]: the native view's exports; one list for both views here.
        *([f"/defArm64Native:{root / 'build/mod.def'}"] if arch is ARM64X else []),
        "/DEBUG",
    ]


@pytest.mark.parametrize("kind", COMPILER_KINDS)
def test_arm64x_is_one_link_of_both_object_sets(root: Path, kind: str) -> None:
    # [arm64x-build]: compile for both views, then one /MACHINE:ARM64X link of all objects.
    plan = make_plan(ARM64X, make_compiler(kind, ARM64X, root))
    spec = make_spec(root, "a.c")
    objects = [Path(compile_command(plan, v, Path("a.c"), spec)[-2][3:]) for v in plan.arch.views]
    assert objects == [root / "build/arm64/a.c.obj", root / "build/arm64ec/a.c.obj"]
    command = link_command(plan, spec, objects, None)
    assert [a for a in command if a.lower().startswith("/machine:")] == ["/machine:ARM64X"]
    assert [a for a in command if a.endswith(".c.obj")] == [str(o) for o in objects]
    assert not any(a.lower().startswith(("/def:", "/defarm64native:")) for a in command)


@pytest.mark.parametrize("kind", COMPILER_KINDS)
@pytest.mark.parametrize("arch", [ARM64EC, ARM64, X64], ids=lambda a: a.name)
def test_python_root_single_view(root: Path, kind: str, arch: Arch) -> None:
    python = fake_python(root, "Python")
    plan = make_plan(arch, make_compiler(kind, arch, root), python_root=python)
    spec = make_spec(root)
    compile_args = compile_command(plan, arch, Path("src/mod.c"), spec)
    # Python.h from the target CPython's include/ (cl /I), before the project's flags.
    assert compile_args[compile_args.index("/DNDEBUG") - 1] == f"/I{python / 'include'}"
    link = link_command(plan, spec, [root / "a.obj"], None)
    # [pyconfig]: named explicitly, since the pragma asks for it in MSVC-style compiles
    # only; found through /libpath: on its libs/ folder.
    at = link.index(f"/libpath:{python / 'libs'}")
    assert link[at + 1] == PY_LIB


@pytest.mark.parametrize("kind", COMPILER_KINDS)
def test_python_roots_of_arm64x(root: Path, kind: str) -> None:
    x64, arm64 = fake_python(root, "Python-x64"), fake_python(root, "Python-arm64")
    plan = make_plan(
        ARM64X, make_compiler(kind, ARM64X, root), python_root=x64, python_root_native=arm64
    )
    spec = make_spec(root)
    # [pyconfig]: each view compiles with its own CPython's headers.
    for view, python in ((ARM64, arm64), (ARM64EC, x64)):
        assert f"/I{python / 'include'}" in compile_command(plan, view, Path("src/mod.c"), spec)
        other = x64 if python is arm64 else arm64
        assert f"/I{other / 'include'}" not in compile_command(plan, view, Path("src/mod.c"), spec)
    link = link_command(plan, spec, [root / "a.obj"], None)
    # Both import libraries by full path (same file name: a /libpath: could resolve only
    # one); the linker takes each view's symbols from the library of its machine. The
    # pragma's bare name is switched off with /NODEFAULTLIB:name [link].
    at = link.index(f"/nodefaultlib:{PY_LIB}")
    assert link[at + 1 : at + 3] == [str(arm64 / "libs" / PY_LIB), str(x64 / "libs" / PY_LIB)]
    assert not any(a.startswith("/libpath:") and "Python" in a for a in link)


def test_limited_api_links_python3_lib(root: Path) -> None:
    python = fake_python(root, "Python")
    (python / "libs" / "python3.lib").write_bytes(b"")
    plan = make_plan(ARM64EC, make_compiler("crtless", ARM64EC, root), python_root=python)
    link = link_command(plan, make_spec(root, limited_api=True), [root / "a.obj"], None)
    # [pyconfig]: Py_LIMITED_API modules link python3.lib, the stable-ABI library.
    assert link[link.index(f"/libpath:{python / 'libs'}") + 1] == "python3.lib"


def test_no_python_root_no_python_arguments(root: Path) -> None:
    plan = make_plan(ARM64EC, make_compiler("crtless", ARM64EC, root))
    link = link_command(plan, make_spec(root), [root / "a.obj"], None)
    assert not any(Path(a).name.lower().startswith("python") for a in link)


THUNKS = ThunkSettings(Path("kernel.h"), ("crc32_kernel",))


@pytest.mark.parametrize("kind", [k for k in COMPILER_KINDS if k != "msvc"])
@pytest.mark.parametrize("arch", [ARM64EC, ARM64X], ids=lambda a: a.name)
def test_thunks_with_clang(root: Path, kind: str, arch: Arch) -> None:
    plan = make_plan(arch, make_compiler(kind, arch, root), thunks=THUNKS)
    source = root / "build/ec_thunks.S"
    # The thunks are Arm64EC code (only EC views have them), GNU syntax, assembled by
    # clang for the EC triple of the build's C environment [notes in ARM64EC.md s.3].
    triple = "arm64ec-w64-windows-gnu" if kind == "crtless" else "arm64ec-pc-windows-msvc"
    assert thunk_commands(plan, make_spec(root)) == (
        "gnu",
        source,
        [
            str(root / "llvm/bin/clang"),
            f"--target={triple}",
            "-c",
            str(source),
            "-o",
            str(root / "build/ec_thunks.obj"),
        ],
    )


@pytest.mark.parametrize("arch", [ARM64EC, ARM64X], ids=lambda a: a.name)
def test_thunks_with_msvc(root: Path, arch: Arch) -> None:
    plan = make_plan(arch, make_compiler("msvc", arch, root), thunks=THUNKS)
    source = root / "build/ec_thunks.asm"
    armasm64 = root / "VS/VC/Tools/MSVC" / MSVC_VERSION / "bin" / msvc_host_folder() / "arm64"
    # ARM Assembler command-line reference: armasm64 -machine ARM64EC writes Arm64EC
    # objects; "-o objectfile sourcefile" is its documented argument order.
    assert thunk_commands(plan, make_spec(root)) == (
        "armasm64",
        source,
        [
            str(armasm64 / "armasm64.exe"),
            "-nologo",
            "-machine",
            "ARM64EC",
            "-o",
            str(root / "build/ec_thunks.obj"),
            str(source),
        ],
    )


@pytest.mark.parametrize("kind", COMPILER_KINDS)
@pytest.mark.parametrize("arch", ARCHES, ids=lambda a: a.name)
def test_probe_executable_link(root: Path, kind: str, arch: Arch) -> None:
    """A setup.py compiler probe links an executable: never run, only linked."""
    python = fake_python(root, "Python")
    plan = make_plan(arch, make_compiler(kind, arch, root), python_root=python)
    command = link_command(plan, make_spec(root), [root / "probe.obj"], None, executable=True)
    # [link]: no /DLL and no import library. An Arm64X probe is the EC view's objects
    # alone, so an Arm64EC link [arm64x-build: executables need no hybrid link].
    machine = "ARM64EC" if arch is ARM64X else MACHINES[arch.name]
    assert [a for a in command if a.lower().startswith("/machine:")] == [f"/machine:{machine}"]
    assert not any(a.lower().startswith(("/dll", "/implib:")) for a in command)
    if kind == "crtless":
        # No CRT startup code: [link] /ENTRY:main and /SUBSYSTEM:CONSOLE say where the
        # program starts and what it is; only the EC view's runtime support.
        at = command.index(f"/nodefaultlib:{MSVC_RUNTIME_DEFAULT_LIBS[-1]}")
        assert command[at + 1 : at + 3] == ["/entry:main", "/subsystem:console"]
        assert "/noentry" not in command
        assert str(root / "crtless/native-runtime.obj") not in command
        assert str(root / "crtless/native-ecrt.lib") not in command
    # Not the CPython import library: a probe tests the compiler, not the module.
    assert not any(Path(a).name == PY_LIB or python.name in a for a in command)


# lld-link's report of an undefined symbol, as lld 22 prints it for an EC object.
LLD_UNDEFINED = "lld-link: error: undefined symbol: {} (EC symbol)\n>>> referenced by a.obj\n"


@pytest.mark.parametrize(
    ("missing", "provider"),
    [
        # The printf family is in ec-buildext's C runtime now; what a CRT-less link can
        # still miss, named with the part of a Windows toolchain that provides it.
        # compiler-rt's builtins the C runtime leaves out (x64's 80-bit long double,
        # long double complex, _Float16) and the family it has some of.
        (["__floattixf"], "the compiler's builtins library (compiler-rt), of which"),
        (["__mulxc3"], "the compiler's builtins library (compiler-rt)"),
        (["__extendhfsf2", "__truncsfhf2"], "the compiler's builtins library (compiler-rt)"),
        (["#__popcountdi2"], "the compiler's builtins library (compiler-rt)"),
        (["_PyArg_ParseTuple_SizeT"], "the target CPython's import library"),
        (["std::__1::locale::classic()"], "the C++ standard library and C++ runtime"),
        (["__imp_CryptAcquireContextA", "memcpy"], "the static part of the MSVC CRT"),
    ],
)
def test_link_failure_hint_names_symbol_and_provider(missing: list[str], provider: str) -> None:
    output = "".join(LLD_UNDEFINED.format(n) for n in missing)
    hint = link_failure_hint(output, IMPORT_LIBS)
    more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
    assert hint.startswith(f"\nThe link needs {missing[0]}{more},")
    assert f"On Windows it comes from {provider}" in hint and "sysroot setting" in hint
    assert link_failure_hint("lld-link: error: duplicate symbol: x", IMPORT_LIBS) == ""


def test_link_failure_hint_lists_every_generated_import_library() -> None:
    # The libraries it says to link by name are the ones a CRT-less build has.
    hint = link_failure_hint(LLD_UNDEFINED.format("__imp_SomeUnknownApi"), IMPORT_LIBS)
    for name in ("kernel32", "bcrypt", "psapi", "iphlpapi", "wtsapi32"):
        assert f" {name}," in hint or f" {name} " in hint or f" {name}:" in hint, name


def test_unopened_library_hint_names_library_asker_and_fix() -> None:
    # lld in MinGW mode looks for a /DEFAULTLIB's foo.lib as libfoo.a last, and names it.
    output = "lld-link: error: could not open 'libthirdparty.a': No such file or directory\n"
    requests = {"thirdparty.lib": ["a.obj", "b.obj"]}
    hint = link_failure_hint(output, IMPORT_LIBS, MSVC_RUNTIME_DEFAULT_LIBS, requests)
    assert hint.startswith("\nThe link found no thirdparty.lib: a.obj, b.obj ask for it")
    assert "libcmt, msvcrt," in hint and "and their debug variants" in hint
    assert "library_dirs" in hint and "sysroot setting" in hint
    # Named by the build (no object asks): said so.
    named = "lld-link: error: could not open 'zlib.lib': No such file or directory\n"
    assert "the build names it" in link_failure_hint(named, IMPORT_LIBS)


def test_unopened_generated_library_points_at_case() -> None:
    # An lld-link without /vfsoverlay (LLVM < 19) finds generated libraries only by
    # their lower-case names.
    output = "lld-link: error: could not open 'libIPHLPAPI.a': No such file or directory\n"
    hint = link_failure_hint(output, IMPORT_LIBS, (), {"iphlpapi.lib": ["x.obj"]})
    assert hint.startswith("\nThe link found no iphlpapi.lib (x.obj asks for it)")
    assert "LLVM 19" in hint


@pytest.mark.parametrize(
    ("origin", "says", "meanwhile"),
    [
        (SymbolOrigin("header", "stdio.h"), "mingw-w64's <stdio.h>", "define __iob_func"),
        (SymbolOrigin("ucrtbase"), "ucrtbase.dll exports it", "define __iob_func"),
        (SymbolOrigin("ucrtbase", data=True), "exports __iob_func as data", "dllimport"),
        (SymbolOrigin("dll", "winhttp"), "winhttp.dll exports it", "llvm-dlltool"),
    ],
)
def test_runtime_gap_hint_is_ours_not_an_sdk(
    origin: SymbolOrigin, says: str, meanwhile: str
) -> None:
    # A name mingw-w64's headers, ucrtbase.dll or a system DLL's .def know is a gap in
    # ec-buildext's runtime: reported as such, with a way on, not sent to an SDK.
    hint = link_failure_hint(LLD_UNDEFINED.format("__imp___iob_func"), IMPORT_LIBS, origin=origin)
    assert hint.startswith("\nThe link needs __imp___iob_func: ")
    assert says in hint and meanwhile in hint and "report it" in hint
    assert "sysroot" not in hint and "Windows SDK" not in hint and "MSVC CRT" not in hint
    # What names its provider by itself keeps its paragraph.
    python = link_failure_hint(LLD_UNDEFINED.format("PyFoo"), IMPORT_LIBS, origin=origin)
    assert "the target CPython's import library" in python
