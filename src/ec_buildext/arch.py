"""Every per-architecture and per-process fact ec-buildext uses, in one table.

Nothing else in the package hard-codes a triple, a ``/machine:`` value, a machine
number, a wheel tag, a library folder or an extension suffix: it asks this module
(``tests/unit/test_arch.py`` scans the sources for strays).  The machine values are
those LLVM 22 writes (checked by the same tests with real clang).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Optional

__all__ = [
    "ARCHES",
    "ARM64",
    "ARM64EC",
    "ARM64X",
    "BINARY_KIND_LOADERS",
    "CPYTHON_PLATFORMS",
    "HOST_MACHINE_PROCESS",
    "IMAGE_MACHINE_KINDS",
    "PROCESSES",
    "PROCESS_KINDS",
    "SYSCONFIG_PLATFORM_PROCESS",
    "TOOLSET_PLATFORMS",
    "WHEEL_TAG_PROCESSES",
    "WINDOWS_PROCESS_MACHINE",
    "X64",
    "Arch",
    "BinaryKind",
    "CEnvironment",
    "Process",
    "ProcessKind",
    "arch_names",
    "arch_of_code_range",
    "arch_of_object_machine",
    "get_arch",
    "processes_of_platform",
    "promised_processes",
    "python_import_library",
]


class CEnvironment(enum.Enum):
    """The C environment a compile targets: MSVC's (a real SDK/CRT) or GNU's (the
    mingw-w64 headers of a CRT-less build)."""

    MSVC = "msvc"
    GNU = "gnu"


class _Word(str, enum.Enum):
    """A word of a fixed vocabulary: equal to, hashed, printed and serialised (JSON) as
    its value, so output that spells the plain string stays byte-identical."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class ProcessKind(_Word):
    """A kind of Windows process, as :mod:`ec_buildext.plugins` reports them.  ``arm64ec``
    is an x64-ABI process on an ARM64 machine (emulated x64 and Arm64EC code side by side)."""

    X86 = "x86"
    X64 = "x64"
    ARM64EC = "arm64ec"
    ARM64 = "arm64"


class BinaryKind(_Word):
    """What a PE image is, as ``inspect --json`` and ``plugins.can_load`` name it: an
    arch's name, ``x86`` (read, never built), or an Arm64X pure forwarder (no code)."""

    X86 = "x86"
    X64 = "x64"
    ARM64 = "arm64"
    ARM64EC = "arm64ec"
    ARM64X = "arm64x"
    ARM64X_FORWARDER = "arm64x-forwarder"


@dataclass(frozen=True)
class Process:
    """What a process kind searches and imports."""

    kind: ProcessKind
    #: The CPython platform (and wheel tag) whose extension modules a CPython running
    #: as such a process imports.
    cpython_platform: str
    #: The plugin folder such a process searches: an Arm64EC process is an x64 process,
    #: so it searches the x64 folder (it cannot load plain ARM64 DLLs).
    plugin_folder: str


PROCESSES: dict[ProcessKind, Process] = {
    p.kind: p
    for p in (
        Process(ProcessKind.X86, "win32", "x86"),
        Process(ProcessKind.X64, "win_amd64", "x64"),
        Process(ProcessKind.ARM64EC, "win_amd64", "x64"),
        Process(ProcessKind.ARM64, "win_arm64", "arm64"),
    )
}
PROCESS_KINDS = tuple(PROCESSES)


#: The platforms Windows CPython reports (as wheel tags): never ``win_arm64ec``.
CPYTHON_PLATFORMS = ("win_amd64", "win_arm64", "win32")


def processes_of_platform(platform: str) -> tuple[ProcessKind, ...]:
    """Process kinds a CPython of ``platform`` (a wheel tag such as win_amd64) runs as."""
    return tuple(p.kind for p in PROCESSES.values() if p.cpython_platform == platform)


#: Process kinds each wheel platform tag promises to load in: a CPython platform's
#: processes, and ``win_arm64ec`` (no CPython reports it) for x64 CPython on ARM64.
WHEEL_TAG_PROCESSES: dict[str, tuple[ProcessKind, ...]] = {
    **{plat: processes_of_platform(plat) for plat in CPYTHON_PLATFORMS},
    "win_arm64ec": (ProcessKind.ARM64EC,),
}


def promised_processes(platform_tags: Iterable[str]) -> frozenset[ProcessKind]:
    """The process kinds a wheel whose platform tags are ``platform_tags`` promises to
    load in (tags that are no Windows CPython's, such as ``any``, promise none)."""
    return frozenset(p for tag in platform_tags for p in WHEEL_TAG_PROCESSES.get(tag, ()))


#: ``VSCMD_ARG_TGT_ARCH`` (an MSVC toolset target) -> the CPython platform it builds for.
TOOLSET_PLATFORMS = {"x64": "win_amd64", "amd64": "win_amd64", "arm64": "win_arm64", "x86": "win32"}
#: ``sysconfig.get_platform()`` of a Windows CPython -> the process kind it runs as natively.
SYSCONFIG_PLATFORM_PROCESS = {
    "win-amd64": ProcessKind.X64,
    "win-arm64": ProcessKind.ARM64,
    "win32": ProcessKind.X86,
}
#: ``platform.machine()`` of a Windows process of each kind (an x64 process on an ARM64
#: machine, Arm64EC too, reports AMD64).
WINDOWS_PROCESS_MACHINE = {
    ProcessKind.X64: "AMD64",
    ProcessKind.ARM64: "ARM64",
    ProcessKind.X86: "x86",
}
#: ``platform.machine()`` of a non-Windows host -> the process kind it corresponds to.
HOST_MACHINE_PROCESS = {
    "x86_64": ProcessKind.X64,
    "amd64": ProcessKind.X64,
    "aarch64": ProcessKind.ARM64,
    "arm64": ProcessKind.ARM64,
    "i686": ProcessKind.X86,
    "i386": ProcessKind.X86,
}
#: Raw IMAGE_FILE_MACHINE_* of a linked image -> the plain kind it names.  An Arm64EC
#: image says AMD64 and an Arm64X one ARM64: peheader tells them apart by the CHPE
#: metadata and the DVRT.  0x14C (x86) is a kind ec-buildext reads but never builds.
IMAGE_MACHINE_KINDS = {0x14C: BinaryKind.X86, 0x8664: BinaryKind.X64, 0xAA64: BinaryKind.ARM64}


@dataclass(frozen=True)
class Arch:
    """One target architecture (or, for ``arm64x``, a pair of views)."""

    name: str
    #: clang triple for MSVC-environment builds (real SDK/CRT).
    msvc_triple: str
    #: clang triple for CRT-less builds on mingw-w64 headers (GNU environment).
    gnu_triple: str
    #: cl.exe switch that selects this target on top of the host toolset.
    msvc_compile_flag: str
    #: ``VSCMD_ARG_TGT_ARCH`` / vcvars target of the MSVC toolset that compiles it.
    msvc_toolset: str
    #: ``link /machine:`` and ``lib /machine:`` value.
    machine: str
    #: ``llvm-dlltool -m`` value for import libraries of this arch.
    dlltool_machine: str
    #: IMAGE_FILE_MACHINE_* of the COFF objects the compiler writes.
    object_machine: int
    #: IMAGE_FILE_MACHINE_* in the raw PE header of a linked image.
    image_machine: int
    #: ``CMAKE_SYSTEM_PROCESSOR`` in generated toolchain files.
    cmake_processor: str
    #: Default wheel platform tag.
    wheel_tag: str
    #: CPython platform whose extension suffix (``.cpXY-<platform>.pyd``) a module
    #: of this arch carries; ``None`` means the plain ``.pyd`` that every
    #: Windows CPython imports (used where one file serves two interpreters).
    python_platform: str | None
    #: The Windows CPython (an arch name: x64 or arm64) whose ``libs/pythonXY.lib`` a
    #: single-view module links against (Arm64EC modules load in x64 CPython); None for
    #: Arm64X, whose views link one each.
    cpython_name: Optional[str]
    #: Process kinds that can load a DLL of this arch.
    loadable_by: tuple[ProcessKind, ...]
    #: Names of the single-arch views a binary of this arch is made of (``views``
    #: gives the rows).
    view_names: tuple[str, ...]
    #: MSVC CRT library folders (``lib/<name>``), in search order: Arm64EC searches
    #: ``arm64ec`` before ``arm64``.  The SDK's folder is ``msvc_toolset``'s.
    crt_lib_folders: tuple[str, ...]
    #: xwin's name for the SDK/CRT architecture.
    xwin_arch: str
    #: mingw-w64's ``.def`` folders (under ``mingw/``) for this arch's import libraries,
    #: in search order: x64-ABI code (x64, Arm64EC) also finds the ``lib64`` ones.
    mingw_def_folders: tuple[str, ...]
    #: Oldest LLVM major version whose clang and lld build it correctly: Arm64EC
    #: codegen is usable from 18, Arm64X links from lld 21 (lld 19 cannot); 14 is
    #: the oldest LLVM the tests build plain ARM64/x64 with (Debian bookworm's).
    min_llvm: int
    #: What MSVC defines before any header when it compiles this (single) view: the
    #: ``_M_*`` names, and the ``_ARM64EC_``/``_ARM64_`` that mingw-w64's headers define
    #: alongside them (see ``toolchains.diagnose.msvc_predefined_macros``).
    msvc_macros: tuple[str, ...]
    #: The kind of CHPE code-map range (the low two bits of an entry's start) that holds
    #: this view's code; None for Arm64X, whose code lies in its views' ranges.
    code_range_kind: Optional[int]

    @property
    def is_hybrid(self) -> bool:
        """True for Arm64X: two views, compiled twice, linked once."""
        return len(self.view_names) > 1

    @property
    def views(self) -> tuple[Arch, ...]:
        """The single-arch rows a binary of this arch is made of (itself, or for Arm64X
        the native ARM64 view and the Arm64EC view)."""
        return tuple(ARCHES[v] for v in self.view_names)

    @property
    def ec_view(self) -> Optional[Arch]:
        """The Arm64EC view (x64 processes run it), if there is one."""
        return ARCHES["arm64ec"] if "arm64ec" in self.view_names else None

    @property
    def has_ec_view(self) -> bool:
        return self.ec_view is not None

    @property
    def native_view(self) -> Arch:
        """Arm64X: the native ARM64 view.  Other arches: the arch itself."""
        return ARCHES["arm64"] if self.is_hybrid else self

    @property
    def cpython(self) -> Arch:
        """The Windows CPython (x64 or ARM64 row) a single-view module links against."""
        if self.cpython_name is None:
            raise ValueError(f"{self.name} links one CPython per view: ask a view")
        return ARCHES[self.cpython_name]

    def triple(self, environment: CEnvironment) -> str:
        """clang's target triple for a compile in ``environment``."""
        return self.gnu_triple if environment is CEnvironment.GNU else self.msvc_triple

    def extension_suffix(self, py_version: tuple[int, int], *, limited_api: bool = False) -> str:
        """File-name suffix of a CPython extension module of this arch.

        Never contains ``arm64ec``: CPython does not import such a name.
        """
        if limited_api or self.python_platform is None:
            return ".pyd"
        return f".cp{py_version[0]}{py_version[1]}-{self.python_platform}.pyd"

    def soabi(self, py_version: tuple[int, int]) -> str:
        """``SOABI`` as CMake's FindPython uses it (suffix without dot and ``.pyd``)."""
        suffix = self.extension_suffix(py_version)
        return suffix[1:-4] if suffix != ".pyd" else ""


ARCHES: dict[str, Arch] = {
    a.name: a
    for a in (
        Arch(
            name="arm64ec",
            msvc_triple="arm64ec-pc-windows-msvc",
            gnu_triple="arm64ec-w64-windows-gnu",
            msvc_compile_flag="/arm64EC",
            msvc_toolset="arm64",
            machine="ARM64EC",
            dlltool_machine="arm64ec",
            object_machine=0xA641,
            image_machine=0x8664,
            cmake_processor="ARM64EC",
            wheel_tag="win_arm64ec",
            python_platform="win_amd64",
            cpython_name="x64",
            loadable_by=(ProcessKind.ARM64EC,),
            view_names=("arm64ec",),
            crt_lib_folders=("arm64ec", "arm64"),
            xwin_arch="aarch64",
            mingw_def_folders=("lib-common", "lib64"),
            min_llvm=18,
            msvc_macros=("_M_ARM64EC=1", "_M_X64=100", "_M_AMD64=100", "_ARM64EC_=1"),
            code_range_kind=1,
        ),
        Arch(
            name="arm64x",
            msvc_triple="arm64ec-pc-windows-msvc",
            gnu_triple="arm64ec-w64-windows-gnu",
            msvc_compile_flag="/arm64EC",
            msvc_toolset="arm64",
            machine="ARM64X",
            dlltool_machine="arm64ec",
            object_machine=0xA64E,
            image_machine=0xAA64,
            cmake_processor="ARM64EC",
            wheel_tag="win_arm64",
            python_platform=None,
            cpython_name=None,
            loadable_by=(ProcessKind.ARM64EC, ProcessKind.ARM64),
            view_names=("arm64", "arm64ec"),
            crt_lib_folders=("arm64ec", "arm64"),
            xwin_arch="aarch64",
            mingw_def_folders=("lib-common", "lib64"),
            min_llvm=21,
            msvc_macros=(),
            code_range_kind=None,
        ),
        Arch(
            name="arm64",
            msvc_triple="aarch64-pc-windows-msvc",
            gnu_triple="aarch64-w64-windows-gnu",
            msvc_compile_flag="",
            msvc_toolset="arm64",
            machine="ARM64",
            dlltool_machine="arm64",
            object_machine=0xAA64,
            image_machine=0xAA64,
            cmake_processor="ARM64",
            wheel_tag="win_arm64",
            python_platform="win_arm64",
            cpython_name="arm64",
            loadable_by=(ProcessKind.ARM64,),
            view_names=("arm64",),
            crt_lib_folders=("arm64",),
            xwin_arch="aarch64",
            mingw_def_folders=("lib-common",),
            min_llvm=14,
            msvc_macros=("_M_ARM64=1", "_ARM64_=1"),
            code_range_kind=0,
        ),
        Arch(
            name="x64",
            msvc_triple="x86_64-pc-windows-msvc",
            gnu_triple="x86_64-w64-windows-gnu",
            msvc_compile_flag="",
            msvc_toolset="x64",
            machine="X64",
            dlltool_machine="i386:x86-64",
            object_machine=0x8664,
            image_machine=0x8664,
            cmake_processor="AMD64",
            wheel_tag="win_amd64",
            python_platform="win_amd64",
            cpython_name="x64",
            loadable_by=(ProcessKind.X64, ProcessKind.ARM64EC),
            view_names=("x64",),
            crt_lib_folders=("x64",),
            xwin_arch="x86_64",
            mingw_def_folders=("lib-common", "lib64"),
            min_llvm=14,
            msvc_macros=("_M_X64=100", "_M_AMD64=100"),
            code_range_kind=2,
        ),
    )
}


#: The rows by name, for code that means one arch in particular.
ARM64EC, ARM64X, ARM64, X64 = (ARCHES[n] for n in ("arm64ec", "arm64x", "arm64", "x64"))


def arch_names() -> tuple[str, ...]:
    """Names accepted by the ``arch`` setting besides ``auto``."""
    return tuple(ARCHES)


#: Process kinds that load a binary of each kind: an arch's, x86 processes for x86
#: images, and those of Arm64X for an Arm64X pure forwarder.
BINARY_KIND_LOADERS: dict[BinaryKind, tuple[ProcessKind, ...]] = {
    BinaryKind.X86: (ProcessKind.X86,),
    **{BinaryKind(a.name): a.loadable_by for a in ARCHES.values()},
    BinaryKind.ARM64X_FORWARDER: ARM64X.loadable_by,
}


def arch_of_code_range(kind: int) -> Optional[Arch]:
    """The view whose code a CHPE code-map range of ``kind`` holds, if any."""
    return next((a for a in ARCHES.values() if a.code_range_kind == kind), None)


def arch_of_object_machine(machine: int) -> Optional[Arch]:
    """The row whose compiler writes COFF objects of ``machine`` (e.g. an import
    library's members), if any."""
    return next((a for a in ARCHES.values() if a.object_machine == machine), None)


def get_arch(name: str) -> Arch:
    """The table row for ``name``; a KeyError names the known arches."""
    try:
        return ARCHES[name]
    except KeyError:
        raise KeyError(f"unknown arch {name!r}; known: {', '.join(ARCHES)}") from None


def python_import_library(
    py_version: tuple[int, int], limited_api: bool = False, free_threaded: bool = False
) -> str:
    """The Windows CPython import library a module links against (in ``libs/``):
    ``python3.lib`` for the stable ABI, ``pythonXY.lib`` otherwise, with a ``t`` for a
    free-threaded CPython (``python313t.lib``); the same name for every architecture's
    CPython."""
    stem = "python3" if limited_api else f"python{py_version[0]}{py_version[1]}"
    return f"{stem}{'t' if free_threaded else ''}.lib"
