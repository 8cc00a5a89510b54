"""CRT-less compiles and links run by hand with the real clang-cl and lld-link, on the
build model's own flags (the runtime's tests of what lld does with them, and of what
the headers declare under them)."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ec_buildext.arch import Arch, get_arch
from ec_buildext.model import Language
from ec_buildext.plan import ClangCl
from ec_buildext.toolchains.crtless import CrtlessSupport, crtless_support
from ec_buildext.toolchains.llvm import find_llvm

from .commands import run


@dataclass(frozen=True)
class Crtless:
    """The CRT-less compiler of one arch (single view), as a build plan has it."""

    compiler: ClangCl
    view: Arch

    @property
    def support(self) -> CrtlessSupport:
        runtime = self.compiler.runtime
        assert isinstance(runtime, CrtlessSupport)
        return runtime

    def compile_flags(self) -> list[str]:
        """The words of a release C compile of the view, before the source."""
        flags = self.compiler.compile_flags(self.view)
        return [
            *self.compiler.compile_words(self.view),
            *flags.for_language(Language.C),
            *flags.release,
        ]

    def compile(self, source: Path, obj: Path, *extra: str) -> None:
        run([*self.compile_flags(), *extra, "/c", f"/Fo{obj}", str(source)])

    def link(self, objects: Sequence[Path], dll: Path) -> subprocess.CompletedProcess[str]:
        """lld-link of ``objects`` into ``dll`` as a CRT-less build links a DLL (not
        checked: a test reads what it says)."""
        setup = self.compiler.link_setup(self.view)
        overlay = [f"/vfsoverlay:{setup.library_overlay}"] if setup.library_overlay else []
        runtime = self.compiler.view_runtime(self.view, cxx=False).inputs
        argv = [
            *self.compiler.link_words(),
            "/dll",
            f"/machine:{self.view.machine}",
            f"/out:{dll}",
            *map(str, objects),
            *setup.flags,
            f"/entry:{setup.dll_entry}",
            *(f"/libpath:{d}" for d in setup.library_dirs),
            *overlay,
            *map(str, runtime),
            *setup.default_libraries,
        ]
        return run(argv, check=False)


def crtless(arch: str) -> Crtless:
    """The CRT-less compiler of ``arch`` with the ziglang wheel's LLVM (its runtime in
    the cache EC_BUILDEXT_CACHE_DIR names)."""
    llvm = find_llvm("ziglang")
    view = get_arch(arch)
    return Crtless(ClangCl(llvm, crtless_support(llvm, view)), view)
