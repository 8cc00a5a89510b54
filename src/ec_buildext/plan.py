"""From settings to a build plan: which arch, compiler, runtime mode and tag.

The plan is decided once, printed at the start of a build, and then turned into
a CMake toolchain file and the cache entries that point CMake's FindPython at
the *target* Python rather than the build machine's.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .arch import ARCHES, Arch, get_arch, python_import_library
from .cmake_toolchain import render_clang_cl, render_msvc
from .environment import offered_pythons
from .errors import UserError
from .peheader import archive_machines
from .settings import Settings, ThunkSettings
from .toolchains.crtless import CrtlessSupport, crtless_support
from .toolchains.llvm import LlvmToolchain, find_llvm
from .toolchains.msvc import MsvcToolchain, find_msvc
from .toolchains.sysroot import Sysroot, open_sysroot

__all__ = ["BuildPlan", "make_plan", "python_cache_entries"]


@dataclass(frozen=True)
class BuildPlan:
    """Everything decided about one build."""

    arch: Arch
    compiler: str
    llvm: Optional[LlvmToolchain]
    msvc: Optional[MsvcToolchain]
    sysroot: Optional[Sysroot]
    crtless: Optional[CrtlessSupport]
    wheel_tag: str
    python_root: Optional[Path]
    #: Audit the wheel before it reaches the output folder.
    audit: bool = False
    #: Thunks to generate for hand-written assembly (Arm64EC views only).
    thunks: Optional[ThunkSettings] = None
    #: Arm64X: the ARM64 CPython the native view builds against (python_root: the EC view's).
    python_root_native: Optional[Path] = None
    #: How the CPython folders not set were found (printed with the summary).
    python_notes: tuple[str, ...] = ()

    def python_root_for(self, view: Arch) -> Optional[Path]:
        """The CPython layout ``view`` compiles and links against."""
        native = self.arch.is_hybrid and view.name == "arm64"
        return self.python_root_native if native else self.python_root

    @property
    def runtime_mode(self) -> str:
        if self.crtless is not None:
            return "CRT-less (mingw-w64 headers, ec-buildext runtime support)"
        if self.sysroot is not None:
            return f"Windows SDK/CRT from sysroot {self.sysroot.root} ({self.sysroot.layout})"
        return "Windows SDK/CRT of this machine"

    def summary(self) -> list[str]:
        """The few lines a build prints about what it decided."""
        toolchain = self.msvc.describe() if self.msvc else self.llvm.describe()  # type: ignore[union-attr]
        return [
            f"arch: {self.arch.name}",
            f"toolchain: {toolchain}",
            f"runtime: {self.runtime_mode}",
            f"wheel tag: {self.wheel_tag}",
            f"target python: {self.python_root or 'none given (no Python.h / pythonXY.lib)'}"
            + (f" (native view: {self.python_root_native})" if self.python_root_native else ""),
            *self.python_notes,
        ]

    def toolchain_file(self) -> str:
        roots = None
        if self.python_root is not None and self.python_root_native is not None:
            roots = (self.python_root, self.python_root_native)
        if self.msvc is not None:
            return render_msvc(self.arch, self.msvc, roots)
        assert self.llvm is not None
        return render_clang_cl(
            self.arch, self.llvm, sysroot=self.sysroot, crtless=self.crtless, python_roots=roots
        )


def _cpython_arch(python_lib: str) -> Arch:
    """The Windows CPython an ``Arch.python_libs`` entry names ("amd64": x64 CPython)."""
    return get_arch("x64" if python_lib == "amd64" else python_lib)


def _arch_of_machine(machine: int) -> str:
    return next((a.name for a in ARCHES.values() if a.object_machine == machine), hex(machine))


def _check_python_root(
    setting: str, root: Path, linker: str, cpython: Arch, py_version: tuple[int, int]
) -> None:
    if not (root / "include" / "Python.h").is_file():
        raise UserError(
            f"{setting} {str(root)!r} has no include/Python.h. Point it at a Windows "
            "CPython installation folder (the one holding include/ and libs/)."
        )
    lib = root / "libs" / python_import_library(py_version)
    if not lib.is_file():
        raise UserError(
            f"{setting} {str(root)!r} has no libs/{lib.name}. {linker[0].upper()}{linker[1:]} "
            f"links against the {cpython.name} CPython {py_version[0]}.{py_version[1]} import "
            f"library: point {setting} at that CPython's folder."
        )
    found = archive_machines(lib.read_bytes())
    if found and cpython.object_machine not in found:
        names = ", ".join(sorted(_arch_of_machine(m) for m in found))
        raise UserError(
            f"{setting} {str(root)!r}: libs/{lib.name} is an import library for {names}, "
            f"but {linker} links against the {cpython.name} CPython. Point {setting} at the "
            f"{cpython.name} CPython's folder."
        )


def _lib_machines(root: Path, version: tuple[int, int]) -> set[int]:
    lib = root / "libs" / python_import_library(version)
    return archive_machines(lib.read_bytes()) if lib.is_file() else set()


def _complete_pair(
    root: Optional[Path],
    native: Optional[Path],
    offered: Sequence[tuple[Path, str]],
    version: tuple[int, int],
) -> tuple[Optional[Path], Optional[Path], list[str]]:
    """Arm64X: the CPython folders the environment offers, by their import library's
    machine, for whichever of the pair is not set, when that completes the pair
    (cibuildwheel cross-compiling for ARM64 on x64 offers both: DIST_EXTRA_CONFIG's ARM64
    CPython and the running x64 one)."""
    found: dict[str, tuple[Path, str]] = {}
    for path, origin in offered:
        machines = _lib_machines(path, version)
        for setting, cpython in (("python-root", "x64"), ("python-root-native", "arm64")):
            if get_arch(cpython).object_machine in machines:
                found.setdefault(setting, (path, origin))
    new_root = root or found.get("python-root", (None, ""))[0]
    new_native = native or found.get("python-root-native", (None, ""))[0]
    if new_root is None or new_native is None:
        return root, native, []
    notes = []
    for setting, given in (("python-root", root), ("python-root-native", native)):
        if given is None:
            path, origin = found[setting]
            notes.append(f"{setting}: {path} (from {origin})")
    return new_root, new_native, notes


def _python_roots(
    settings: Settings, arch: Arch, offered: Sequence[tuple[Path, str]]
) -> tuple[Optional[Path], Optional[Path], list[str]]:
    """(python-root, python-root-native, how any was found), checked against ``arch``."""
    root, native = settings.path("python-root"), settings.path("python-root-native")
    version = sys.version_info[:2]
    notes: list[str] = []
    if arch.is_hybrid and (root is None or native is None):
        root, native, notes = _complete_pair(root, native, offered, version)
    if not arch.is_hybrid:
        if native is not None:
            raise UserError(
                f"python-root-native ({settings.sources['python-root-native']}) is for "
                f"arch = 'arm64x' only; this build is {arch.name}. Remove it, or use "
                "python-root for the one CPython this arch links."
            )
        if root is not None:
            (python_lib,) = arch.python_libs
            cpython = _cpython_arch(python_lib)
            _check_python_root("python-root", root, f"an {arch.name} module", cpython, version)
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
    x64, arm64 = get_arch("x64"), get_arch("arm64")
    _check_python_root("python-root", root, "the EC view", x64, version)
    _check_python_root("python-root-native", native, "the native view", arm64, version)
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
    if settings.arch == "auto":
        return []
    if len(settings.arches) > 1 and settings["wheel-tag"]:
        raise UserError(
            f"wheel-tag ({settings.sources['wheel-tag']}) names one tag, but arch lists "
            f"{len(settings.arches)} arches ({settings.sources['arch']}): every wheel would get "
            "the same name. Leave wheel-tag empty when building several arches."
        )
    offered: list[tuple[Path, str]] = []
    if any(get_arch(a).is_hybrid for a in settings.arches):  # only Arm64X looks for CPythons
        offered = offered_pythons(
            os.environ if environ is None else environ, running_python or _running_windows_python()
        )
    return [_make_plan(settings, get_arch(a), host_platform, offered) for a in settings.arches]


def make_plan(settings: Settings, *, host_platform: str = sys.platform) -> Optional[BuildPlan]:
    """The plan for the first target arch of ``settings``; ``None`` for ``auto``."""
    plans = make_plans(settings, host_platform=host_platform)
    return plans[0] if plans else None


def _make_plan(
    settings: Settings, arch: Arch, host_platform: str, offered: Sequence[tuple[Path, str]]
) -> BuildPlan:
    sysroot_path = settings.path("sysroot")
    sysroot = open_sysroot(sysroot_path) if sysroot_path else None
    python_root, python_root_native, notes = _python_roots(settings, arch, offered)
    wheel_tag = settings["wheel-tag"] or arch.wheel_tag
    audit = settings["audit"] == "true"

    compiler = settings["toolchain"]
    msvc = None
    if compiler in ("auto", "msvc") and host_platform == "win32":
        msvc = find_msvc(arch)
        if msvc is None and compiler == "msvc":
            raise UserError(
                "toolchain = 'msvc' but no Visual Studio with the ARM64 build tools was found "
                "(vswhere.exe, or VCToolsInstallDir from a developer prompt). Install the "
                "'MSVC ARM64/ARM64EC build tools' component, or use toolchain = 'clang-cl'."
            )
    elif compiler == "msvc":
        raise UserError(
            f"toolchain = 'msvc' needs Windows; this is {host_platform}. Use toolchain = "
            "'clang-cl' (or 'auto') to cross-build with LLVM."
        )
    llvm, crtless = None, None
    if msvc is None:
        llvm = find_llvm(settings["llvm-root"])
        llvm.check_arch(arch)
        if sysroot is None and host_platform != "win32":
            crtless = crtless_support(llvm, arch.name)
    return BuildPlan(
        arch,
        "msvc" if msvc is not None else "clang-cl",
        llvm,
        msvc,
        sysroot,
        crtless,
        wheel_tag,
        python_root,
        audit,
        settings.thunks,
        python_root_native,
        tuple(notes),
    )


def python_cache_entries(plan: BuildPlan, py_version: tuple[int, int]) -> dict[str, str]:
    """CMake cache entries that make FindPython and scikit-build-core see the target Python."""
    soabi = plan.arch.soabi(py_version)
    entries = {"SKBUILD_SOABI": soabi}
    for prefix in ("Python", "Python3"):
        entries[f"{prefix}_SOABI"] = soabi
        if plan.python_root is not None:
            root = plan.python_root
            lib = root / "libs" / python_import_library(py_version)
            entries[f"{prefix}_ROOT_DIR"] = root.as_posix()
            entries[f"{prefix}_INCLUDE_DIR"] = (root / "include").as_posix()
            entries[f"{prefix}_LIBRARY"] = lib.as_posix()
            entries[f"{prefix}_FIND_REGISTRY"] = "NEVER"
    return entries
