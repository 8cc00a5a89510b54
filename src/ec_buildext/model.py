"""The build model: what a compiler and its runtime give every compile and link, as typed
values that the two renderers turn into text (``cmake_ext.toolchain`` into CMake
variables, ``setuptools_ext.driver`` into command lines).

A flag or a library is added here (or on the runtime that owns it), never in a renderer.
Per-view values are records that carry their view (:class:`ViewRuntime`), so no caller
depends on the order of ``Arch.views``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from .arch import Arch

__all__ = [
    "CXX_SOURCE_SUFFIXES",
    "C_SOURCE_SUFFIXES",
    "CompileFlags",
    "Language",
    "LinkSetup",
    "ViewRuntime",
    "configured_view",
    "link_views",
    "source_language",
    "uses_cxx",
]


class Language(enum.Enum):
    """The languages whose compiles take different flags."""

    C = "c"
    CXX = "cxx"


#: Source suffixes by language (lower case; a C++ header alone compiles nothing).
C_SOURCE_SUFFIXES = (".c",)
CXX_SOURCE_SUFFIXES = (".cc", ".cpp", ".cxx", ".c++")


def source_language(source: Union[Path, str]) -> Optional[Language]:
    """The language ``source`` compiles as, by its suffix (None: not C or C++)."""
    suffix = Path(source).suffix.lower()
    if suffix in C_SOURCE_SUFFIXES:
        return Language.C
    return Language.CXX if suffix in CXX_SOURCE_SUFFIXES else None


def uses_cxx(sources: Iterable[Union[Path, str]]) -> bool:
    """Whether any of ``sources`` is C++ (then the link takes the C++ runtime)."""
    return any(source_language(s) is Language.CXX for s in sources)


def configured_view(arch: Arch) -> Arch:
    """The view a build of ``arch`` configures and probes: Arm64X's Arm64EC view (x64
    processes run it; the Arm64X launcher derives the native compiles from it), else
    the arch itself."""
    return arch.ec_view or arch


@dataclass(frozen=True)
class CompileFlags:
    """What the compiler and runtime add to one view's compiles (neither the program,
    its target, the target CPython nor the project's own flags)."""

    #: C compiles only, first.
    c: tuple[str, ...] = ()
    #: C++ compiles only, first (libc++'s headers before the C library's).
    cxx: tuple[str, ...] = ()
    #: Every compile, after the language's own.
    common: tuple[str, ...] = ()
    #: The SDK/CRT header folders, spelled by each renderer (``/imsvc``, ``/I``, CMake's
    #: ``CMAKE_<LANG>_STANDARD_INCLUDE_DIRECTORIES``).
    system_include_dirs: tuple[Path, ...] = ()
    #: Optimisation and runtime selection of a release and of a debug compile.
    release: tuple[str, ...] = ("/O2", "/MD")
    debug: tuple[str, ...] = ("/Od", "/MD")

    def for_language(self, language: Language) -> tuple[str, ...]:
        """The flags of a compile in ``language``, in order."""
        return (*(self.cxx if language is Language.CXX else self.c), *self.common)


@dataclass(frozen=True)
class LinkSetup:
    """What every link of an arch takes from the compiler and runtime, besides each
    view's runtime inputs (:class:`ViewRuntime`)."""

    #: Library folders, in search order.
    library_dirs: tuple[Path, ...] = ()
    #: lld VFS overlay matching library names in any case (None: none).
    library_overlay: Optional[Path] = None
    #: Flags of every link.
    flags: tuple[str, ...] = ()
    #: The DLL entry point (None: the linker's default, the CRT's own).
    dll_entry: Optional[str] = None
    #: Libraries every link takes by name, after the runtime's inputs (CRT-less: all
    #: of them, CMake's standard libraries replaced; MSVC: softintrin.lib, which CMake's
    #: own MSVC rules add).
    default_libraries: tuple[str, ...] = ()


@dataclass(frozen=True)
class ViewRuntime:
    """What the links of one view take from ec-buildext's runtime, by path."""

    view: Arch
    #: Runtime-support objects (load config, stack probe, ...).
    support_objects: tuple[Path, ...] = ()
    #: The C runtime library (printf family, DLL entry point, TLS).
    c_runtime: tuple[Path, ...] = ()
    #: The C++ runtime library (libc++, libc++abi, libunwind), for links with C++.
    cxx_runtime: tuple[Path, ...] = ()

    @property
    def inputs(self) -> tuple[Path, ...]:
        """Every input, in link order."""
        return (*self.support_objects, *self.c_runtime, *self.cxx_runtime)


def link_views(arch: Arch) -> tuple[Arch, ...]:
    """The views of ``arch`` in the order their runtime inputs join a link: the
    configured view's first (an Arm64X probe executable links it alone)."""
    first = configured_view(arch)
    return (first, *(v for v in arch.views if v is not first))
