"""The CMake toolchain files ec-buildext renders, for every compiler x runtime x arch, and
the cache entries that point FindPython at the target CPython.

Sources (short names used below):
- [cmake-toolchains]: CMake, "cmake-toolchains(7)", cross compiling: CMAKE_SYSTEM_NAME
  (setting it marks a cross build), CMAKE_SYSTEM_PROCESSOR, CMAKE_<LANG>_COMPILER,
  CMAKE_<LANG>_COMPILER_TARGET (the target triple of cross-compiling drivers such as
  clang), CMAKE_TRY_COMPILE_TARGET_TYPE=STATIC_LIBRARY when nothing can be linked/run.
- [cmake-vars]: CMake variable docs: CMAKE_LINKER, CMAKE_AR, CMAKE_<LANG>_STANDARD_LIBRARIES
  (linked into every binary: CMake's Windows defaults are kernel32.lib user32.lib ...,
  plus softintrin.lib for Arm64EC), CMAKE_<LANG>_COMPILER_LAUNCHER and, since 3.21,
  CMAKE_<LANG>_LINKER_LAUNCHER.
- [processor]: CMake uses PROCESSOR_ARCHITECTURE on Windows: AMD64 for x64, ARM64; CMake
  3.20+ names Arm64EC ARM64EC (MSVC_<LANG>_ARCHITECTURE_ID, ARM64EC.md section 3).
- [arm64ec-build], [link], [clang-cl], [softintrin]: as in test_compile_commands.py.
- [msvc-macros]: Microsoft, "Predefined macros": Arm64EC defines _M_ARM64EC, _M_X64 and
  _M_AMD64, never _M_ARM64; ARM64 _M_ARM64 (ARM64EC.md section 3).
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import sysconfig
from collections.abc import Callable
from pathlib import Path

import pytest

import ec_buildext
from ec_buildext import hybrid
from ec_buildext.arch import ARM64, ARM64EC, ARM64X, X64, Arch
from ec_buildext.cmake_ext.findpython import python_cache_entries
from ec_buildext.cmake_ext.toolchain import render, toolchain_file
from ec_buildext.toolchains.crtless import MSVC_RUNTIME_DEFAULT_LIBS

from .helpers import (
    COMPILER_KINDS,
    MSVC_VERSION,
    PY_LIB,
    SDK_VERSION,
    fake_python,
    make_compiler,
    make_plan,
    msvc_host_folder,
)

ARCHES = [ARM64EC, ARM64X, ARM64, X64]
#: render(kind, arch) -> the toolchain file's text.
Render = Callable[[str, Arch], str]
PROCESSORS = {"arm64ec": "ARM64EC", "arm64x": "ARM64EC", "arm64": "ARM64", "x64": "AMD64"}
#: The triple of the configured (EC for Arm64X) compile, by C environment [clang-cl].
TRIPLES = {
    ("gnu", "arm64ec"): "arm64ec-w64-windows-gnu",
    ("gnu", "arm64x"): "arm64ec-w64-windows-gnu",
    ("gnu", "arm64"): "aarch64-w64-windows-gnu",
    ("gnu", "x64"): "x86_64-w64-windows-gnu",
    ("msvc", "arm64ec"): "arm64ec-pc-windows-msvc",
    ("msvc", "arm64x"): "arm64ec-pc-windows-msvc",
    ("msvc", "arm64"): "aarch64-pc-windows-msvc",
    ("msvc", "x64"): "x86_64-pc-windows-msvc",
}


def settings_of(text: str) -> dict[str, str]:
    """``set(NAME value...)`` lines of a toolchain file, by NAME (the last one wins,
    as in CMake), values as written."""
    found = {}
    for m in re.finditer(r"^\s*set\((\S+)\s*(.*)\)\s*$", text, re.M):
        found[m[1]] = m[2]
    return found


def flag_words(value: str) -> list[str]:
    """The words the build's shell reads from a quoted CMake flags string (CMake's own
    escapes undone first): a path with a space ("Windows Kits") must stay one word."""
    assert value.startswith('"') and value.endswith('"'), value
    return shlex.split(re.sub(r"\\(.)", r"\1", value[1:-1]))


@pytest.fixture
def rendered(root: Path, cache_dir: Path) -> Render:
    """render(arch, compiler of a kind) -> text; Arm64X files name wrapper scripts,
    written into the test session's cache folder."""

    def make(kind: str, arch: Arch) -> str:
        return render(arch, make_compiler(kind, arch, root))

    return make


@pytest.mark.parametrize("kind", [k for k in COMPILER_KINDS if k != "msvc"])
@pytest.mark.parametrize("arch", ARCHES, ids=lambda a: a.name)
def test_clang_cl_file(root: Path, rendered: Render, kind: str, arch: Arch) -> None:
    text = rendered(kind, arch)
    sets = settings_of(text)
    bin_dir = root / "llvm/bin"
    environment = "gnu" if kind == "crtless" else "msvc"
    # [cmake-toolchains]: a Windows cross build for this processor.
    assert sets["CMAKE_SYSTEM_NAME"] == "Windows"
    assert sets["CMAKE_SYSTEM_PROCESSOR"] == PROCESSORS[arch.name]
    # [cmake-toolchains]: clang-cl for C and C++, told its target triple.
    assert sets["CMAKE_${lang}_COMPILER"] == f'"{bin_dir / "clang-cl"}"'
    assert sets["CMAKE_${lang}_COMPILER_TARGET"] == TRIPLES[environment, arch.name]
    # [cmake-vars]: lld-link links, llvm-lib archives.
    assert sets["CMAKE_LINKER"] == f'"{bin_dir / "lld-link"}"'
    assert f'set(CMAKE_AR "{bin_dir / "llvm-lib"}")' in text
    # [cmake-toolchains]: CMake's checks cannot link executables against a runtime that
    # is not there: they build static libraries.
    assert sets["CMAKE_TRY_COMPILE_TARGET_TYPE"] == "STATIC_LIBRARY"


@pytest.mark.parametrize("arch", ARCHES, ids=lambda a: a.name)
def test_crtless_file(root: Path, rendered: Render, arch: Arch) -> None:
    text = rendered("crtless", arch)
    sets = settings_of(text)
    support = root / "crtless"
    # [cmake-vars] + ARM64EC.md section 3: CMake's default standard libraries
    # (kernel32.lib user32.lib ... softintrin.lib) do not exist in a CRT-less build and
    # must be replaced, for the cache too (FORCE): only the runtime-support object, the
    # C runtime library and the generated kernel32/ucrtbase import libraries remain.
    assert sets["CMAKE_${lang}_STANDARD_LIBRARIES"] == (
        f'"{support / "runtime.obj"} {support / "ecrt.lib"} kernel32.lib ucrtbase.lib" '
        'CACHE STRING "CRT-less runtime" FORCE'
    )
    # [link]: the MSVC runtime's default libraries left out (the others followed), the
    # C runtime's DLL entry point (it calls DllMain), and the import libraries' folder,
    # with an overlay matching names in any case.
    ignored = " ".join(f"/nodefaultlib:{name}" for name in MSVC_RUNTIME_DEFAULT_LIBS)
    assert sets["CMAKE_${kind}_LINKER_FLAGS_INIT"] == (
        f'"/lldmingw /auto-import:no /runtime-pseudo-reloc:no {ignored} '
        f"/entry:_DllMainCRTStartup /MANIFEST:NO /libpath:{support / 'lib'} "
        f'/vfsoverlay:{support / "lib-overlay.yaml"}"'
    )
    # GNU mode on mingw-w64's headers as system headers (/external:I), found in any
    # case through the VFS overlay [clang-cl]; /O2 is ignored there: /clang:-O2.
    flags = sets["CMAKE_${lang}_FLAGS_INIT"].strip('"').split()
    overlay = f"-Xclang -ivfsoverlay -Xclang {support / 'overlay.yaml'}"
    assert f"/external:I{support / 'mingw-include'} {overlay}" in " ".join(flags)
    assert {"/GS-", "-D_UCRT", "-D__USE_MINGW_ANSI_STDIO=0", "-fms-extensions"} <= set(flags)
    assert sets["CMAKE_${lang}_FLAGS_RELEASE_INIT"] == '"/clang:-O2"'
    # C, not C++: asynchronous SEH (__try catches an access violation, as with MSVC's
    # C compiler) [clang: -fasync-exceptions]; C++ starts with libc++'s headers.
    c_flags = sets["CMAKE_C_FLAGS_INIT"].strip('"')
    cxx_flags = sets["CMAKE_CXX_FLAGS_INIT"].strip('"')
    assert c_flags == f"-Xclang -fasync-exceptions {' '.join(flags)}"
    assert "-fasync-exceptions" not in cxx_flags
    assert cxx_flags.endswith(" ".join(flags))


@pytest.mark.parametrize("arch", ARCHES, ids=lambda a: a.name)
def test_crtless_rules_file(rendered: Render, arch: Arch) -> None:
    # [cmake-vars]: CMAKE_USER_MAKE_RULES_OVERRIDE_<LANG> loads after CMake's compiler and
    # platform rules, so what it sets wins: system folders as /external:I; for Arm64EC no
    # IPO compile options (CMAKE_<LANG>_COMPILE_OPTIONS_IPO, -flto with clang): lld's LTO
    # misses the runtimes' Arm64EC symbols, even where a project sets
    # CMAKE_INTERPROCEDURAL_OPTIMIZATION itself.
    text = rendered("crtless", arch)
    content = re.search(r'CONTENT "(.*)"\)', text)
    assert content is not None
    rules = content[1].replace('\\"', '"').split("\\n")
    expected = ['set(CMAKE_INCLUDE_SYSTEM_FLAG_${lang} "/external:I ")']
    if arch.has_ec_view:
        expected.append('set(CMAKE_${lang}_COMPILE_OPTIONS_IPO "")')
    assert rules == [*expected, "${_ec_rules_cxx}"]
    assert 'set(CMAKE_USER_MAKE_RULES_OVERRIDE_${lang} "${_ec_rules}")' in text
    # CMake loads the CXX rules only where C++ is enabled: they call the C++ runtime's
    # hook (the C rules nothing more).
    hook = 'if(lang STREQUAL "CXX")\n      set(_ec_rules_cxx "_ec_buildext_cxx_runtime_hook()\\n")'
    assert hook in text


@pytest.mark.parametrize("layout", ["vs", "xwin"])
@pytest.mark.parametrize("arch", ARCHES, ids=lambda a: a.name)
def test_sysroot_file(root: Path, rendered: Render, layout: str, arch: Arch) -> None:
    sets = settings_of(rendered(f"sysroot-{layout}", arch))
    tree = root / f"sysroot-{layout}"
    x64 = arch is X64
    if layout == "vs":
        vc = tree / "VC/Tools/MSVC" / MSVC_VERSION
        kits = tree / "Windows Kits/10"
        includes = [
            vc / "include",
            *(kits / "Include" / SDK_VERSION / p for p in ("ucrt", "um", "shared")),
        ]
        # [arm64ec-build]: VC lib\arm64ec before lib\arm64, then the SDK's (hybrid) ARM64 ones.
        crt = ["x64"] if x64 else (["arm64ec", "arm64"] if arch.has_ec_view else ["arm64"])
        sdk_folder = "x64" if x64 else "arm64"
        libs = [vc / "lib" / c for c in crt]
        libs += [kits / "Lib" / SDK_VERSION / p / sdk_folder for p in ("ucrt", "um")]
    else:  # xwin splat: aarch64/x86_64 folders, no separate arm64ec CRT folder
        folder = "x86_64" if x64 else "aarch64"
        includes = [
            tree / "crt/include",
            *(tree / "sdk/include" / p for p in ("ucrt", "um", "shared")),
        ]
        libs = [tree / "crt/lib" / folder, *(tree / "sdk/lib" / p / folder for p in ("ucrt", "um"))]
    assert sets["CMAKE_${lang}_STANDARD_INCLUDE_DIRECTORIES"] == " ".join(
        f'"{d}"' for d in includes
    )
    assert flag_words(sets["CMAKE_${kind}_LINKER_FLAGS_INIT"]) == [f"/libpath:{d}" for d in libs]


@pytest.mark.parametrize("arch", ARCHES, ids=lambda a: a.name)
def test_msvc_file(root: Path, rendered: Render, arch: Arch) -> None:
    text = rendered("msvc", arch)
    sets = settings_of(text)
    toolset = "x64" if arch is X64 else "arm64"
    bin_dir = root / "VS/VC/Tools/MSVC" / MSVC_VERSION / "bin" / msvc_host_folder() / toolset
    assert sets["CMAKE_SYSTEM_NAME"] == "Windows"
    assert sets["CMAKE_SYSTEM_PROCESSOR"] == PROCESSORS[arch.name]
    assert sets["CMAKE_${lang}_COMPILER"] == f'"{bin_dir / "cl.exe"}"'
    # [arm64ec-build]: /arm64EC on the ARM64 toolset for Arm64EC (and the EC configure
    # of Arm64X); no flag for ARM64 and x64.
    assert sets["CMAKE_${lang}_FLAGS_INIT"] == ('"/arm64EC"' if arch.has_ec_view else '""')
    # cl.exe is no cross driver: it has no target triple.
    assert "CMAKE_${lang}_COMPILER_TARGET" not in sets
    assert sets["CMAKE_LINKER"] == f'"{bin_dir / "link.exe"}"'
    assert f'set(CMAKE_AR "{bin_dir / "lib.exe"}")' in text
    # Thunks of EC views are assembled by armasm64 (ARM Assembler command-line reference).
    armasm = f'"{bin_dir / "armasm64.exe"}"' if arch.has_ec_view else '""'
    assert sets["EC_BUILDEXT_ARMASM64"] == armasm
    vc = root / "VS/VC/Tools/MSVC" / MSVC_VERSION / "lib"
    sdk = root / "Windows Kits/10/Lib" / SDK_VERSION
    crt = ["x64"] if arch is X64 else (["arm64ec", "arm64"] if arch.has_ec_view else ["arm64"])
    libs = [vc / c for c in crt] + [sdk / p / toolset for p in ("ucrt", "um")]
    assert flag_words(sets["CMAKE_${kind}_LINKER_FLAGS_INIT"]) == [f"/libpath:{d}" for d in libs]


@pytest.mark.parametrize("kind", COMPILER_KINDS)
@pytest.mark.parametrize("arch", ARCHES, ids=lambda a: a.name)
def test_hybrid_launchers_only_for_arm64x(rendered: Render, kind: str, arch: Arch) -> None:
    text = rendered(kind, arch)
    if arch is not ARM64X:
        assert "hybrid.py" not in text and "_LAUNCHER" not in text
        return
    sets = settings_of(text)
    # [cmake-vars]: the linker launcher exists since CMake 3.21: older CMake is refused.
    assert "if(CMAKE_VERSION VERSION_LESS 3.21)" in text
    # [arm64x-build]: the one link takes /MACHINE:ARM64X (passed on to the link step).
    link = sets["EC_BUILDEXT_HYBRID_LINK_LAUNCHER"]
    # The launcher script by its path, without site (it runs once per compile).
    script = Path(hybrid.__file__).as_posix()
    assert link.startswith(f'"{Path(sys.executable)};-I;-S;{script};link;--machine=ARM64X;')
    compile_launcher = sets["EC_BUILDEXT_HYBRID_COMPILE_LAUNCHER_${lang}"]
    assert f";-I;-S;{script};compile;" in compile_launcher
    if kind == "msvc":  # cl.exe's native compile drops /arm64EC: no target to give
        assert "--native-target=" not in compile_launcher
    else:  # clang-cl: a last --target= for the native ARM64 view
        environment = "gnu" if kind == "crtless" else "msvc"
        assert f"--native-target={TRIPLES[environment, 'arm64']};" in compile_launcher
    assert (
        'set(CMAKE_${lang}_COMPILER_LAUNCHER "${EC_BUILDEXT_HYBRID_COMPILE_LAUNCHER_${lang}}")'
        in text
    )
    assert 'set(CMAKE_${lang}_LINKER_LAUNCHER "${EC_BUILDEXT_HYBRID_LINK_LAUNCHER}")' in text
    # Static libraries through a wrapper archiving both object sets as ARM64X (lib /machine:).
    wrapper = Path(sets["CMAKE_AR"].strip('"'))
    assert "archive" in wrapper.read_text() and "--machine=ARM64X" in wrapper.read_text()


SOFTINTRIN = (Path(ec_buildext.__file__).parent / "toolchains/softintrin").as_posix()
#: [msvc-macros], as -D flags of a GNU-mode compile (CMake's own /D_AMD64_ aside).
EC_MACROS = ["-D_M_ARM64EC=1", "-D_M_X64=100", "-D_M_AMD64=100", "-D_ARM64EC_=1"]
ARM64_MACROS = ["-D_M_ARM64=1", "-D_ARM64_=1"]


def compile_flags(text: str) -> list[str]:
    """The C flags a configure starts from: CMAKE_C_FLAGS_INIT as CMake builds it (the
    last set, then every string(APPEND) after it)."""
    value = ""
    for m in re.finditer(
        r'^\s*(set|string\(APPEND)\(?\s*CMAKE_\$\{lang\}_FLAGS_INIT "(.*)"\)', text, re.M
    ):
        value = m[2] if m[1] == "set" else value + m[2]
    return value.replace('\\"', "").split()


@pytest.mark.parametrize("kind", COMPILER_KINDS)
@pytest.mark.parametrize("arch", ARCHES, ids=lambda a: a.name)
def test_softintrin_headers_for_ec_compiles_with_clang(
    rendered: Render, kind: str, arch: Arch
) -> None:
    # [softintrin]: clang's EC compiles (all of an Arm64X configure's) find the headers;
    # cl.exe emulates x86 intrinsics itself; ARM64 and x64 keep clang's own headers
    # (x64 and ARM64 take softintrin's intrin.h folder alone, for MSVC's intrinsics
    # that mingw-w64's intrin.h lacks).
    flags = compile_flags(rendered(kind, arch))
    wanted = kind != "msvc" and arch in (ARM64EC, ARM64X)
    assert (f"/external:I{SOFTINTRIN}" in flags) == wanted
    intrin = wanted or kind == "crtless"
    assert (f"/I{SOFTINTRIN}/intrin" in flags) == intrin  # its intrin.h, before mingw-w64's


@pytest.mark.parametrize("arch", ARCHES, ids=lambda a: a.name)
def test_crtless_msvc_macros(rendered: Render, arch: Arch) -> None:
    # [msvc-macros]: GNU mode lacks them; an Arm64X configure is the EC view's.
    flags = compile_flags(rendered("crtless", arch))
    expected = {"arm64ec": EC_MACROS, "arm64x": EC_MACROS, "arm64": ARM64_MACROS}
    assert [f for f in flags if f.startswith("-D_M_") or f.startswith("-D_ARM")] == expected.get(
        arch.name, ["-D_M_X64=100", "-D_M_AMD64=100"]
    )


@pytest.mark.parametrize("kind", COMPILER_KINDS)
def test_arm64x_native_compiles_lose_the_ec_only_flags(rendered: Render, kind: str) -> None:
    """The launcher options the file gives, applied to a compile made of the file's own
    flags: the native ARM64 compile has neither the softintrin folder nor MSVC's Arm64EC
    macros, and (CRT-less) has the ARM64 ones where they were; nothing else changes."""
    text = rendered(kind, ARM64X)
    launcher = settings_of(text)["EC_BUILDEXT_HYBRID_COMPILE_LAUNCHER_${lang}"].strip('"')
    options = launcher.split(";")
    ec_only = [o.split("=", 1)[1] for o in options if o.startswith("--ec-only=")]
    native_only = [o.split("=", 1)[1] for o in options if o.startswith("--native-only=")]
    if kind == "msvc":  # cl.exe has its own softintrin and defines its own macros
        assert ec_only == native_only == []
        return
    ec = ["clang-cl", *compile_flags(text), "/Foa.c.obj", "-c", "--", "a.c"]
    native, _ = hybrid.native_compile_command(
        ec, "aarch64-w64-windows-gnu", ("", ""), ec_only, native_only
    )
    assert f"/external:I{SOFTINTRIN}" in ec and f"/external:I{SOFTINTRIN}" not in native
    # The intrin.h folder stays for a CRT-less native view (MSVC's ARM64 intrinsics that
    # mingw-w64's intrin.h lacks).
    assert f"/I{SOFTINTRIN}/intrin" in ec
    assert (f"/I{SOFTINTRIN}/intrin" in native) == (kind == "crtless")
    assert not set(EC_MACROS) & set(native)
    if kind == "crtless":
        assert set(EC_MACROS) <= set(ec)
        at = native.index(ARM64_MACROS[0])
        assert native[at : at + 2] == ARM64_MACROS
    else:  # MSVC's environment: the compiler defines the macros itself
        assert native_only == []
    unchanged = [a.replace("a.c.obj", "a.c.arm64.obj") for a in ec if a not in ec_only]
    added = [*ARM64_MACROS, "--target=aarch64-w64-windows-gnu"]
    assert [a for a in native if a not in added] == unchanged


def test_crtless_arm64x_links_the_native_runtime_too(rendered: Render, root: Path) -> None:
    # Each view needs its own runtime support (load config): the native one joins the link.
    link = settings_of(rendered("crtless", ARM64X))["EC_BUILDEXT_HYBRID_LINK_LAUNCHER"]
    assert f"--add={root / 'crtless/native-runtime.obj'};" in link
    assert f"--add={root / 'crtless/native-ecrt.lib'};" in link


def test_host_sdk_file_has_no_runtime_block(rendered: Render) -> None:
    text = rendered("host-sdk", ARM64EC)
    assert "(Windows SDK/CRT of this machine)" in text.splitlines()[1]
    assert "STANDARD_LIBRARIES" not in text and "/libpath:" not in text


def test_arm64x_file_with_two_pythons(root: Path, cache_dir: Path) -> None:
    x64, arm64 = fake_python(root, "Python-x64"), fake_python(root, "Python-arm64")
    compiler = make_compiler("crtless", ARM64X, root)
    plan = make_plan(ARM64X, compiler, python_root=x64, python_root_native=arm64)
    sets = settings_of(toolchain_file(plan))
    compile_launcher = sets["EC_BUILDEXT_HYBRID_COMPILE_LAUNCHER_${lang}"]
    # The native compile swaps the x64 CPython's include/ for the ARM64 one's.
    assert (
        f"--ec-include={x64 / 'include'};--native-include={arm64 / 'include'};" in compile_launcher
    )
    # The link adds the ARM64 import library by path and turns off pyconfig.h's
    # auto-link by name (/NODEFAULTLIB:name [link]) for both pythonXY.lib and python3.lib.
    link = sets["EC_BUILDEXT_HYBRID_LINK_LAUNCHER"]
    assert f"--add=/nodefaultlib:{PY_LIB};--add={arm64 / 'libs' / PY_LIB};" in link
    assert "--add=/nodefaultlib:python3.lib;" in link


@pytest.mark.parametrize(
    ("arch", "soabi"),
    [
        (ARM64EC, "cp313-win_amd64"),
        (X64, "cp313-win_amd64"),
        (ARM64, "cp313-win_arm64"),
        (ARM64X, ""),
    ],
    ids=["arm64ec", "x64", "arm64", "arm64x"],
)
def test_python_cache_entries(root: Path, arch: Arch, soabi: str, cache_dir: Path) -> None:
    # CPython's Windows extension suffixes: .cp313-win_amd64.pyd (x64 CPython, which loads
    # Arm64EC modules), .cp313-win_arm64.pyd, or plain .pyd (both load it: Arm64X).
    python = fake_python(root, "Python")
    compiler = make_compiler("crtless", arch, root)
    plan = make_plan(arch, compiler, python_root=python, python_version=(3, 13))
    entries = python_cache_entries(plan)
    # FindPython's hints and artifacts: Python_ROOT_DIR, Python_INCLUDE_DIR,
    # Python_LIBRARY, Python_FIND_REGISTRY=NEVER (the build machine's registry must not
    # win), Python_SOABI; the same for Python3_; SKBUILD_SOABI for scikit-build-core.
    expected = {"SKBUILD_SOABI": soabi}
    for prefix in ("Python", "Python3"):
        expected |= {
            f"{prefix}_SOABI": soabi,
            f"{prefix}_ROOT_DIR": str(python),
            f"{prefix}_INCLUDE_DIR": str(python / "include"),
            f"{prefix}_LIBRARY": str(python / "libs" / "python313.lib"),
            f"{prefix}_FIND_REGISTRY": "NEVER",
        }
    # The Interpreter component: this interpreter, behind a wrapper whose sysconfig
    # gives the target's module suffix (what FindPython, pybind11, nanobind ask).
    interpreter = entries.pop("Python_EXECUTABLE")
    assert entries.pop("Python3_EXECUTABLE") == interpreter
    assert entries == expected
    ask = "import sysconfig as s; print(s.get_config_var('EXT_SUFFIX'), s.get_config_var('SOABI'))"
    answer = subprocess.run([interpreter, "-c", ask], capture_output=True, text=True, check=True)
    # Arm64X: a plain .pyd and an empty SOABI (print shows it as nothing).
    assert answer.stdout.split() == ([f".{soabi}.pyd", soabi] if soabi else [".pyd"])
    no_python = make_plan(arch, make_compiler("crtless", arch, root), python_version=(3, 13))
    entries = python_cache_entries(no_python)
    found = {n: v for n, v in entries.items() if not n.endswith("_EXECUTABLE")}
    # A cross build without a target CPython: FindPython is given an include folder that
    # holds no Python.h, so it never takes the build machine's own headers.
    for prefix in ("Python", "Python3"):
        include = Path(found.pop(f"{prefix}_INCLUDE_DIR"))
        assert not (include / "Python.h").exists()
        assert include != Path(sysconfig.get_paths()["include"])
    assert found == {"SKBUILD_SOABI": soabi, "Python_SOABI": soabi, "Python3_SOABI": soabi}


def test_flag_words_survive_the_shell() -> None:
    """Words with every character a POSIX shell treats specially but '$' stay one word
    each; a '$' (which Ninja and Make read as theirs) is refused with the fix."""
    from ec_buildext.cmake_ext.text import flags
    from ec_buildext.errors import UserError

    words = ["/libpath:/a b/c", "/vfsoverlay:/we'ird `id` (x) & y/o.yaml", 'q"uote', "back\\slash"]
    assert flag_words(f'"{flags(words)}"') == words
    with pytest.raises(UserError, match=r"has a '\$'.*EC_BUILDEXT_CACHE_DIR"):
        flags(["/libpath:/home/a$b/cache"])
