"""distutils' compiler interface for the build plan's target, over ec-buildext's driver.

While the backend drives a build, every ``new_compiler()`` in this process (the one
``build_ext.run`` makes, and a ``setup.py`` probing the compiler the way
pycryptodome's ``compiler_opt.py`` does) returns an :class:`EcCompiler`: its
``compile()`` and ``link_*()`` run the cross compile and link commands for the
target, never the build machine's gcc.  ``build_ext`` and the project's own hooks
stay in the call chain; only the compiler object under them is replaced.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import sysconfig
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar, Optional, Union

import setuptools  # noqa: F401  (first: `distutils` below is setuptools' own from here on)

# isort: split
from distutils.ccompiler import CCompiler
from distutils.errors import CompileError, LibError, LinkError, PreprocessError

from ..arch import Arch
from ..errors import UserError
from ..model import configured_view, uses_cxx
from ..plan import BuildPlan
from ..runner import run_tool
from .driver import (
    CommandFailed,
    ExtensionSpec,
    archive_objects,
    compile_objects,
    compiler_program,
    link_objects,
    object_path,
    prebuilt_objects_problem,
    preprocess_command,
)
from .outcome import first_error
from .target_view import on_host

__all__ = ["EcCompiler", "cross_compiler_installed", "ec_compiler"]

#: Every module that holds its own reference to ``new_compiler``: setuptools loads
#: its distutils under two names, and build_ext modules import the function by name.
#: Those under ``setuptools._distutils`` are patched only if loaded: importing its
#: ``command`` package under that name breaks setuptools' own commands.
_NEW_COMPILER_HOMES = (
    "distutils.ccompiler",
    "distutils.compilers.C.base",
    "distutils.command.build_ext",
    "setuptools.command.build_ext",
)
_LOADED_HOMES = (
    "setuptools._distutils.ccompiler",
    "setuptools._distutils.compilers.C.base",
    "setuptools._distutils.command.build_ext",
)


def _host_python_dirs() -> set[str]:
    """The build machine's Python headers and libraries, the venv's ``include/`` and
    ``include/site/pythonX.Y`` among them: never part of a Windows build."""
    paths = sysconfig.get_paths()
    version = f"python{sys.version_info[0]}.{sys.version_info[1]}"
    dirs = {
        paths.get("include", ""),
        paths.get("platinclude", ""),
        sysconfig.get_config_var("LIBDIR") or "",
        os.path.join(sys.exec_prefix, "libs"),
    }
    for prefix in {sys.prefix, sys.exec_prefix, sys.base_prefix, sys.base_exec_prefix}:
        dirs |= {os.path.join(prefix, "include"), os.path.join(prefix, "include", "site", version)}
    return {os.path.normcase(os.path.abspath(d)) for d in dirs if d}


def _without_host(dirs: Optional[Sequence[str]]) -> tuple[str, ...]:
    """``dirs`` without the build machine's Python folders."""
    host = _host_python_dirs()
    return tuple(d for d in (dirs or []) if os.path.normcase(os.path.abspath(d)) not in host)


def _macros_and_folders(macros: list[Any], include_dirs: Sequence[str]) -> dict[str, Any]:
    """ExtensionSpec's fields for distutils' macros ((name, value) defines, (name,)
    undefines) and include folders (the build machine's Python folders left out)."""
    return {
        "define_macros": tuple((m[0], m[1]) for m in macros if len(m) == 2),
        "undef_macros": tuple(m[0] for m in macros if len(m) == 1),
        "include_dirs": _without_host(include_dirs),
    }


class EcCompiler(CCompiler):
    """A distutils compiler whose commands are the driver's for one build plan.

    ``compile()`` builds every source for every view of the plan (both, for Arm64X:
    a probe's answer decides a define both views compile with, so it must hold for
    both) and returns one object per source; ``link()`` puts each view's objects back
    together.  Executables (probes) are linked for the EC view of Arm64X, as the
    CMake backend links them.
    """

    src_extensions: ClassVar[list[str]] = [".c", ".cc", ".cpp", ".cxx", ".c++", ".s", ".S", ".asm"]
    obj_extension = ".obj"
    static_lib_extension = ".lib"
    shared_lib_extension = ".dll"
    static_lib_format = shared_lib_format = "%s%s"
    exe_extension = ".exe"
    executables: ClassVar[dict[str, Any]] = {}

    def __init__(self, plan: BuildPlan, force: bool = False) -> None:
        super().__init__(0, force=force)
        # An instance attribute: on the class, distutils would list this class as
        # its "msvc" compiler.  "msvc" because clang-cl and cl.exe take MSVC flags.
        self.compiler_type = "msvc"
        self.plan = plan
        #: The Extension being built, set by build_ext (None: a probe from setup.py).
        self.extension: Any = None
        #: Compiles at a time; None: one per core (build_ext sets the user's -j).
        self.jobs: Optional[int] = None
        #: The Extension being built has C++ (build_ext decides from its sources).
        self.links_cxx = False
        #: Each object distutils was given, by view (Arm64X compiles every source twice).
        self._views: dict[str, dict[Arch, Path]] = {}
        #: Objects compiled from C++ (a build_ext may compile sources of its own).
        self._cxx_objects: set[str] = set()
        #: The first error line of a compile or link that failed since build_ext last
        #: cleared it: what the build names when the project goes on without the module.
        self.first_failure: Optional[str] = None

    def _failed(self, error: CommandFailed) -> CommandFailed:
        if self.first_failure is None:
            self.first_failure = first_error(error.output, str(error))
        return error

    def initialize(self, plat_name: Optional[str] = None) -> None:
        """MSVCCompiler finds Visual Studio here; this compiler's plan already chose
        everything, the target included (``plat_name`` is the build machine's idea)."""

    @property
    def cc(self) -> str:
        """The compiler's program, as MSVCCompiler's: without a target or flags."""
        return compiler_program(self.plan.compiler)

    @property
    def preprocessor(self) -> list[str]:
        """The command that preprocesses C as ``compile()`` would compile it (for the EC
        view of Arm64X, as probes are linked), to standard output; the caller appends a
        file.  A new list each time: callers extend it (zstandard's make_cffi.py)."""
        return self.preprocess_argv(None)

    @on_host
    def preprocess(
        self,
        source: str,
        output_file: Optional[str] = None,
        macros: Optional[list[Any]] = None,
        include_dirs: Optional[Sequence[str]] = None,
        extra_preargs: Optional[list[str]] = None,
        extra_postargs: Optional[list[str]] = None,
    ) -> None:
        """Preprocess ``source`` to ``output_file`` (standard output if None)."""
        argv = self.preprocess_argv(
            source, output_file, macros, include_dirs, extra_preargs, extra_postargs
        )
        if output_file:
            Path(output_file).parent.mkdir(parents=True, exist_ok=True)
        try:
            finished = run_tool(argv, f"preprocessing {source}", error=CommandFailed)
        except CommandFailed as e:
            raise PreprocessError(str(e)) from None
        # The text goes to standard output (or the file), clang's warnings to standard error.
        print(finished.stdout, end="", flush=True)
        print(finished.stderr, end="", file=sys.stderr, flush=True)

    def preprocess_argv(
        self,
        source: Optional[str],
        output_file: Optional[str] = None,
        macros: Optional[list[Any]] = None,
        include_dirs: Optional[Sequence[str]] = None,
        extra_preargs: Optional[list[str]] = None,
        extra_postargs: Optional[list[str]] = None,
    ) -> list[str]:
        """The command :meth:`preprocess` runs (``source`` None: :attr:`preprocessor`)."""
        extra = (*(extra_preargs or ()), *(extra_postargs or ()))
        output = Path(output_file) if output_file else None
        # With the compiler's own macros and folders (define_macro, add_include_dir).
        _, macros, include_dirs = self._fix_compile_args(  # type: ignore[attr-defined]  # not in the stubs
            None, macros, include_dirs
        )
        spec = self._spec(
            sources=(),
            output=Path(),
            temp_dir=Path(),
            extra_compile_args=extra,
            **_macros_and_folders(macros, include_dirs),
        )
        path = Path(source) if source is not None else None
        view = configured_view(self.plan.arch)
        return preprocess_command(self.plan, view, spec, path, output)

    def _spec(self, **fields: Any) -> ExtensionSpec:
        ext = self.extension
        name = ext.name if ext is not None else "compiler check"
        return ExtensionSpec(
            name=name, limited_api=bool(getattr(ext, "py_limited_api", False)), **fields
        )

    @on_host
    def compile(  # type: ignore[override]
        self,
        sources: Sequence[str],
        output_dir: Optional[str] = None,
        macros: Optional[list[Any]] = None,
        include_dirs: Optional[Sequence[str]] = None,
        debug: bool = False,
        extra_preargs: Optional[list[str]] = None,
        extra_postargs: Optional[list[str]] = None,
        depends: Optional[Sequence[str]] = None,
    ) -> list[str]:
        output_dir, macros, include_dirs = self._fix_compile_args(  # type: ignore[attr-defined]  # not in the stubs
            output_dir, macros, include_dirs
        )
        spec = self._spec(
            sources=tuple(Path(s) for s in sources),
            output=Path(),
            temp_dir=self._temp_dir(output_dir),
            extra_compile_args=(*(extra_preargs or ()), *(extra_postargs or ())),
            debug=bool(debug),
            **_macros_and_folders(macros, include_dirs),
        )
        try:
            per_view = compile_objects(self.plan, spec, self.jobs, _log)
        except CommandFailed as e:
            raise CompileError(str(self._failed(e))) from None
        objects = []
        named = configured_view(self.plan.arch)
        for index, source in enumerate(spec.sources):
            views = {view: objs[index] for view, objs in per_view.items()}
            name = str(views[named])
            self._views[name] = views
            objects.append(name)
            if uses_cxx([source]):
                self._cxx_objects.add(name)
        return objects

    def _temp_dir(self, output_dir: Optional[str]) -> Path:
        """Where compile() puts its objects (one folder per view below it)."""
        temp = Path(output_dir or "build") / "ec-buildext"
        return temp / self.extension.name if self.extension is not None else temp

    def object_filenames(
        self,
        source_filenames: Iterable[Union[str, os.PathLike[str]]],
        strip_dir: Any = 0,
        output_dir: Any = "",
    ) -> list[str]:
        """The names compile() gives its objects (the configured view's object; the
        other views' go with it): setuptools' build_clib archives these."""
        spec = self._spec(sources=(), output=Path(), temp_dir=self._temp_dir(output_dir))
        view = configured_view(self.plan.arch)
        return [str(object_path(spec, view, Path(s))) for s in source_filenames]

    def _per_view(self, objects: Sequence[str]) -> list[Path]:
        """Every view's objects (view by view), then objects compiled elsewhere."""
        ours = [self._views[o] for o in objects if o in self._views]
        return [v[view] for view in self.plan.arch.views for v in ours] + [
            Path(o) for o in objects if o not in self._views
        ]

    @on_host
    def create_static_lib(  # type: ignore[override]
        self,
        objects: Sequence[str],
        output_libname: str,
        output_dir: Optional[str] = None,
        debug: bool = False,
        target_lang: Optional[str] = None,
    ) -> None:
        """A build_clib library: one archive of every view's objects."""
        objects, output_dir = self._fix_object_args(  # type: ignore[attr-defined]  # not in the stubs
            objects, output_dir
        )
        output = Path(output_dir or "", self.library_filename(output_libname))
        try:
            archive_objects(self.plan, self._per_view(objects), output)
        except CommandFailed as e:
            raise LibError(str(self._failed(e))) from None

    @on_host
    def link(  # type: ignore[override]
        self,
        target_desc: str,
        objects: Sequence[str],
        output_filename: str,
        output_dir: Optional[str] = None,
        libraries: Optional[Sequence[str]] = None,
        library_dirs: Optional[Sequence[str]] = None,
        runtime_library_dirs: Optional[Sequence[str]] = None,
        export_symbols: Optional[Sequence[str]] = None,
        debug: bool = False,
        extra_preargs: Optional[list[str]] = None,
        extra_postargs: Optional[list[str]] = None,
        build_temp: Optional[str] = None,
        target_lang: Optional[str] = None,
    ) -> None:
        # runtime_library_dirs (rpath) have no Windows meaning: a DLL's dependencies
        # are found by the loader's search order.
        objects, output_dir = self._fix_object_args(  # type: ignore[attr-defined]  # not in the stubs
            objects, output_dir
        )
        libraries, library_dirs, _ = self._fix_lib_args(  # type: ignore[attr-defined]  # not in the stubs
            libraries, library_dirs, None
        )
        output = Path(output_dir or "", output_filename)
        executable = target_desc == CCompiler.EXECUTABLE  # type: ignore[attr-defined]
        spec = self._spec(
            sources=(),
            output=output,
            temp_dir=Path(build_temp or output.parent) / "ec-buildext",
            library_dirs=_without_host(library_dirs),
            libraries=tuple(libraries),
            extra_link_args=(*(extra_preargs or ()), *(extra_postargs or ())),
            export_symbols=tuple(export_symbols or ()),
            debug=bool(debug),
            links_cxx=self.links_cxx or any(o in self._cxx_objects for o in objects),
        )
        problem = prebuilt_objects_problem(
            self.plan.arch, [Path(o) for o in objects if o not in self._views]
        )
        if problem is not None and not executable:
            self.first_failure = self.first_failure or problem
            raise LinkError(problem)
        if executable:  # the configured view alone, as link_command says
            view = configured_view(self.plan.arch)
            linked = [self._views[o][view] if o in self._views else Path(o) for o in objects]
        else:
            linked = self._per_view(objects)
        try:
            link_objects(self.plan, spec, linked, _log, executable)
        except CommandFailed as e:
            raise LinkError(str(self._failed(e))) from None


def _log(message: str) -> None:
    print(f"ec-buildext: {message}", flush=True)


@contextlib.contextmanager
def cross_compiler_installed(plan: BuildPlan) -> Iterator[None]:
    """``new_compiler()`` returns an :class:`EcCompiler` for ``plan`` in this process
    while the build runs (whatever compiler is asked for: the build machine's are of
    no use for the target), and the originals are put back after."""

    def new_compiler(
        plat: Any = None, compiler: Any = None, verbose: Any = 0, dry_run: Any = 0, force: Any = 0
    ) -> EcCompiler:
        return EcCompiler(plan, force=bool(force))

    saved = []
    for name in _NEW_COMPILER_HOMES:
        with contextlib.suppress(ImportError):  # older setuptools: fewer homes
            importlib.import_module(name)
    for name in _NEW_COMPILER_HOMES + _LOADED_HOMES:
        module = sys.modules.get(name)
        if module is not None and hasattr(module, "new_compiler"):
            saved.append((module, module.new_compiler))
            setattr(module, "new_compiler", new_compiler)  # noqa: B010  # typed modules
    try:
        yield
    finally:
        for module, original in saved:
            setattr(module, "new_compiler", original)  # noqa: B010


def ec_compiler(command: Any) -> EcCompiler:
    """The command's compiler, which build_ext.run made with ``new_compiler()``."""
    if not isinstance(command.compiler, EcCompiler):
        raise UserError(
            f"build_ext's compiler is {command.compiler!r}, not the cross compiler "
            "ec-buildext provides through distutils' new_compiler(). A build_ext that "
            "makes its compiler another way cannot cross-build: make it with "
            "distutils.ccompiler.new_compiler()."
        )
    return command.compiler
