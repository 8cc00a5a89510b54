"""What both PEP 517 backends share: settings, the plan, the environment, retagging.

A backend wraps another one (scikit-build-core, setuptools).  With ``arch =
"auto"`` it only strips ec-buildext's config-settings and delegates.  Otherwise
the wrapped backend builds into a private folder and only the retagged wheel
reaches the output folder, so a failed build leaves nothing there.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import os
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Callable, Optional

from .cache import output_error, remove_stale, remove_stale_in_cache, replace_atomic, temp_prefix
from .environment import reconcile
from .errors import UserError, fail, log
from .plan import BuildPlan, make_plans
from .settings import CONFIG_PREFIX, load_settings
from .wheeltools.inspect import BINARY_SUFFIXES
from .wheeltools.retag import (
    fixed_zip_time,
    parse_wheel_name,
    retag_wheel,
    retagged_name,
    rewrite_wheel,
)

__all__ = [
    "ConfigSettings",
    "WrappingBackend",
    "child_builds",
    "environ_set",
    "import_backend",
    "log",
    "plans_for",
    "platform_tag",
    "staged_wheel",
    "staged_wheels",
    "strip_ours",
    "user_errors",
]

ConfigSettings = Optional[Mapping[str, Any]]


def strip_ours(config_settings: ConfigSettings) -> dict[str, Any]:
    """config-settings without ``ec-buildext.*``: wrapped backends reject unknown keys."""
    return {k: v for k, v in (config_settings or {}).items() if not k.startswith(CONFIG_PREFIX)}


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """A :class:`UserError` ends the hook with its paragraph and exit 1, no traceback."""
    try:
        yield
    except UserError as e:
        fail(e)


@contextlib.contextmanager
def environ_set(**values: str) -> Iterator[None]:
    """Environment variables set for the duration of a wrapped build."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def child_builds(plan: BuildPlan) -> dict[str, str]:
    """The environment of the builds a build starts (a setup.py's CMake or make; a
    CMakeLists' ExternalProject): the plan's cross toolchain, announced."""
    from .child_builds import child_build_environment

    try:
        found = child_build_environment(plan)
    except UserError as e:  # e.g. a '$' in the cache path, which CMake cannot pass on
        log(f"child builds (CMake, make) get no cross toolchain, and none may link: {e}")
        return {}
    log("child builds (CMake, make) see " + ", ".join(f"{k}={v}" for k, v in found.items()))
    return found


def import_backend(name: str, paths: tuple[Path, ...], project: Path) -> Any:
    """The PEP 517 backend ``name`` (``module`` or ``module:object``) imported as
    frontends import one: ``paths`` (relative to ``project``) first on ``sys.path``."""
    for folder in reversed(paths):
        entry = str((project / folder).resolve())
        if entry not in sys.path:
            sys.path.insert(0, entry)
    module_name, _, attribute = name.partition(":")
    if module_name.split(".")[0] == __name__.split(".")[0]:
        raise UserError(
            f"wrap-backend = {name!r} names ec-buildext itself. Name the backend ec-buildext "
            "wraps (the project's own build-backend), or leave wrap-backend empty."
        )
    try:
        backend: Any = importlib.import_module(module_name)
        for part in filter(None, attribute.split(".")):
            backend = getattr(backend, part)
    except (ImportError, AttributeError) as e:
        where = ", ".join(str(project / p) for p in paths) or "the build environment"
        raise UserError(
            f"cannot import the backend wrap-backend = {name!r} names ({e}), looked for in "
            f"{where}. Install it in the build environment (add it to [build-system] "
            "requires), or, for an in-tree backend, give its folder as wrap-backend-path."
        ) from None
    if not callable(getattr(backend, "build_wheel", None)):
        raise UserError(
            f"wrap-backend = {name!r} has no build_wheel hook, so it is not a PEP 517 "
            "backend. Name the module (or module:object) the project's build-backend names."
        )
    return backend


def plans_for(config_settings: ConfigSettings) -> list[BuildPlan]:
    """The plans for the project in the current folder (empty for ``auto``), checked
    against the environment and announced."""
    plans = make_plans(load_settings(Path.cwd(), config_settings))
    for plan in plans:
        for line in plan.summary() + reconcile(plan.arch, os.environ):
            log(line)
    return plans


def _audit(wheel: Path, final_name: str) -> None:
    """The audit of the wheel as it will be named, before it reaches the output folder."""
    from .wheeltools.audit import audit_reports
    from .wheeltools.inspect import inspect_path

    found = audit_reports(final_name, inspect_path(wheel))
    for warning in found.warnings:
        log(f"audit: warning: {warning}")
    if found.problems:
        raise UserError(
            f"audit = true and {final_name} has problems, so it was not written:\n"
            + "\n".join(f"  - {p}" for p in found.problems)
        )
    log(f"audit: {final_name} OK")


def _reproducible_env(plan: BuildPlan) -> dict[str, str]:
    """``reproducible``: /Brepro for every link, through the variable both link.exe
    and lld-link read their extra options from, whatever the wrapped backend passes."""
    if not plan.reproducible:
        return {}
    return {"_LINK_": f"{os.environ.get('_LINK_', '')} /Brepro".strip()}


def staged_wheels(
    plans: list[BuildPlan], wheel_directory: str, build: Callable[[BuildPlan, str], str]
) -> str:
    """Build every plan's wheel; the first one's name is what the frontend receives."""
    remove_stale(Path(tempfile.gettempdir()))  # what killed builds left, once a build
    remove_stale_in_cache()
    out_dir = Path(wheel_directory)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        remove_stale(out_dir)
        # Every wheel waits in a private folder beside the output until all are built:
        # an arch that fails leaves no other arch's wheel behind.
        outbox = Path(tempfile.mkdtemp(prefix=temp_prefix(".ec-buildext-"), dir=out_dir))
    except OSError as e:
        raise output_error(out_dir, e) from None
    try:
        names = [staged_wheel(plan, str(outbox), functools.partial(build, plan)) for plan in plans]
        for name in names:
            replace_atomic(outbox / name, out_dir / name)
    finally:
        shutil.rmtree(outbox, ignore_errors=True)
    for name in names:
        log(f"wrote {name}")
    if len(names) > 1:
        log(
            f"also wrote {', '.join(names[1:])} beside {names[0]}; a PEP 517 frontend takes "
            "only the first (python -m build and cibuildwheel's built-wheel folder keep all; "
            "`ec-buildext repair --extra-wheels-to` moves them out of cibuildwheel's way)"
        )
    return names[0]


def _has_binary(wheel: Path) -> bool:
    """Whether the wheel holds a Windows binary, the only thing a platform tag is for."""
    with zipfile.ZipFile(wheel) as z:
        return any(name.lower().endswith(BINARY_SUFFIXES) for name in z.namelist())


def platform_tag(name: str, has_binary: bool, target_tag: str) -> Optional[str]:
    """The platform tag a built wheel gets, or None when it keeps its own.

    A wheel with a binary gets the target's tag.  One without keeps ``any`` (truly
    pure: nothing in it is for one platform); any other tag is the build machine's
    (setuptools tags a wheel for a platform when the project declares extension
    modules, even when none was built), which a cross build must never write: it gets
    the target's tag, as a Windows build of the project would."""
    if has_binary or parse_wheel_name(name).platforms != ("any",):
        return target_tag
    return None


def staged_wheel(plan: BuildPlan, wheel_directory: str, build: Callable[[str], str]) -> str:
    """Run ``build(staging_folder)`` (returns the wheel's name), retag into wheel_directory."""
    out_dir = Path(wheel_directory)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise output_error(out_dir, e) from None
    staging = Path(tempfile.mkdtemp(prefix=temp_prefix("ec-buildext-")))
    try:
        with environ_set(**_reproducible_env(plan)):
            built = staging / build(str(staging))
        date_time = fixed_zip_time() if plan.reproducible else None
        has_binary = _has_binary(built)
        if platform_tag(built.name, has_binary, plan.wheel_tag) is None:
            log(
                f"{built.name} has no DLL, .pyd or .exe, so it keeps its tag (not "
                f"{plan.wheel_tag}): nothing in it is for one platform"
            )
            final = rewrite_wheel(built, out_dir / built.name, date_time=date_time)
        else:
            if not has_binary:
                log(
                    f"{built.name} has no DLL, .pyd or .exe but is tagged for a platform: "
                    f"it gets {plan.wheel_tag}, as a Windows build of the project would"
                )
            if plan.audit:
                _audit(built, retagged_name(built.name, plan.wheel_tag))
            final = retag_wheel(built, plan.wheel_tag, out_dir, date_time=date_time)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return final.name


#: Builds one plan's wheel into a staging folder with the wrapped backend's hook:
#: (plan, wrapped hook, staging folder, config-settings, metadata folder, several
#: arches in this build?) -> the wheel's file name.
BuildOne = Callable[[BuildPlan, Any, str, ConfigSettings, Optional[str], bool], str]


class WrappingBackend:
    """The PEP 517 hooks of a backend that wraps another one (``wrapped``).

    With ``arch = "auto"`` each hook is the wrapped one, minus ec-buildext's
    config-settings.  Otherwise the wheel hooks build every plan with ``build_one``
    and retag; ``metadata_context(config_settings)`` surrounds the metadata hooks.
    """

    def __init__(
        self,
        wrapped: Any,
        build_one: BuildOne,
        metadata_context: Optional[Callable[[ConfigSettings], AbstractContextManager[None]]] = None,
        choose_wrapped: Optional[Callable[[ConfigSettings], Any]] = None,
    ) -> None:
        self.wrapped = wrapped
        self.build_one = build_one
        self.metadata_context = metadata_context or (lambda _: contextlib.nullcontext())
        #: The backend a build wraps, when the project's settings can name another.
        self.choose_wrapped = choose_wrapped

    def _wrapped(self, config_settings: ConfigSettings) -> Any:
        if self.choose_wrapped is None:
            return self.wrapped
        with user_errors():
            return self.choose_wrapped(config_settings)

    def _requires(self, hook: str, config_settings: ConfigSettings) -> list[str]:
        """An optional get_requires_for_build_* hook of the wrapped backend ([] without)."""
        found = getattr(self._wrapped(config_settings), hook, None)
        return list(found(strip_ours(config_settings))) if found is not None else []

    def _metadata(self, kind: str, metadata_directory: str, config_settings: ConfigSettings) -> str:
        """prepare_metadata_for_build_<kind>: the wrapped backend's, or (a backend
        without it) the .dist-info of the wheel built, as PEP 517 frontends do."""
        wrapped = self._wrapped(config_settings)
        hook = getattr(wrapped, f"prepare_metadata_for_build_{kind}", None)
        if hook is not None:
            with self.metadata_context(config_settings):
                return str(hook(metadata_directory, strip_ours(config_settings)))
        build = getattr(wrapped, f"build_{kind}")
        with tempfile.TemporaryDirectory(prefix=temp_prefix("ec-buildext-")) as tmp:
            name = self._build(build, tmp, config_settings, None)
            with zipfile.ZipFile(Path(tmp, name)) as z:
                members = [n for n in z.namelist() if n.split("/")[0].endswith(".dist-info")]
                z.extractall(metadata_directory, members)
        return members[0].split("/")[0]

    def _build(
        self,
        hook: Any,
        wheel_directory: str,
        config_settings: ConfigSettings,
        metadata_directory: Optional[str],
    ) -> str:
        with user_errors():
            plans = plans_for(config_settings)
            if not plans:
                return str(hook(wheel_directory, strip_ours(config_settings), metadata_directory))
            several = len(plans) > 1
            return staged_wheels(
                plans,
                wheel_directory,
                lambda plan, staging: self.build_one(
                    plan, hook, staging, config_settings, metadata_directory, several
                ),
            )

    def build_wheel(
        self,
        wheel_directory: str,
        config_settings: ConfigSettings = None,
        metadata_directory: Optional[str] = None,
    ) -> str:
        hook = self._wrapped(config_settings).build_wheel
        return self._build(hook, wheel_directory, config_settings, metadata_directory)

    def build_editable(
        self,
        wheel_directory: str,
        config_settings: ConfigSettings = None,
        metadata_directory: Optional[str] = None,
    ) -> str:
        hook = self._wrapped(config_settings).build_editable
        return self._build(hook, wheel_directory, config_settings, metadata_directory)

    def build_sdist(self, sdist_directory: str, config_settings: ConfigSettings = None) -> str:
        with user_errors():  # an sdist has no arch, but bad settings are still reported
            load_settings(Path.cwd(), config_settings)
        wrapped = self._wrapped(config_settings)
        return str(wrapped.build_sdist(sdist_directory, strip_ours(config_settings)))

    def get_requires_for_build_wheel(self, config_settings: ConfigSettings = None) -> list[str]:
        return self._requires("get_requires_for_build_wheel", config_settings)

    def get_requires_for_build_editable(self, config_settings: ConfigSettings = None) -> list[str]:
        return self._requires("get_requires_for_build_editable", config_settings)

    def get_requires_for_build_sdist(self, config_settings: ConfigSettings = None) -> list[str]:
        return self._requires("get_requires_for_build_sdist", config_settings)

    def prepare_metadata_for_build_wheel(
        self, metadata_directory: str, config_settings: ConfigSettings = None
    ) -> str:
        return self._metadata("wheel", metadata_directory, config_settings)

    def prepare_metadata_for_build_editable(
        self, metadata_directory: str, config_settings: ConfigSettings = None
    ) -> str:
        return self._metadata("editable", metadata_directory, config_settings)
