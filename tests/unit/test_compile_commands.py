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

from ec_buildext import get_include
from ec_buildext.arch import ARM64, ARM64EC, ARM64X, X64, Arch
from ec_buildext.errors import UserError
from ec_buildext.plan import ClangCl
from ec_buildext.setuptools_ext.driver import compile_command

from .expected_compiles import GNU_TRIPLES, MSVC_TRIPLES, SOFTINTRIN, expected_compiler, msvc_bin
from .helpers import COMPILER_KINDS, make_compiler, make_plan, make_spec

#: (plan arch, view compiled): Arm64X compiles every source for both of its views.
VIEWS = [(ARM64EC, ARM64EC), (ARM64, ARM64), (X64, X64), (ARM64X, ARM64), (ARM64X, ARM64EC)]
VIEW_IDS = ["arm64ec", "arm64", "x64", "arm64x-native", "arm64x-ec"]


def test_softintrin_folder_holds_the_x86_headers() -> None:
    names = {p.name for p in SOFTINTRIN.iterdir()}
    assert {"xmmintrin.h", "emmintrin.h", "immintrin.h", "mm_malloc.h", "cpuid.h"} <= names
    assert {p.name for p in (SOFTINTRIN / "intrin").iterdir()} == {"intrin.h"}


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
