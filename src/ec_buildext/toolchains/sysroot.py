"""A Windows SDK + MSVC CRT tree used for cross builds (the ``sysroot`` setting).

Two layouts are understood:

* ``xwin splat``: ``crt/include``, ``crt/lib/<arch>``, ``sdk/include/{ucrt,um,shared}``,
  ``sdk/lib/{ucrt,um}/<arch>``;
* a copied Visual Studio + SDK: ``VC/Tools/MSVC/<version>/{include,lib/<arch>}`` and
  ``Windows Kits/10/{Include,Lib}/<sdk version>/...``.

Arm64EC links search the CRT's ``arm64ec`` folder before ``arm64``; the SDK's
ARM64 import libraries are hybrid and serve both views.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..arch import Arch, CEnvironment
from ..errors import UserError
from ..model import CompileFlags, LinkSetup, ViewRuntime
from .diagnose import softintrin_flags
from .llvm import LlvmToolchain

__all__ = ["SdkRuntime", "Sysroot", "open_sysroot"]


class SdkRuntime:
    """A runtime made of the Windows SDK and MSVC CRT (MSVC environment): their own
    headers, libraries and C++ runtime; clang's Arm64EC compiles add softintrin."""

    environment = CEnvironment.MSVC
    #: What toolchain files call this runtime.
    mode_name = "Windows SDK/CRT"

    def system_include_dirs(self) -> tuple[Path, ...]:
        """Header folders clang-cl is told (none: it finds them itself)."""
        return ()

    def system_lib_dirs(self, arch: Arch) -> tuple[Path, ...]:
        """Library folders lld-link is told (none: it finds them itself)."""
        return ()

    def compile_flags(self, view: Arch) -> CompileFlags:
        return CompileFlags(
            common=softintrin_flags(view), system_include_dirs=self.system_include_dirs()
        )

    def link_setup(self, arch: Arch) -> LinkSetup:
        return LinkSetup(library_dirs=self.system_lib_dirs(arch))

    def view_runtime(self, view: Arch) -> ViewRuntime:
        """Nothing of ec-buildext's: the CRT's import libraries are default libraries."""
        return ViewRuntime(view)

    def cxx_runtime(self, llvm: LlvmToolchain, view: Arch) -> tuple[Path, ...]:
        """None of ec-buildext's: the CRT's C++ runtime is a default library."""
        return ()

    def explain_link_failure(self, output: str, inputs: Sequence[Path] = ()) -> str:
        return ""


@dataclass(frozen=True)
class Sysroot(SdkRuntime):
    """Include and library folders of one SDK/CRT tree."""

    root: Path
    layout: str
    crt_include: Path
    crt_lib: Path
    sdk_include: Path
    sdk_lib: Path

    def describe(self) -> str:
        return f"Windows SDK/CRT from sysroot {self.root} ({self.layout})"

    def include_dirs(self) -> list[Path]:
        return [self.crt_include, *(self.sdk_include / p for p in ("ucrt", "um", "shared"))]

    def lib_dirs(self, view: Arch) -> list[Path]:
        """Library folders for one single-arch view, in search order."""
        # Arm64X links search like Arm64EC ones (the table says so): the arm64ec CRT
        # folder holds hybrid libraries.
        crt_folders, sdk_folder = view.crt_lib_folders, view.msvc_toolset
        if self.layout == "xwin":
            # xwin names folders by Rust-style arch; it has no separate arm64ec CRT folder.
            crt_folders = (view.xwin_arch,)
            sdk_folder = view.xwin_arch
        dirs = [self.crt_lib / f for f in crt_folders]
        dirs += [self.sdk_lib / "ucrt" / sdk_folder, self.sdk_lib / "um" / sdk_folder]
        return [d for d in dirs if d.is_dir()]

    def system_include_dirs(self) -> tuple[Path, ...]:
        return tuple(self.include_dirs())

    def system_lib_dirs(self, arch: Arch) -> tuple[Path, ...]:
        return tuple(self.lib_dirs(arch))


def _newest(folder: Path) -> Path | None:
    children = sorted(p for p in folder.glob("*") if p.is_dir()) if folder.is_dir() else []
    return children[-1] if children else None


def open_sysroot(path: Path) -> Sysroot:
    """Recognise the layout of ``path`` or explain what is missing."""
    if not path.is_dir():
        raise UserError(
            f"sysroot {str(path)!r} does not exist or is not a folder. Point the sysroot "
            "setting at a Windows SDK + MSVC CRT tree (e.g. made with `xwin splat`), or "
            "leave it empty for a CRT-less build."
        )
    if (path / "crt" / "include").is_dir() and (path / "sdk" / "include").is_dir():
        return Sysroot(
            path,
            "xwin",
            path / "crt" / "include",
            path / "crt" / "lib",
            path / "sdk" / "include",
            path / "sdk" / "lib",
        )
    msvc = _newest(path / "VC" / "Tools" / "MSVC")
    kits = path / "Windows Kits" / "10"
    sdk_version = _newest(kits / "Include")
    if msvc is not None and sdk_version is not None:
        return Sysroot(
            path, "vs", msvc / "include", msvc / "lib", sdk_version, kits / "Lib" / sdk_version.name
        )
    raise UserError(
        f"sysroot {str(path)!r} is neither an xwin splat tree (crt/, sdk/) nor a copied "
        "Visual Studio tree (VC/Tools/MSVC/<version>, Windows Kits/10). Fix the path, or "
        "leave sysroot empty for a CRT-less build."
    )
