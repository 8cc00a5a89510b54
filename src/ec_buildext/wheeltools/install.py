"""``ec-buildext install WHEEL``: install a wheel pip refuses, such as win_arm64ec.

No interpreter reports the platform ``win_arm64ec``, so pip will not install such a
wheel into an environment.  The interpreter that loads Arm64EC modules is x64
CPython on an ARM64 machine: this checks that it is the one running (or
``force``), then installs with pypa's ``installer`` into this environment and
records it (RECORD, INSTALLER), so ``pip list`` and ``pip uninstall`` see it.
"""

from __future__ import annotations

import shutil
import sys
import sysconfig
from pathlib import Path
from typing import Any, BinaryIO

from ..arch import promised_processes
from ..errors import UserError
from ..plugins import HostProcess, process_arch_info
from .retag import parse_wheel_name
from .validate import open_wheel

__all__ = ["check_installable", "install_wheel"]


def check_installable(wheel_name: str, process: HostProcess) -> str:
    """Empty if a process of kind ``process`` can use the wheel; else why not."""
    platforms = parse_wheel_name(wheel_name).platforms
    if any(p == "any" for p in platforms):
        return ""
    if process in promised_processes(platforms):
        return ""
    return (
        f"{wheel_name} is for {', '.join(platforms)}, which this {process} interpreter cannot load"
    )


def _all_or_nothing(scheme: dict[str, str]) -> Any:
    """An installer destination that remembers what it wrote, so a failed install
    can remove it all (installer itself stops half-way)."""
    from installer.destinations import SchemeDictionaryDestination

    class Destination(SchemeDictionaryDestination):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.written: list[Path] = []

        def write_to_fs(self, scheme: Any, path: str, stream: BinaryIO, is_executable: bool) -> Any:
            target = Path(self.scheme_dict[scheme]) / path
            existed = target.exists()
            for parent in reversed(target.parents):  # folders this install creates
                if not parent.exists():
                    self.written.append(parent)
            entry = super().write_to_fs(scheme, path, stream, is_executable)
            if not existed:
                self.written.append(target)
            return entry

        def undo(self) -> None:
            for path in reversed(self.written):
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)

    return Destination(
        scheme,
        interpreter=sys.executable,
        script_kind="win-amd64" if sys.platform == "win32" else "posix",
        overwrite_existing=True,
    )


def install_wheel(path: Path, *, force: bool = False) -> str:
    """Install ``path`` into the running environment; returns what was installed.

    The whole wheel is checked (:func:`~.validate.open_wheel`) before anything is
    written, and an install that fails half-way removes what it wrote."""
    try:
        from installer import install
        from installer.sources import WheelFile
    except ImportError:
        raise UserError(
            "ec-buildext install needs pypa's installer: pip install ec-buildext[inspect]"
        ) from None
    if not path.is_file():
        raise UserError(f"{path}: no such wheel file.")
    info = process_arch_info()
    why_not = check_installable(path.name, info.kind)
    if why_not and not force:
        raise UserError(
            f"{why_not} ({info.how}). Install it from x64 Python on a Windows on "
            "Arm machine, or pass --force to install it anyway."
        )
    checked, _ = open_wheel(path)
    if why_not:
        print(f"ec-buildext: warning: {why_not}; installing anyway (--force)", file=sys.stderr)
    scheme = sysconfig.get_paths()
    destination = _all_or_nothing(
        {k: scheme[k] for k in ("purelib", "platlib", "headers", "scripts", "data") if k in scheme}
    )
    try:
        with checked:
            source = WheelFile(checked)
            source.validate_record()
            install(source, destination, {"INSTALLER": b"ec-buildext\n"})
    except BaseException as e:
        destination.undo()
        if isinstance(e, (ValueError, OSError)):
            raise UserError(f"{path}: cannot install ({e}); nothing was left installed.") from None
        raise
    return path.name
