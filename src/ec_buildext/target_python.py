"""The target Windows CPython of a build, decided once: its version, whether it is
free-threaded, and the CPython folders (``include/``, ``libs/``) the views compile and
link against, each with where it came from.

The version and ABI are those of the interpreter running the build (a wheel is built
for the CPython that builds it).  The folders are keyed by the CPython's own arch: the
x64 CPython serves x64 and Arm64EC modules and the EC view of Arm64X, the ARM64 one
arm64 modules and the native view.  A folder is given (``python-root``,
``python-root-native``), offered by the environment (Arm64X: cibuildwheel's
DIST_EXTRA_CONFIG, the Windows CPython running the build), or made from the running
interpreter (cross builds, :mod:`ec_buildext.toolchains.cpython`); when none could be
made the reason is kept, and said again where a compile misses ``Python.h``.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional

from .arch import ARM64, X64, Arch, arch_of_object_machine, python_import_library
from .errors import UserError
from .peheader import archive_machines
from .settings import BuildOptions
from .toolchains.cpython import (
    build_free_threaded,
    build_version,
    synthesized_cpython,
    synthesized_cpython_origin,
)
from .toolchains.llvm import LlvmToolchain

__all__ = ["CPythonFolder", "Origin", "TargetPython", "find_target_python"]


class Origin(enum.Enum):
    """Where a target CPython folder came from."""

    SETTING = "setting"
    #: cibuildwheel's DIST_EXTRA_CONFIG (``library_dirs``).
    ENVIRONMENT = "environment"
    #: The Windows CPython running the build.
    RUNNING = "running"
    #: Made from the interpreter running the build (cross builds).
    SYNTHESIZED = "synthesized"


@dataclass(frozen=True)
class CPythonFolder:
    """A Windows CPython development folder and where it came from."""

    path: Path
    origin: Origin = Origin.SETTING
    #: Who pointed at it, or how it was made, in the build log's words.
    source: str = ""
    #: The setting it stands for: python-root, or (Arm64X) python-root-native.
    setting: str = "python-root"

    def note(self) -> Optional[str]:
        """The build log's line on where it came from (nothing for a setting)."""
        if self.origin is Origin.SETTING:
            return None
        if self.origin is Origin.SYNTHESIZED:
            return f"{self.setting}: {self.path} ({self.source})"
        return f"{self.setting}: {self.path} (from {self.source})"


@dataclass(frozen=True)
class TargetPython:
    """The Windows CPython a build's modules are for."""

    version: tuple[int, int]
    free_threaded: bool
    #: The folders by the CPython's arch (X64, ARM64); both only for Arm64X.
    folders: Mapping[Arch, CPythonFolder] = field(default_factory=dict)
    #: (setting, why) for each folder that could not be made.
    missing: tuple[tuple[str, str], ...] = ()

    @classmethod
    def running(cls) -> TargetPython:
        """The interpreter running the build as the target, no folders yet."""
        return cls(build_version(), build_free_threaded())

    def import_library(self, limited: bool) -> str:
        """``pythonXY.lib`` (``python3.lib`` for the stable ABI, with a ``t`` when
        free-threaded): the same name in every arch's CPython."""
        return python_import_library(self.version, limited, self.free_threaded)

    def folder(self, view: Arch) -> Optional[CPythonFolder]:
        """The folder a single-arch ``view`` compiles and links against."""
        return self.folders.get(view.cpython)

    def root(self, view: Arch) -> Optional[Path]:
        found = self.folder(view)
        return found.path if found is not None else None

    def include_dir(self, view: Arch) -> Optional[Path]:
        root = self.root(view)
        return root / "include" if root is not None else None

    def library(self, view: Arch, limited: bool) -> Optional[Path]:
        """The import library ``view`` links (which may not exist: python3.lib)."""
        root = self.root(view)
        return root / "libs" / self.import_library(limited) if root is not None else None

    @property
    def main(self) -> Optional[CPythonFolder]:
        """The CPython FindPython sees: the x64 one of Arm64X (the EC view's), else the
        only one."""
        return self.folders.get(X64) or self.folders.get(ARM64)

    @property
    def native(self) -> Optional[CPythonFolder]:
        """Arm64X: the ARM64 CPython of the native view."""
        return self.folders.get(ARM64) if self.is_pair else None

    @property
    def is_pair(self) -> bool:
        """Arm64X with Python.h: each view has its own CPython."""
        return X64 in self.folders and ARM64 in self.folders

    @property
    def problem(self) -> str:
        """Why no target CPython could be made ("" when there is one, or none was tried)."""
        return self.missing[0][1] if self.missing else ""

    @property
    def notes(self) -> tuple[str, ...]:
        """How each folder not set was found, or why none could be made."""
        ordered = sorted(self.folders.values(), key=lambda f: f.setting)
        found = [note for note in (f.note() for f in ordered) if note is not None]
        failed = [f"{s}: none, and none could be made: {why}" for s, why in self.missing]
        return (*found, *failed)

    def summary(self) -> list[str]:
        """The lines a build prints about its target CPython."""
        main = self.main
        native = f" (native view: {self.native.path})" if self.native is not None else ""
        shown = (
            str(main.path) if main is not None else "none (a module with Python.h would need one)"
        )
        return [f"target python: {shown}{native}", *self.notes]


#: The CPython each setting names in an Arm64X build.
_PAIR = (("python-root", X64), ("python-root-native", ARM64))


def _cpython_of(setting: str, arch: Arch) -> Arch:
    return dict(_PAIR)[setting] if arch.is_hybrid else arch.cpython


def _machine_name(machine: int) -> str:
    arch = arch_of_object_machine(machine)
    return arch.name if arch is not None else hex(machine)


def _check_folder(target: TargetPython, folder: CPythonFolder, linker: str, cpython: Arch) -> None:
    setting, root = folder.setting, folder.path
    version = f"{target.version[0]}.{target.version[1]}"
    if not (root / "include" / "Python.h").is_file():
        raise UserError(
            f"{setting} {str(root)!r} has no include/Python.h. Point it at a Windows "
            "CPython installation folder (the one holding include/ and libs/)."
        )
    lib = root / "libs" / target.import_library(False)
    others = sorted(p.name for p in (root / "libs").glob("python3?*.lib") if p.name != lib.name)
    if not lib.is_file() and others:
        raise UserError(
            f"{setting} {str(root)!r} is another CPython version ({', '.join(others)} in "
            f"libs/), but this build runs Python {version} and builds for it ({lib.name}). "
            f"Run the build with that CPython's version, point {setting} at a CPython "
            f"{version} folder, or unset it: ec-buildext then makes the target CPython from "
            "the interpreter running the build."
        )
    if not lib.is_file():
        raise UserError(
            f"{setting} {str(root)!r} has no libs/{lib.name}. {linker[0].upper()}{linker[1:]} "
            f"links against the {cpython.name} CPython {version} import library: point "
            f"{setting} at that CPython's folder."
        )
    found = archive_machines(lib.read_bytes())
    if found and cpython.object_machine not in found:
        names = ", ".join(sorted(_machine_name(m) for m in found))
        raise UserError(
            f"{setting} {str(root)!r}: libs/{lib.name} is an import library for {names}, "
            f"but {linker} links against the {cpython.name} CPython. Point {setting} at the "
            f"{cpython.name} CPython's folder."
        )


def _from_environment(
    target: TargetPython, chosen: dict[str, CPythonFolder], offered: Sequence[CPythonFolder]
) -> None:
    """Arm64X: the CPython folders the environment offers, by their import library's
    machine, for whichever of the pair is not set (cibuildwheel cross-compiling for ARM64
    on x64 offers both: DIST_EXTRA_CONFIG's ARM64 CPython and the running x64 one)."""
    for offer in offered:
        lib = offer.path / "libs" / target.import_library(False)
        machines = archive_machines(lib.read_bytes()) if lib.is_file() else set()
        for setting, cpython in _PAIR:
            if cpython.object_machine in machines and setting not in chosen:
                chosen[setting] = replace(offer, setting=setting)


def _synthesized(
    llvm: Optional[LlvmToolchain],
    cpython: Arch,
    setting: str,
    chosen: dict[str, CPythonFolder],
    missing: list[tuple[str, str]],
) -> None:
    """The target CPython made from the running interpreter (cross builds: ``llvm``);
    where it cannot be made, why (a project without Python.h does not need it, so that
    is no reason to stop the build)."""
    if llvm is None:
        return  # on Windows the running CPython is the target: unchanged there
    try:
        root = synthesized_cpython(llvm, cpython)
    except UserError as e:
        missing.append((setting, str(e)))
        return
    source = f"{cpython.name} CPython, {synthesized_cpython_origin()}"
    chosen[setting] = CPythonFolder(root, Origin.SYNTHESIZED, source, setting)


def find_target_python(
    options: BuildOptions,
    arch: Arch,
    offered: Sequence[CPythonFolder],
    llvm: Optional[LlvmToolchain],
) -> TargetPython:
    """The target CPython of an ``arch`` build, its folders checked against ``arch``: as
    set, else from the environment (Arm64X: ``offered``), else made from the running
    interpreter with ``llvm`` (None: not a cross build, nothing is made)."""
    running = TargetPython.running()
    given = {"python-root": options.python_root, "python-root-native": options.python_root_native}
    chosen = {s: CPythonFolder(p, setting=s) for s, p in given.items() if p is not None}
    missing: list[tuple[str, str]] = []
    if arch.is_hybrid:
        _from_environment(running, chosen, offered)
        if "python-root" not in chosen:
            _synthesized(llvm, X64, "python-root", chosen, missing)
        if "python-root-native" not in chosen and "python-root" in chosen:
            _synthesized(llvm, ARM64, "python-root-native", chosen, missing)
    elif not chosen:
        _synthesized(llvm, arch.cpython, "python-root", chosen, missing)
    _check(running, arch, chosen, options)
    return replace(
        running,
        folders={_cpython_of(s, arch): f for s, f in chosen.items()},
        missing=tuple(missing),
    )


def _check(
    target: TargetPython, arch: Arch, roots: Mapping[str, CPythonFolder], options: BuildOptions
) -> None:
    """The folders (by setting) fit ``arch``: one CPython for a single arch, both or none
    for Arm64X."""
    if not arch.is_hybrid:
        if "python-root-native" in roots:
            raise UserError(
                f"python-root-native ({options.sources['python-root-native']}) is for "
                f"arch = 'arm64x' only; this build is {arch.name}. Remove it, or use "
                "python-root for the one CPython this arch links."
            )
        if "python-root" in roots:
            _check_folder(target, roots["python-root"], f"an {arch.name} module", arch.cpython)
        return
    if not roots:
        return
    if len(roots) == 1:
        (given,) = roots
        raise UserError(
            "arch = 'arm64x' with Python.h needs two CPython folders: python-root for the "
            "x64 CPython (the EC view links its pythonXY.lib) and python-root-native for the "
            f"ARM64 CPython (the native view's). Only {given} is set; set the other one "
            "too, or build 'arm64ec' and 'arm64' wheels instead."
        )
    _check_folder(target, roots["python-root"], "the EC view", X64)
    _check_folder(target, roots["python-root-native"], "the native view", ARM64)
