"""Finding Visual Studio's MSVC toolset (cl, link, lib) for ARM64, Arm64EC and x64.

Windows only: from an active developer prompt (``VCToolsInstallDir``) or vswhere.exe.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..arch import Arch
from ..runner import run_tool

__all__ = ["MsvcToolchain", "find_msvc"]


@dataclass(frozen=True)
class MsvcToolchain:
    """Visual Studio's ARM64 (or x64) toolset, with the library order Arm64EC needs."""

    vc_tools: Path
    sdk_dir: Path
    sdk_version: str
    target: Arch

    @property
    def bin_dir(self) -> Path:
        host = "Hostarm64" if _windows_machine() == "arm64" else "Hostx64"
        return self.vc_tools / "bin" / host / self.target.msvc_toolset

    def lib_dirs(self) -> list[Path]:
        """Library search order: VC ``lib/arm64ec`` before ``lib/arm64`` for Arm64EC."""
        sdk_lib = self.sdk_dir / "Lib" / self.sdk_version
        sdk_arch = self.target.msvc_toolset
        vc = [self.vc_tools / "lib" / v for v in self.target.crt_lib_folders]
        return [*vc, sdk_lib / "ucrt" / sdk_arch, sdk_lib / "um" / sdk_arch]

    def include_dirs(self) -> list[Path]:
        inc = self.sdk_dir / "Include" / self.sdk_version
        return [self.vc_tools / "include", *(inc / p for p in ("ucrt", "um", "shared"))]

    def describe(self) -> str:
        return f"MSVC {self.vc_tools.name} ({self.vc_tools}), Windows SDK {self.sdk_version}"


def _windows_machine() -> str:
    import platform

    return "arm64" if platform.machine().lower() in ("arm64", "aarch64") else "x64"


def find_msvc(arch: Arch, environ: Optional[dict[str, str]] = None) -> Optional[MsvcToolchain]:
    """MSVC from an active developer prompt (VCToolsInstallDir) or vswhere.exe; Windows only."""
    if sys.platform != "win32":
        return None
    env = dict(os.environ if environ is None else environ)
    vc_tools = env.get("VCToolsInstallDir")
    if not vc_tools:
        vswhere = Path(env.get("ProgramFiles(x86)", r"C:\Program Files (x86)")) / (
            r"Microsoft Visual Studio\Installer\vswhere.exe"
        )
        if not vswhere.is_file():
            return None
        out = run_tool(
            [
                str(vswhere),
                "-latest",
                "-products",
                "*",
                "-requires",
                "Microsoft.VisualStudio.Component.VC.Tools.ARM64",
                "-property",
                "installationPath",
            ],
            "looking for Visual Studio",
            check=False,
        ).stdout.strip()
        if not out:
            return None
        versions = sorted((Path(out) / "VC" / "Tools" / "MSVC").glob("*"))
        if not versions:
            return None
        vc_tools = str(versions[-1])
    sdk_dir = Path(env.get("WindowsSdkDir", r"C:\Program Files (x86)\Windows Kits\10"))
    sdk_version = env.get("WindowsSDKVersion", "").strip("\\")
    if not sdk_version:
        found = sorted((sdk_dir / "Lib").glob("10.*"))
        if not found:
            return None
        sdk_version = found[-1].name
    return MsvcToolchain(Path(vc_tools), sdk_dir, sdk_version, arch)
