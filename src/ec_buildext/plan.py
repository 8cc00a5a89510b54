"""From settings to a build plan: which arch, compiler, runtime, tag and target CPython.

The plan is decided once, printed at the start of a build, and then turned into
commands by the backends (``cmake_toolchain`` renders it for CMake,
``setuptools_ext.driver`` for setuptools).  Deciding also makes what the decision
names, cached by content: ``choose_compiler`` prepares the C runtime it chose
(``crtless_support`` builds the runtime objects and import libraries), and
``make_plans`` synthesizes the target CPython when none is given.  ``choose_compiler``
is the one place the toolchain and the C runtime are chosen; ``ec-buildext toolchain``
and ``doctor`` ask it too, so the command line cannot drift from a real build.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from .arch import Arch, CEnvironment
from .environment import offered_pythons
from .errors import UserError
from .settings import BuildOptions, Settings, ThunkSettings, Toolchain
from .target_python import CPythonFolder, TargetPython, find_target_python
from .toolchains.crtless import CrtlessSupport, crtless_support
from .toolchains.llvm import LlvmToolchain, find_llvm
from .toolchains.msvc import MsvcToolchain, find_msvc
from .toolchains.sysroot import Sysroot, open_sysroot

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
class HostSdk:
    """The Windows SDK and CRT that clang-cl finds on this (Windows) machine."""

    def describe(self) -> str:
        return "Windows SDK/CRT of this machine"


#: What a clang-cl build links against: ec-buildext's CRT-less support (non-Windows
#: hosts without a sysroot), a copied SDK/CRT tree, or this Windows machine's own.
Runtime = Union[CrtlessSupport, Sysroot, HostSdk]


@dataclass(frozen=True)
class ClangCl:
    """clang-cl, lld-link and llvm-lib from LLVM, with the runtime they link against."""

    llvm: LlvmToolchain
    runtime: Runtime

    @property
    def environment(self) -> CEnvironment:
        """CRT-less builds compile for mingw-w64's headers (GNU), others for MSVC's."""
        return CEnvironment.GNU if isinstance(self.runtime, CrtlessSupport) else CEnvironment.MSVC

    def describe(self) -> str:
        return self.llvm.describe()


@dataclass(frozen=True)
class Msvc:
    """Visual Studio's cl, link and lib, with the SDK and CRT they come with."""

    msvc: MsvcToolchain
    environment = CEnvironment.MSVC

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

    @property
    def runtime(self) -> Runtime:
        return self.compiler.runtime if isinstance(self.compiler, ClangCl) else HostSdk()

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
    )
