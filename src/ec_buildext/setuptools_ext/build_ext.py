"""``build_ext`` for Arm64EC/Arm64X: the project's own class, with ec-buildext's compiler.

Only what makes a Windows DLL of the objects is replaced: the module file name, and
the compiler object (:mod:`.compiler`, what ``new_compiler()`` returns during the
build).  Every hook a project's ``build_ext`` subclass overrides (``run``,
``build_extensions``, ``build_extension``, ``finalize_options``, ...) still runs.
"""

from __future__ import annotations

import os
import re
from typing import Any, Optional

from setuptools.command.build_ext import build_ext as setuptools_build_ext

from ..cpus import usable_cpus
from ..errors import UserError
from ..model import uses_cxx
from ..plan import BuildPlan
from .compiler import ec_compiler
from .outcome import ExtensionRecord, first_error
from .target_view import show_target_in_project_methods, showing_target

__all__ = ["ec_build_class", "ec_build_ext_class"]


def ec_build_ext_class(base: Optional[type], plan: BuildPlan, record: ExtensionRecord) -> type:
    """A build_ext class for ``plan`` on top of ``base`` (the project's, or setuptools'),
    that declares its extensions in ``record`` and records why each failed."""
    from distutils.command.build_ext import build_ext as distutils_build_ext

    base = base or setuptools_build_ext
    if not (isinstance(base, type) and issubclass(base, distutils_build_ext)):
        raise UserError(
            f"cmdclass['build_ext'] is {base!r}, which is not a build_ext command class. "
            "ec-buildext builds extensions through a subclass of setuptools' build_ext: "
            "derive the project's class from setuptools.command.build_ext.build_ext."
        )

    class EcBuildExt(base):  # type: ignore[misc, valid-type]
        def get_ext_filename(self, fullname: str) -> str:
            ext = self._ec_extension(fullname)
            limited = bool(ext is not None and getattr(ext, "py_limited_api", False))
            suffix = plan.arch.extension_suffix(plan.python.version, limited_api=limited)
            return os.path.join(*fullname.split(".")) + suffix

        def _ec_extension(self, fullname: str) -> Any:
            for ext in self.extensions or []:
                if ext.name == fullname or ext.name.split(".")[-1] == fullname:
                    return ext
            return None

        def _build_extensions_parallel(self) -> None:
            # The compiler builds one extension's sources `parallel` at a time and
            # holds that extension while it does: extensions go one after another.
            self._build_extensions_serial()

        def get_libraries(self, ext: Any) -> list[str]:
            # On a Windows build machine distutils adds the *running* CPython's
            # pythonXY; the driver links the target CPython's import library itself.
            libraries = super().get_libraries(ext)
            host = re.compile(r"python3\d*t?(_d)?")
            return [lib for lib in libraries if lib in ext.libraries or not host.fullmatch(lib)]

        def run(self) -> None:
            record.declare(self.get_ext_fullname(ext.name) for ext in self.extensions or [])
            super().run()

        def build_extension(self, ext: Any) -> None:
            compiler = ec_compiler(self)
            compiler.jobs = _jobs(self.parallel)
            compiler.extension = ext
            compiler.links_cxx = _links_cxx(self.distribution, ext)
            compiler.first_failure = None
            name = self.get_ext_fullname(ext.name)
            try:
                super().build_extension(ext)
            except Exception as e:
                record.failed(name, compiler.first_failure or first_error("", str(e)))
                raise
            finally:
                if compiler.first_failure is not None:  # also when the project caught it
                    record.failed(name, compiler.first_failure)
                compiler.extension = None
                compiler.links_cxx = False

    show_target_in_project_methods(EcBuildExt, base)
    EcBuildExt.__name__ = EcBuildExt.__qualname__ = f"EcBuildExt[{base.__name__}]"
    return EcBuildExt


def _links_cxx(distribution: Any, ext: Any) -> bool:
    """Whether the extension's link takes the C++ runtime: C++ among its sources, or
    among those of the build_clib libraries (build_ext links every one of them)."""
    libraries = distribution.libraries or []
    clib_sources = [s for _, info in libraries for s in info.get("sources", ())]
    return getattr(ext, "language", None) == "c++" or uses_cxx([*ext.sources, *clib_sources])


def _jobs(parallel: Any) -> Optional[int]:
    """Compiles at a time from build_ext's ``parallel`` (``-j N``, ``--parallel N``,
    ``[build_ext] parallel``): the user's number wins, ``-j 1`` is serial; unset (or
    0) leaves the driver's default, one per core."""
    if parallel is True:
        return usable_cpus()
    return int(parallel) if parallel else None


def ec_build_class(base: Optional[type]) -> type:
    """The ``build`` command without ``plat_name``: distutils refuses ``--plat-name``
    off Windows, and cibuildwheel's DIST_EXTRA_CONFIG sets it; ec-buildext's own
    plan decides the target (and the wheel's tag).  ``plat_name`` is then the target's
    when the build shows setup.py the target (target_view), else the build machine's."""
    from setuptools.command.build import build as setuptools_build

    base = base or setuptools_build

    class EcBuild(base):  # type: ignore[misc, valid-type]
        def finalize_options(self) -> None:
            self.plat_name = None
            with showing_target():  # plat_name: the target's, when the build shows it
                super().finalize_options()

    EcBuild.__name__ = EcBuild.__qualname__ = f"EcBuild[{base.__name__}]"
    return EcBuild
