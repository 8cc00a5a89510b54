"""Arm64X pure-forwarder DLLs: no code, one export list per view.

The native view forwards every export to one DLL (e.g. ``foo_arm64.dll``), the
EC view to another (e.g. ``foo_x64.dll``).  Export lists come from ``.def`` files
or are read from existing DLLs.  The image still needs a load config per view:
that is where the Arm64X dynamic relocations that switch the export directory
between views are found, so ec-buildext's data-only load-config objects are
linked in (``toolchains/runtime/loadcfg_*.S``).
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .arch import ARM64X
from .cache import cached_folder, key_of
from .errors import UserError
from .peheader import PeFormatError, read_header
from .runner import ToolFailed, run_tool
from .toolchains.crtless import RUNTIME_DIR
from .toolchains.llvm import LlvmToolchain

__all__ = ["ExportList", "build_pure_forwarder", "forwarder_def", "read_exports"]


@dataclass(frozen=True)
class ExportList:
    """What a forwarder view forwards to: the target module and its export names."""

    module: str
    names: tuple[str, ...]


_DEF_NAME = re.compile(r"^\s*([A-Za-z_?@$][\w?@$.]*)")


def _def_exports(path: Path) -> tuple[str, list[str]]:
    """(LIBRARY name or "", export names) of a module-definition file."""
    library, names, in_exports = "", [], False
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split(";", 1)[0].strip()
        if not line:
            continue
        keyword = line.split()[0].upper()
        if keyword == "LIBRARY":
            library = line.split(None, 1)[1].strip().strip('"') if " " in line else ""
            in_exports = False
        elif keyword == "EXPORTS":
            in_exports = True
        elif in_exports and (m := _DEF_NAME.match(line)):
            names.append(m[1])
    return library, names


def read_exports(path: Path) -> ExportList:
    """Exports to forward to: from ``x.dll`` itself, or from ``x.def`` (its LIBRARY)."""
    if not path.is_file():
        raise UserError(f"{path} does not exist. Give an existing .dll or .def file.")
    if path.suffix.lower() == ".def":
        library, names = _def_exports(path)
        module = library or f"{path.stem}.dll"
    else:
        try:
            module, names = path.name, read_header(path).export_names()
        except PeFormatError as e:
            raise UserError(f"{path} is not a DLL whose exports can be read ({e}).") from None
    if not names:
        raise UserError(f"{path} exports nothing: a forwarder view needs at least one export.")
    return ExportList(module, tuple(names))


def forwarder_def(library: str, target: ExportList) -> str:
    """A .def file whose every export forwards to ``target``."""
    stem = re.sub(r"\.dll$", "", target.module, flags=re.IGNORECASE)
    lines = [f"LIBRARY {library}", "EXPORTS", *(f"  {n} = {stem}.{n}" for n in target.names)]
    return "\n".join(lines) + "\n"


def _load_config_objects(llvm: LlvmToolchain) -> tuple[Path, Path]:
    sources = {view: RUNTIME_DIR / f"loadcfg_{view.name}.S" for view in ARM64X.views}

    def fill(folder: Path) -> None:
        for view, source in sources.items():
            _run(
                [
                    str(llvm.tool("clang")),
                    f"--target={view.msvc_triple}",
                    "-c",
                    str(source),
                    "-o",
                    str(folder / f"loadcfg_{view.name}.obj"),
                ],
                f"assembling the {view.name} load configuration",
            )

    key = key_of(str(llvm.tool("clang")), llvm.version, [s.read_bytes() for s in sources.values()])
    folder = cached_folder(f"loadcfg-{key}", fill)
    return folder / "loadcfg_arm64ec.obj", folder / "loadcfg_arm64.obj"


def _run(argv: list[str], what: str) -> None:
    """Run an LLVM tool; a warning fails the step too (a forwarder with one is wrong)."""
    finished = run_tool(argv, what)
    if "warning:" in finished.stderr:
        raise ToolFailed(f"{what} failed:\n  {' '.join(argv)}\n{finished.output}", argv)


def build_pure_forwarder(llvm: LlvmToolchain, output: Path, native: Path, ec: Path) -> Path:
    """Link ``output``: native view forwards to ``native``'s exports, EC view to ``ec``'s."""
    llvm.check_arch(ARM64X)
    native_exports, ec_exports = read_exports(native), read_exports(ec)
    output.parent.mkdir(parents=True, exist_ok=True)
    ec_obj, native_obj = _load_config_objects(llvm)
    with tempfile.TemporaryDirectory(prefix=".ec-forwarder-", dir=output.parent) as tmp:
        folder = Path(tmp)
        (folder / "ec.def").write_text(forwarder_def(output.name, ec_exports))
        (folder / "native.def").write_text(forwarder_def(output.name, native_exports))
        staged = folder / output.name
        _run(
            [
                str(llvm.tool("lld-link")),
                "/dll",
                "/noentry",
                f"/machine:{ARM64X.machine}",
                "/nodefaultlib",
                f"/def:{folder / 'ec.def'}",
                f"/defArm64Native:{folder / 'native.def'}",
                f"/out:{staged}",
                f"/implib:{folder / 'forwarder.lib'}",
                str(ec_obj),
                str(native_obj),
            ],
            f"linking the forwarder {output.name}",
        )
        os.replace(staged, output)
    return output
