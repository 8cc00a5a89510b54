"""From settings to a build plan: which arch, compiler, runtime, tag and target CPython.

The plan is decided once, printed at the start of a build, and then turned into
commands by the backends (``cmake_ext.toolchain`` renders it for CMake,
``setuptools_ext.driver`` for setuptools).  The compiler types here answer the build
model's questions (:mod:`ec_buildext.model`): flags, link setup, per-view runtime
inputs.  Deciding also makes what the decision names, cached by content:
``choose_compiler`` prepares the C runtime it chose (``crtless_support`` builds the
runtime objects and import libraries), and ``make_plans`` finds or synthesizes the
target CPython (:mod:`ec_buildext.target_python`).  ``choose_compiler`` is the one place
the toolchain and the C runtime are chosen; ``ec-buildext toolchain`` and ``doctor`` ask
it too, so the command line cannot drift from a real build.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import ClassVar, Optional, Union

from .arch import ARM64EC, X64, Arch, CEnvironment
from .environment import offered_pythons
from .errors import UserError
from .model import CompileFlags, LinkSetup, ViewRuntime
from .settings import BuildOptions, Settings, ThunkSettings, Toolchain
from .target_python import CPythonFolder, TargetPython, find_target_python
from .thunks import ThunkSyntax
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
    thunk_syntax: ClassVar[ThunkSyntax] = "gnu"

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

    def explain_link_failure(self, output: str, inputs: Sequence[Path] = ()) -> str:
        return self.runtime.explain_link_failure(output, inputs)

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

    #: The syntax of the Arm64EC thunks it assembles (armasm64 assembles them).
    thunk_syntax: ClassVar[ThunkSyntax] = "armasm64"

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

    def explain_link_failure(self, output: str, inputs: Sequence[Path] = ()) -> str:
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
    #: The Windows CPython the modules are for (version, ABI, the views' folders).
    python: TargetPython = field(default_factory=TargetPython.running)
    #: Audit the wheel before it reaches the output folder.
    audit: bool = False
    #: Link with /Brepro and give wheel members one fixed time.
    reproducible: bool = False
    #: Thunks to generate for hand-written assembly (Arm64EC views only).
    thunks: Optional[ThunkSettings] = None
    #: Write the wheel when declared extension modules are missing from it.
    allow_missing_extensions: bool = False
    #: setuptools cross builds: the project's setup.py sees the target Windows.
    target_view: bool = True

    @property
    def runtime(self) -> Runtime:
        return self.compiler.runtime

    def summary(self) -> list[str]:
        """The few lines a build prints about what it decided."""
        return [
            f"arch: {self.arch.name}",
            f"toolchain: {self.compiler.describe()}",
            f"runtime: {self.runtime.describe()}",
            f"wheel tag: {self.wheel_tag}",
            *self.python.summary(),
        ]


def choose_compiler(
    arch: Arch,
    *,
    toolchain: Toolchain = "auto",
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
    _check_distinct_tags(options)
    offered: list[CPythonFolder] = []
    if any(a.is_hybrid for a in options.arches):  # only Arm64X looks for CPythons
        offered = offered_pythons(
            os.environ if environ is None else environ, running_python or _running_windows_python()
        )
    return [_make_plan(options, arch, host_platform, offered) for arch in options.arches]


def _check_distinct_tags(options: BuildOptions) -> None:
    """Several arches whose wheels would get one tag, and so one file name."""
    by_tag: dict[str, list[str]] = {}
    for arch in options.arches:
        by_tag.setdefault(arch.wheel_tag, []).append(arch.name)
    for tag, names in by_tag.items():
        if len(names) > 1:
            raise UserError(
                f"arch ({options.sources['arch']}) lists {' and '.join(names)}, whose wheels "
                f"both get the platform tag {tag} and so one file name: one would replace the "
                "other. Build them in separate runs into separate folders (an arm64x wheel can "
                "also take wheel-tag = 'win_arm64.win_arm64ec')."
            )


def make_plan(settings: Settings, *, host_platform: str = sys.platform) -> Optional[BuildPlan]:
    """The plan for the first target arch of ``settings``; ``None`` for ``auto``."""
    plans = make_plans(settings, host_platform=host_platform)
    return plans[0] if plans else None


def _make_plan(
    options: BuildOptions, arch: Arch, host_platform: str, offered: Sequence[CPythonFolder]
) -> BuildPlan:
    compiler = choose_compiler(
        arch,
        toolchain=options.toolchain,
        llvm_root=options.llvm_root,
        sysroot=options.sysroot,
        host_platform=host_platform,
    )
    # Cross builds make the target CPython; on Windows the running CPython is the target.
    llvm: Optional[LlvmToolchain] = None
    if isinstance(compiler, ClangCl) and not isinstance(compiler.runtime, HostSdk):
        llvm = compiler.llvm
    return BuildPlan(
        arch=arch,
        compiler=compiler,
        wheel_tag=options.wheel_tag or arch.wheel_tag,
        python=find_target_python(options, arch, offered, llvm),
        audit=options.audit,
        reproducible=options.reproducible,
        thunks=options.thunks,
        allow_missing_extensions=options.allow_missing_extensions,
        target_view=options.target_view,
    )
