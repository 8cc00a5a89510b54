"""The settings model: each setting declared once, three sources, one precedence.

``[tool.ec-buildext]`` in pyproject.toml < PEP 517 config-settings
(``-C ec-buildext.<name>=value``) < environment (``EC_BUILDEXT_<NAME>``).
A setting is one attribute of :class:`BuildOptions` (a :class:`SettingSpec`): from it
come the loader's checks, the typed value a build plan reads, and the settings table
in ``docs/settings.md`` (``ec-buildext settings --docs``), so they cannot drift apart.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Generic, Literal, Optional, TypeVar, cast, get_args, overload

from .arch import Arch, arch_names, get_arch
from .errors import UserError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 only
    import tomli as tomllib

__all__ = [
    "CONFIG_PREFIX",
    "ENV_PREFIX",
    "SETTINGS",
    "THUNK_KEYS",
    "BuildOptions",
    "SettingSpec",
    "Settings",
    "Toolchain",
    "load_settings",
    "settings_docs",
]

CONFIG_PREFIX = "ec-buildext."
ENV_PREFIX = "EC_BUILDEXT_"
PYPROJECT_TABLE = "[tool.ec-buildext]"
_WHEEL_TAG = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")


T = TypeVar("T")
#: The ``toolchain`` setting: ``auto`` picks MSVC on Windows when it can build, else clang-cl.
Toolchain = Literal["auto", "msvc", "clang-cl"]


def _is_wheel_tag(value: str) -> bool:
    return bool(_WHEEL_TAG.match(value))


@dataclass(frozen=True)
class SettingSpec(Generic[T]):
    """One setting, declared once as an attribute of :class:`BuildOptions`: its name,
    allowed values, default and documentation (what the loader checks and
    docs/settings.md shows), and ``convert``, which turns an allowed value into the
    attribute's typed value."""

    name: str
    help: str
    convert: Callable[[str], T]
    default: str = ""
    choices: tuple[str, ...] = ()
    #: For free-form values: accepts a value (an empty value always means "unset").
    check: Optional[Callable[[str], bool]] = None
    #: For free-form values: what ``check`` accepts, in words.
    allowed_text: str = "any value"
    #: Accepts a list (a TOML array, or comma-separated text) of ``choices``.
    multiple: bool = False
    #: A free-form value that may also be written as a TOML array of strings (joined
    #: with commas).
    listed: bool = False

    @property
    def env_var(self) -> str:
        return ENV_PREFIX + self.name.upper().replace("-", "_")

    @property
    def allowed(self) -> str:
        return f"one of: {', '.join(self.choices)}" if self.choices else self.allowed_text

    def validate(self, value: str, source: str) -> str:
        if self.multiple and "," in value:
            items = [v.strip() for v in value.split(",")]
            ok = len(set(items)) == len(items) and all(
                v in self.choices and v != self.default for v in items
            )
        elif self.choices:
            ok = value in self.choices
        else:
            ok = value == "" or self.check is None or self.check(value)
        if not ok:
            problem = self.allowed + (
                f", or a list of distinct values other than {self.default}" if self.multiple else ""
            )
            raise UserError(
                f"setting '{self.name}' has the value {value!r} in {source}, which is not "
                f"allowed. Allowed: {problem}. Change it there (the settings table is in "
                "docs/settings.md; `ec-buildext settings` shows what is in effect)."
            )
        return value

    @overload
    def __get__(self, options: None, owner: type[Any]) -> SettingSpec[T]: ...
    @overload
    def __get__(self, options: BuildOptions, owner: type[Any]) -> T: ...
    def __get__(self, options: Optional[BuildOptions], owner: type[Any]) -> SettingSpec[T] | T:
        """On the class, the spec; on options, the setting's typed value."""
        if options is None:
            return self
        return cast(T, options.typed[self.name])

    def __set__(self, options: BuildOptions, value: T) -> None:
        raise AttributeError(f"setting '{self.name}' of BuildOptions cannot be changed")


def _arches(value: str) -> tuple[Arch, ...]:
    """Every target arch, in order; none for ``auto`` (plain delegation)."""
    return () if value == "auto" else tuple(get_arch(a.strip()) for a in value.split(","))


def _toolchain(value: str) -> Toolchain:
    return cast(Toolchain, value)


def _folder(value: str) -> Optional[Path]:
    return Path(value).expanduser() if value else None


def _flag(value: str) -> bool:
    return value == "true"


def _optional(value: str) -> Optional[str]:
    return value or None


_BACKEND_NAME = re.compile(r"^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)*(:[A-Za-z_]\w*(\.[A-Za-z_]\w*)*)?$")


def _is_backend_name(value: str) -> bool:
    return bool(_BACKEND_NAME.match(value))


def _folders(value: str) -> tuple[Path, ...]:
    return tuple(Path(v.strip()) for v in value.split(",") if v.strip())


@dataclass(frozen=True)
class ThunkSettings:
    """``[tool.ec-buildext.thunks]``: which header declares the assembly functions."""

    header: Path
    functions: tuple[str, ...]
    calls: tuple[str, ...] = ()


#: The keys of ``[tool.ec-buildext.thunks]`` (pyproject.toml only) and what each does:
#: read by the parser below and by the generated docs.
THUNK_KEYS = (
    ("header", "C header (relative to the project) declaring the functions, e.g. `src/k.h`."),
    (
        "functions",
        "Functions your assembly implements (bodies under the EC name, `EC_FUNC_BEGIN`): "
        "each gets an entry thunk, so x64 code can call it.",
    ),
    ("calls", "Functions your assembly calls that may be x64 code: each gets an exit thunk."),
)


def _thunk_settings(table: Any, project_dir: Path) -> ThunkSettings:
    where = f"{PYPROJECT_TABLE[:-1]}.thunks] in pyproject.toml"
    if not isinstance(table, dict):
        raise UserError(f"{where} must be a table.")
    known = [key for key, _ in THUNK_KEYS]
    unknown = sorted(set(table) - set(known))
    if unknown:
        raise UserError(
            f"unknown key(s) {', '.join(unknown)} in {where}. Known keys: {', '.join(known)}."
        )
    header = table.get("header")
    functions = table.get("functions", [])
    calls = table.get("calls", [])
    if not isinstance(header, str) or not all(
        isinstance(v, list) and all(isinstance(n, str) for n in v) for v in (functions, calls)
    ):
        raise UserError(
            f'{where} needs header = "file.h" and functions/calls = lists of function names.'
        )
    if not functions and not calls:
        raise UserError(
            f"{where} names no function: list them in functions (implemented in "
            "your assembly) or calls (called from it)."
        )
    return ThunkSettings(project_dir / header, tuple(functions), tuple(calls))


class BuildOptions:
    """Effective settings converted once into what the plan decides with (the values
    were validated when loaded, so the conversions cannot fail).  Each setting is
    declared here, once: the loader, the typed attribute and docs/settings.md all come
    from its :class:`SettingSpec`."""

    arches = SettingSpec(
        "arch",
        "Target architecture. `auto` builds exactly what the wrapped backend would "
        'build unaided (no cross toolchain, no retagging). A list (`["x64", "arm64ec"]`, '
        "or `x64,arm64ec`) builds one wheel per arch in one build: the first is the one a "
        "PEP 517 frontend receives, the others are written beside it.",
        _arches,
        default="auto",
        choices=("auto", *arch_names()),
        multiple=True,
    )
    toolchain = SettingSpec(
        "toolchain",
        "Compiler family. `auto` picks MSVC on Windows when Visual Studio has the ARM64 "
        "tools, else clang-cl from LLVM.",
        _toolchain,
        default="auto",
        choices=get_args(Toolchain),
    )
    llvm_root = SettingSpec(
        "llvm-root",
        "Where LLVM is: a folder holding clang-cl, lld-link, llvm-lib and llvm-dlltool (or "
        "its `bin/`), or `ziglang` for the LLVM inside the PyPI ziglang wheel. Empty: the "
        "ziglang wheel if installed, else clang-cl on PATH, else the newest "
        "/usr/lib/llvm-NN.",
        str,
        allowed_text="a folder path",
    )
    sysroot = SettingSpec(
        "sysroot",
        "Windows SDK + MSVC CRT tree for cross builds (an xwin splat layout, or a copied "
        "`VC/Tools/MSVC/<ver>` + `Windows Kits/10` tree). Empty on a non-Windows host: "
        "CRT-less build on mingw-w64 headers with ec-buildext's Arm64EC runtime support.",
        _folder,
        allowed_text="a folder path",
    )
    python_root = SettingSpec(
        "python-root",
        "A Windows CPython layout (`include/`, `libs/pythonXY.lib`) of the version "
        "running the build, that modules with Python.h compile and link against and "
        "`find_package(Python COMPONENTS Development.Module)` resolves to. For `arm64x`, the "
        "x64 CPython, whose library the EC view links. Empty on Linux/macOS: made from "
        "the interpreter running the build (its headers, a Windows pyconfig.h, import "
        "libraries from what the headers declare), cached; the build prints where it "
        "came from.",
        _folder,
        allowed_text="a folder path",
    )
    python_root_native = SettingSpec(
        "python-root-native",
        "`arm64x` only: the ARM64 CPython layout whose `include/` the native view "
        "compiles with and whose `libs/pythonXY.lib` it links. Either of the pair that is "
        "not set comes from the CPython folder cibuildwheel's DIST_EXTRA_CONFIG names "
        "(`library_dirs`, when it cross-compiles for ARM64) or the CPython running the "
        "build (on Windows), each by its `pythonXY.lib`'s machine; else, on Linux/macOS, "
        "it is made from the interpreter running the build. The build prints where each "
        "came from.",
        _folder,
        allowed_text="a folder path",
    )
    audit = SettingSpec(
        "audit",
        "Run `ec-buildext audit` on the built wheel and fail the build on any problem "
        '(needs LIEF in the build environment: requires = ["ec-buildext[llvm,inspect]"]).',
        _flag,
        default="false",
        choices=("false", "true"),
    )
    reproducible = SettingSpec(
        "reproducible",
        "Byte-identical wheels from the same sources, in any folder, at any time: links "
        "with `/Brepro` (the PE TimeDateStamp becomes a hash of the image) and gives every "
        "wheel member the time `SOURCE_DATE_EPOCH` names, or 1980-01-01 when it is unset.",
        _flag,
        default="false",
        choices=("false", "true"),
    )
    allow_missing_extensions = SettingSpec(
        "allow-missing-extensions",
        "setuptools builds: write the wheel when extension modules the project declares "
        "are missing from it (its setup.py caught their failure and fell back to pure "
        "Python). `false`: the build fails with a paragraph naming each missing module and "
        "its first compile or link error. `true`: the same paragraph as a warning, and a "
        "wheel with no binary left that setuptools tagged for a platform is tagged as a "
        "Windows build of the project (the arch's tag), never for the build machine.",
        _flag,
        default="false",
        choices=("false", "true"),
    )
    target_view = SettingSpec(
        "target-view",
        "setuptools cross builds (from Linux or macOS): the project's setup.py code and its "
        "`build_ext` methods see the target Windows (`sys.platform` win32, `os.name` nt, "
        "`platform.system()`/`machine()`, `sys.getwindowsversion()`, "
        "`sysconfig.get_platform()`, build_ext's `plat_name`) while setuptools works on the "
        "build machine; docs/setuptools.md says what is shown and where. `false`: setup.py "
        "sees the build machine.",
        _flag,
        default="true",
        choices=("true", "false"),
    )
    wheel_tag = SettingSpec(
        "wheel-tag",
        "Wheel platform tag to write instead of the architecture's default "
        "(win_arm64ec, win_arm64, win_amd64).",
        _optional,
        check=_is_wheel_tag,
        allowed_text="a platform tag such as win_arm64ec, or compressed tags joined by '.'",
    )

    wrap_backend = SettingSpec(
        "wrap-backend",
        "The PEP 517 backend `ec_buildext.setuptools` wraps instead of "
        "`setuptools.build_meta`, for projects whose own backend drives setuptools (an "
        "in-tree backend that runs Cython first, `pdm.backend`): its hooks run in-process "
        "with ec-buildext's compiler, environment and tagging. A module, or "
        "`module:object` as in `build-backend`.",
        _optional,
        check=_is_backend_name,
        allowed_text="a module name, or module:object",
    )
    wrap_backend_path = SettingSpec(
        "wrap-backend-path",
        "Folders (relative to the project) put first on `sys.path` to import "
        "`wrap-backend`: an in-tree backend's `backend-path`, moved here from "
        "`[build-system]` (frontends refuse a `build-backend` that `backend-path` does "
        'not hold). A TOML array (`["packaging"]`) or comma-separated text.',
        _folders,
        allowed_text="folder paths",
        listed=True,
    )

    def __init__(
        self,
        values: Mapping[str, str],
        sources: Mapping[str, str],
        thunks: Optional[ThunkSettings] = None,
    ) -> None:
        #: Each setting's typed value, by setting name (read through the attributes).
        self.typed: Mapping[str, object] = {s.name: s.convert(values[s.name]) for s in SETTINGS}
        #: Where each setting came from, for messages.
        self.sources = sources
        #: ``[tool.ec-buildext.thunks]``: thunks for hand-written assembly, if any.
        self.thunks = thunks


#: Every setting, in the order the docs and ``ec-buildext settings`` list them.
SETTINGS: tuple[SettingSpec[Any], ...] = tuple(
    spec for spec in vars(BuildOptions).values() if isinstance(spec, SettingSpec)
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    """Effective settings, with where each value came from."""

    values: Mapping[str, str]
    sources: Mapping[str, str] = field(default_factory=dict)
    #: ``[tool.ec-buildext.thunks]``: thunks for hand-written assembly, if any.
    thunks: Optional[ThunkSettings] = None

    def __getitem__(self, name: str) -> str:
        return self.values[name]

    @property
    def arch(self) -> str:
        """The (first) target arch."""
        return self.arches[0]

    @property
    def arches(self) -> list[str]:
        """Every target arch, in order (one for most projects)."""
        return [a.strip() for a in self.values["arch"].split(",")]

    def options(self) -> BuildOptions:
        """The settings a build plan is made from, as typed values."""
        return BuildOptions(self.values, self.sources, self.thunks)


def _unknown_key(key: str, source: str) -> UserError:
    return UserError(
        f"unknown setting '{key}' in {source}. Known settings: "
        f"{', '.join(s.name for s in SETTINGS)}. Fix the name (the settings table is in "
        "docs/settings.md)."
    )


def _as_text(value: Any, key: str, source: str) -> str:
    if (
        isinstance(value, list)
        and (_BY_NAME[key].multiple or _BY_NAME[key].listed)
        and all(isinstance(v, str) for v in value)
    ):
        return ",".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    raise UserError(
        f"setting '{key}' in {source} must be a string, not {type(value).__name__} "
        f"({value!r}). Write it as a quoted string."
    )


def read_pyproject_table(project_dir: Path) -> dict[str, Any]:
    """``[tool.ec-buildext]`` of ``project_dir/pyproject.toml`` (empty if absent)."""
    return read_tool_table(project_dir, "ec-buildext")


def read_tool_table(project_dir: Path, tool: str) -> dict[str, Any]:
    """``[tool.<tool>]`` of ``project_dir/pyproject.toml`` (empty if absent)."""
    pyproject = project_dir / "pyproject.toml"
    if not pyproject.is_file():
        return {}
    try:
        with pyproject.open("rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise UserError(f"{pyproject} is not valid TOML ({e}). Fix the file.") from None
    table = data.get("tool", {}).get(tool, {})
    if not isinstance(table, dict):
        raise UserError(f"[tool.{tool}] in {pyproject} must be a table.")
    return table


def load_settings(
    project_dir: Path,
    config_settings: Optional[Mapping[str, Any]] = None,
    environ: Optional[Mapping[str, str]] = None,
) -> Settings:
    """Merge the three sources; unknown keys and bad values raise :class:`UserError`."""
    env = os.environ if environ is None else environ
    values = {s.name: s.default for s in SETTINGS}
    sources = {s.name: "default" for s in SETTINGS}

    pyproject_source = f"pyproject.toml {PYPROJECT_TABLE}"
    thunks = None
    for key, raw in read_pyproject_table(project_dir).items():
        if key == "thunks":
            thunks = _thunk_settings(raw, project_dir)
            continue
        if key not in _BY_NAME:
            raise _unknown_key(key, pyproject_source)
        values[key] = _BY_NAME[key].validate(_as_text(raw, key, pyproject_source), pyproject_source)
        sources[key] = pyproject_source

    for key, raw in (config_settings or {}).items():
        if not key.startswith(CONFIG_PREFIX):
            continue
        name = key[len(CONFIG_PREFIX) :]
        source = f"config-settings (-C {key}=...)"
        if name not in _BY_NAME:
            raise _unknown_key(name, source)
        text = raw[-1] if isinstance(raw, list) and raw else raw
        values[name] = _BY_NAME[name].validate(_as_text(text, name, source), source)
        sources[name] = source

    known_env = {s.env_var: s for s in SETTINGS}
    for var, raw in env.items():
        if not var.startswith(ENV_PREFIX) or var in _NON_SETTING_ENV:
            continue
        source = f"environment variable {var}"
        if var not in known_env:
            raise UserError(
                f"unknown setting in {source}. Known variables: "
                f"{', '.join(known_env)}. Unset it or fix the name."
            )
        spec = known_env[var]
        values[spec.name] = spec.validate(raw, source)
        sources[spec.name] = source
    return Settings(values, sources, thunks)


#: EC_BUILDEXT_* variables that are not settings (they steer the tool itself).
_NON_SETTING_ENV = frozenset({"EC_BUILDEXT_CACHE_DIR", "EC_BUILDEXT_SETUPTOOLS_CHILD"})


def settings_docs() -> str:
    """Markdown table of every setting (the body of docs/settings.md)."""
    lines = [
        "# ec-buildext settings",
        "",
        "<!-- Generated by `ec-buildext settings --docs`; do not edit by hand. -->",
        "",
        "Each setting can be given in three places; a later one wins:",
        "",
        '1. `pyproject.toml`, table `[tool.ec-buildext]`: `arch = "arm64ec"`',
        "2. PEP 517 config-settings: `pip wheel . -C ec-buildext.arch=arm64ec`"
        " (`python -m build -C...` alike)",
        "3. environment: `EC_BUILDEXT_ARCH=arm64ec`",
        "",
        "An unknown key, or a value outside the allowed ones, stops the build with a message"
        " naming the key, where it came from, and what is allowed.",
        "",
        "| setting | environment | default | allowed | what it does |",
        "|---|---|---|---|---|",
    ]
    for s in SETTINGS:
        allowed = " \\| ".join(f"`{c}`" for c in s.choices) if s.choices else s.allowed
        default = f"`{s.default}`" if s.default else "(empty)"
        lines.append(f"| `{s.name}` | `{s.env_var}` | {default} | {allowed} | {s.help} |")
    lines += [
        "",
        "## `[tool.ec-buildext.thunks]`",
        "",
        "Arm64EC thunks for hand-written assembly, in pyproject.toml only, for setuptools"
        " projects (`ec_buildext.setuptools`). A CMake project calls `ec_add_thunks()` in"
        " its CMakeLists.txt instead; the CMake backend refuses this table rather than"
        " ignore it.",
        "",
        "| key | what it does |",
        "|---|---|",
        *(f"| `{key}` | {text} |" for key, text in THUNK_KEYS),
    ]
    lines += [
        "",
        "`EC_BUILDEXT_CACHE_DIR` (not a setting) moves the cache of generated LLVM wrappers,"
        " runtime-support objects and import libraries (default: `~/.cache/ec-buildext`).",
        "",
    ]
    return "\n".join(lines)
