"""Builds a build starts: what they see, and what of theirs a link refuses.

A ``setup.py`` often builds a bundled C library first (CMake, ``make``, ``./configure``)
and links it into its extension.  In a cross build such a child build must find the
cross toolchain the way build tools look for one: through the environment.
:func:`child_build_environment` is that environment, set while a backend builds:
``CMAKE_TOOLCHAIN_FILE`` (the plan's toolchain file, which CMake >= 3.21 reads from
the environment and which says ``CMAKE_SYSTEM_NAME Windows``), ``CMAKE_GENERATOR``,
and ``CC``/``CXX``/``AR``/``LD``/``RC`` (small scripts running the cross tools with
their target and runtime flags).  For Arm64X the toolchain file is the plan's own
(the Arm64X launcher: a static library holds both views' objects), and ``CC``/``CXX``
compile the configured (EC) view, as a setup.py's compiler probes do.

A child build that still finds the build machine's compiler makes ELF (or Mach-O)
objects; :func:`refuse_host_objects` stops the link that would take them, with a
paragraph naming each file.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Optional

from .cache import cache_dir, command_script, key_of, write_text_atomic
from .errors import UserError
from .model import Language, configured_view
from .peheader import archive_members
from .plan import BuildPlan, ClangCl

__all__ = [
    "CHILD_BUILD_VARIABLES",
    "child_build_environment",
    "foreign_format",
    "host_made_inputs",
    "library_files",
    "refuse_host_objects",
    "toolchain_path",
]

#: The variables :func:`child_build_environment` sets, in the order the build lists them.
CHILD_BUILD_VARIABLES = ("CMAKE_TOOLCHAIN_FILE", "CMAKE_GENERATOR", "CC", "CXX", "AR", "LD", "RC")

#: The first bytes of object formats no Windows linker takes: the build machine's.
_HOST_MAGIC = {
    b"\x7fELF": "ELF",
    b"\xcf\xfa\xed\xfe": "Mach-O",
    b"\xce\xfa\xed\xfe": "Mach-O",
    b"\xfe\xed\xfa\xcf": "Mach-O",
    b"\xfe\xed\xfa\xce": "Mach-O",
}


def toolchain_path(plan: BuildPlan) -> Path:
    """The plan's CMake toolchain file (with the target CPython's FindPython entries),
    at a stable path per content, so a reused build folder sees no change."""
    from .cmake_ext.findpython import python_block
    from .cmake_ext.toolchain import toolchain_file

    text = toolchain_file(plan) + python_block(plan)
    path = cache_dir() / "toolchains" / f"{key_of(text)}.cmake"
    try:
        intact = path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        intact = False
    if not intact:  # missing, or damaged since it was written: write it (again)
        write_text_atomic(path, text)
    return path


def _compile_words(plan: BuildPlan, language: Language) -> list[str]:
    """A compile for the configured view, without the project's flags or a source."""
    compiler, view = plan.compiler, configured_view(plan.arch)
    flags = compiler.compile_flags(view)
    system = [f"{compiler.system_include_switch}{d}" for d in flags.system_include_dirs]
    return [*compiler.compile_words(view), *system, *flags.for_language(language)]


def _tool_words(plan: BuildPlan) -> dict[str, list[str]]:
    """Each variable's command: the cross tools with what makes them the target's."""
    compiler = plan.compiler
    tools = {
        "CC": _compile_words(plan, Language.C),
        "CXX": _compile_words(plan, Language.CXX),
        "LD": compiler.link_words(),
    }
    if isinstance(compiler, ClangCl):
        llvm = compiler.llvm
        if "llvm-ar" in llvm.tools:  # `ar rcs` as Makefiles spell it; COFF members
            tools["AR"] = llvm.command("llvm-ar")
        if "llvm-rc" in llvm.tools:
            tools["RC"] = llvm.command("llvm-rc")
    else:
        tools["AR"] = compiler.archive_words()
    return tools


def _ninja() -> Optional[str]:
    """Ninja, on PATH or from the ``ninja`` wheel (CMake's Ninja generator needs it)."""
    found = shutil.which("ninja")
    if found:
        return found
    try:
        import ninja  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None
    return shutil.which("ninja", path=str(getattr(ninja, "BIN_DIR", "")))


def child_build_environment(
    plan: BuildPlan, environ: Optional[dict[str, str]] = None
) -> dict[str, str]:
    """The variables child builds of ``plan``'s build see (a generator already chosen
    in ``environ``, default this process's, is kept)."""
    env = os.environ if environ is None else environ
    found = {"CMAKE_TOOLCHAIN_FILE": str(toolchain_path(plan))}
    if not env.get("CMAKE_GENERATOR") and _ninja():
        found["CMAKE_GENERATOR"] = "Ninja"
    arch = plan.arch.name
    for variable, words in _tool_words(plan).items():
        script = command_script(f"child-{arch}-{variable.lower()}", variable.lower(), words)
        found[variable] = str(script)
    return found


def foreign_format(data: bytes) -> Optional[str]:
    """The build machine's object format ``data`` is in (``ELF``, ``Mach-O``), else None."""
    return _HOST_MAGIC.get(data[:4])


def _host_made(path: Path) -> Optional[str]:
    """What is foreign about ``path`` (an object, or an archive of such objects)."""
    try:
        with path.open("rb") as f:
            head = f.read(8)
            if head.startswith(b"!<arch>\n"):
                data = head + f.read()
                foreign = [(n, k) for n, m in archive_members(data) if (k := foreign_format(m))]
                if foreign:
                    kinds = "/".join(sorted({k for _, k in foreign}))
                    names = [n for n, _ in foreign]
                    shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
                    return f"an archive of {kinds} objects ({shown})"
                return None
    except OSError:
        return None  # the linker says what is wrong with a file it cannot read
    kind = foreign_format(head)
    return f"an {kind} object" if kind else None


def host_made_inputs(paths: Iterable[Path]) -> list[tuple[Path, str]]:
    """Each of ``paths`` made for the build machine, with what it is."""
    found = []
    for path in dict.fromkeys(paths):
        what = _host_made(path) if path.is_file() else None
        if what:
            found.append((path, what))
    return found


def refuse_host_objects(paths: Sequence[Path], output: str, plan: BuildPlan) -> None:
    """Stop a link of ``output`` that would take objects made for the build machine."""
    found = host_made_inputs(paths)
    if not found:
        return
    listed = "; ".join(f"{path} is {what}" for path, what in found)
    raise UserError(
        f"{output} was not linked for {plan.arch.name}: {listed}, the build machine's "
        "format, not Windows COFF. A build the project started itself (CMake, make, "
        "./configure on a bundled library) found the build machine's compiler instead of "
        "the cross compiler. ec-buildext points such builds at the cross toolchain through "
        "the environment (CMAKE_TOOLCHAIN_FILE, CMAKE_GENERATOR, CC, CXX, AR, LD, RC: "
        "docs/setuptools.md); a build that names its own compiler (-DCMAKE_C_COMPILER=cc, "
        "CC=gcc) or starts its tools with an environment of its own does not see them. Let "
        "the project's build take its toolchain from the environment (for CMake: "
        "-DCMAKE_TOOLCHAIN_FILE=$CMAKE_TOOLCHAIN_FILE), remove the stale build folder it "
        "left (CMake keeps the compiler it found), and build again."
    )


def library_files(names: Iterable[str], folders: Iterable[str]) -> list[Path]:
    """The files lld-link would take for libraries named ``names`` in ``folders``, and
    the Unix-named ``lib<name>.a`` a host build leaves there instead."""
    found = []
    folders = list(folders)
    for name in names:
        candidates = [name] if name.lower().endswith(".lib") else [f"{name}.lib", f"lib{name}.a"]
        found += [Path(d, c) for d in folders for c in candidates if Path(d, c).is_file()]
    return found
