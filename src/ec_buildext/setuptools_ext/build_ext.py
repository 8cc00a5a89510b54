"""``build_ext`` for Arm64EC/Arm64X: the project's own class, with ec-buildext's driver.

Only what turns a source list into a Windows DLL is replaced (the file name and
``build_extension``); everything else a project's ``build_ext`` subclass does
(``run`` hooks, generated headers, options) still runs.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path
from typing import Any, Optional

from setuptools.command.build_ext import build_ext as setuptools_build_ext

from ..errors import UserError
from ..plan import BuildPlan
from .driver import ExtensionSpec, build_extension

__all__ = ["ec_build_class", "ec_build_ext_class"]


def _host_python_dirs() -> set[str]:
    """The build machine's Python headers and libraries: never part of a Windows build."""
    paths = sysconfig.get_paths()
    dirs = {
        paths.get("include", ""),
        paths.get("platinclude", ""),
        sysconfig.get_config_var("LIBDIR") or "",
        os.path.join(sys.exec_prefix, "libs"),
    }
    return {os.path.normcase(os.path.abspath(d)) for d in dirs if d}


def _without_host(dirs: Any) -> tuple[str, ...]:
    host = _host_python_dirs()
    return tuple(d for d in (dirs or []) if os.path.normcase(os.path.abspath(d)) not in host)


def ec_build_ext_class(base: Optional[type], plan: BuildPlan) -> type:
    """A build_ext class for ``plan`` on top of ``base`` (the project's, or setuptools')."""
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
            suffix = plan.arch.extension_suffix(sys.version_info[:2], limited_api=limited)
            return os.path.join(*fullname.split(".")) + suffix

        def _ec_extension(self, fullname: str) -> Any:
            for ext in self.extensions or []:
                if ext.name == fullname or ext.name.split(".")[-1] == fullname:
                    return ext
            return None

        def build_extensions(self) -> None:
            self.check_extensions_list(self.extensions)
            for ext in self.extensions:
                self.build_extension(ext)

        def build_extension(self, ext: Any) -> None:
            jobs = self.parallel
            jobs = (os.cpu_count() or 1) if jobs is True else int(jobs or 1)
            spec = ExtensionSpec(
                name=ext.name,
                sources=tuple(Path(s) for s in ext.sources),
                output=Path(self.get_ext_fullpath(ext.name)),
                temp_dir=Path(self.build_temp) / "ec-buildext" / ext.name,
                define_macros=tuple(ext.define_macros or ()),
                undef_macros=tuple(ext.undef_macros or ()),
                include_dirs=_without_host([*(ext.include_dirs or []), *(self.include_dirs or [])]),
                library_dirs=_without_host([*(ext.library_dirs or []), *(self.library_dirs or [])]),
                libraries=tuple(ext.libraries or ()),
                extra_compile_args=tuple(ext.extra_compile_args or ()),
                extra_link_args=tuple(ext.extra_link_args or ()),
                export_symbols=tuple(self.get_export_symbols(ext)),
                limited_api=bool(getattr(ext, "py_limited_api", False)),
                debug=bool(self.debug),
                extra_objects=tuple(ext.extra_objects or ()),
            )
            build_extension(plan, spec, jobs, log=lambda m: print(f"ec-buildext: {m}", flush=True))

    EcBuildExt.__name__ = EcBuildExt.__qualname__ = f"EcBuildExt[{base.__name__}]"
    return EcBuildExt


def ec_build_class(base: Optional[type]) -> type:
    """The ``build`` command without ``plat_name``: distutils refuses ``--plat-name``
    off Windows, and cibuildwheel's DIST_EXTRA_CONFIG sets it; ec-buildext's own
    plan decides the target (and the wheel's tag)."""
    from setuptools.command.build import build as setuptools_build

    base = base or setuptools_build

    class EcBuild(base):  # type: ignore[misc, valid-type]
        def finalize_options(self) -> None:
            self.plat_name = None
            super().finalize_options()

    EcBuild.__name__ = EcBuild.__qualname__ = f"EcBuild[{base.__name__}]"
    return EcBuild
