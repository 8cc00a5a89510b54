"""What a project's setup.py sees in a cross build: the target Windows, not the build machine.

setup.py files decide by the machine they run on (psutil picks its platform module by
``os.name`` and ``sys.platform``, greenlet adds its switch object when ``sys.platform``
is win32, projects choose ``-Wall`` or ``/W3`` by platform).  As crossenv and
cibuildwheel's iOS/Android builds do, a cross build shows the project's code the
target: ``sys.platform``, ``os.name``, ``sys.getwindowsversion()``, the compiler part of
``sys.version``, ``platform.uname()`` (``system``, ``machine``, ``release``,
``version``), ``platform.win32_ver()``, ``sysconfig.get_platform()``, distutils'
``get_platform()`` (build_ext's ``plat_name``), and a ``select`` module with only
``select()``, as Windows' has.

Only the project's code sees it: setup.py's own code (the whole hook, until it calls
``setup()``, and after), the methods the project's ``build_ext`` classes define, and
the build scripts that cffi's ``cffi_modules`` keyword runs from ``setup()``.  Inside
``setup()`` setuptools works on the build machine, and so do ec-buildext's compiler,
distutils' ``spawn``/``find_executable`` and ``shutil.which`` (they look for
build-machine programs).  The values are module attributes, switched as control
crosses those borders (:func:`showing_target`, :func:`showing_host`); compiles that run
in threads start under :func:`showing_host`.

``os.name`` is "nt" too (psutil decides by it), but the build machine's ``os.path``,
``subprocess`` and ``pathlib`` stay: they chose their implementation when imported,
except ``pathlib.Path()``, which asks ``os.name`` each time and would make a
``WindowsPath`` that cannot exist on Linux, so it keeps making the build machine's
paths.  Standard modules that pick a Windows implementation when first imported under
the view (``subprocess``, ``multiprocessing``, ``asyncio``) are imported before it.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import inspect
import os
import pathlib
import platform
import re
import select
import sys
import sysconfig
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Callable, Optional, TypeVar

from ..arch import SYSCONFIG_PLATFORM_PROCESS, WINDOWS_PROCESS_MACHINE, Arch

__all__ = [
    "TargetPlatform",
    "on_host",
    "show_target_in_project_methods",
    "showing_host",
    "showing_target",
    "target_platform",
    "target_view_installed",
]

#: Windows 11 23H2: Arm64EC needs Windows 11, and an x64 build is tried there too.
WINDOWS_VERSION = (10, 0, 22631)
#: The MSVC that builds CPython 3.13's Windows releases, as sys.version names it.
MSC_VERSION = "MSC v.1942"
#: Modules that choose a Windows implementation when imported with sys.platform win32
#: (and then fail on Linux): imported before the view is shown.
_IMPORTED_FIRST = (
    "asyncio",
    "concurrent.futures",
    "ctypes.util",
    "distutils.command.build",
    "distutils.command.build_ext",
    "multiprocessing.connection",
    "multiprocessing.pool",
    "selectors",
    "shutil",
    "subprocess",
    "tempfile",
    "uuid",
)
#: Modules whose code is tooling, not the project's: their build_ext methods run as called.
_TOOLING = ("setuptools", "distutils", "_distutils_hack", "ec_buildext")
#: Functions through which tooling inside ``setup()`` runs the project's own code: cffi's
#: ``cffi_modules`` keyword executes the project's build script (pycares' declares
#: Windows types by ``sys.platform``), which sees the target.
_PROJECT_CODE_RUNNERS = (("cffi.setuptools_ext", "execfile"),)

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class TargetPlatform:
    """The Windows a module of one arch is for, as its Windows CPython reports it."""

    #: ``sysconfig.get_platform()``: win-amd64 (x64 CPython: x64, Arm64EC), win-arm64.
    sysconfig_platform: str
    #: ``platform.machine()``: AMD64 or ARM64.
    machine: str

    @property
    def compiler(self) -> str:
        """The compiler part of Windows CPython's sys.version."""
        return f"{MSC_VERSION} 64 bit ({self.machine})"


def target_platform(arch: Arch) -> TargetPlatform:
    """What the Windows CPython that loads ``arch``'s modules reports: x64 CPython for
    x64 and Arm64EC, ARM64 CPython for ARM64 and Arm64X (whose tag is win_arm64)."""
    row = arch.native_view if arch.is_hybrid else arch.cpython
    assert row.python_platform is not None
    sysconfig_platform = row.python_platform.replace("_", "-")
    machine = WINDOWS_PROCESS_MACHINE[SYSCONFIG_PLATFORM_PROCESS[sysconfig_platform]]
    return TargetPlatform(sysconfig_platform, machine)


class _Absent:
    """An attribute the build machine does not have (sys.getwindowsversion on Linux)."""


_ABSENT = _Absent()


class _WindowsVersion(tuple):  # type: ignore[type-arg]
    """sys.getwindowsversion()'s value: a tuple with named fields."""

    major = property(lambda self: self[0])
    minor = property(lambda self: self[1])
    build = property(lambda self: self[2])
    platform = property(lambda self: self[3])
    service_pack = property(lambda self: self[4])
    platform_version = property(lambda self: WINDOWS_VERSION)
    service_pack_major = service_pack_minor = suite_mask = product_type = property(lambda self: 0)


def _select_names_not_on_windows() -> list[str]:
    """The build machine's ``select`` names that Windows' has not (it has ``select()``
    alone): setup.py files choose event backends by ``hasattr(select, "epoll")``
    (pycares' c-ares).  Modules that use them (selectors, subprocess) bound them when
    imported, before the view."""
    return [n for n in vars(select) if not n.startswith("__") and n not in ("error", "select")]


def _getwindowsversion() -> _WindowsVersion:
    return _WindowsVersion((*WINDOWS_VERSION, 2, ""))


class TargetView:
    """The attributes the view changes, with the build machine's values to put back."""

    def __init__(self, target: TargetPlatform) -> None:
        release, version = str(WINDOWS_VERSION[0]), ".".join(map(str, WINDOWS_VERSION))
        uname = platform.uname_result("Windows", platform.node(), release, version, target.machine)

        def get_platform(*args: Any) -> str:
            return target.sysconfig_platform

        path_module = sys.modules[pathlib.Path.__module__]
        host_version = re.sub(r"\[[^\]]*\]\s*$", "", sys.version).rstrip()
        self.values: list[tuple[Any, str, Any]] = [
            (sys, "platform", "win32"),
            (sys, "version", f"{host_version} [{target.compiler}]"),
            (sys, "getwindowsversion", _getwindowsversion),
            (os, "name", "nt"),
            (path_module, "WindowsPath", path_module.PosixPath),
            (platform, "uname", lambda: uname),
            (platform, "win32_ver", lambda *a: (release, version, "SP0", "Multiprocessor Free")),
            (sysconfig, "get_platform", get_platform),
            *((select, name, _ABSENT) for name in _select_names_not_on_windows()),
        ]
        for name, module in list(sys.modules.items()):
            if name.startswith(("distutils.", "setuptools._distutils.")) and module is not None:
                for attr in ("get_platform", "get_host_platform"):
                    if callable(getattr(module, attr, None)):
                        self.values.append((module, attr, get_platform))
        self.host = [getattr(obj, name, _ABSENT) for obj, name, _ in self.values]
        self.shown = False

    def show(self, target: bool) -> None:
        if target == self.shown:
            return
        values = [v for *_, v in self.values] if target else self.host
        for (obj, name, _), value in zip(self.values, values):
            if value is _ABSENT:
                delattr(obj, name)
            else:
                setattr(obj, name, value)
        self.shown = target


#: The view of the build in this process, if it shows one.
_ACTIVE: Optional[TargetView] = None


@contextlib.contextmanager
def _showing(target: bool) -> Iterator[None]:
    view = _ACTIVE
    if view is None:
        yield
        return
    before = view.shown
    view.show(target)
    try:
        yield
    finally:
        view.show(before)


def showing_target() -> contextlib.AbstractContextManager[None]:
    """The project's code runs: it sees the target (when the build shows it)."""
    return _showing(True)


def showing_host() -> contextlib.AbstractContextManager[None]:
    """Tooling runs: it sees the build machine."""
    return _showing(False)


def on_host(function: F) -> F:
    """``function`` always runs seeing the build machine."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with showing_host():
            return function(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


@contextlib.contextmanager
def target_view_installed(target: Optional[TargetPlatform]) -> Iterator[None]:
    """For the duration of a setuptools hook: the project's code sees ``target`` (None:
    the build machine, as without ec-buildext); setuptools' ``setup()`` and the
    build-machine lookups of programs see the build machine."""
    global _ACTIVE
    if target is None:
        yield
        return
    for name in _IMPORTED_FIRST:
        importlib.import_module(name)
    import distutils.core
    import distutils.spawn
    import shutil

    import setuptools

    hosted = [
        (setuptools, "setup"),
        (distutils.core, "setup"),
        (distutils.spawn, "spawn"),
        (distutils.spawn, "find_executable"),
        (shutil, "which"),
    ]
    saved = [(obj, name, getattr(obj, name)) for obj, name in hosted]
    for obj, name, original in saved:
        setattr(obj, name, on_host(original))
    runners = [(obj, name, getattr(obj, name)) for obj, name in _project_code_runners()]
    for obj, name, original in runners:
        setattr(obj, name, _shown_target(original))
    saved += runners
    _ACTIVE = TargetView(target)
    try:
        with showing_target():
            yield
    finally:
        _ACTIVE = None
        for obj, name, original in saved:
            setattr(obj, name, original)


def _project_code_runners() -> list[tuple[Any, str]]:
    """(module, function name) of the runners in :data:`_PROJECT_CODE_RUNNERS` that the
    build's Python has (cffi is the project's build requirement, not ec-buildext's)."""
    found = []
    for module_name, name in _PROJECT_CODE_RUNNERS:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        if callable(getattr(module, name, None)):
            found.append((module, name))
    return found


def _project_methods(base: type) -> list[str]:
    """The methods the project's own classes in ``base``'s hierarchy define."""
    names: list[str] = []
    for klass in base.__mro__:
        if klass.__module__.split(".")[0] in _TOOLING or klass is object:
            continue
        for name, value in vars(klass).items():
            if inspect.isfunction(value) and not name.startswith("__") and name not in names:
                names.append(name)
    return names


def show_target_in_project_methods(cls: type, base: type) -> None:
    """Every method the project's classes define (``base``'s hierarchy) runs, when
    called on ``cls``, seeing the target: setuptools calls them from ``setup()``."""
    for name in _project_methods(base):
        setattr(cls, name, _shown_target(getattr(cls, name)))


def _shown_target(method: F) -> F:
    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with showing_target():
            return method(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
