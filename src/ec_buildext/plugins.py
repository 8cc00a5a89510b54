"""Which plugins can this process load, and where must it look for them?

The rule: an x64-ABI process on Windows on Arm (emulated x64 code, Arm64EC code,
or both) loads x64, Arm64EC and Arm64X DLLs, never plain ARM64 ones; a native
ARM64 process loads ARM64 and Arm64X DLLs, never x64 or Arm64EC ones.  So an
Arm64EC plugin host searches the folders its **x64** build searches.

Pure Python, standard library only; usable at run time by applications.
"""

from __future__ import annotations

import fnmatch
import os
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, Union

from .arch import (
    BINARY_KIND_LOADERS,
    HOST_MACHINE_PROCESS,
    IMAGE_MACHINE_KINDS,
    PROCESSES,
    SYSCONFIG_PLATFORM_PROCESS,
    BinaryKind,
    ProcessKind,
)
from .peheader import PeFormatError, classify, read_header

__all__ = [
    "LAYOUTS",
    "HostProcess",
    "LoadVerdict",
    "ProcessInfo",
    "add_dll_directory",
    "can_load",
    "classify_process",
    "load_plugins",
    "loadable_by",
    "plugin_dir",
    "process_arch",
    "process_arch_info",
]

#: A process kind; off Windows, a host machine that is none of them keeps its name
#: (``riscv64``): it loads no Windows DLL.
HostProcess = Union[ProcessKind, str]

#: Folder names per process kind, by layout: "arch" (x64/arm64/x86, the default)
#: and "wheel" (the wheel platform tags win_amd64/win_arm64/win32).
LAYOUTS: dict[str, dict[HostProcess, str]] = {
    "arch": {p.kind: p.plugin_folder for p in PROCESSES.values()},
    "wheel": {p.kind: p.cpython_platform for p in PROCESSES.values()},
}


def loadable_by(kind: BinaryKind) -> tuple[ProcessKind, ...]:
    """Process kinds that can load a binary of ``kind``."""
    return BINARY_KIND_LOADERS[kind]


@dataclass(frozen=True)
class ProcessInfo:
    """What the running process is, and how that was found out."""

    kind: HostProcess
    how: str


def classify_process(interpreter_machine: str, native_machine: str) -> ProcessKind:
    """Process kind from the interpreter's own machine and the machine's native one
    (each a process kind's name, the native one also ``unknown``).

    An x64 interpreter on an ARM64 machine is an ``arm64ec`` process: emulated x64
    code and Arm64EC code run side by side in it.
    """
    if interpreter_machine == ProcessKind.X64 and native_machine == ProcessKind.ARM64:
        return ProcessKind.ARM64EC
    try:
        return ProcessKind(interpreter_machine)
    except ValueError:
        raise ValueError(f"unknown interpreter machine {interpreter_machine!r}") from None


def _native_machine_windows() -> Optional[str]:
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    try:
        is_wow64_process2 = kernel32.IsWow64Process2
    except AttributeError:  # before Windows 10 1709: no ARM64 machines either
        return None
    process_machine, native_machine = wintypes.USHORT(), wintypes.USHORT()
    if not is_wow64_process2(
        kernel32.GetCurrentProcess(), ctypes.byref(process_machine), ctypes.byref(native_machine)
    ):
        return None
    if native_machine.value == 0:  # IMAGE_FILE_MACHINE_UNKNOWN
        return "unknown"
    kind = IMAGE_MACHINE_KINDS.get(native_machine.value)
    return None if kind is None else kind.value


def process_arch_info() -> ProcessInfo:
    """The running process's kind (see :data:`ec_buildext.arch.PROCESS_KINDS`)."""
    if sys.platform != "win32":
        import platform

        machine = platform.machine().lower()
        kind = HOST_MACHINE_PROCESS.get(machine, machine)
        return ProcessInfo(kind, f"not Windows: the host's architecture ({platform.machine()})")
    interpreter = SYSCONFIG_PLATFORM_PROCESS.get(sysconfig.get_platform(), ProcessKind.X64)
    native = _native_machine_windows() or interpreter
    kind = classify_process(interpreter, native)
    return ProcessInfo(
        kind, f"{sysconfig.get_platform()} interpreter on a {native} machine (IsWow64Process2)"
    )


def process_arch() -> HostProcess:
    """``x64``, ``arm64``, ``arm64ec`` (x64 process on ARM64) or ``x86``."""
    return process_arch_info().kind


def plugin_dir(
    base: Union[str, Path], layout: str = "arch", process: Optional[HostProcess] = None
) -> Path:
    """The plugin folder under ``base`` this process must search.

    An Arm64EC (or emulated x64) process gets the x64 folder: it cannot load ARM64
    plugins, and its x64 plugins live where the x64 build of the host looks.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; known: {', '.join(LAYOUTS)}")
    return Path(base) / LAYOUTS[layout][process or process_arch()]


@dataclass(frozen=True)
class LoadVerdict:
    """Whether a DLL can load in a process kind, and why."""

    ok: bool
    #: ``unknown`` when the file is no PE image ec-buildext can read.
    kind: Union[BinaryKind, str]
    reason: str

    def __bool__(self) -> bool:
        return self.ok


def can_load(path: Union[str, Path], process: Optional[HostProcess] = None) -> LoadVerdict:
    """Can ``process`` (default: this one) load the DLL at ``path``?  Read from the file."""
    process = process or process_arch()
    try:
        kind = classify(read_header(Path(path)))
    except PeFormatError as e:
        return LoadVerdict(False, "unknown", str(e))
    loaders = loadable_by(kind)
    if process in loaders:
        return LoadVerdict(True, kind, f"a {process} process loads {kind} DLLs")
    return LoadVerdict(
        False,
        kind,
        f"{kind} DLLs load only in {' or '.join(loaders)} processes, not in an {process} process",
    )


def add_dll_directory(base: Union[str, Path], layout: str = "arch") -> Any:
    """``os.add_dll_directory`` of this process's plugin folder (Windows); a context
    manager that removes it again.  Elsewhere there is no DLL search path: ValueError."""
    folder = plugin_dir(base, layout)
    if sys.platform != "win32":
        raise ValueError(f"DLL search folders exist only on Windows; the folder would be {folder}")
    return os.add_dll_directory(str(folder))


def load_plugins(
    base: Union[str, Path],
    pattern: str = "*.dll",
    layout: str = "arch",
    loader: Optional[Callable[[str], Any]] = None,
    process: Optional[HostProcess] = None,
) -> tuple[list[Any], list[tuple[Path, str]]]:
    """Load every plugin of this process's folder that it can load.

    Returns (loaded objects, [(path, why it was skipped)]).  ``loader`` defaults to
    ``ctypes.CDLL`` on Windows.
    """
    process = process or process_arch()
    folder = plugin_dir(base, layout, process)
    if loader is None:
        import ctypes

        loader = ctypes.CDLL
    loaded, skipped = [], []
    candidates = (
        sorted(p for p in folder.glob("*") if fnmatch.fnmatch(p.name, pattern))
        if folder.is_dir()
        else []
    )
    for path in candidates:
        verdict = can_load(path, process)
        if verdict:
            loaded.append(loader(str(path)))
        else:
            skipped.append((path, verdict.reason))
    return loaded, skipped
