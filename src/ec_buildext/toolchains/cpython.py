"""The target Windows CPython, synthesized from the interpreter running the build.

A cross build of a module that includes ``Python.h`` needs a *Windows* CPython
development layout: ``include/`` with Windows' ``pyconfig.h`` and
``libs/pythonXY.lib`` (plus ``python3.lib`` for the stable ABI).  A Linux or macOS
machine has none, so this module makes one, per CPython machine (x64: for x64 and
Arm64EC modules; ARM64: the native view of Arm64X):

- ``include/``: the running interpreter's own public headers, with a Windows
  ``pyconfig.h`` written here from CPython's documented Windows configuration
  (``PC/pyconfig.h.in``); the host's own ``pyconfig.h`` is never copied.
- ``libs/``: import libraries made by ``llvm-dlltool`` from export lists derived
  from those headers: every ``PyAPI_FUNC``/``PyAPI_DATA`` declaration is a
  ``dllimport`` one under the Windows configuration, and clang's AST dump says
  which declarations carry ``DLLImportAttr`` (variables become ``DATA`` exports).
  ``pythonXY.lib`` gets what every header of the install declares, internal ones
  included (read as CPython's own modules are built, each file's errors costing only
  that file's names); ``python3.lib`` what the public ones declare under
  ``Py_LIMITED_API``.

Layouts are cached by content (headers, this file, LLVM version, machine), so only
a build's first start pays for them.
"""

from __future__ import annotations

import hashlib
import re
import string
import sys
import sysconfig
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Optional

from ..arch import Arch, python_import_library
from ..cache import cached_folder, key_of
from ..errors import UserError
from ..runner import ToolFailed, run_tool
from .llvm import INSTALL_HINT, LlvmToolchain, mingw_root

__all__ = [
    "SUPPORTED_VERSIONS",
    "build_free_threaded",
    "build_version",
    "synthesized_cpython",
    "synthesized_cpython_origin",
]

#: CPython versions whose Windows configuration this module knows.
SUPPORTED_VERSIONS = ((3, 9), (3, 10), (3, 11), (3, 12), (3, 13), (3, 14))

#: Names the headers declare that no Windows CPython DLL of those versions
#: exports; an import of one would link and then fail to load.
#: - ``Py_FrozenMain``: defined in Python/frozenmain.c, which the Windows build
#:   (PCbuild/pythoncore) does not compile; on Linux it is in libpython.
#: - ``_PyTrash_begin``/``_PyTrash_end``: 3.13 removed their definitions (the
#:   trashcan moved to ``_PyTrash_thread_deposit_object``) but kept the
#:   declarations; absent from 3.13's libpython3.13.so as from python313.dll.
#: - 3.13's internal headers: ``_Py_AtExit`` (its definition became
#:   ``PyUnstable_AtExit``), ``_PyBuildSlice_ConsumeRefs`` (``PyAPI_FUNC`` in 3.13.0's
#:   pycore_sliceobject.h, ``extern`` in CPython's later ones), and the tier-2
#:   optimizer's entry points, compiled only with ``_Py_TIER2`` (3.13's experimental
#:   JIT build). Measured against python313.dll (3.13.1) and the dynamic symbols of
#:   3.13.0's libpython3.13.so, which exports what ``PyAPI_FUNC`` declares: none of
#:   them is in either.
_NOT_EXPORTED: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "Py_FrozenMain": ((3, 9), (3, 14)),
    "_PyTrash_begin": ((3, 13), (3, 14)),
    "_PyTrash_end": ((3, 13), (3, 14)),
    "_Py_AtExit": ((3, 13), (3, 13)),
    "_PyBuildSlice_ConsumeRefs": ((3, 13), (3, 13)),
    **{
        name: ((3, 13), (3, 13))
        for name in (
            "_PyOptimizer_NewCounter",
            "_PyOptimizer_NewUOpOptimizer",
            "_PyOptimizer_Optimize",
            "_Py_Executor_DependsOn",
            "_Py_GetExecutor",
            "_Py_GetOptimizer",
            "_Py_SetTier2Optimizer",
            "_Py_uop_symbols_test",
        )
    },
}
#: How the headers are read for what only internal headers (or ``Py_BUILD_CORE``
#: branches) declare: as CPython's own extension modules are compiled
#: (``Py_BUILD_CORE_MODULE``: internal headers accepted, ``PyAPI_FUNC`` still
#: ``dllimport``) by a release build (``NDEBUG``: what ``#ifndef NDEBUG`` declares, such
#: as ``_PyWideStringList_CheckConsistency``, exists in debug builds only); every error
#: reported, none stopping the others.
_CORE_DEFINES = ("-DPy_BUILD_CORE_MODULE", "-DNDEBUG", "-ferror-limit=0")
#: Names declared under ``Py_LIMITED_API`` that python3.dll does not forward:
#: - ``PyOS_AfterFork``: declared unguarded in intrcheck.h, but the stable ABI
#:   lists it only where ``HAVE_FORK`` is defined (CPython's stable_abi.toml),
#:   which Windows is not; python313.dll exports it, python3.dll does not.
_NOT_IN_PYTHON3_DLL: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "PyOS_AfterFork": ((3, 9), (3, 14))
}

#: Public headers that ``Python.h`` does not include, which modules include themselves
#: and whose functions the DLL exports: Cython's generated code includes
#: ``frameobject.h`` for ``PyFrame_New`` (tracebacks) and ``marshal.h``;
#: ``structmember.h`` declares ``PyMember_GetOne`` before 3.12.  Read when present.
_EXTRA_HEADERS = ("frameobject.h", "marshal.h", "structmember.h")

#: The Windows pyconfig.h, with ``$name`` placeholders (package data).
_PYCONFIG_TEMPLATE = "toolchains/templates/pyconfig.h.in"

# A file position in clang's text AST dump; "line:L:C" and "col:C" are positions
# in the file printed last, which the dump leaves out when it has not changed.
_LOCATION = re.compile(r"(?:<|, )((?:[A-Za-z]:)?[^<>:,\s][^<>:,]*):\d+:\d+")
# The file of an error in clang's diagnostics: "path:L:C: error: ..." (or "fatal error").
_ERROR = re.compile(r"^((?:[A-Za-z]:)?[^:\n]+):\d+:\d+: (?:fatal )?error: ", re.M)
# A header in clang's -H listing: one dot per include depth, a space, the path.
_INCLUDED = re.compile(r"^\.+ (.+)$", re.M)
# A fatal error (clang reports no error after it).
_FATAL = re.compile(r": fatal error: .*$", re.M)


def build_version() -> tuple[int, int]:
    """The (major, minor) version of the interpreter running the build, the target's."""
    return sys.version_info[0], sys.version_info[1]


def build_free_threaded() -> bool:
    """Whether the interpreter running the build (whose ABI the target CPython has)
    is a free-threaded one."""
    return bool(sysconfig.get_config_var("Py_GIL_DISABLED"))


def _dll_stem(version: tuple[int, int], limited: bool = False) -> str:
    """``python313``, ``python313t``, ``python3`` or ``python3t``."""
    return python_import_library(version, limited, build_free_threaded()).removesuffix(".lib")


def _check_supported(version: tuple[int, int]) -> None:
    if version not in SUPPORTED_VERSIONS:
        first, last = SUPPORTED_VERSIONS[0], SUPPORTED_VERSIONS[-1]
        raise UserError(
            f"ec-buildext cannot make a Windows CPython {version[0]}.{version[1]} for this "
            f"build: it synthesizes the target CPython (headers, pyconfig.h, pythonXY.lib) "
            f"from the interpreter running the build for CPython {first[0]}.{first[1]} to "
            f"{last[0]}.{last[1]} only, and this build runs on {sys.executable} "
            f"({version[0]}.{version[1]}). Build with a supported Python, or set "
            "python-root to a Windows CPython folder (with include/ and libs/pythonXY.lib)."
        )


def _host_include() -> Path:
    folder = Path(sysconfig.get_path("include"))
    major, minor = build_version()
    if not (folder / "Python.h").is_file():
        raise UserError(
            f"The Python running this build ({sys.executable}) has no C headers "
            f"({folder / 'Python.h'} is missing), which ec-buildext needs to make the "
            "Windows CPython a module with Python.h compiles against. Install them "
            f"(Debian/Ubuntu: apt-get install python{major}.{minor}-dev), "
            "or set python-root to a Windows CPython folder."
        )
    return folder


def _header_files(include: Path) -> list[Path]:
    # The host's pyconfig.h (Linux's, or Debian's multiarch wrapper) describes
    # the build machine, never the target: it is replaced, not copied.
    return sorted(
        p
        for p in include.rglob("*.h")
        if p.is_file() and p.relative_to(include) != Path("pyconfig.h")
    )


def pyconfig_h(version: tuple[int, int], free_threaded: bool) -> str:
    """A Windows ``pyconfig.h`` for 64-bit CPython ``version``, written from the facts
    of CPython's own (``PC/pyconfig.h.in``) that extension modules see."""
    gil = "#ifndef Py_GIL_DISABLED\n#define Py_GIL_DISABLED 1\n#endif\n" if free_threaded else ""
    return string.Template(_pyconfig_template()).substitute(
        version=f"{version[0]}.{version[1]}",
        kind=" (free-threaded)" if free_threaded else "",
        gil=gil,
        # Py_NO_LINK_LIB is honoured from 3.14, like CPython's own file.
        no_link=" && !defined(Py_NO_LINK_LIB)" if version >= (3, 14) else "",
        xy=f"{version[0]}{version[1]}",
        t="t" if free_threaded else "",
    )


def _pyconfig_template() -> str:
    return resources.files("ec_buildext").joinpath(_PYCONFIG_TEMPLATE).read_text(encoding="utf-8")


@dataclass(frozen=True)
class _HeaderReading:
    """What one translation unit of CPython headers declares: the ``dllimport`` names
    (True for data, a variable), the headers it read (relative to the include folder),
    and the header it was given whose reading ended in a fatal error, if one did."""

    dllimports: dict[str, bool]
    reached: frozenset[Path]
    fatal: Optional[str] = None


def _read_headers(
    llvm: LlvmToolchain,
    triple: str,
    include: Path,
    headers: Sequence[str],
    defines: Sequence[str],
    core: bool = False,
) -> _HeaderReading:
    """The names ``headers`` (included in this order) declare ``dllimport`` under
    ``include``'s configuration, read from clang's AST dump.

    ``core``: the headers are read as CPython's own extension modules are built
    (``Py_BUILD_CORE_MODULE``: internal headers accepted, the API still ``dllimport``),
    and a header that does not compile alone does not stop the others: a file with an
    error (an ``#error`` saying the header is for another configuration, a type its
    includer would have declared) gives none of its names, the other files give theirs."""
    mingw = mingw_root()
    if mingw is None:
        raise UserError(
            "ec-buildext needs the mingw-w64 headers of the ziglang wheel to read the "
            "CPython API it makes pythonXY.lib for, and ziglang is not installed. "
            + INSTALL_HINT
            + " Or set python-root to a Windows CPython folder."
        )
    with tempfile.TemporaryDirectory(prefix="ec-cpython-") as tmp:
        source = Path(tmp) / "api.c"
        source.write_text("".join(f"#include <{h}>\n" for h in headers), encoding="utf-8")
        argv = [
            str(llvm.tool("clang")),
            f"--target={triple}",
            "-fsyntax-only",
            "-nostdlibinc",  # only mingw-w64's headers, never the host's
            "-isystem",
            str(mingw / "include" / "any-windows-any"),
            "-I",
            str(include),
            *defines,
            *(_CORE_DEFINES if core else []),
            "-H",  # the headers read, on standard error
            "-Xclang",
            "-ast-dump",
            str(source),
        ]
        # The dump is a few MB: it goes to a file, read as a stream rather than held.
        dump = Path(tmp) / "ast.txt"
        what = "reading the CPython API from its headers (clang's AST dump)"
        done = run_tool(
            argv, what, stdout_file=dump, check=not core, keep_last=2000, explain=_llvm_hint
        )
        broken = frozenset(_ERROR.findall(done.stderr))
        if done.returncode != 0 and not broken:  # clang failed, not the headers
            output = done.output
            raise ToolFailed(
                f"{what} failed:\n  {' '.join(argv)}\n{output[-2000:]}{_llvm_hint(output)}",
                argv,
                output,
            )
        with open(dump, encoding="utf-8", errors="replace") as lines:
            found = _dllimports_in_dump(lines, str(include), broken)
        fatal = _fatal_header(done.stderr, source, headers)
    return _HeaderReading(found, _headers_read(done.stderr, include), fatal)


def _fatal_header(stderr: str, source: Path, headers: Sequence[str]) -> Optional[str]:
    """The header of ``headers`` (included by ``source`` in this order) whose include
    chain led to clang's fatal error, if there was one: the last line of ``source``
    that ``stderr`` names up to that error."""
    fatal = _FATAL.search(stderr)
    if fatal is None:
        return None
    lines = re.findall(re.escape(str(source)) + r":(\d+):", stderr[: fatal.end()])
    return headers[int(lines[-1]) - 1] if lines else None


def _headers_read(stderr: str, include: Path) -> frozenset[Path]:
    """The headers under ``include`` in clang's ``-H`` listing (". path" lines)."""
    root = include.resolve()
    read = set()
    for line in _INCLUDED.findall(stderr):
        path = Path(line).resolve()
        if root in path.parents:
            read.add(path.relative_to(root))
    return frozenset(read)


def _llvm_hint(output: str) -> str:
    return (
        "\nec-buildext makes the target CPython's pythonXY.lib with this LLVM (clang reads "
        "the headers, llvm-dlltool writes the library). Choose another LLVM with the "
        "llvm-root setting, or set python-root to a Windows CPython folder."
    )


def _dllimports_in_dump(
    lines: Iterable[str], include_prefix: str, broken: frozenset[str] = frozenset()
) -> dict[str, bool]:
    """Top-level functions and variables with a ``DLLImportAttr`` child, declared in
    a file under ``include_prefix`` (the C runtime's own dllimports are left out) that
    is not one of the ``broken`` ones (files clang reported an error in)."""
    found: dict[str, bool] = {}
    last_file = ""
    current: tuple[str, bool, str] | None = None  # name, is data, file
    for line in lines:
        top_level = line.startswith(("|-", "`-"))
        for match in _LOCATION.finditer(line):
            if match.group(1) != "line":
                last_file = match.group(1)
        if top_level:
            kind = line[2:].split(" ", 1)[0]
            current = None
            if kind in ("FunctionDecl", "VarDecl"):
                # "...> col:24 used PyList_New 'PyObject *(Py_ssize_t)'"
                name = line.split(" '", 1)[0].rsplit(" ", 1)[-1]
                current = (name, kind == "VarDecl", last_file)
        elif current is not None and line[2:4] in ("|-", "`-") and "DLLImportAttr" in line:
            name, is_data, file = current
            if file.startswith(include_prefix) and file not in broken:
                found[name] = is_data
    return found


def _def_file(dll: str, exports: dict[str, bool]) -> str:
    lines = [f"LIBRARY {dll}", "EXPORTS"]
    lines += [f"    {n}{' DATA' if exports[n] else ''}" for n in sorted(exports)]
    return "\n".join(lines) + "\n"


def _internal_dllimports(
    llvm: LlvmToolchain, triple: str, include: Path, public: list[str], reached: frozenset[Path]
) -> dict[str, bool]:
    """What the headers of ``include`` that ``public`` did not reach declare
    ``dllimport``, read after ``public`` as CPython's own modules are built.

    The headers ``public`` read are not read again (cpython/*.h refuse that). After a
    fatal error (a file a header includes is missing) clang reports nothing more, so
    the errors of the headers after it would go unseen: that header is left out and the
    others read again."""
    rest = [
        header.relative_to(include).as_posix()
        for header in _header_files(include)
        if header.relative_to(include) not in reached
    ]
    rest = [h for h in rest if h not in public]
    while True:
        core = _read_headers(llvm, triple, include, [*public, *rest], [], core=True)
        if core.fatal is None:
            return core.dllimports
        if core.fatal not in rest:  # Python.h itself, read this way: none of theirs
            return {}
        rest.remove(core.fatal)


def _exports(
    llvm: LlvmToolchain, triple: str, include: Path, defines: list[str], limited: bool
) -> dict[str, bool]:
    public = ["Python.h", *(h for h in _EXTRA_HEADERS if (include / h).is_file())]
    reading = _read_headers(llvm, triple, include, public, defines)
    found = dict(reading.dllimports)
    # PY_SSIZE_T_CLEAN (before 3.13) maps PyArg_Parse* & co to their _SizeT exports and
    # declares those only when it is defined: a module may be built either way.
    cleaned = _read_headers(llvm, triple, include, public, [*defines, "-DPY_SSIZE_T_CLEAN"])
    found.update(cleaned.dllimports)
    if not limited:
        # Every other header of the install, internal ones included: the DLL exports
        # what they declare PyAPI_FUNC/PyAPI_DATA, and modules call it (Argument
        # Clinic's _PyArg_CheckPositional, in internal/pycore_modsupport.h from 3.13).
        found.update(_internal_dllimports(llvm, triple, include, public, reading.reached))
    version = build_version()
    left_out = {**_NOT_EXPORTED, **(_NOT_IN_PYTHON3_DLL if limited else {})}
    for name, (first, last) in left_out.items():
        if first <= version <= last:
            found.pop(name, None)
    return found


def _fill(folder: Path, llvm: LlvmToolchain, cpython: Arch, headers: list[Path]) -> None:
    version = build_version()
    source = _host_include()
    include = folder / "include"
    for header in headers:
        target = include / header.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(header.read_bytes())
    # Bytes, so the file has LF line ends on every host (3.9 has no newline=).
    (include / "pyconfig.h").write_bytes(pyconfig_h(version, build_free_threaded()).encode())
    libs = folder / "libs"
    libs.mkdir()
    # The GNU environment: the mingw-w64 headers (shipped with the ziglang wheel) stand
    # in for the Windows SDK while reading the declarations, which do not depend on
    # the C runtime's headers.
    triple = cpython.gnu_triple
    wanted: list[tuple[str, list[str]]] = [(_dll_stem(version), [])]
    # 3.13 and 3.14 free-threaded builds have no stable ABI (Python.h refuses
    # Py_LIMITED_API with Py_GIL_DISABLED): no python3t.lib then.
    if not build_free_threaded():
        limited = f"-DPy_LIMITED_API=0x{version[0]:02X}{version[1]:02X}0000"
        wanted.append((_dll_stem(version, limited=True), [limited]))
    for stem, defines in wanted:
        exports = _exports(llvm, triple, include, defines, limited=bool(defines))
        def_path = libs / f"{stem}.def"
        def_path.write_text(_def_file(f"{stem}.dll", exports), encoding="utf-8")
        argv = [str(llvm.tool("llvm-dlltool")), "-m", cpython.dlltool_machine]
        argv += ["-d", str(def_path), "-l", str(libs / f"{stem}.lib")]
        run_tool(argv, f"making {stem}.lib", explain=_llvm_hint)


def synthesized_cpython(llvm: LlvmToolchain, cpython: Arch) -> Path:
    """A Windows CPython development folder (``include/``, ``libs/pythonXY.lib``,
    ``libs/python3.lib``) for the interpreter running this build, for the CPython
    of ``cpython``'s machine (the ``x64`` or ``arm64`` row of the arch table)."""
    if cpython.cpython_name != cpython.name:  # Arm64EC modules load in x64 CPython
        raise ValueError(f"no Windows CPython runs as {cpython.name}: use x64 or arm64")
    version = build_version()
    _check_supported(version)
    source = _host_include()
    headers = _header_files(source)
    digest = hashlib.sha256(Path(__file__).read_bytes() + _pyconfig_template().encode())
    for header in headers:
        digest.update(str(header.relative_to(source)).encode() + b"\0" + header.read_bytes())
    key = key_of(digest.hexdigest(), build_free_threaded(), cpython.dlltool_machine, llvm.version)
    name = f"cpython-{_dll_stem(version)[6:]}-{cpython.name}-{key}"
    return cached_folder(name, lambda folder: _fill(folder, llvm, cpython, headers))


def synthesized_cpython_origin() -> str:
    """Where a synthesized CPython comes from, for the build log."""
    version = ".".join(map(str, build_version()))
    kind = " free-threaded" if build_free_threaded() else ""
    return f"made from {sys.executable} (CPython {version}{kind}, headers in {_host_include()})"
