"""From settings to a build plan: which arch, compiler, runtime, tag and target CPython.

Decisions only: the plan is decided once, printed at the start of a build, and then
turned into commands by the backends (``cmake_ext.toolchain`` renders it for CMake,
``setuptools_ext.driver`` for setuptools).  The compiler types here answer the build
model's questions (:mod:`ec_buildext.model`): flags, link setup, per-view runtime
inputs.  ``choose_compiler`` is the one place the toolchain and the C runtime are
chosen; ``ec-buildext toolchain`` and ``doctor`` ask it too, so the command line cannot
drift from a real build.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional, Union

from .arch import (
    ARM64,
    ARM64EC,
    X64,
    Arch,
    CEnvironment,
    arch_of_object_machine,
    python_import_library,
)
from .environment import offered_pythons
from .errors import UserError
from .model import CompileFlags, LinkSetup, ViewRuntime
from .peheader import archive_machines
from .settings import BuildOptions, Settings, ThunkSettings
from .toolchains.cpython import build_free_threaded, synthesized_cpython, synthesized_cpython_origin
from .toolchains.crtless import CrtlessSupport, crtless_support
from .toolchains.llvm import LlvmToolchain, find_llvm
from .toolchains.msvc import MsvcToolchain, find_msvc
from .toolchains.sysroot import SdkRuntime, Sysroot, open_sysroot

__all__ = [
    "BuildPlan",
    "ClangCl",
    "Compiler",
    "HostSdk",
    "Msvc",
    "Runtime",
    "choose_compiler",
    "make_plan",
    "make_plans",
]


@dataclass(frozen=True)
class HostSdk(SdkRuntime):
    """The Windows SDK and CRT that clang-cl finds on this (Windows) machine."""

    mode_name = "Windows SDK/CRT of this machine"

    def describe(self) -> str:
        return self.mode_name


#: What a clang-cl build links against: ec-buildext's CRT-less support (non-Windows
#: hosts without a sysroot), a copied SDK/CRT tree, or this Windows machine's own.
Runtime = Union[CrtlessSupport, Sysroot, HostSdk]


@dataclass(frozen=True)
class ClangCl:
    """clang-cl, lld-link and llvm-lib from LLVM, with the runtime they link against."""

    llvm: LlvmToolchain
    runtime: Runtime
    #: How a compile names an SDK/CRT header folder (searched like the system's).
    system_include_switch = "/imsvc"

    @property
    def environment(self) -> CEnvironment:
        """CRT-less builds compile for mingw-w64's headers (GNU), others for MSVC's."""
        return self.runtime.environment

    @property
    def program(self) -> str:
        """The C/C++ compiler's program, without a target."""
        return str(self.llvm.tool("clang-cl"))

    def compile_words(self, view: Arch) -> list[str]:
        """The words that start a compile for ``view``: the program and its target."""
        return [
            *self.llvm.command("clang-cl"),
            f"--target={view.triple(self.environment)}",
            "/nologo",
        ]

    def compile_flags(self, view: Arch) -> CompileFlags:
        return self.runtime.compile_flags(view)

    def link_words(self) -> list[str]:
        return [*self.llvm.command("lld-link"), "/nologo"]

    def archive_words(self) -> list[str]:
        return [*self.llvm.command("llvm-lib"), "/nologo"]

    #: The syntax of the Arm64EC thunks it assembles (ec_buildext.thunks).
    thunk_syntax = "gnu"

    def gnu_assembler(self, view: Arch) -> Optional[list[str]]:
        """clang, for GNU-syntax assembly (``.S``: preprocessed first) for ``view``."""
        return [*self.llvm.command("clang"), f"--target={view.triple(self.environment)}"]

    def ms_assembler(self, view: Arch, source: Path, obj: Path) -> Optional[list[str]]:
        """llvm-ml for x64 MASM, where this LLVM has it (LLVM has no armasm64-syntax
        assembler: None for the ARM views)."""
        llvm_ml = self.llvm.tool("clang-cl").parent / "llvm-ml"
        if view is X64 and shutil.which(str(llvm_ml)):
            return [str(llvm_ml), "-m64", "/nologo", "/c", f"/Fo{obj}", str(source)]
        return None

    def link_setup(self, arch: Arch) -> LinkSetup:
        return self.runtime.link_setup(arch)

    def view_runtime(self, view: Arch, cxx: bool) -> ViewRuntime:
        """What ``view``'s links take from the runtime; ``cxx``: with the C++ runtime."""
        found = self.runtime.view_runtime(view)
        return (
            replace(found, cxx_runtime=self.runtime.cxx_runtime(self.llvm, view)) if cxx else found
        )

    def explain_link_failure(self, output: str) -> str:
        return self.runtime.explain_link_failure(output)

    def describe(self) -> str:
        return self.llvm.describe()


@dataclass(frozen=True)
class Msvc:
    """Visual Studio's cl, link and lib, with the SDK and CRT they come with."""

    msvc: MsvcToolchain
    environment = CEnvironment.MSVC
    system_include_switch = "/I"

    @property
    def runtime(self) -> HostSdk:
        """Visual Studio's own SDK and CRT, as clang-cl finds them on Windows."""
        return HostSdk()

    @property
    def program(self) -> str:
        return str(self.msvc.bin_dir / "cl.exe")

    def compile_words(self, view: Arch) -> list[str]:
        """cl.exe of the toolset, with the flag selecting ``view`` on it (/arm64EC)."""
        return [
            self.program,
            "/nologo",
            *([view.msvc_compile_flag] if view.msvc_compile_flag else []),
        ]

    def compile_flags(self, view: Arch) -> CompileFlags:
        return CompileFlags(system_include_dirs=tuple(self.msvc.include_dirs()))

    def link_words(self) -> list[str]:
        return [str(self.msvc.bin_dir / "link.exe"), "/nologo"]

    def archive_words(self) -> list[str]:
        return [str(self.msvc.bin_dir / "lib.exe"), "/nologo"]

    thunk_syntax = "armasm64"

    def gnu_assembler(self, view: Arch) -> Optional[list[str]]:
        """None: cl.exe has no GNU-syntax assembler."""
        return None

    def ms_assembler(self, view: Arch, source: Path, obj: Path) -> Optional[list[str]]:
        """MASM (ml64) for x64, armasm64 for the ARM views (Arm64EC: -machine ARM64EC)."""
        bin_dir = self.msvc.bin_dir
        if view is X64:
            return [str(bin_dir / "ml64.exe"), "/nologo", "/c", f"/Fo{obj}", str(source)]
        machine = ["-machine", view.machine] if view is ARM64EC else []
        return [str(bin_dir / "armasm64.exe"), "-nologo", *machine, "-o", str(obj), str(source)]

    def link_setup(self, arch: Arch) -> LinkSetup:
        """VC's library folders in Arm64EC's order; Arm64EC code needs softintrin.lib
        (CMake's own MSVC rules add it, hence not a replacement of the defaults)."""
        return LinkSetup(
            library_dirs=tuple(self.msvc.lib_dirs()),
            default_libraries=("softintrin.lib",) if arch.has_ec_view else (),
        )

    def view_runtime(self, view: Arch, cxx: bool) -> ViewRuntime:
        """Nothing of ec-buildext's: MSVC's CRT and C++ runtime are default libraries."""
        return ViewRuntime(view)

    def explain_link_failure(self, output: str) -> str:
        return ""

    def describe(self) -> str:
        return self.msvc.describe()


Compiler = Union[ClangCl, Msvc]


@dataclass(frozen=True)
class BuildPlan:
    """Everything decided about one build."""

    arch: Arch
    compiler: Compiler
    wheel_tag: str
    #: The x64 CPython layout (``include/``, ``libs/``) modules link against; for Arm64X
    #: the EC view's.  None: the project includes no Python.h, or none was given.
    python_root: Optional[Path] = None
    #: Arm64X: the ARM64 CPython the native view builds against.
    python_root_native: Optional[Path] = None
    #: How the CPython folders not set were found (printed with the summary).
    python_notes: tuple[str, ...] = ()
    #: Why no target CPython could be made, when none was given (said again where a
    #: compile then misses Python.h).
    python_problem: str = ""
    #: Audit the wheel before it reaches the output folder.
    audit: bool = False
    #: Link with /Brepro and give wheel members one fixed time.
    reproducible: bool = False
    #: Thunks to generate for hand-written assembly (Arm64EC views only).
    thunks: Optional[ThunkSettings] = None

    def python_root_for(self, view: Arch) -> Optional[Path]:
        """The CPython layout ``view`` compiles and links against."""
        native = self.arch.is_hybrid and view is ARM64
        return self.python_root_native if native else self.python_root

    @property
    def runtime(self) -> Runtime:
        return self.compiler.runtime

    def summary(self) -> list[str]:
        """The few lines a build prints about what it decided."""
        native = f" (native view: {self.python_root_native})" if self.python_root_native else ""
        return [
            f"arch: {self.arch.name}",
            f"toolchain: {self.compiler.describe()}",
            f"runtime: {self.runtime.describe()}",
            f"wheel tag: {self.wheel_tag}",
            "target python: "
            + str(self.python_root or "none (a module with Python.h would need one)")
            + native,
            *self.python_notes,
        ]


def choose_compiler(
    arch: Arch,
    *,
    toolchain: str = "auto",
    llvm_root: str = "",
    sysroot: Optional[Path] = None,
    host_platform: str = sys.platform,
) -> Compiler:
    """The compiler and runtime a build of ``arch`` uses; UserError with the reason when
    none fits.  ``toolchain``: ``auto``, ``msvc`` or ``clang-cl``."""
    if toolchain == "msvc" and host_platform != "win32":
        raise UserError(
            f"toolchain = 'msvc' needs Windows; this is {host_platform}. Use toolchain = "
            "'clang-cl' (or 'auto') to cross-build with LLVM."
        )
    if toolchain == "msvc" and sysroot is not None:
        raise UserError(
            "toolchain = 'msvc' builds with Visual Studio's own SDK and CRT, so the sysroot "
            "setting would be ignored. Unset sysroot, or use toolchain = 'clang-cl' to "
            "build against that tree."
        )
    if toolchain in ("auto", "msvc") and host_platform == "win32" and sysroot is None:
        msvc = find_msvc(arch)
        if msvc is not None:
            return Msvc(msvc)
        if toolchain == "msvc":
            raise UserError(
                "toolchain = 'msvc' but no Visual Studio with the ARM64 build tools was found "
                "(vswhere.exe, or VCToolsInstallDir from a developer prompt). Install the "
                "'MSVC ARM64/ARM64EC build tools' component, or use toolchain = 'clang-cl'."
            )
    llvm = find_llvm(llvm_root)
    llvm.check_arch(arch)
    runtime: Runtime
    if sysroot is not None:
        runtime = open_sysroot(sysroot)
    elif host_platform == "win32":
        runtime = HostSdk()
    else:
        runtime = crtless_support(llvm, arch)
    return ClangCl(llvm, runtime)


def _check_python_root(
    setting: str, root: Path, linker: str, cpython: Arch, py_version: tuple[int, int]
) -> None:
    if not (root / "include" / "Python.h").is_file():
        raise UserError(
            f"{setting} {str(root)!r} has no include/Python.h. Point it at a Windows "
            "CPython installation folder (the one holding include/ and libs/)."
        )
    lib = root / "libs" / python_import_library(py_version, False, build_free_threaded())
    others = sorted(p.name for p in (root / "libs").glob("python3?*.lib") if p.name != lib.name)
    if not lib.is_file() and others:
        raise UserError(
            f"{setting} {str(root)!r} is another CPython version ({', '.join(others)} in "
            f"libs/), but this build runs Python {py_version[0]}.{py_version[1]} and builds "
            f"for it ({lib.name}). Run the build with that CPython's version, point "
            f"{setting} at a CPython {py_version[0]}.{py_version[1]} folder, or unset it: "
            "ec-buildext then makes the target CPython from the interpreter running the build."
        )
    if not lib.is_file():
        raise UserError(
            f"{setting} {str(root)!r} has no libs/{lib.name}. {linker[0].upper()}{linker[1:]} "
            f"links against the {cpython.name} CPython {py_version[0]}.{py_version[1]} import "
            f"library: point {setting} at that CPython's folder."
        )
    found = archive_machines(lib.read_bytes())
    if found and cpython.object_machine not in found:
        names = ", ".join(sorted(_machine_name(m) for m in found))
        raise UserError(
            f"{setting} {str(root)!r}: libs/{lib.name} is an import library for {names}, "
            f"but {linker} links against the {cpython.name} CPython. Point {setting} at the "
            f"{cpython.name} CPython's folder."
        )


def _machine_name(machine: int) -> str:
    arch = arch_of_object_machine(machine)
    return arch.name if arch is not None else hex(machine)


def _lib_machines(root: Path, version: tuple[int, int]) -> set[int]:
    lib = root / "libs" / python_import_library(version, False, build_free_threaded())
    return archive_machines(lib.read_bytes()) if lib.is_file() else set()


#: The two CPython settings of an Arm64X build and the CPython each names.
_PAIR = (("python-root", X64), ("python-root-native", ARM64))


def _from_environment(
    root: Optional[Path],
    native: Optional[Path],
    offered: Sequence[tuple[Path, str]],
    version: tuple[int, int],
    notes: list[str],
) -> tuple[Optional[Path], Optional[Path]]:
    """Arm64X: the CPython folders the environment offers, by their import library's
    machine, for whichever of the pair is not set (cibuildwheel cross-compiling for ARM64
    on x64 offers both: DIST_EXTRA_CONFIG's ARM64 CPython and the running x64 one)."""
    found: dict[str, tuple[Path, str]] = {}
    for path, origin in offered:
        machines = _lib_machines(path, version)
        for setting, cpython in _PAIR:
            if cpython.object_machine in machines:
                found.setdefault(setting, (path, origin))
    given = {"python-root": root, "python-root-native": native}
    for setting, _ in _PAIR:
        if given[setting] is None and setting in found:
            path, origin = found[setting]
            given[setting] = path
            notes.append(f"{setting}: {path} (from {origin})")
    return given["python-root"], given["python-root-native"]


def _synthesized(
    compiler: Compiler, cpython: Arch, setting: str, notes: list[str], problems: list[str]
) -> Optional[Path]:
    """The target CPython made from the running interpreter (cross builds), with a note
    saying so; None, with a note saying why, where it cannot be made (a project without
    Python.h does not need it, so that is no reason to stop the build)."""
    if not isinstance(compiler, ClangCl) or isinstance(compiler.runtime, HostSdk):
        return None  # on Windows the running CPython is the target: unchanged there
    try:
        root = synthesized_cpython(compiler.llvm, cpython)
    except UserError as e:
        notes.append(f"{setting}: none, and none could be made: {e}")
        problems.append(str(e))
        return None
    notes.append(f"{setting}: {root} ({cpython.name} CPython, {synthesized_cpython_origin()})")
    return root


def _python_roots(
    options: BuildOptions,
    arch: Arch,
    offered: Sequence[tuple[Path, str]],
    compiler: Compiler,
    problems: list[str],
) -> tuple[Optional[Path], Optional[Path], list[str]]:
    """(python-root, python-root-native, how any was found), checked against ``arch``:
    as given, else from the environment (Arm64X), else made from the running CPython
    (why that failed goes to ``problems``)."""
    root, native = options.python_root, options.python_root_native
    version = sys.version_info[:2]
    notes: list[str] = []
    if arch.is_hybrid:
        root, native = _from_environment(root, native, offered, version, notes)
        if root is None:
            root = _synthesized(compiler, X64, "python-root", notes, problems)
        if native is None and root is not None:
            native = _synthesized(compiler, ARM64, "python-root-native", notes, problems)
    elif root is None and native is None:
        root = _synthesized(compiler, arch.cpython, "python-root", notes, problems)
    if not arch.is_hybrid:
        if native is not None:
            raise UserError(
                f"python-root-native ({options.sources['python-root-native']}) is for "
                f"arch = 'arm64x' only; this build is {arch.name}. Remove it, or use "
                "python-root for the one CPython this arch links."
            )
        if root is not None:
            _check_python_root("python-root", root, f"an {arch.name} module", arch.cpython, version)
        return root, None, notes
    if root is None and native is None:
        return None, None, notes
    if root is None or native is None:
        given = "python-root" if native is None else "python-root-native"
        raise UserError(
            "arch = 'arm64x' with Python.h needs two CPython folders: python-root for the "
            "x64 CPython (the EC view links its pythonXY.lib) and python-root-native for the "
            f"ARM64 CPython (the native view's). Only {given} is set; set the other one "
            "too, or build 'arm64ec' and 'arm64' wheels instead."
        )
    _check_python_root("python-root", root, "the EC view", X64, version)
    _check_python_root("python-root-native", native, "the native view", ARM64, version)
    return root, native, notes


def _running_windows_python() -> Optional[Path]:
    return Path(sys.base_prefix) if sys.platform == "win32" else None


def make_plans(
    settings: Settings,
    *,
    host_platform: str = sys.platform,
    environ: Optional[Mapping[str, str]] = None,
    running_python: Optional[Path] = None,
) -> list[BuildPlan]:
    """One plan per target arch; empty when ``arch = auto`` (plain delegation).

    ``environ`` (default: os.environ) and ``running_python`` (default: this CPython's
    folder on Windows) are where Arm64X builds look for the CPython folders not set."""
    options = settings.options()
    if len(options.arches) > 1 and options.wheel_tag:
        raise UserError(
            f"wheel-tag ({options.sources['wheel-tag']}) names one tag, but arch lists "
            f"{len(options.arches)} arches ({options.sources['arch']}): every wheel would get "
            "the same name. Leave wheel-tag empty when building several arches."
        )
    offered: list[tuple[Path, str]] = []
    if any(a.is_hybrid for a in options.arches):  # only Arm64X looks for CPythons
        offered = offered_pythons(
            os.environ if environ is None else environ, running_python or _running_windows_python()
        )
    return [_make_plan(options, arch, host_platform, offered) for arch in options.arches]


def make_plan(settings: Settings, *, host_platform: str = sys.platform) -> Optional[BuildPlan]:
    """The plan for the first target arch of ``settings``; ``None`` for ``auto``."""
    plans = make_plans(settings, host_platform=host_platform)
    return plans[0] if plans else None


def _make_plan(
    options: BuildOptions, arch: Arch, host_platform: str, offered: Sequence[tuple[Path, str]]
) -> BuildPlan:
    compiler = choose_compiler(
        arch,
        toolchain=options.toolchain,
        llvm_root=options.llvm_root,
        sysroot=options.sysroot,
        host_platform=host_platform,
    )
    problems: list[str] = []
    python_root, python_root_native, notes = _python_roots(
        options, arch, offered, compiler, problems
    )
    return BuildPlan(
        arch=arch,
        compiler=compiler,
        wheel_tag=options.wheel_tag or arch.wheel_tag,
        python_root=python_root,
        python_root_native=python_root_native,
        python_notes=tuple(notes),
        python_problem=problems[0] if problems else "",
        audit=options.audit,
        reproducible=options.reproducible,
        thunks=options.thunks,
    )
