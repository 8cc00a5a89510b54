"""Every per-architecture fact ec-buildext uses, in one table.

Nothing else in the package hard-codes a triple, a ``/machine:`` value, a wheel
tag or an extension suffix: it asks this module.  The facts are those of
``shared/ARM64EC.md`` (machine values seen with LLVM 22).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ARCHES", "PROCESS_KINDS", "Arch", "arch_names", "get_arch", "python_import_library"]

#: Kinds of Windows process, as :mod:`ec_buildext.plugins` reports them.
#: ``arm64ec`` is an x64-ABI process on an ARM64 machine (emulated x64 code
#: and Arm64EC code side by side).
PROCESS_KINDS = ("x86", "x64", "arm64ec", "arm64")


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
    #: Which Windows CPython's ``libs/pythonXY.lib`` each view links against
    #: ("amd64" = x64 CPython, "arm64" = ARM64 CPython), per view.
    python_libs: tuple[str, ...]
    #: Process kinds (see PROCESS_KINDS) that can load a DLL of this arch.
    loadable_by: tuple[str, ...]
    #: Single-arch views a binary of this arch is made of.
    views: tuple[str, ...]
    #: Oldest LLVM major version whose clang and lld build it correctly: Arm64EC
    #: codegen is usable from 18, Arm64X links from lld 21 (lld 19 cannot); 14 is
    #: the oldest LLVM the tests build plain ARM64/x64 with (Debian bookworm's).
    min_llvm: int

    @property
    def is_hybrid(self) -> bool:
        """True for Arm64X: two views, compiled twice, linked once."""
        return len(self.views) > 1

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
            python_libs=("amd64",),
            loadable_by=("arm64ec",),
            views=("arm64ec",),
            min_llvm=18,
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
            python_libs=("arm64", "amd64"),
            loadable_by=("arm64ec", "arm64"),
            views=("arm64", "arm64ec"),
            min_llvm=21,
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
            python_libs=("arm64",),
            loadable_by=("arm64",),
            views=("arm64",),
            min_llvm=14,
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
            python_libs=("amd64",),
            loadable_by=("x64", "arm64ec"),
            views=("x64",),
            min_llvm=14,
        ),
    )
}


def arch_names() -> tuple[str, ...]:
    """Names accepted by the ``arch`` setting besides ``auto``."""
    return tuple(ARCHES)


def get_arch(name: str) -> Arch:
    """The table row for ``name``; a KeyError names the known arches."""
    try:
        return ARCHES[name]
    except KeyError:
        raise KeyError(f"unknown arch {name!r}; known: {', '.join(ARCHES)}") from None


def python_import_library(py_version: tuple[int, int], limited_api: bool = False) -> str:
    """The Windows CPython import library a module links against (in ``libs/``):
    ``python3.lib`` for the stable ABI, ``pythonXY.lib`` otherwise; the same name for
    every architecture's CPython."""
    return "python3.lib" if limited_api else f"python{py_version[0]}{py_version[1]}.lib"
