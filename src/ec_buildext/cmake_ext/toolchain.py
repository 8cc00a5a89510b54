"""A build plan in CMake's terms: toolchain files for (clang-cl | MSVC) x (arm64ec |
arm64 | arm64x | x64), rendered from the build model (:mod:`ec_buildext.model`: the
compiler's and runtime's flags, link setup and per-view runtime inputs) into the
templates of ``templates/``.

The text is a function of the compiler, its runtime and the target, except for the
small wrapper scripts an Arm64X file names (written once into the cache, by content).
The files are also usable by hand (``ec-buildext toolchain``).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Optional

from .. import __version__, cmake_dir, get_include
from ..arch import ARM64, Arch, CEnvironment
from ..build_inputs import PythonView, python_views
from ..model import CompileFlags, Language, LinkSetup, configured_view
from ..plan import BuildPlan, ClangCl, Compiler, Msvc
from ..toolchains.msvc import MsvcToolchain
from .cxx_runtime import llvm_json
from .launcher import HybridWiring, compile_swaps, hybrid_block
from .text import cmake_list, cmake_path, flags, render_template

__all__ = ["render", "render_clang_cl", "render_msvc", "toolchain_file"]

#: CMake passes /O2 & co, which clang-cl ignores in GNU mode (the files give
#: /clang:-O instead): their warnings are noise.
_GNU_MODE_QUIET = ("-Wno-unused-command-line-argument",)


def render(
    arch: Arch, compiler: Compiler, pythons: Optional[Mapping[Arch, PythonView]] = None
) -> str:
    """The toolchain file for ``arch`` with ``compiler`` (``pythons``: the target CPython
    of each view, of which an Arm64X file gives the native view its own)."""
    if isinstance(compiler, ClangCl):
        return render_clang_cl(arch, compiler, pythons)
    return render_msvc(arch, compiler.msvc, pythons)


def toolchain_file(plan: BuildPlan) -> str:
    """The toolchain file of a plan's build."""
    return render(plan.arch, plan.compiler, python_views(plan))


def _libpaths(setup: LinkSetup) -> list[str]:
    """Library folders, and the overlay that finds their files in any case."""
    found = [f"/libpath:{cmake_path(d)}" for d in setup.library_dirs]
    overlay = setup.library_overlay
    return found + ([f"/vfsoverlay:{cmake_path(overlay)}"] if overlay is not None else [])


def _gnu_mode_block(arch: Arch, compiler: ClangCl, compile_flags: CompileFlags) -> str:
    """clang-cl in GNU mode (CRT-less): its identity, flags, standard libraries and
    links, and the C++ runtime's configure-time hook."""
    view = configured_view(arch)
    setup = compiler.link_setup(arch)
    inputs = compiler.view_runtime(view, cxx=False).inputs
    libs = flags([*(cmake_path(p) for p in inputs), *setup.default_libraries])
    entry = [f"/entry:{setup.dll_entry}"] if setup.dll_entry else []
    no_lto = render_template("no-lto").rstrip("\n") if arch.has_ec_view else ""
    c, cxx = (compile_flags.for_language(lang) for lang in (Language.C, Language.CXX))
    block = render_template(
        "crtless",
        LLVM_VERSION=compiler.llvm.version_text,
        PROCESSOR=arch.cmake_processor,
        COMMON_FLAGS=flags([*compile_flags.common, *_GNU_MODE_QUIET]),
        RELEASE_FLAGS=flags(compile_flags.release),
        LIBS=libs,
        C_FLAGS=flags([*c, *_GNU_MODE_QUIET]),
        CXX_FLAGS=flags([*cxx, *_GNU_MODE_QUIET]),
        NO_LTO=no_lto,
        DLL_LINK_FLAGS=flags([*setup.flags, *entry, "/MANIFEST:NO", *_libpaths(setup)]),
        EXE_LINK_FLAGS=flags([*setup.flags, "/MANIFEST:NO", *_libpaths(setup)]),
    )
    block += render_template(
        "cxx-runtime",
        PYTHON=cmake_path(sys.executable),
        ARCH=arch.name,
        LLVM_JSON=llvm_json(compiler.llvm),
        CONFIGURED_VIEW=view.name,
        LIBS=libs,
    )
    return block + (render_template("cxx-runtime-hybrid") if arch.is_hybrid else "")


def _sdk_block(arch: Arch, compiler: ClangCl, compile_flags: CompileFlags) -> str:
    """clang-cl with a Windows SDK/CRT: the folders it is told, if any, and the
    runtime's flags (softintrin for Arm64EC)."""
    setup = compiler.link_setup(arch)
    block = ""
    if compile_flags.system_include_dirs or setup.library_dirs:
        block += render_template(
            "sysroot",
            DESCRIPTION=compiler.runtime.describe(),
            INCLUDE_DIRS=cmake_list(compile_flags.system_include_dirs),
            LIBPATHS=flags(_libpaths(setup)),
        )
    if compile_flags.common:
        block += render_template("sdk-flags", COMMON_FLAGS=flags(compile_flags.common))
    return block


def _clang_cl_hybrid(arch: Arch, compiler: ClangCl, pythons: Mapping[Arch, PythonView]) -> str:
    """The Arm64X launchers: the native view's compiles lose the flags only the EC view
    has (softintrin, MSVC's Arm64EC macros in GNU mode) for its own; its runtime inputs
    join every link (its C++ runtime too, from the configure-time hook)."""
    ec, native = configured_view(arch), arch.native_view

    def every_flag(view: Arch) -> list[str]:
        found = compiler.compile_flags(view)
        return [*found.for_language(Language.C), *found.for_language(Language.CXX)]

    ec_only, native_only = compile_swaps(every_flag(ec), every_flag(native))
    llvm = compiler.llvm
    wiring = HybridWiring(
        native_target=ARM64.triple(compiler.environment),
        archiver=llvm.tool("llvm-lib"),
        native_runtime=compiler.view_runtime(native, cxx=False).inputs,
        llvm_bin=cmake_path(llvm.tool("clang-cl").parent),
        assembler=llvm.tool("clang-cl"),
        ec_only=ec_only,
        native_only=native_only,
    )
    return hybrid_block(wiring, pythons)


def render_clang_cl(
    arch: Arch, compiler: ClangCl, pythons: Optional[Mapping[Arch, PythonView]] = None
) -> str:
    """A clang-cl + lld-link toolchain file for ``compiler``'s LLVM and runtime (a
    CRT-less build, an SDK/CRT sysroot, or this Windows machine's own SDK/CRT)."""
    llvm = compiler.llvm
    compile_flags = compiler.compile_flags(configured_view(arch))
    if compiler.environment is CEnvironment.GNU:
        block = _gnu_mode_block(arch, compiler, compile_flags)
        no_ipo = 'set(CMAKE_${lang}_COMPILE_OPTIONS_IPO \\"\\")\\n' if arch.has_ec_view else ""
        prelude = render_template("crtless-rules", NO_IPO=no_ipo)
    else:
        block, prelude = _sdk_block(arch, compiler, compile_flags), ""
    triple = arch.triple(compiler.environment)
    hybrid = _clang_cl_hybrid(arch, compiler, pythons or {}) if arch.is_hybrid else ""
    rc = llvm.tools.get("llvm-rc")
    return render_template(
        "clang-cl",
        EC_VERSION=__version__,
        CMAKE_DIR=cmake_path(cmake_dir()),
        INCLUDE_DIR=cmake_path(get_include()),
        PRELUDE=prelude,
        ARCH=arch.name,
        MODE=compiler.runtime.mode_name,
        LLVM_VERSION=llvm.version_text,
        LLVM_ORIGIN=llvm.origin,
        PROCESSOR=arch.cmake_processor,
        CLANG_CL=cmake_path(llvm.tool("clang-cl")),
        CLANG=cmake_path(llvm.tool("clang")),
        PYTHON=cmake_path(sys.executable),
        # The Arm64EC view's triple, for ec_add_thunks(); empty where there is none.
        EC_TRIPLE=triple if arch.has_ec_view else "",
        TRIPLE=triple,
        LLD_LINK=cmake_path(llvm.tool("lld-link")),
        LLVM_LIB=cmake_path(llvm.tool("llvm-lib")),
        LLVM_RC=cmake_path(rc) if rc else "",
        MODE_BLOCK=block,
        HYBRID_BLOCK=hybrid,
    )


def render_msvc(
    arch: Arch, msvc: MsvcToolchain, pythons: Optional[Mapping[Arch, PythonView]] = None
) -> str:
    """A cl.exe + link.exe toolchain file for the ARM64 (or x64) toolset of ``msvc``."""
    compiler = Msvc(msvc)
    bin_dir = msvc.bin_dir
    sdk_bin = msvc.sdk_dir / "bin" / msvc.sdk_version / "x64"
    wiring = HybridWiring(native_target="", archiver=bin_dir / "lib.exe")
    include_dirs = compiler.compile_flags(configured_view(arch)).system_include_dirs
    return render_template(
        "msvc",
        EC_VERSION=__version__,
        CMAKE_DIR=cmake_path(cmake_dir()),
        INCLUDE_DIR=cmake_path(get_include()),
        ARCH=arch.name,
        MSVC_DESCRIPTION=msvc.describe(),
        PROCESSOR=arch.cmake_processor,
        CL=cmake_path(bin_dir / "cl.exe"),
        COMPILE_FLAG=arch.msvc_compile_flag,
        TOOLSET=arch.msvc_toolset,
        INCLUDE_DIRS=cmake_list(include_dirs),
        LINK=cmake_path(bin_dir / "link.exe"),
        LIB=cmake_path(bin_dir / "lib.exe"),
        PYTHON=cmake_path(sys.executable),
        ARMASM=cmake_path(bin_dir / "armasm64.exe") if arch.has_ec_view else "",
        RC=cmake_path(sdk_bin / "rc.exe"),
        MT=cmake_path(sdk_bin / "mt.exe"),
        LIBPATHS=flags(_libpaths(compiler.link_setup(arch))),
        HYBRID_BLOCK=hybrid_block(wiring, pythons or {}) if arch.is_hybrid else "",
    )
