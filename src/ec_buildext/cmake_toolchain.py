"""A build plan in CMake's terms: toolchain files for (clang-cl | MSVC) x (arm64ec |
arm64 | arm64x | x64), and the cache entries that point FindPython at the target CPython.

The text is a function of the compiler, its runtime and the target, except for the
small wrapper scripts an Arm64X file names (written once into the cache, by content).
The files are also usable by hand (``ec-buildext toolchain``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Optional

from . import __version__, cmake_dir, get_include
from .arch import ARM64, ARM64EC, ARM64X, Arch
from .cache import cached_folder, key_of, write_text_atomic
from .plan import BuildPlan, ClangCl, Compiler, HostSdk
from .target_python import TargetPython
from .toolchains.crt import DLL_ENTRY
from .toolchains.crtless import (
    CRTLESS_C_FLAGS,
    CRTLESS_COMPILE_FLAGS,
    CRTLESS_LINK_FLAGS,
    DEFAULT_LIBS,
    CrtlessSupport,
    cxx_libraries,
    cxx_runtime_unavailable,
    project_uses_cxx,
)
from .toolchains.diagnose import msvc_predefined_macros, softintrin_flags
from .toolchains.llvm import LlvmToolchain
from .toolchains.msvc import MsvcToolchain
from .toolchains.sysroot import Sysroot

__all__ = [
    "python_block",
    "python_cache_entries",
    "render",
    "render_clang_cl",
    "render_msvc",
    "step_wrapper",
    "template_text",
    "toolchain_file",
]

_PLACEHOLDER = re.compile(r"@([A-Z_]+)@")


def template_text(name: str) -> str:
    """The text of ``templates/<name>.cmake.in`` shipped with ec-buildext."""
    return (
        resources.files("ec_buildext")
        .joinpath("templates")
        .joinpath(f"{name}.cmake.in")
        .read_text(encoding="utf-8")
    )


def _fill(template: str, values: dict[str, str]) -> str:
    def one(m: re.Match[str]) -> str:
        return values[m[1]]

    return _PLACEHOLDER.sub(one, template)


def _cmake_path(path: Path | str) -> str:
    return Path(path).as_posix()


def _cmake_list(paths: Iterable[Path | str]) -> str:
    return " ".join(f'"{_cmake_path(p)}"' for p in paths)


def _flags(parts: Iterable[str]) -> str:
    """A CMake flags string (double-quoted), paths with spaces quoted inside it."""
    return " ".join(f'\\"{p}\\"' if " " in p else p for p in parts)


def _libpaths(dirs: Sequence[Path]) -> list[str]:
    return [f"/libpath:{_cmake_path(d)}" for d in dirs]


def _crtless_block(
    arch: Arch, llvm: LlvmToolchain, support: CrtlessSupport, cxx_libs: Sequence[Path] = ()
) -> str:
    ec_inputs = support.runtime_inputs(hybrid=False)
    lib_parts = [*(_cmake_path(p) for p in ec_inputs), *DEFAULT_LIBS]
    libs = _flags(lib_parts)
    # C++ links also take the (EC view's) C++ runtime; compiles, libc++'s headers first.
    cxx_libs_text = _flags([*(_cmake_path(p) for p in cxx_libs[:1]), *lib_parts])
    cxx_flags = _flags(support.cxx_flags())
    c_flags = _flags(CRTLESS_C_FLAGS)
    link_flags = _flags(CRTLESS_LINK_FLAGS)
    # lld's LTO does not load archive members for the Arm64EC symbols its output
    # references (libc++'s, seen with pybind11's -flto): no IPO by default (pybind11
    # adds -flto itself unless the variable is defined; see also _crtless_prelude).
    no_lto = (
        '\nset(CMAKE_INTERPROCEDURAL_OPTIMIZATION OFF CACHE BOOL "ec-buildext: no LTO")'
        if arch.has_ec_view
        else ""
    )
    # Library names in any case, as on Windows (the overlay, where lld takes one).
    overlay = [f"/vfsoverlay:{_cmake_path(support.lib_overlay)}"] if support.lib_overlay else []
    libpath = _flags([*_libpaths([support.lib_dir]), *overlay])
    # /external:I, not CMAKE_<LANG>_STANDARD_INCLUDE_DIRECTORIES: CMake spells those
    # -imsvc, which clang-cl ignores in GNU mode; the overlay finds <Windows.h> in any
    # case.  clang-cl also ignores /O2 & co (hence the /clang:-O flags below), so
    # their "unused argument" warnings are silenced.
    compile_flags = _flags(
        [
            *support.include_flags(),  # CRT-less builds run on POSIX hosts: paths as they are
            *CRTLESS_COMPILE_FLAGS,
            # MSVC's _M_* macros (Arm64X: the EC view's; the launcher gives the native
            # compiles the ARM64 ones instead).
            *msvc_predefined_macros(arch.ec_view or arch),
            "-Wno-unused-command-line-argument",
        ]
    )
    return f"""
# CRT-less build: no Windows SDK or CRT.  clang-cl compiles in GNU mode on the
# mingw-w64 headers; links take /nodefaultlib, ec-buildext's runtime support
# (stack probe; for Arm64EC also load config + CHPE metadata) and import
# libraries made from .def files.
# In GNU mode clang-cl defines no _MSC_VER, so CMake would not recognise it as
# MSVC-like: its identity is stated here instead of detected.
foreach(lang C CXX)
  set(CMAKE_${{lang}}_COMPILER_ID_RUN TRUE)
  set(CMAKE_${{lang}}_COMPILER_ID Clang)
  set(CMAKE_${{lang}}_COMPILER_VERSION {llvm.version_text})
  set(CMAKE_${{lang}}_SIMULATE_ID MSVC)
  set(CMAKE_${{lang}}_SIMULATE_VERSION 19.40)
  set(CMAKE_${{lang}}_COMPILER_FRONTEND_VARIANT MSVC)
  set(CMAKE_${{lang}}_COMPILER_ARCHITECTURE_ID {arch.cmake_processor})
  set(MSVC_${{lang}}_ARCHITECTURE_ID {arch.cmake_processor})
  set(CMAKE_${{lang}}_FLAGS_INIT "{compile_flags}")
  set(CMAKE_${{lang}}_FLAGS_RELEASE_INIT "/clang:-O2")
  set(CMAKE_${{lang}}_FLAGS_RELWITHDEBINFO_INIT "/clang:-O2")
  set(CMAKE_${{lang}}_FLAGS_MINSIZEREL_INIT "/clang:-Os")
  set(CMAKE_${{lang}}_STANDARD_LIBRARIES "{libs}" CACHE STRING "CRT-less runtime" FORCE)
endforeach()
set(CMAKE_C_FLAGS_INIT "{c_flags} {compile_flags}")
set(CMAKE_CXX_FLAGS_INIT "{cxx_flags} {compile_flags}"){no_lto}
set(CMAKE_CXX_STANDARD_LIBRARIES "{cxx_libs_text}" CACHE STRING "CRT-less runtime" FORCE)
set(CMAKE_C_STANDARD_COMPUTED_DEFAULT 17)
set(CMAKE_C_EXTENSIONS_COMPUTED_DEFAULT OFF)
set(CMAKE_CXX_STANDARD_COMPUTED_DEFAULT 14)
set(CMAKE_CXX_EXTENSIONS_COMPUTED_DEFAULT OFF)
# DLLs start at ec-buildext's C runtime entry point: constructors, then DllMain.
# /MANIFEST:NO: no side-by-side manifest to embed, so no mt.exe is needed.
foreach(kind SHARED MODULE)
  set(CMAKE_${{kind}}_LINKER_FLAGS_INIT "{link_flags} /entry:{DLL_ENTRY} /MANIFEST:NO {libpath}")
endforeach()
set(CMAKE_EXE_LINKER_FLAGS_INIT "{link_flags} /MANIFEST:NO {libpath}")
"""


# CMake's Windows-Clang rules spell system include folders -imsvc, which clang-cl
# ignores in GNU mode; /external:I works in both modes.  Those rules load after
# the toolchain file, so a small rules file, written at configure time into the
# build tree, corrects the flag from CMAKE_USER_MAKE_RULES_OVERRIDE_<LANG>.  For
# Arm64EC it also empties the IPO compile options: a project that sets
# CMAKE_INTERPROCEDURAL_OPTIMIZATION itself (Levenshtein does) still builds, without
# LTO, where lld's LTO would miss the runtimes' Arm64EC symbols.
def _crtless_prelude(arch: Arch) -> str:
    no_ipo = 'set(CMAKE_${lang}_COMPILE_OPTIONS_IPO \\"\\")\\n' if arch.has_ec_view else ""
    return f"""
foreach(lang C CXX)
  if(NOT CMAKE_USER_MAKE_RULES_OVERRIDE_${{lang}})
    set(_ec_rules "${{CMAKE_BINARY_DIR}}/CMakeFiles/ec-buildext-rules-${{lang}}.cmake")
    file(CONFIGURE OUTPUT "${{_ec_rules}}"
         CONTENT "set(CMAKE_INCLUDE_SYSTEM_FLAG_${{lang}} \\"/external:I \\")\\n{no_ipo}")
    set(CMAKE_USER_MAKE_RULES_OVERRIDE_${{lang}} "${{_ec_rules}}")
  endif()
endforeach()
"""


def _softintrin_block(arch: Arch) -> str:
    """Arm64EC compiles find ec-buildext's SSE headers before clang's (Arm64X: the
    launcher leaves them out of the native compiles)."""
    flags = softintrin_flags(arch.ec_view) if arch.ec_view else ()
    if not flags:
        return ""
    return f"""
# x86 SSE intrinsics in Arm64EC code, as MSVC emulates them: ec-buildext's headers
# (softintrin) ahead of clang's own x86 ones, which cannot compile for ARM.
foreach(lang C CXX)
  string(APPEND CMAKE_${{lang}}_FLAGS_INIT " {_flags(flags)}")
endforeach()
"""


def _sysroot_block(arch: Arch, sysroot: Sysroot) -> str:
    libpaths = _flags(_libpaths(sysroot.lib_dirs(arch)))
    return f"""
# Windows SDK + MSVC CRT from {_cmake_path(sysroot.root)} ({sysroot.layout} layout).
foreach(lang C CXX)
  set(CMAKE_${{lang}}_STANDARD_INCLUDE_DIRECTORIES {_cmake_list(sysroot.include_dirs())})
endforeach()
foreach(kind EXE SHARED MODULE)
  set(CMAKE_${{kind}}_LINKER_FLAGS_INIT "{libpaths}")
endforeach()
# DLLs need no side-by-side manifest; without one no mt.exe is needed.
foreach(kind SHARED MODULE)
  string(APPEND CMAKE_${{kind}}_LINKER_FLAGS_INIT " /MANIFEST:NO")
endforeach()
"""


def hybrid_launcher() -> list[str]:
    """How CMake starts the Arm64X steps (``python -m ec_buildext.hybrid``'s script, run
    by its path): once per compile, so without site, runpy and the package import
    (about 6 ms of CPU each time; hybrid.py needs only the standard library)."""
    from . import hybrid

    return [sys.executable, "-I", "-S", str(Path(hybrid.__file__))]


def step_wrapper(name: str, step: list[str], real_tool: Path) -> Path:
    """An executable running the Arm64X launcher: ``<launcher> <step> -- <real_tool> ARGS``.

    For the tools CMake has no launcher for, and must name as one program: the
    archiver (CMAKE_AR) and the assembler (ASM_COMPILER_LAUNCHER does not exist).
    """
    words = [*hybrid_launcher(), *step, "--", str(real_tool)]

    def fill(folder: Path) -> None:
        if sys.platform == "win32":
            body = " ".join(f'"{w}"' for w in words)
            write_text_atomic(folder / f"{name}.cmd", f"@{body} %*\r\n")
        else:
            body = " ".join(f"'{w}'" for w in words)
            write_text_atomic(folder / name, f'#!/bin/sh\nexec {body} "$@"\n', executable=True)

    folder = cached_folder(f"hybrid-{name}-{key_of(words)}", fill)
    return folder / (f"{name}.cmd" if sys.platform == "win32" else name)


def _native_python_options(python: Optional[TargetPython]) -> tuple[str, str]:
    """Launcher options that give the native view its own CPython (``python``: a pair,
    the x64 CPython the project's FindPython sees and the ARM64 one): its include folder
    replaces the x64 one in native compiles; its import libraries join the link, and the
    pyconfig.h auto-link is switched off so no library path picks one for both views."""
    if python is None:
        return "", ""
    ec_include, native_include = python.include_dir(ARM64EC), python.include_dir(ARM64)
    assert ec_include is not None and native_include is not None
    compile_options = (
        f"--ec-include={_cmake_path(ec_include)};--native-include={_cmake_path(native_include)};"
    )
    link_options = ""
    for limited in (False, True):
        link_options += f"--add=/nodefaultlib:{python.import_library(limited)};"
        native_lib = python.library(ARM64, limited)
        if native_lib is not None and native_lib.is_file():
            link_options += f"--add={_cmake_path(native_lib)};"
    return compile_options, link_options


def _hybrid_block(
    native_target: str,
    real_lib: Path,
    native_runtime: Sequence[Path],
    llvm_bin: str,
    assembler: Optional[Path] = None,
    target_python: Optional[TargetPython] = None,
    swaps: tuple[Sequence[str], Sequence[str]] = ((), ()),
) -> str:
    """Arm64X in one configure: CMake's launchers run ec_buildext.hybrid around each step
    (``swaps``: the compile flags only the EC view has, and the native view's instead)."""
    python, *flags, script = hybrid_launcher()
    launcher = ";".join([_cmake_path(python), *flags, _cmake_path(script)])
    python_compile, python_link = _native_python_options(target_python)
    ec_only, native_only = swaps
    python_compile += "".join(f"--ec-only={a};" for a in ec_only)
    python_compile += "".join(f"--native-only={a};" for a in native_only)
    target = f"--native-target={native_target};" if native_target else ""
    asm = ""
    if assembler is not None:  # CMake has no ASM compiler launcher: wrap the assembler
        wrapper = step_wrapper("ec-asm", ["compile", *([target[:-1]] if target else [])], assembler)
        asm = f'set(CMAKE_ASM_COMPILER "{_cmake_path(wrapper)}")\n'

    add = "".join(f"--add={_cmake_path(p)};" for p in native_runtime) + python_link
    machine = f"--machine={ARM64X.machine};"
    return f"""
# Arm64X: every SHARED/MODULE library becomes one Arm64X DLL in this single
# configure.  Sources compile for Arm64EC as configured above and, through the
# compiler launcher, once more for native ARM64 (sidecar objects *.arm64.obj);
# static libraries hold both object sets; DLL links take /machine:{ARM64X.machine}.
# A launcher you set yourself (CMAKE_<LANG>_COMPILER_LAUNCHER) still runs, chained.
# -DEC_BUILDEXT_ARM64X_ALL=OFF builds Arm64EC except the targets given to
# ec_arm64x() (include(EcBuildExt)), which uses the variables defined here.
if(CMAKE_VERSION VERSION_LESS 3.21)
  message(FATAL_ERROR "ec-buildext: Arm64X builds need CMake >= 3.21 "
    "(CMAKE_<LANG>_LINKER_LAUNCHER); this is CMake ${{CMAKE_VERSION}}.")
endif()
set(EC_BUILDEXT_ARCH arm64x)
set(EC_BUILDEXT_LLVM_ROOT "{llvm_bin}")
# CMake's own checks (try_compile) test the compiler, not the hybrid: they skip it.
get_property(_ec_in_try_compile GLOBAL PROPERTY IN_TRY_COMPILE)
set(EC_BUILDEXT_HYBRID_LINK_LAUNCHER "{launcher};link;{machine}{add}--")
foreach(lang C CXX)
  if(NOT DEFINED EC_BUILDEXT_HYBRID_COMPILE_LAUNCHER_${{lang}})
    set(_ec_user "${{CMAKE_${{lang}}_COMPILER_LAUNCHER}}")
    if(NOT _ec_user AND DEFINED ENV{{CMAKE_${{lang}}_COMPILER_LAUNCHER}})
      set(_ec_user "$ENV{{CMAKE_${{lang}}_COMPILER_LAUNCHER}}")
    endif()
    list(LENGTH _ec_user _ec_n)
    set(EC_BUILDEXT_HYBRID_COMPILE_LAUNCHER_${{lang}}
        "{launcher};compile;{target}{python_compile}--chain=${{_ec_n}};--")
    list(APPEND EC_BUILDEXT_HYBRID_COMPILE_LAUNCHER_${{lang}} ${{_ec_user}})
  endif()
  if(NOT _ec_in_try_compile AND (NOT DEFINED EC_BUILDEXT_ARM64X_ALL OR EC_BUILDEXT_ARM64X_ALL))
    set(CMAKE_${{lang}}_COMPILER_LAUNCHER "${{EC_BUILDEXT_HYBRID_COMPILE_LAUNCHER_${{lang}}}}")
    set(CMAKE_${{lang}}_LINKER_LAUNCHER "${{EC_BUILDEXT_HYBRID_LINK_LAUNCHER}}")
  endif()
endforeach()
{asm}if(NOT _ec_in_try_compile)
  set(CMAKE_AR "{_cmake_path(step_wrapper("ec-lib", ["archive", machine[:-1]], real_lib))}")
endif()
"""


def render(arch: Arch, compiler: Compiler, target_python: Optional[TargetPython] = None) -> str:
    """The toolchain file for ``arch`` with ``compiler`` (``target_python``, Arm64X: the
    target CPython with the x64 and ARM64 folders of the two views)."""
    if isinstance(compiler, ClangCl):
        return render_clang_cl(arch, compiler, target_python)
    return render_msvc(arch, compiler.msvc, target_python)


def toolchain_file(plan: BuildPlan) -> str:
    """The toolchain file of a plan's build."""
    return render(plan.arch, plan.compiler, plan.python if plan.python.is_pair else None)


def python_cache_entries(plan: BuildPlan) -> dict[str, str]:
    """CMake cache entries that make FindPython and scikit-build-core see the target Python.

    The Interpreter component is the interpreter running the build (a Windows
    python.exe in python-root cannot run here), made to answer for the target (see
    :func:`target_interpreter`); Development.Module, the SOABI and so the module suffix
    are the target's."""
    py_version = plan.python.version
    soabi = plan.arch.soabi(py_version)
    entries = {"SKBUILD_SOABI": soabi}
    interpreter = target_interpreter(plan.arch, py_version).as_posix()
    main = plan.python.main
    for prefix in ("Python", "Python3"):
        entries[f"{prefix}_EXECUTABLE"] = interpreter
        entries[f"{prefix}_SOABI"] = soabi
        if main is not None:
            root = main.path
            lib = root / "libs" / plan.python.import_library(False)
            entries[f"{prefix}_ROOT_DIR"] = root.as_posix()
            entries[f"{prefix}_INCLUDE_DIR"] = (root / "include").as_posix()
            entries[f"{prefix}_LIBRARY"] = lib.as_posix()
            entries[f"{prefix}_FIND_REGISTRY"] = "NEVER"
    return entries


def python_block(plan: BuildPlan) -> str:
    """Toolchain lines pointing FindPython and SKBUILD_SOABI at the target Python.

    Cache entries in the toolchain file rather than -D options: CMake warns about
    -D variables a project does not use, and most projects use only some of these.
    FORCE, because scikit-build-core pre-seeds SKBUILD_SOABI with the host's value.
    The FindPython/FindPython3 shims (``cmake/findpython``) let the Interpreter
    component be the build's own interpreter in a cross build."""
    lines = ["", "# The target Python (ec-buildext backend), not the build machine's."]
    for name, value in python_cache_entries(plan).items():
        lines.append(f'set({name} "{value}" CACHE STRING "" FORCE)')
    lines.append(f'set(EC_BUILDEXT_PYTHON_SOABI "{plan.arch.soabi(plan.python.version)}")')
    lines.append(f'list(PREPEND CMAKE_MODULE_PATH "{_cmake_path(cmake_dir() / "findpython")}")')
    return "\n".join(lines) + "\n"


def target_interpreter(arch: Arch, py_version: tuple[int, int]) -> Path:
    """The interpreter CMake runs as ``Python_EXECUTABLE``: on Windows, this one; elsewhere
    this one behind a wrapper whose ``sysconfig`` gives the *target's* ``EXT_SUFFIX`` and
    ``SOABI``.  FindPython, pybind11 and nanobind ask the interpreter for the module
    suffix, and a Linux interpreter would answer ``.cpython-3XY-x86_64-linux-gnu.so``
    (or nothing, and a plain ``.pyd``).  Every other variable is the interpreter's own;
    ``_PYTHON_SYSCONFIGDATA_NAME`` is CPython's own hook for cross builds (POSIX)."""
    if sys.platform == "win32":
        return Path(sys.executable)
    import sysconfig

    suffix, soabi = arch.extension_suffix(py_version), arch.soabi(py_version)
    module = f"_sysconfigdata_ec_buildext_{re.sub(r'[^A-Za-z0-9]', '_', suffix)}"
    variables = {**sysconfig.get_config_vars(), "EXT_SUFFIX": suffix, "SOABI": soabi}
    data = f"# Generated by ec-buildext: {sys.executable}'s variables, for {suffix}.\n"
    data += f"build_time_vars = {variables!r}\n"
    python = Path(sys.executable)

    def fill(folder: Path) -> None:
        write_text_atomic(folder / f"{module}.py", data)
        # The module sits beside the script (the folder is renamed into the cache).
        script = (
            '#!/bin/sh\nPYTHONPATH="$(dirname "$0")${PYTHONPATH:+:$PYTHONPATH}" '
            f"_PYTHON_SYSCONFIGDATA_NAME={module} exec '{python}' \"$@\"\n"
        )
        write_text_atomic(folder / "python", script, executable=True)

    return cached_folder(f"target-python-{key_of(data, str(python))}", fill) / "python"


def _project_cxx_libraries(arch: Arch, compiler: ClangCl) -> tuple[Path, ...]:
    """The C++ runtime of each view (EC first) when the project being built (the working
    directory) has C++ sources: built then, on the machine's first C++ build."""
    if not isinstance(compiler.runtime, CrtlessSupport) or not project_uses_cxx(Path.cwd()):
        return ()
    if cxx_runtime_unavailable(compiler.llvm):
        return ()  # no C++ runtime with this LLVM: a C++ link then says why (link hint)
    return cxx_libraries(compiler.llvm, arch)


def _mode_parts(arch: Arch, compiler: ClangCl) -> tuple[str, str, str]:
    """(mode name, mode block, prelude) of a clang-cl toolchain file, by runtime."""
    runtime = compiler.runtime
    if isinstance(runtime, CrtlessSupport):
        block = _crtless_block(arch, compiler.llvm, runtime, _project_cxx_libraries(arch, compiler))
        return "CRT-less", block, _crtless_prelude(arch)
    if isinstance(runtime, Sysroot):
        return "Windows SDK/CRT", _sysroot_block(arch, runtime), ""
    return HostSdk().describe(), "", ""


def render_clang_cl(
    arch: Arch, compiler: ClangCl, target_python: Optional[TargetPython] = None
) -> str:
    """A clang-cl + lld-link toolchain file for ``compiler``'s LLVM and runtime (a
    CRT-less build, an SDK/CRT sysroot, or this Windows machine's own SDK/CRT)."""
    llvm = compiler.llvm
    mode, block, prelude = _mode_parts(arch, compiler)
    block += _softintrin_block(arch)
    triple = arch.triple(compiler.environment)
    hybrid = ""
    if arch.is_hybrid:
        runtime = compiler.runtime
        crtless = isinstance(runtime, CrtlessSupport)
        native_runtime = (
            [p for p in (runtime.native_runtime_object, runtime.native_crt_library) if p]
            + list(_project_cxx_libraries(arch, compiler)[1:])
            if isinstance(runtime, CrtlessSupport)
            else []
        )
        # What the EC view's compiles have that the native view's must not: the softintrin
        # headers and (CRT-less) MSVC's Arm64EC macros, for which ARM64's come instead.
        ec_view = arch.ec_view
        assert ec_view is not None  # an Arm64X binary has one
        ec_macros = msvc_predefined_macros(ec_view) if crtless else ()
        native_macros = msvc_predefined_macros(arch.native_view) if crtless else ()
        hybrid = _hybrid_block(
            ARM64.triple(compiler.environment),
            llvm.tool("llvm-lib"),
            native_runtime,
            _cmake_path(llvm.tool("clang-cl").parent),
            assembler=llvm.tool("clang-cl"),
            target_python=target_python,
            swaps=([*softintrin_flags(ec_view), *ec_macros], native_macros),
        )
    rc = llvm.tools.get("llvm-rc")
    return _fill(
        template_text("clang-cl"),
        {
            "EC_VERSION": __version__,
            "CMAKE_DIR": _cmake_path(cmake_dir()),
            "INCLUDE_DIR": _cmake_path(get_include()),
            "PRELUDE": prelude,
            "ARCH": arch.name,
            "MODE": mode,
            "LLVM_VERSION": llvm.version_text,
            "LLVM_ORIGIN": llvm.origin,
            "PROCESSOR": arch.cmake_processor,
            "CLANG_CL": _cmake_path(llvm.tool("clang-cl")),
            "CLANG": _cmake_path(llvm.tool("clang")),
            "PYTHON": _cmake_path(sys.executable),
            # The Arm64EC view's triple, for ec_add_thunks(); empty where there is none.
            "EC_TRIPLE": triple if arch.has_ec_view else "",
            "TRIPLE": triple,
            "LLD_LINK": _cmake_path(llvm.tool("lld-link")),
            "LLVM_LIB": _cmake_path(llvm.tool("llvm-lib")),
            "LLVM_RC": _cmake_path(rc) if rc else "",
            "MODE_BLOCK": block,
            "HYBRID_BLOCK": hybrid,
        },
    )


def render_msvc(
    arch: Arch, msvc: MsvcToolchain, target_python: Optional[TargetPython] = None
) -> str:
    """A cl.exe + link.exe toolchain file for the ARM64 (or x64) toolset of ``msvc``."""
    bin_dir = msvc.bin_dir
    sdk_bin = msvc.sdk_dir / "bin" / msvc.sdk_version / "x64"
    return _fill(
        template_text("msvc"),
        {
            "EC_VERSION": __version__,
            "CMAKE_DIR": _cmake_path(cmake_dir()),
            "INCLUDE_DIR": _cmake_path(get_include()),
            "ARCH": arch.name,
            "MSVC_DESCRIPTION": msvc.describe(),
            "PROCESSOR": arch.cmake_processor,
            "CL": _cmake_path(bin_dir / "cl.exe"),
            "COMPILE_FLAG": arch.msvc_compile_flag,
            "TOOLSET": arch.msvc_toolset,
            "INCLUDE_DIRS": _cmake_list(msvc.include_dirs()),
            "LINK": _cmake_path(bin_dir / "link.exe"),
            "LIB": _cmake_path(bin_dir / "lib.exe"),
            "PYTHON": _cmake_path(sys.executable),
            "ARMASM": _cmake_path(bin_dir / "armasm64.exe") if arch.has_ec_view else "",
            "RC": _cmake_path(sdk_bin / "rc.exe"),
            "MT": _cmake_path(sdk_bin / "mt.exe"),
            "LIBPATHS": _flags(_libpaths(msvc.lib_dirs())),
            "HYBRID_BLOCK": _hybrid_block(
                "", bin_dir / "lib.exe", [], "", target_python=target_python
            )
            if arch.is_hybrid
            else "",
        },
    )
