"""Compile and assemble command lines of the setuptools driver, for every compiler,
runtime, arch and view, written out by hand from the tools' documentation.

Sources of the facts (cited by short name below):
- [cl]: Microsoft, "MSVC compiler options" (/nologo /c /Fo /Tc /Tp /I /D /U /O2 /Od /MD).
- [arm64ec-build]: Microsoft, "Build Arm64EC binaries" (cl /arm64EC on the ARM64 toolset,
  VC lib\\arm64ec before lib\\arm64, softintrin.lib).
- [clang-cl]: clang's "clang-cl" documentation and `clang-cl /?` (/imsvc: system include
  folder as if part of %INCLUDE%; /external:I: include folder with warnings suppressed;
  -Xclang <arg>: pass <arg> to clang's compiler (cc1), here -ivfsoverlay: a virtual file
  system over the real one, which clang-cl 14 accepts (its driver's -vfsoverlay came later);
  /clang:<arg>: pass <arg> to the
  clang driver; --target=).
- [armasm]: Microsoft, "ARM Assembler command-line reference" (-nologo, -o, -machine).
- [ml64]: Microsoft, "ML and ML64 command-line reference" (/nologo /c /Fo).
- [notes]: /work/shared/ARM64EC.md sections 2-3 (triples and GNU mode seen with clang 22).
- [softintrin]: clang has no emulation of x86 intrinsics for Arm64EC, MSVC's cl has its
  own (softintrin): ec-buildext's headers (package data toolchains/softintrin) come first
  in clang's Arm64EC compiles only; `clang-cl -v` lists /external:I folders before its
  own resource headers (seen with clang 22, both C environments).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import ec_buildext
from ec_buildext import get_include
from ec_buildext.arch import ARM64, ARM64EC, ARM64X, X64, Arch
from ec_buildext.errors import UserError
from ec_buildext.plan import ClangCl
from ec_buildext.setuptools_ext.driver import compile_command

from .helpers import (
    COMPILER_KINDS,
    MSVC_VERSION,
    SDK_VERSION,
    make_compiler,
    make_plan,
    make_spec,
    msvc_host_folder,
)

# clang target triples [notes]: the MSVC environment for a real SDK/CRT, mingw-w64's
# GNU environment (w64 vendor) for CRT-less builds on mingw-w64 headers.
MSVC_TRIPLES = {
    "arm64ec": "arm64ec-pc-windows-msvc",
    "arm64": "aarch64-pc-windows-msvc",
    "x64": "x86_64-pc-windows-msvc",
}
GNU_TRIPLES = {
    "arm64ec": "arm64ec-w64-windows-gnu",
    "arm64": "aarch64-w64-windows-gnu",
    "x64": "x86_64-w64-windows-gnu",
}
#: (plan arch, view compiled): Arm64X compiles every source for both of its views.
VIEWS = [(ARM64EC, ARM64EC), (ARM64, ARM64), (X64, X64), (ARM64X, ARM64), (ARM64X, ARM64EC)]
VIEW_IDS = ["arm64ec", "arm64", "x64", "arm64x-native", "arm64x-ec"]


def msvc_bin(root: Path, arch: Arch) -> Path:
    # [arm64ec-build]: Arm64EC (and Arm64X) is built with the ARM64 toolset, x64 with x64.
    target = "x64" if arch is X64 else "arm64"
    return root / "VS/VC/Tools/MSVC" / MSVC_VERSION / "bin" / msvc_host_folder() / target


#: [softintrin]: where the wheel ships the headers.
SOFTINTRIN = Path(ec_buildext.__file__).parent / "toolchains" / "softintrin"


def softintrin(view: Arch) -> list[str]:
    """[softintrin]: the headers' folder, for the Arm64EC view only, and its intrin.h
    alone as a plain include folder (/I: searched before every system folder, so before
    mingw-w64's intrin.h) [clang-cl]."""
    if view is not ARM64EC:
        return []
    return [f"/external:I{SOFTINTRIN.as_posix()}", f"/I{(SOFTINTRIN / 'intrin').as_posix()}"]


def test_softintrin_folder_holds_the_x86_headers() -> None:
    names = {p.name for p in SOFTINTRIN.iterdir()}
    assert {"xmmintrin.h", "emmintrin.h", "immintrin.h", "mm_malloc.h", "cpuid.h"} <= names
    assert {p.name for p in (SOFTINTRIN / "intrin").iterdir()} == {"intrin.h"}


def expected_compiler(kind: str, root: Path, arch: Arch, view: Arch) -> list[str]:
    """The compiler and its runtime's flags, as the documentation spells them."""
    clang_cl = str(root / "llvm/bin/clang-cl")
    if kind == "crtless":
        # GNU mode on mingw-w64's headers as system headers (/external:I: searched
        # after the project's own, warnings off), looked up through a case-insensitive
        # VFS overlay (-ivfsoverlay) as Windows finds <Windows.h> [clang-cl]; clang-cl
        # ignores /O2 in GNU mode, so the optimisation is given in clang's own words
        # through /clang: [clang-cl]. /GS-: the stack-protector runtime is in the CRT;
        # -D_UCRT: ucrtbase's flavour of the headers; -fms-extensions: MSVC's language
        # extensions (__try/__except), which clang's GNU mode leaves off [clang: "MSVC
        # compatibility"]. MSVC's architecture macros, which
        # GNU mode lacks (Arm64EC: _M_ARM64EC with _M_X64/_M_AMD64, never _M_ARM64).
        msvc_macros = {
            "arm64ec": ["-D_M_ARM64EC=1", "-D_M_X64=100", "-D_M_AMD64=100", "-D_ARM64EC_=1"],
            "arm64": ["-D_M_ARM64=1", "-D_ARM64_=1"],
            "x64": ["-D_M_X64=100", "-D_M_AMD64=100"],
        }[view.name]
        return [
            clang_cl,
            f"--target={GNU_TRIPLES[view.name]}",
            "/nologo",
            # C only: asynchronous SEH, so that __try catches an access violation as
            # MSVC's C compiler does [clang: -fasync-exceptions, "/EHa"].
            "-Xclang",
            "-fasync-exceptions",
            f"/external:I{root / 'crtless/mingw-include'}",
            "-Xclang",
            "-ivfsoverlay",
            "-Xclang",
            str(root / "crtless/overlay.yaml"),
            *softintrin(view),
            "/GS-",
            "-D_UCRT",
            "-fms-extensions",
            *msvc_macros,
            "/clang:-O2",
        ]
    if kind == "msvc":
        kits = root / "Windows Kits/10/Include" / SDK_VERSION
        # [arm64ec-build]: /arm64EC selects Arm64EC on the ARM64 toolset; the plain
        # ARM64 toolset builds ARM64 and the x64 toolset x64, with no extra flag.
        flag = ["/arm64EC"] if view is ARM64EC else []
        includes = [root / "VS/VC/Tools/MSVC" / MSVC_VERSION / "include"]
        includes += [kits / "ucrt", kits / "um", kits / "shared"]
        cl = str(msvc_bin(root, arch) / "cl.exe")
        return [cl, "/nologo", *flag, *(f"/I{d}" for d in includes), "/O2", "/MD"]
    target = [clang_cl, f"--target={MSVC_TRIPLES[view.name]}", "/nologo"]
    if kind == "sysroot-vs":
        kits = root / "sysroot-vs/Windows Kits/10/Include" / SDK_VERSION
        crt = root / "sysroot-vs/VC/Tools/MSVC" / MSVC_VERSION / "include"
        system = [crt, kits / "ucrt", kits / "um", kits / "shared"]
    elif kind == "sysroot-xwin":
        tree = root / "sysroot-xwin"
        system = [
            tree / "crt/include",
            *(tree / "sdk/include" / p for p in ("ucrt", "um", "shared")),
        ]
    else:  # host-sdk: clang-cl finds this Windows machine's SDK/CRT by itself
        system = []
    # /imsvc: system include folders, as if in %INCLUDE% [clang-cl].
    return [*target, *(f"/imsvc{d}" for d in system), *softintrin(view), "/O2", "/MD"]


@pytest.mark.parametrize("kind", COMPILER_KINDS)
@pytest.mark.parametrize(("arch", "view"), VIEWS, ids=VIEW_IDS)
def test_c_compile(root: Path, kind: str, arch: Arch, view: Arch) -> None:
    plan = make_plan(arch, make_compiler(kind, arch, root))
    spec = make_spec(
        root,
        "src/mod.c",
        define_macros=(("FOO", "1"), ("BAR", None)),
        undef_macros=("BAZ",),
        include_dirs=("inc",),
        extra_compile_args=("-Wall",),
    )
    # [cl]: /D name[=value], /U, /I, /c compile only, /Fo object, /Tc a C source.
    # Objects of each view go to their own folder (Arm64X: both sets exist side by side).
    obj = root / "build" / view.name / "src" / "mod.c.obj"
    assert compile_command(plan, view, Path("src/mod.c"), spec) == [
        *expected_compiler(kind, root, arch, view),
        "/DNDEBUG",
        "/DFOO=1",
        "/DBAR",
        "/UBAZ",
        "/Iinc",
        "-Wall",
        "/c",
        f"/Fo{obj}",
        "/Tcsrc/mod.c",
    ]


@pytest.mark.parametrize("kind", COMPILER_KINDS)
def test_cpp_and_debug_compile(root: Path, kind: str) -> None:
    plan = make_plan(ARM64EC, make_compiler(kind, ARM64EC, root))
    command = compile_command(plan, ARM64EC, Path("src/x.cpp"), make_spec(root, debug=True))
    # [cl]: /Tp names a C++ source; /Od turns optimisation off (clang: -O0); a debug
    # build keeps assert(), so no /DNDEBUG.
    assert command[-1] == "/Tpsrc/x.cpp"
    assert "/DNDEBUG" not in command
    optimisation = [a for a in command if a in ("/O2", "/Od", "/clang:-O2", "/clang:-O0")]
    assert optimisation == (["/clang:-O0"] if kind == "crtless" else ["/Od"])


@pytest.mark.parametrize("kind", COMPILER_KINDS)
def test_arm64x_compiles_each_source_for_both_views(root: Path, kind: str) -> None:
    # "Build Arm64X binaries": compile for Arm64EC and for ARM64, link both into one DLL.
    plan = make_plan(ARM64X, make_compiler(kind, ARM64X, root))
    assert [v.name for v in plan.arch.views] == ["arm64", "arm64ec"]
    spec = make_spec(root, "a.c", "b.c")
    commands = [compile_command(plan, v, s, spec) for v in plan.arch.views for s in spec.sources]
    objects = [c[-2] for c in commands]
    assert objects == [
        f"/Fo{root / 'build' / view / name}"
        for view in ("arm64", "arm64ec")
        for name in ("a.c.obj", "b.c.obj")
    ]
    if isinstance(plan.compiler, ClangCl):
        environment = GNU_TRIPLES if kind == "crtless" else MSVC_TRIPLES
        assert [c[1] for c in commands] == [
            f"--target={environment[v]}" for v in ("arm64", "arm64", "arm64ec", "arm64ec")
        ]
    else:  # cl.exe: the same ARM64 toolset, /arm64EC for the EC compiles only
        assert ["/arm64EC" in c for c in commands] == [False, False, True, True]


@pytest.mark.parametrize("kind", [k for k in COMPILER_KINDS if k != "msvc"])
@pytest.mark.parametrize(("arch", "view"), VIEWS, ids=VIEW_IDS)
def test_gnu_assembly_by_clang(root: Path, kind: str, arch: Arch, view: Arch) -> None:
    plan = make_plan(arch, make_compiler(kind, arch, root))
    spec = make_spec(root, define_macros=(("N", "4"), ("EC", None)), include_dirs=("inc",))
    triples = GNU_TRIPLES if kind == "crtless" else MSVC_TRIPLES
    obj = root / "build" / view.name / "src" / "k.S.obj"
    # .S is preprocessed then assembled by clang (GNU driver: -D, -I, -c, -o); the
    # package's own include folder (ec_thunks.h) comes last.
    assert compile_command(plan, view, Path("src/k.S"), spec) == [
        str(root / "llvm/bin/clang"),
        f"--target={triples[view.name]}",
        "-DN=4",
        "-DEC",
        "-Iinc",
        f"-I{get_include()}",
        "-c",
        "src/k.S",
        "-o",
        str(obj),
    ]


@pytest.mark.parametrize(("arch", "view"), VIEWS, ids=VIEW_IDS)
def test_msvc_assembly(root: Path, arch: Arch, view: Arch) -> None:
    plan = make_plan(arch, make_compiler("msvc", arch, root))
    obj = root / "build" / view.name / "src" / "k.asm.obj"
    command = compile_command(plan, view, Path("src/k.asm"), make_spec(root))
    if view is X64:
        # [ml64]: ML64 [options] file; /c assemble only, /Fo object file.
        assert command == [
            str(msvc_bin(root, arch) / "ml64.exe"),
            "/nologo",
            "/c",
            f"/Fo{obj}",
            "src/k.asm",
        ]
        return
    # [armasm]: armasm64 [options] -o objectfile sourcefile; -machine sets the object's
    # machine type: ARM64EC for Arm64EC code ("Understanding Arm64EC ABI and assembly
    # code"); without it armasm64 writes ARM64 objects.
    machine = ["-machine", "ARM64EC"] if view is ARM64EC else []
    assert command == [
        str(msvc_bin(root, arch) / "armasm64.exe"),
        "-nologo",
        *machine,
        "-o",
        str(obj),
        "src/k.asm",
    ]


def test_msvc_refuses_gnu_assembly(root: Path) -> None:
    plan = make_plan(ARM64EC, make_compiler("msvc", ARM64EC, root))
    with pytest.raises(UserError) as e:
        compile_command(plan, ARM64EC, Path("k.S"), make_spec(root))
    assert str(e.value) == (
        "k.S: GNU-syntax assembly (.S/.s) needs clang, and this build uses MSVC. Set "
        "toolchain = 'clang-cl', or provide the file in armasm64/MASM syntax (.asm)."
    )


@pytest.mark.parametrize("view", [ARM64EC, ARM64])
def test_clang_refuses_armasm64_syntax(root: Path, view: Arch) -> None:
    # LLVM has no assembler for armasm64's syntax (llvm-ml is MASM, x86 only).
    plan = make_plan(view, make_compiler("crtless", view, root))
    with pytest.raises(UserError, match=r"^k\.asm: \.asm for the .* needs MSVC's armasm64\.exe"):
        compile_command(plan, view, Path("k.asm"), make_spec(root))


def test_clang_masm_for_x64(root: Path) -> None:
    plan = make_plan(X64, make_compiler("crtless", X64, root))
    with pytest.raises(UserError, match=r"needs llvm-ml \(MASM syntax\), which this LLVM lacks"):
        compile_command(plan, X64, Path("k.asm"), make_spec(root))
    llvm_ml = root / "llvm/bin/llvm-ml"
    llvm_ml.parent.mkdir(parents=True)
    llvm_ml.write_text("")  # present and executable: never run
    llvm_ml.chmod(0o755)
    obj = root / "build/x64/k.asm.obj"
    # llvm-ml: -m64 selects x64; otherwise ml64's own options (/c /Fo) [ml64].
    assert compile_command(plan, X64, Path("k.asm"), make_spec(root)) == [
        str(llvm_ml),
        "-m64",
        "/nologo",
        "/c",
        f"/Fo{obj}",
        "k.asm",
    ]


def test_unknown_source_kind_is_refused(root: Path) -> None:
    plan = make_plan(ARM64EC, make_compiler("crtless", ARM64EC, root))
    with pytest.raises(UserError, match=r"^k\.f90: ec-buildext does not know how to build"):
        compile_command(plan, ARM64EC, Path("k.f90"), make_spec(root))
