"""The Arm64X launcher wiring of a toolchain file: CMake's compiler and linker launchers
run ``ec_buildext.hybrid`` around each step, and wrapper scripts stand in for the tools
CMake has no launcher for (the archiver, the assembler)."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..arch import ARM64, ARM64EC, ARM64X, Arch
from ..build_inputs import PythonView
from ..cache import command_script
from .text import cmake_path, render_template

__all__ = ["HybridWiring", "hybrid_block", "hybrid_launcher", "step_wrapper"]


def hybrid_launcher() -> list[str]:
    """How CMake starts the Arm64X steps (``python -m ec_buildext.hybrid``'s script, run
    by its path): once per compile, so without site, runpy and the package import
    (about 6 ms of CPU each time; hybrid.py needs only the standard library)."""
    from .. import hybrid

    return [sys.executable, "-I", "-S", str(Path(hybrid.__file__))]


def step_wrapper(name: str, step: list[str], real_tool: Path) -> Path:
    """An executable running the Arm64X launcher: ``<launcher> <step> -- <real_tool> ARGS``.

    For the tools CMake has no launcher for, and must name as one program: the
    archiver (CMAKE_AR) and the assembler (ASM_COMPILER_LAUNCHER does not exist).
    """
    return command_script(f"hybrid-{name}", name, [*hybrid_launcher(), *step, "--", str(real_tool)])


@dataclass(frozen=True)
class HybridWiring:
    """What the Arm64X launchers of one toolchain file need."""

    #: The native view's triple for clang (``--native-target``); "" for cl.exe.
    native_target: str
    #: The real archiver, behind the archiving wrapper.
    archiver: Path
    #: The native view's runtime inputs, added to every hybrid link.
    native_runtime: tuple[Path, ...] = ()
    #: The LLVM folder (``EC_BUILDEXT_LLVM_ROOT``, for ec_add_pure_forwarder).
    llvm_bin: str = ""
    #: The assembler, wrapped (CMake has no ASM launcher); None: left alone.
    assembler: Optional[Path] = None
    #: The compile flags only the EC view has, and the native view's instead.
    ec_only: tuple[str, ...] = ()
    native_only: tuple[str, ...] = ()


def _native_python_options(pythons: Mapping[Arch, PythonView]) -> tuple[str, str]:
    """Launcher options that give the native view its own CPython: its include folder
    replaces the x64 one in native compiles; its import libraries join the link, and the
    pyconfig.h auto-link is switched off so no library path picks one for both views."""
    ec, native = pythons.get(ARM64EC), pythons.get(ARM64)
    if ec is None or native is None:
        return "", ""
    compile_options = (
        f"--ec-include={cmake_path(ec.include_dir)};"
        f"--native-include={cmake_path(native.include_dir)};"
    )
    link_options = ""
    for limited in (False, True):
        lib = native.import_library(limited)
        link_options += f"--add=/nodefaultlib:{lib.name};"
        if lib.is_file():
            link_options += f"--add={cmake_path(lib)};"
    return compile_options, link_options


def hybrid_block(wiring: HybridWiring, pythons: Mapping[Arch, PythonView]) -> str:
    """Arm64X in one configure: CMake's launchers run ec_buildext.hybrid around each step."""
    python, *options, script = hybrid_launcher()
    launcher = ";".join([cmake_path(python), *options, cmake_path(script)])
    python_compile, python_link = _native_python_options(pythons)
    compile_options = f"--native-target={wiring.native_target};" if wiring.native_target else ""
    compile_options += python_compile
    compile_options += "".join(f"--ec-only={a};" for a in wiring.ec_only)
    compile_options += "".join(f"--native-only={a};" for a in wiring.native_only)
    asm = ""
    if wiring.assembler is not None:
        target = [f"--native-target={wiring.native_target}"] if wiring.native_target else []
        wrapper = step_wrapper("ec-asm", ["compile", *target], wiring.assembler)
        asm = f'set(CMAKE_ASM_COMPILER "{cmake_path(wrapper)}")\n'
    machine = f"--machine={ARM64X.machine}"
    add = "".join(f"--add={cmake_path(p)};" for p in wiring.native_runtime) + python_link
    archiver = step_wrapper("ec-lib", ["archive", machine], wiring.archiver)
    return render_template(
        "hybrid",
        ARCH=ARM64X.name,
        MACHINE=ARM64X.machine,
        LLVM_ROOT=wiring.llvm_bin,
        LAUNCHER=launcher,
        LINK_OPTIONS=f"{machine};{add}",
        COMPILE_OPTIONS=compile_options,
        ASM=asm,
        ARCHIVER=cmake_path(archiver),
    )


def compile_swaps(
    ec_flags: Sequence[str], native_flags: Sequence[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(flags only the EC view's compiles have, flags only the native view's have)."""
    ec_only = tuple(dict.fromkeys(f for f in ec_flags if f not in native_flags))
    native_only = tuple(dict.fromkeys(f for f in native_flags if f not in ec_flags))
    return ec_only, native_only
