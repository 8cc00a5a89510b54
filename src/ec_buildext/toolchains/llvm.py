"""Finding an LLVM (clang-cl, lld-link, llvm-lib, llvm-dlltool) that can target Arm64EC.

LLVM comes from, in order: the ``llvm-root`` setting; the PyPI ``ziglang``
wheel (the embedded default, extra ``[llvm]``); ``clang-cl`` on PATH; the
newest ``/usr/lib/llvm-NN/bin``.  ziglang's LLVM is reached through small
wrapper scripts (cached) that call ``zig clang``/``zig lld-link``/... and pass
``-resource-dir`` so clang finds its own headers.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import re
import shlex
import shutil
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional

from ..arch import Arch
from ..cache import cache_dir, cached_folder, key_of, write_text_atomic
from ..errors import UserError
from ..runner import run_tool

__all__ = ["LLVM_TOOLS", "LlvmToolchain", "find_llvm", "mingw_root", "ziglang_dir"]

#: Tools ec-buildext drives, by their LLVM names.
LLVM_TOOLS = ("clang", "clang-cl", "lld-link", "llvm-lib", "llvm-dlltool", "llvm-rc", "llvm-ar")
_REQUIRED = ("clang", "clang-cl", "lld-link", "llvm-lib", "llvm-dlltool")
#: What each tool is called inside ``zig``.
_ZIG_COMMANDS = {
    "clang": ["clang"],
    "clang-cl": ["clang", "--driver-mode=cl"],
    "lld-link": ["lld-link"],
    "llvm-lib": ["lib"],
    "llvm-dlltool": ["dlltool"],
    "llvm-rc": ["rc"],
    "llvm-ar": ["ar"],
}
_EXE = ".exe" if sys.platform == "win32" else ""
INSTALL_HINT = (
    "Install the embedded LLVM with `pip install ec-buildext[llvm]` (in a project: "
    'requires = ["ec-buildext[llvm]"]), or a system LLVM >= 21 (Debian/Ubuntu: '
    "apt-get install clang-22 lld-22 llvm-22), or point the llvm-root setting at one."
)


@dataclass(frozen=True)
class LlvmToolchain:
    """A usable LLVM: absolute paths of its tools, its version and its origin."""

    origin: str
    tools: dict[str, Path]
    version: tuple[int, int, int]
    #: Tools reached through a wrapper script, as the command the script runs: a
    #: process that can start them itself saves a shell per compile.
    direct: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def version_text(self) -> str:
        return ".".join(map(str, self.version))

    def tool(self, name: str) -> Path:
        return self.tools[name]

    def command(self, name: str) -> list[str]:
        """The words that start ``name``: its wrapper's own command where it has one."""
        return list(self.direct.get(name, (str(self.tools[name]),)))

    def check_arch(self, arch: Arch) -> None:
        """Refuse, with the reason, an LLVM too old to build ``arch``."""
        if self.version[0] < arch.min_llvm:
            raise UserError(
                f"LLVM {self.version_text} ({self.origin}, {self.tools['clang-cl']}) is too "
                f"old to build {arch.name}: that needs clang and lld >= {arch.min_llvm}"
                f"{' (older lld cannot link Arm64X images)' if arch.is_hybrid else ''}. "
                + INSTALL_HINT
            )

    def describe(self) -> str:
        return f"clang-cl {self.version_text} from {self.origin} ({self.tools['clang-cl']})"


def ziglang_dir() -> Optional[Path]:
    """The installed ziglang package folder, if any (not imported: it has side effects)."""
    spec = importlib.util.find_spec("ziglang")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    return folder if (folder / f"zig{_EXE}").is_file() else None


def mingw_root() -> Optional[Path]:
    """mingw-w64 headers and .def files shipped in the ziglang wheel (CRT-less builds)."""
    zig = ziglang_dir()
    if zig is None:
        return None
    root = zig / "lib" / "libc"
    return root if (root / "include" / "any-windows-any" / "windows.h").is_file() else None


def _run_version(argv: list[str]) -> str:
    """What ``argv`` prints, whatever its exit status (ToolFailed: it cannot run)."""
    finished = run_tool(argv, "asking for its version", timeout=60, check=False)
    return finished.stdout + finished.stderr


def _parse_version(text: str, pattern: str) -> Optional[tuple[int, int, int]]:
    m = re.search(pattern + r"\s+(\d+)\.(\d+)\.(\d+)", text)
    return (int(m[1]), int(m[2]), int(m[3])) if m else None


def _identity(path: Path) -> tuple[str, int, int]:
    """What changes when a tool is replaced: real path, modification time, size."""
    real = path.resolve()
    st = real.stat()
    return str(real), st.st_mtime_ns, st.st_size


def _probe(origin: str, tools: dict[str, Path]) -> LlvmToolchain:
    """The LLVM version (remembered per tool identity: every build asks)."""
    memo = (
        cache_dir() / "probes" / key_of(_identity(tools["clang-cl"]), _identity(tools["lld-link"]))
    )
    remembered = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", _read_memo(memo))
    if remembered is not None:
        major, minor, patch = (int(part) for part in remembered.groups())
        return LlvmToolchain(origin, tools, (major, minor, patch))
    found = _ask_version(origin, tools)
    write_text_atomic(memo, found.version_text)
    return found


def _read_memo(memo: Path) -> str:
    """A remembered version ("" when there is none, or it cannot be read: a damaged memo
    is asked again and written anew)."""
    try:
        return memo.read_text(errors="replace").strip()
    except OSError:
        return ""


def _ask_version(origin: str, tools: dict[str, Path]) -> LlvmToolchain:
    """Ask clang-cl and lld-link for their versions; the older one counts."""
    clang_text = _run_version([str(tools["clang-cl"]), "--version"])
    lld_text = _run_version([str(tools["lld-link"]), "--version"])
    clang_v = _parse_version(clang_text, "clang version")
    lld_v = _parse_version(lld_text, "LLD")
    if clang_v is None or lld_v is None:
        bad = tools["clang-cl"] if clang_v is None else tools["lld-link"]
        raise UserError(
            f"could not read the version of {bad} ({origin}): it printed "
            f"{(clang_text if clang_v is None else lld_text).strip()[:200]!r}. "
            "Check that it runs, or choose another LLVM with the llvm-root setting."
        )
    return LlvmToolchain(origin, tools, min(clang_v, lld_v))


def _tools_in(folder: Path, suffix: str = "") -> dict[str, Path]:
    found = {}
    for name in LLVM_TOOLS:
        for candidate in (f"{name}{suffix}{_EXE}", f"{name}{_EXE}"):
            path = folder / candidate
            if path.is_file():
                found[name] = path
                break
    return found


def _from_folder(folder: Path, origin: str) -> LlvmToolchain:
    for candidate in (folder / "bin", folder):
        tools = _tools_in(candidate)
        if "clang-cl" in tools:
            missing = [t for t in _REQUIRED if t not in tools]
            if missing:
                raise UserError(
                    f"the LLVM in {candidate} ({origin}) lacks {', '.join(missing)}. "
                    "Install the complete LLVM (clang, lld and the llvm tools) there, or "
                    "choose another with the llvm-root setting."
                )
            return _probe(origin, tools)
    raise UserError(
        f"no clang-cl in {folder} or {folder / 'bin'} ({origin}). Point llvm-root at an "
        'LLVM installation folder, or use llvm-root = "ziglang".'
    )


def _zig_commands(zig_dir: Path) -> dict[str, tuple[str, ...]]:
    """Each tool as a ``zig`` command (``-resource-dir``: clang's own headers)."""
    zig = str(zig_dir / f"zig{_EXE}")
    resource = ("-resource-dir", str(zig_dir / "lib"))
    return {
        name: (zig, *sub, *(resource if sub[0] == "clang" else ()))
        for name, sub in _ZIG_COMMANDS.items()
    }


def _zig_wrappers(zig_dir: Path) -> dict[str, Path]:
    """Wrapper executables that present ziglang's LLVM under LLVM's own tool names."""
    zig = zig_dir / f"zig{_EXE}"
    resource_dir = zig_dir / "lib"

    def fill(folder: Path) -> None:
        for name, args in _zig_commands(zig_dir).items():
            if sys.platform == "win32":
                body = f'@"{args[0]}" {" ".join(args[1:])} %*\r\n'
                write_text_atomic(folder / f"{name}.cmd", "@echo off\r\n" + body)
            else:
                # shlex: a path with ' $ ` ( or a space is one word to the shell.
                write_text_atomic(
                    folder / name, f'#!/bin/sh\nexec {shlex.join(args)} "$@"\n', executable=True
                )

    _forget_vanished_zigs()
    key = key_of(_identity(zig), str(resource_dir), sorted(_ZIG_COMMANDS))
    folder = cached_folder(f"zig-llvm-{key}", fill)
    ext = ".cmd" if sys.platform == "win32" else ""
    return {name: folder / f"{name}{ext}" for name in _ZIG_COMMANDS}


def _forget_vanished_zigs() -> None:
    """Drop wrapper folders whose zig is gone (pip's isolated build environments are
    deleted after each build; each left one folder here)."""
    for folder in cache_dir().glob("zig-llvm-*"):
        script = next(iter(sorted(folder.glob("clang*"))), None)
        if script is None:
            continue
        target = _wrapped_program(script.read_text(errors="replace"))
        if target and not Path(target).exists():
            shutil.rmtree(folder, ignore_errors=True)


def _wrapped_program(script: str) -> Optional[str]:
    """The program a wrapper script of :func:`_zig_wrappers` runs (None: not one)."""
    for line in script.splitlines():
        if line.startswith("exec "):  # POSIX: exec ZIG ARGS "$@"
            try:
                return shlex.split(line)[1]
            except (ValueError, IndexError):
                return None
        if line.startswith('@"'):  # Windows: @"ZIG" ARGS %*
            return line[2:].partition('"')[0]
    return None


def _from_ziglang() -> Optional[LlvmToolchain]:
    zig_dir = ziglang_dir()
    if zig_dir is None:
        return None
    found = _probe(f"the ziglang wheel in {zig_dir}", _zig_wrappers(zig_dir))
    return replace(found, direct=_zig_commands(zig_dir))


def _from_path() -> Optional[LlvmToolchain]:
    versioned = sorted(
        {
            Path(p).name
            for d in os.environ.get("PATH", "").split(os.pathsep)
            if d
            for p in glob.glob(os.path.join(d, "clang-cl-[0-9]*"))
        },
        key=lambda n: -int(re.sub(r"\D", "", n) or 0),
    )
    for name in ["clang-cl", *versioned]:
        found = shutil.which(name)
        if found:
            real = Path(found).resolve()
            return _from_folder(real.parent, f"PATH ({found})")
    return None


def _from_usr_lib() -> Optional[LlvmToolchain]:
    folders = sorted(
        (Path(p) for p in glob.glob("/usr/lib/llvm-[0-9]*")),
        key=lambda p: -int(p.name.split("-")[1]),
    )
    for folder in folders:
        if (folder / "bin" / "clang-cl").is_file():
            return _from_folder(folder, str(folder))
    return None


def find_llvm(llvm_root: str = "") -> LlvmToolchain:
    """The LLVM to use, per the ``llvm-root`` setting or the discovery order."""
    if llvm_root == "ziglang":
        found = _from_ziglang()
        if found is None:
            raise UserError(
                "llvm-root is 'ziglang' but the ziglang wheel is not installed in this "
                "Python. Install it (pip install ec-buildext[llvm]) or unset llvm-root."
            )
        return found
    if llvm_root:
        folder = Path(llvm_root).expanduser()
        if not folder.is_dir():
            raise UserError(
                f"llvm-root {llvm_root!r} is not a folder. Set it to the LLVM installation "
                "folder (the one holding bin/clang-cl), or to 'ziglang'."
            )
        return _from_folder(folder, f"llvm-root {folder}")
    for finder in (_from_ziglang, _from_path, _from_usr_lib):
        found = finder()
        if found is not None:
            return found
    raise UserError(
        "no LLVM found (looked for the ziglang wheel, clang-cl on PATH, "
        "/usr/lib/llvm-NN). " + INSTALL_HINT
    )
