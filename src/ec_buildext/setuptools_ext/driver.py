"""Compiling and linking one extension for Windows views, without CMake.

The setuptools backend's compiler object (:mod:`.compiler`) hands each compile and
link here as an :class:`ExtensionSpec`.  Command lines are built by pure functions
from the build plan (compiler, CRT mode, view); :func:`compile_objects` and
:func:`link_objects` run them (:func:`build_extension`, both for one extension, is
what tests call directly).  Arm64X compiles every source once per view (separate
object folders) and links once with ``/machine:arm64x``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Optional

from .. import get_include
from ..arch import ARCHES, ARM64EC, X64, Arch
from ..build_inputs import view_runtimes
from ..child_builds import library_files, refuse_host_objects
from ..cpus import usable_cpus
from ..errors import UserError
from ..model import Language, configured_view, source_language, uses_cxx
from ..plan import BuildPlan, ClangCl, Compiler
from ..runner import ToolFailed, run_tool
from ..thunks import ThunkSyntax
from ..toolchains.diagnose import split_x86_flags, x86_code_hint

__all__ = [
    "CommandFailed",
    "ExtensionSpec",
    "archive_command",
    "archive_objects",
    "build_extension",
    "compile_command",
    "compile_objects",
    "compiler_program",
    "default_jobs",
    "link_command",
    "link_objects",
    "object_path",
    "preprocess_command",
]

_GNU_ASM = (".s", ".S")


class CommandFailed(ToolFailed):
    """A compile or link command failed (a probe's answer, or the build's error)."""


@dataclass(frozen=True)
class ExtensionSpec:
    """What setuptools knows about one extension, in tool-neutral form."""

    name: str
    sources: tuple[Path, ...]
    output: Path
    temp_dir: Path
    define_macros: tuple[tuple[str, Optional[str]], ...] = ()
    undef_macros: tuple[str, ...] = ()
    include_dirs: tuple[str, ...] = ()
    library_dirs: tuple[str, ...] = ()
    libraries: tuple[str, ...] = ()
    extra_compile_args: tuple[str, ...] = ()
    extra_link_args: tuple[str, ...] = ()
    export_symbols: tuple[str, ...] = ()
    limited_api: bool = False
    debug: bool = False
    extra_objects: tuple[str, ...] = field(default_factory=tuple)
    #: The module has C++ besides ``sources`` (compiled apart, or in a build_clib
    #: library it links): its link takes the C++ runtime.
    links_cxx: bool = False


def _suffix(source: Path) -> str:
    return source.suffix if source.suffix == ".S" else source.suffix.lower()


def object_path(spec: ExtensionSpec, view: Arch, source: Path) -> Path:
    """Where ``source``'s object for ``view`` goes: one folder per view."""
    relative = (
        Path(os.path.relpath(source.resolve(), Path.cwd())) if source.is_absolute() else source
    )
    safe = Path(*(p if p != ".." else "_up" for p in relative.parts))
    return spec.temp_dir / view.name / safe.with_suffix(safe.suffix + ".obj")


def compiler_program(compiler: Compiler) -> str:
    """The C/C++ compiler's program (cl.exe or clang-cl), without a target."""
    return compiler.program


def _compiler_flags(compiler: Compiler, view: Arch, debug: bool, language: Language) -> list[str]:
    """The compiler, its target and its runtime's include folders and flags."""
    flags = compiler.compile_flags(view)
    system = [f"{compiler.system_include_switch}{d}" for d in flags.system_include_dirs]
    return [
        *compiler.compile_words(view),
        *system,
        *flags.for_language(language),
        *(flags.debug if debug else flags.release),
    ]


def _c_flags(
    plan: BuildPlan, view: Arch, spec: ExtensionSpec, language: Language = Language.C
) -> list[str]:
    flags = _compiler_flags(plan.compiler, view, spec.debug, language)
    python_include = plan.python.include_dir(view)
    if python_include is not None:
        flags.append(f"/I{python_include}")
    if not spec.debug:
        flags.append("/DNDEBUG")
    for name, value in spec.define_macros:
        flags.append(f"/D{name}" if value is None else f"/D{name}={value}")
    flags += [f"/U{name}" for name in spec.undef_macros]
    flags += [f"/I{d}" for d in spec.include_dirs]
    return flags


def compile_command(plan: BuildPlan, view: Arch, source: Path, spec: ExtensionSpec) -> list[str]:
    """The command that compiles (or assembles) ``source`` for ``view``."""
    obj = object_path(spec, view, source)
    kind = _suffix(source)
    language = source_language(source)
    if language is not None:
        lang = "/Tp" if language is Language.CXX else "/Tc"
        return [
            *_c_flags(plan, view, spec, language),
            *msvc_flags_for(plan.compiler, split_x86_flags(view, spec.extra_compile_args)[0]),
            "/c",
            f"/Fo{obj}",
            f"{lang}{source}",
        ]
    if kind in _GNU_ASM:
        defines = [f"-D{n}" if v is None else f"-D{n}={v}" for n, v in spec.define_macros]
        # ec_thunks.h (EC_FUNC_BEGIN) is always at hand for hand-written assembly.
        includes = [f"-I{d}" for d in spec.include_dirs] + [f"-I{get_include()}"]
        return _assemble(plan.compiler, view, source, obj, [*defines, *includes])
    if kind == ".asm":
        return _asm_command(plan, view, source, obj)
    raise UserError(
        f"{source}: ec-buildext does not know how to build a {source.suffix!r} source. "
        "Supported: C/C++ (.c .cc .cpp .cxx), GNU assembly (.S .s), MASM/armasm64 (.asm)."
    )


#: MSVC's /EH letters; clang-cl has no ``r`` (noexcept checks at run time).
_EH_FLAG = re.compile(r"[/-]EH[ascr-]+")
#: MSVC's OpenMP switches: clang-cl's need LLVM's OpenMP runtime for Windows (libomp),
#: which no ec-buildext runtime has.
_OPENMP_FLAG = re.compile(r"[/-]openmp(:\w+)?", re.IGNORECASE)


def msvc_flags_for(compiler: Compiler, args: Sequence[str]) -> list[str]:
    """A project's MSVC flags as ``compiler`` takes them: clang-cl refuses ``/EHsr``
    (greenlet's), so ``r`` is left out (``/EHs``), as it has no such checks to add; and
    ``/openmp`` (libsvm's) is left out, so the code compiles without OpenMP, serially
    (``_OPENMP`` undefined), as it did when setup.py took its Linux branch's ``-fopenmp``,
    which clang-cl ignores."""
    if not isinstance(compiler, ClangCl):
        return list(args)
    taken = [host_path(a) for a in args if not _OPENMP_FLAG.fullmatch(a)]
    return [a.replace("r-", "").replace("r", "") if _EH_FLAG.fullmatch(a) else a for a in taken]


#: An option that names a file after a colon (``/DEF:``, ``-LIBPATH:``).
_FILE_OPTION = re.compile(r"^([/-][A-Za-z]+:)?(.+)$")


def host_path(arg: str) -> str:
    """``arg`` with a Windows path (``cpp-source\\svm.def``: a setup.py that sees Windows
    joins its own paths with backslashes) spelled for the build machine, when that names
    a file or folder here; other arguments unchanged."""
    if "\\" not in arg or os.sep == "\\":
        return arg
    found = _FILE_OPTION.match(arg)
    assert found is not None
    path = found.group(2).replace("\\", "/")
    return f"{found.group(1) or ''}{path}" if os.path.exists(path) else arg


def left_out_flags(compiler: Compiler, args: Sequence[str]) -> list[str]:
    """The flags :func:`msvc_flags_for` leaves out, for the build's note."""
    return [a for a in args if isinstance(compiler, ClangCl) and _OPENMP_FLAG.fullmatch(a)]


#: clang's "fatal error: 'name.h' file not found".
_NOT_FOUND = re.compile(r"'([^']+\.h)' file not found")
#: Where the build machine's libraries put their headers.
_HOST_INCLUDE_DIRS = ("/usr/include", "/usr/local/include", "/opt/homebrew/include")


def host_header_hint(output: str, host_dirs: Sequence[str] = _HOST_INCLUDE_DIRS) -> str:
    """After a compile that misses a header the build machine has (``ffi.h`` of a Linux
    libffi, ``sys/prctl.h``): it is that machine's, and Windows needs its own."""
    found = _NOT_FOUND.search(output)
    if found is None:
        return ""
    header = found.group(1)
    on_host = [
        str(p) for d in host_dirs for p in Path(d).glob(f"**/{header}") if str(p).endswith(header)
    ][:1]
    if not on_host:
        return ""
    return (
        f"\n{header} is the build machine's ({on_host[0]}), not Windows': the project "
        "asks for a library (or a system header) that this machine has and a Windows "
        "build does not. A Windows build needs that library built for Windows, its "
        "headers and import library given to the build (include_dirs and library_dirs, "
        "or the project's own settings); ec-buildext cannot make it."
    )


def preprocess_command(
    plan: BuildPlan,
    view: Arch,
    spec: ExtensionSpec,
    source: Optional[Path] = None,
    output: Optional[Path] = None,
) -> list[str]:
    """The command that preprocesses ``source`` for ``view`` with the flags it would be
    compiled with, without line markers (cl's /EP), to ``output`` or standard output.

    Without a source: the command for C, to which the caller appends headers or sources
    (distutils' ``preprocessor``, which zstandard's make_cffi.py runs on zstd.h)."""
    cxx = source is not None and source_language(source) is Language.CXX
    command = [
        *_c_flags(plan, view, spec, Language.CXX if cxx else Language.C),
        *msvc_flags_for(plan.compiler, split_x86_flags(view, spec.extra_compile_args)[0]),
        "/EP",
        *(["/P", f"/Fi{output}"] if output is not None else []),
    ]
    if source is None:
        return [*command, "/TC"]  # any file is C, a header too
    return [*command, f"{'/Tp' if cxx else '/Tc'}{source}"]


def _assemble(
    compiler: Compiler, view: Arch, source: Path, obj: Path, flags: Sequence[str] = ()
) -> list[str]:
    """GNU-syntax assembly (.S: preprocessed first) by clang for ``view``."""
    assembler = compiler.gnu_assembler(view)
    if assembler is None:
        raise UserError(
            f"{source}: GNU-syntax assembly (.S/.s) needs clang, and this build uses MSVC. "
            "Set toolchain = 'clang-cl', or provide the file in armasm64/MASM syntax (.asm)."
        )
    return [*assembler, *flags, "-c", str(source), "-o", str(obj)]


def _asm_command(plan: BuildPlan, view: Arch, source: Path, obj: Path) -> list[str]:
    """Microsoft-syntax assembly (.asm): MASM for x64, armasm64 for the ARM views."""
    command = plan.compiler.ms_assembler(view, source, obj)
    if command is not None:
        return command
    raise UserError(
        f"{source}: .asm for the {view.name} view needs "
        + (
            "MSVC's armasm64.exe (armasm64 syntax); LLVM has no armasm64-syntax assembler."
            if view is not X64
            else "llvm-ml (MASM syntax), which this LLVM lacks."
        )
        + " Build on Windows with toolchain = 'msvc', or write the file in GNU syntax as .S "
        "(assembled by clang for every view)."
    )


def _python_lib(plan: BuildPlan, spec: ExtensionSpec) -> list[str]:
    """The target CPython's import library, named explicitly: the ``#pragma comment(lib,
    ...)`` in pyconfig.h asks for it in MSVC-style compiles only.

    Arm64X: both CPythons' libraries by full path (same file name; the linker gives
    the ARM64 one's symbols to the native view and the x64 one's to the EC view), and
    the pragma's name switched off so a library path cannot resolve it to one of them."""
    python = plan.python
    name = python.import_library(spec.limited_api)
    if python.is_pair:
        pair = (python.library(view, spec.limited_api) for view in plan.arch.views)
        return [f"/nodefaultlib:{name}", *(str(lib) for lib in pair)]
    if python.main is None:
        return []
    libs = python.main.path / "libs"
    return [f"/libpath:{libs}"] + ([name] if (libs / name).is_file() else [])


def link_command(
    plan: BuildPlan,
    spec: ExtensionSpec,
    objects: Sequence[Path],
    def_file: Optional[Path],
    executable: bool = False,
) -> list[str]:
    """The one link of the extension DLL (every view's objects, for Arm64X), or of an
    executable (a setup.py compiler probe: the configured view's objects alone)."""
    arch = configured_view(plan.arch) if executable else plan.arch
    compiler = plan.compiler
    setup = compiler.link_setup(arch)
    command = [*compiler.link_words(), *(f"/libpath:{d}" for d in setup.library_dirs)]
    command += [f"/vfsoverlay:{setup.library_overlay}"] if setup.library_overlay else []
    implib = spec.temp_dir / f"{spec.output.stem}.lib"
    command += [f"/machine:{arch.machine}", f"/out:{spec.output}"]
    command += [] if executable else ["/dll", f"/implib:{implib}"]
    command += [str(o) for o in objects] + list(spec.extra_objects)
    command += setup.flags
    if setup.dll_entry is not None:
        # A probe executable starts at main (it is linked to see whether it links,
        # never run); DLLs at the runtime's entry point, which calls DllMain.
        entry = (
            ["/entry:main", "/subsystem:console"] if executable else [f"/entry:{setup.dll_entry}"]
        )
        command += entry
    cxx = not executable and (spec.links_cxx or uses_cxx(spec.sources))
    command += [str(p) for r in view_runtimes(plan, arch, cxx) for p in r.inputs]
    command += setup.default_libraries
    command += [] if executable else _python_lib(plan, spec)
    command += [f"/libpath:{d}" for d in spec.library_dirs]
    command += [lib if lib.lower().endswith(".lib") else f"{lib}.lib" for lib in spec.libraries]
    if def_file is not None:
        command.append(f"/def:{def_file}")
        if arch.is_hybrid:
            command.append(f"/defArm64Native:{def_file}")
    return [*command, *map(host_path, spec.extra_link_args)]


def object_views(arch: Arch, machine: int) -> frozenset[str]:
    """The views of ``arch`` a COFF object of ``machine`` gives code to (x64 objects link
    into Arm64EC code: x64 processes run them)."""
    names = {n for row in ARCHES.values() if row.object_machine == machine for n in row.view_names}
    if X64.name in names and arch.has_ec_view:
        names.add(ARM64EC.name)
    return frozenset(names) & frozenset(arch.view_names)


def _coff_machine(path: Path) -> Optional[int]:
    """The machine field of a COFF object file (None: not one, or not readable)."""
    try:
        with path.open("rb") as f:
            head = f.read(2)
    except OSError:
        return None
    return int.from_bytes(head, "little") if len(head) == 2 else None


def prebuilt_objects_problem(arch: Arch, objects: Sequence[Path]) -> Optional[str]:
    """Why prebuilt objects (a project's MASM output) cannot make an Arm64X module: they
    give code to one view and nothing gives the other the same symbols."""
    if not arch.is_hybrid:
        return None
    served = {p: object_views(arch, m) for p in objects if (m := _coff_machine(p)) is not None}
    served = {p: views for p, views in served.items() if views}
    covered = frozenset().union(*served.values()) if served else frozenset()
    missing = sorted(set(arch.view_names) - covered)
    if not served or not missing:
        return None
    names = ", ".join(f"{p.name} for {'+'.join(sorted(v))}" for p, v in served.items())
    return (
        f"the project links prebuilt objects ({names}), made for another machine (e.g. "
        f"assembled with MASM on Windows), and none for the {', '.join(missing)} view of this "
        f"{arch.name} module, which needs the same functions. ec-buildext cannot make an "
        "object for another machine from one: build arm64ec or x64 (x64 objects link into "
        "Arm64EC code), or arm64 with the ARM64 object, or give the project the routine's "
        "source in GNU assembly (.S, assembled for every view)."
    )


def _export_def(spec: ExtensionSpec) -> Optional[Path]:
    """A .def file for export_symbols, one list for every view."""
    if not spec.export_symbols:
        return None
    path = spec.temp_dir / f"{spec.output.stem}.def"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("EXPORTS\n" + "".join(f"  {s}\n" for s in spec.export_symbols))
    return path


def _python_h_hint(plan: BuildPlan) -> str:
    """What to say when a compile misses Python.h: why there is no target CPython."""
    problem = plan.python.problem
    why = f" ec-buildext could not make one: {problem}" if problem else ""
    return (
        "\nA module that includes Python.h needs the target Windows CPython (python-root, "
        f"docs/settings.md).{why}"
    )


def _run(
    command: list[str],
    what: str,
    python_hint: str = "",
    explain: Optional[Callable[[str], str]] = None,
) -> None:
    """Run a compile or link; on failure its output and what it means (``explain``)."""

    def hints(output: str) -> str:
        hint = python_hint if "Python.h" in output else ""
        return hint + (explain(output) if explain is not None else "")

    # A private temporary folder per command: clang's driver preprocesses `.S` into a
    # temporary file, and both views of one source run at the same time.
    finished = run_tool(command, what, private_temp=True, explain=hints, error=CommandFailed)
    if finished.output and "warning" in finished.output.lower():
        print(finished.output, flush=True)


def thunk_commands(plan: BuildPlan, spec: ExtensionSpec) -> tuple[ThunkSyntax, Path, list[str]]:
    """(syntax, source, assemble command) for the generated Arm64EC thunks: GNU syntax
    assembled by clang, or armasm64 syntax assembled by armasm64 when the build uses MSVC."""
    view, syntax = ARM64EC, plan.compiler.thunk_syntax
    if syntax == "gnu":
        source = spec.temp_dir / "ec_thunks.S"
        return syntax, source, _assemble(plan.compiler, view, source, source.with_suffix(".obj"))
    source = spec.temp_dir / "ec_thunks.asm"
    return syntax, source, _asm_command(plan, view, source, source.with_suffix(".obj"))


def _thunk_object(plan: BuildPlan, spec: ExtensionSpec, log: Callable[[str], None]) -> Path:
    """The Arm64EC thunks of [tool.ec-buildext.thunks], generated and assembled."""
    from ..thunks import thunks_for_header

    assert plan.thunks is not None
    syntax, source, command = thunk_commands(plan, spec)
    text = thunks_for_header(
        plan.thunks.header,
        plan.thunks.functions,
        plan.thunks.calls,
        [f"-I{d}" for d in spec.include_dirs],
        syntax,
    )
    source.write_text(text)
    _run(command, "assembling the generated Arm64EC thunks")
    log(
        f"thunks for {', '.join(plan.thunks.functions + plan.thunks.calls)} from "
        f"{plan.thunks.header.name} ({syntax} syntax)"
    )
    return source.with_suffix(".obj")


def _compile_hints(view: Arch, source: str, output: str) -> str:
    """What a failed compile's output means: x86 code in an ARM view, a header of the
    build machine's."""
    return x86_code_hint(view, source, output) + host_header_hint(output)


def default_jobs(compiles: int) -> int:
    """One compile per usable core, never more than there are compiles."""
    return max(1, min(usable_cpus(), compiles))


def compile_objects(
    plan: BuildPlan,
    spec: ExtensionSpec,
    jobs: Optional[int] = None,
    log: Callable[[str], None] = print,
) -> dict[Arch, list[Path]]:
    """Compile every source for every view, ``jobs`` at a time (None: one per core);
    the objects by view.

    The views of one source are queued side by side, so an Arm64X build runs both
    compiles of a source at once and a long source does not wait for its twin."""
    views = plan.arch.views
    steps = []
    for source in spec.sources:
        for view in views:
            command = compile_command(plan, view, source, spec)
            object_path(spec, view, source).parent.mkdir(parents=True, exist_ok=True)
            explain = partial(_compile_hints, view, str(source))
            what = f"compiling {source} ({view.name})"
            steps.append((command, what, _python_h_hint(plan), explain))
    dropped = sorted({f for v in views for f in split_x86_flags(v, spec.extra_compile_args)[1]})
    if dropped:
        log(f"note: {' '.join(dropped)} left out of the ARM compiles (x86-only flags)")
    if left_out_flags(plan.compiler, spec.extra_compile_args):
        flags = " ".join(left_out_flags(plan.compiler, spec.extra_compile_args))
        log(f"note: {flags} left out: no OpenMP runtime for clang-cl here (compiled serially)")
    workers = default_jobs(len(steps)) if jobs is None else max(1, min(jobs, len(steps)))
    why = "one per core" if jobs is None else "build_ext -j/parallel"
    log(
        f"{spec.name}: {len(steps)} compiles for {'+'.join(v.name for v in views)}, "
        f"{workers} at a time ({why})"
    )
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for future in [pool.submit(_run, *step) for step in steps]:
            future.result()
    return {v: [object_path(spec, v, s) for s in spec.sources] for v in views}


def archive_command(plan: BuildPlan, objects: Sequence[Path], output: Path) -> list[str]:
    """The static library of ``objects`` (every view's, for Arm64X: one Arm64X archive
    holds both object sets, as ``lib /machine:arm64x`` makes it)."""
    return [
        *plan.compiler.archive_words(),
        f"/machine:{plan.arch.machine}",
        f"/out:{output}",
        *map(str, objects),
    ]


def archive_objects(plan: BuildPlan, objects: Sequence[Path], output: Path) -> Path:
    """Archive ``objects`` into ``output`` (a build_clib library)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    _run(archive_command(plan, objects, output), f"archiving {output.name}")
    return output


def link_objects(
    plan: BuildPlan,
    spec: ExtensionSpec,
    objects: Sequence[Path],
    log: Callable[[str], None] = print,
    executable: bool = False,
) -> Path:
    """Link ``objects`` into ``spec.output`` (a DLL, with the generated thunks when the
    plan has them, or a probe's executable)."""
    objects = list(objects)
    if not executable and plan.thunks is not None and plan.arch.has_ec_view:
        objects.append(_thunk_object(plan, spec, log))
    spec.output.parent.mkdir(parents=True, exist_ok=True)
    def_file = None if executable else _export_def(spec)
    inputs = [*objects, *map(Path, spec.extra_objects)]
    inputs += library_files(spec.libraries, spec.library_dirs)
    refuse_host_objects(inputs, spec.output.name, plan)
    command = link_command(plan, spec, objects, def_file, executable)
    explain = partial(plan.compiler.explain_link_failure, inputs=inputs)
    _run(command, f"linking {spec.output.name}", explain=explain)
    return spec.output


def build_extension(
    plan: BuildPlan,
    spec: ExtensionSpec,
    jobs: Optional[int] = None,
    log: Callable[[str], None] = print,
) -> Path:
    """Compile every source for every view (``jobs`` at a time, None: one per core),
    link once."""
    per_view = compile_objects(plan, spec, jobs, log)
    return link_objects(plan, spec, [o for objects in per_view.values() for o in objects], log)
