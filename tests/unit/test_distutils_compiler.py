"""What code written for distutils' MSVCCompiler finds on ec-buildext's compiler object
(setuptools_ext/compiler.py): ``initialize()``, ``cc``, ``preprocessor`` and
``preprocess()``'s command, from fake folders (nothing runs here;
tests/setuptools/test_setuptools_real_bugs.py runs them with the real clang-cl).

zstandard's make_cffi.py is the model user: ``new_compiler()``, ``initialize()`` if
present, ``customize_compiler()``, then ``args = compiler.preprocessor`` (or
``[compiler.cc, "/EP"]`` when that is empty), ``args.extend([...])`` and
``args + [header]`` run for cffi's cdef.  [cl]: /EP preprocesses to standard output
without #line directives; /P /Fi<file> to a file; /TC treats every file as C; /Tc and
/Tp name one C or C++ source.
"""

from __future__ import annotations

import sysconfig
from pathlib import Path

import pytest

from ec_buildext.arch import ARM64, ARM64EC, ARM64X, X64, Arch
from ec_buildext.setuptools_ext.compiler import EcCompiler

# isort: split
from distutils.sysconfig import customize_compiler

from .expected_compiles import expected_compiler, msvc_bin
from .helpers import COMPILER_KINDS, fake_crtless, make_compiler, make_plan

ARCHES = [ARM64EC, ARM64, X64, ARM64X]


def ec_compiler(kind: str, arch: Arch, root: Path) -> EcCompiler:
    return EcCompiler(make_plan(arch, make_compiler(kind, arch, root)))


@pytest.mark.parametrize("kind", COMPILER_KINDS)
@pytest.mark.parametrize("arch", ARCHES, ids=[a.name for a in ARCHES])
def test_preprocessor_is_the_compile_of_the_ec_view(root: Path, kind: str, arch: Arch) -> None:
    compiler = ec_compiler(kind, arch, root)
    # Arm64X: the EC view (as probes are linked); otherwise the one view.
    view = ARM64EC if arch is ARM64X else arch
    assert compiler.preprocessor == [
        *expected_compiler(kind, root, arch, view),
        "/DNDEBUG",
        "/EP",
        "/TC",
    ]


@pytest.mark.parametrize("kind", ["crtless", "msvc"])
def test_make_cffi_sequence(root: Path, kind: str) -> None:
    compiler = ec_compiler(kind, ARM64EC, root)
    before = compiler.preprocessor
    compiler.initialize()  # as make_cffi.py and setup_zstd.py call it
    compiler.initialize("win-amd64")  # build_ext's call on Windows: the plan decides
    customize_compiler(compiler)  # acts on "unix" compilers only
    assert compiler.compiler_type == "msvc"
    args = compiler.preprocessor
    args.extend(["/DZSTD_STATIC_LINKING_ONLY", "/DZDICT_STATIC_LINKING_ONLY"])
    # A new list each time: the caller's extend stays in the caller's list.
    assert compiler.preprocessor == before
    assert args == [*before, "/DZSTD_STATIC_LINKING_ONLY", "/DZDICT_STATIC_LINKING_ONLY"]


def test_cc_is_the_compiler_program(root: Path) -> None:
    # MSVCCompiler.cc: cl.exe's path, nothing else; clang-cl's for LLVM builds.
    assert ec_compiler("msvc", ARM64EC, root).cc == str(msvc_bin(root, ARM64EC) / "cl.exe")
    assert ec_compiler("msvc", X64, root).cc == str(msvc_bin(root, X64) / "cl.exe")
    for kind in ("crtless", "sysroot-xwin", "host-sdk"):
        assert ec_compiler(kind, ARM64X, root).cc == str(root / "llvm/bin/clang-cl")


def test_preprocessor_has_the_compilers_own_macros_and_folders(root: Path) -> None:
    compiler = ec_compiler("crtless", ARM64EC, root)
    base = compiler.preprocessor[:-2]
    compiler.define_macro("A", "1")
    compiler.define_macro("B")
    compiler.undefine_macro("C")
    compiler.add_include_dir("inc")
    compiler.add_include_dir(sysconfig.get_paths()["include"])  # the build machine's
    assert compiler.preprocessor == [*base, "/DA=1", "/DB", "/UC", "/Iinc", "/EP", "/TC"]


def test_preprocess_to_a_file(root: Path) -> None:
    compiler = ec_compiler("crtless", ARM64X, root)
    base = compiler.preprocessor[:-2]
    argv = compiler.preprocess_argv(
        "src/x.c",
        "out/x.i",
        macros=[("M", "2"), ("N",)],
        include_dirs=["inc"],
        extra_preargs=["-Wall"],
        extra_postargs=["/Zs"],
    )
    assert argv == [
        *base,
        "/DM=2",
        "/UN",
        "/Iinc",
        "-Wall",
        "/Zs",
        "/EP",
        "/P",
        "/Fiout/x.i",
        "/Tcsrc/x.c",
    ]


def test_preprocess_cxx_to_standard_output(root: Path) -> None:
    compiler = ec_compiler("crtless", ARM64EC, root)
    c_compile = expected_compiler("crtless", root, ARM64EC, ARM64EC)
    # C++: libc++'s headers and flags where a C compile has its C-only flags (the
    # asynchronous-SEH pair after the target and /nologo); /Tp names the source.
    assert compiler.preprocess_argv("src/x.cpp") == [
        *c_compile[:3],
        *fake_crtless(root).compile_flags(ARM64EC).cxx,
        *c_compile[5:],
        "/DNDEBUG",
        "/EP",
        "/Tpsrc/x.cpp",
    ]
