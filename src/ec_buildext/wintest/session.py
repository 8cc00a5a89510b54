"""One ``ec-buildext test`` run: the x64 wheel (given, or built as the project's x64
twin), the Windows CPython of its X.Y under Wine, the requirements fetched on Linux as
win_amd64 wheels and installed with the Windows pip, then the test command, whose
exit status is the run's."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from ..cache import cache_dir
from ..errors import UserError, log
from ..runner import Watched, run_tool, run_watched
from ..settings import load_settings
from .config import SuiteOptions, command_lines
from .limits import debugger_wait, wine_limitations
from .wine import Wine, find_wine, windows_path
from .winpython import windows_cpython

#: Seconds a test process may go on after Wine's "starting debugger..." line (it may
#: still print; it does not end by itself) before it is stopped.
CRASH_GRACE = 10.0

__all__ = ["SuiteRun", "run_tests", "step_argv", "wheel_python_version"]

#: Where the requirements' win_amd64 wheels are kept between runs.
WHEELS_CACHE = "windows-test-wheels"
#: The names a test command's step gives the interpreter.
PYTHON_NAMES = frozenset({"python", "python3", "python.exe", "py"})
_TAG = re.compile(r"^cp(\d)(\d+)$")


@dataclass(frozen=True)
class SuiteRun:
    """What ``ec-buildext test`` was asked for."""

    project: Path  # {project}: pyproject.toml's folder
    package: Path  # {package}
    wheels: tuple[Path, ...]  # given wheels (any arch); none: build the x64 twin
    spec: SuiteOptions
    build_isolation: bool = True


def wheel_python_version(wheel_name: str, fallback: tuple[int, int]) -> tuple[int, int]:
    """The CPython X.Y a wheel is for, by its python tag (``cp313``); ``fallback``
    for tags that name none (``abi3`` wheels: ``cp38``...: the build interpreter's)."""
    parts = wheel_name[: -len(".whl")].split("-")
    if len(parts) < 5:
        raise UserError(
            f"{wheel_name} is not a wheel file name (NAME-VERSION-PY-ABI-PLATFORM.whl)."
        )
    python, abi = parts[-3], parts[-2]
    found = _TAG.match(python)
    if found is None or abi == "abi3" or abi == "none":
        return fallback
    return int(found[1]), int(found[2])


def is_x64_wheel(wheel: Path) -> bool:
    """A wheel whose platform tags include win_amd64 (what Wine runs here)."""
    return "win_amd64" in wheel.name[: -len(".whl")].split("-")[-1].split(".")


def step_argv(step: Sequence[str], python_exe: str, scripts: Mapping[str, str]) -> list[str]:
    """A test command's step as Windows argv: ``python`` is the Windows CPython's
    ``python.exe``; a console script (``scripts``: name -> ``module:function``) is run by
    it from its entry point (pip's .exe launchers print nothing under Wine 8.0, seen)."""
    program, rest = step[0], list(step[1:])
    if program in PYTHON_NAMES:
        return [python_exe, *rest]
    entry = scripts.get(program.removesuffix(".exe"))
    if entry is None:
        raise UserError(
            f"the test command runs {program!r}, which is neither python nor a console "
            "script installed in the Windows CPython by the test requirements. Add its "
            "package to test-requires, or write the step as python -m MODULE ..."
        )
    module, _, function = entry.partition(":")
    call = f"{module}.{function}" if function else f"{module}.main"
    code = f"import sys, {module}; sys.argv[0] = {program!r}; sys.exit({call}())"
    return [python_exe, "-c", code, *rest]


def console_scripts(cpython: Path) -> dict[str, str]:
    """The console scripts installed in ``cpython``: name -> ``module:function``."""
    scripts: dict[str, str] = {}
    for entry_points in (cpython / "Lib" / "site-packages").glob("*.dist-info/entry_points.txt"):
        parser = configparser.ConfigParser(delimiters=("=",), interpolation=None)
        parser.optionxform = str  # type: ignore[assignment,method-assign]
        parser.read_string(entry_points.read_text(encoding="utf-8"))
        if parser.has_section("console_scripts"):
            scripts.update((k, v.strip()) for k, v in parser.items("console_scripts"))
    return scripts


def _non_ec_line(project: Path, wheels: Sequence[Path]) -> Optional[str]:
    arches = [a for a in load_settings(project).arches if a not in ("x64", "auto")]
    given = [w.name for w in wheels if not is_x64_wheel(w)]
    if not arches and not given:
        return None
    what = ", ".join(arches) if arches else ", ".join(given)
    return (
        f"this project builds for {what}: ARM64 and Arm64EC code cannot run on this "
        "machine, so the tests run against the x64 build of the same sources (same C/C++ "
        "runtime, synthesized CPython and code paths, compiled for x64) in a real Windows "
        "x64 CPython under Wine"
    )


def build_x64_twin(project: Path, dest: Path, build_isolation: bool) -> Path:
    """``pip wheel`` of the project with EC_BUILDEXT_ARCH=x64: its x64 twin."""
    if not ((project / "pyproject.toml").is_file() or (project / "setup.py").is_file()):
        raise UserError(
            f"{project} is not a project folder (no pyproject.toml or setup.py) and no x64 "
            "wheel was given. Run ec-buildext test in the project's folder, or give its "
            "x64 wheel (built with EC_BUILDEXT_ARCH=x64)."
        )
    log(f"building the x64 twin of {project} (pip wheel, EC_BUILDEXT_ARCH=x64)")
    argv: list[Union[str, Path]] = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q"]
    argv += [project, "-w", dest]
    if not build_isolation:
        argv.insert(argv.index("--no-deps"), "--no-build-isolation")
    env = {**os.environ, "EC_BUILDEXT_ARCH": "x64"}
    run_tool(argv, "building the x64 twin", env=env, keep_last=6000)
    built = [w for w in dest.glob("*.whl") if is_x64_wheel(w)]
    if not built:
        raise UserError(f"pip wheel made no win_amd64 wheel of {project} (got {os.listdir(dest)}).")
    return built[0]


def _download(wheel: str, requires: Sequence[str], version: tuple[int, int]) -> Path:
    folder = cache_dir() / WHEELS_CACHE
    extra = " and " + " ".join(requires) if requires else ""
    log(f"fetching win_amd64 wheels of {Path(wheel).name}'s requirements{extra}")
    argv = [sys.executable, "-m", "pip", "download", "-q", "--only-binary", ":all:"]
    argv += ["--platform", "win_amd64", "--python-version", f"{version[0]}.{version[1]}"]
    run_tool(
        [*argv, "-d", folder, wheel, *requires],
        "downloading the test requirements as win_amd64 wheels",
        keep_last=3000,
        explain=lambda _: (
            "\nEvery test requirement must have a win_amd64 (or pure Python) wheel on "
            "the index: the Windows CPython cannot build sdists here."
        ),
    )
    return folder


def _windows_python(cpython: Path, run_dir: Path) -> Path:
    """A private copy of the cached CPython (hard links where possible), which pip
    installs into: the cache entry stays as its manifest says."""
    target = run_dir / "python"

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(cpython, target, copy_function=link)
    return target


def _install(wine: Wine, python: Path, wheels: Path, wanted: Sequence[str]) -> None:
    if not wine.started_before:
        log(f"starting Wine for the first time (making its prefix {wine.prefix}: up to a minute)")
    log(f"installing {' '.join(Path(w).name for w in wanted)} with the Windows pip")
    argv: list[Union[str, Path]] = [wine.loader, python / "python.exe", "-m", "pip", "install"]
    argv += ["--no-index"]
    argv += ["--disable-pip-version-check", "--no-warn-script-location"]
    argv += ["--find-links", windows_path(wheels), *wanted]
    run_tool(
        argv,
        "installing into the Windows CPython",
        env=wine.environment(os.environ),
        keep_last=4000,
    )


def _copy_sources(project: Path, sources: Sequence[str], dest: Path) -> None:
    for source in sources:
        origin = project / source
        if origin.is_dir():
            shutil.copytree(origin, dest / source, dirs_exist_ok=True)
        elif origin.is_file():
            (dest / source).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, dest / source)
        else:
            raise UserError(
                f"test-sources names {source}, which is not in {project}. Fix the path."
            )


def _crash_paragraph(finished: Watched) -> str:
    """What ended a test step that met an exception nothing handled."""
    if finished.stopped:
        how = (
            f"Wine then waits for a debugger instead of ending the process, so it was "
            f"stopped after {CRASH_GRACE:g} s"
        )
    else:
        how = f"the process ended with status {finished.returncode}"
    return (
        f"the tests crashed: Wine said {finished.hang_line!r}, and {how}. An unhandled "
        "exception (an access violation, a stack overflow) in the x64 build or in what the "
        "tests run; on Windows the process would end with its exception code. Run the "
        "failing test alone to find it."
    )


def _run_steps(wine: Wine, python: Path, run: SuiteRun, cwd: Path) -> int:
    placeholders = {"project": windows_path(run.project), "package": windows_path(run.package)}
    scripts = console_scripts(python)
    for step in command_lines(run.spec.command, placeholders):
        argv = [str(wine.loader), *step_argv(step, str(python / "python.exe"), scripts)]
        log(f"running the tests under Wine: {' '.join(step)}")
        # Pipes, not files: Windows CPython under Wine 8.0 cannot open a regular file
        # as its standard output ("init_sys_streams: ... Invalid handle", seen).
        finished = run_watched(
            argv,
            "the tests",
            env=wine.environment(os.environ),
            cwd=cwd,
            hangs_after=debugger_wait,
            grace=CRASH_GRACE,
        )
        if finished.hang_line is not None:
            log(_crash_paragraph(finished))
        if finished.hang_line is not None or finished.returncode != 0:
            for limitation in wine_limitations(finished.output):
                log(f"Wine limitation, not the build's: {limitation}")
            log(f"the tests exited with status {finished.returncode}")
            return finished.returncode if 0 < finished.returncode < 256 else 1
    log("the tests passed")
    return 0


def run_tests(run: SuiteRun) -> int:
    """Run ``run``; the tests' exit status (a UserError before they start)."""
    if not run.spec.command:
        raise UserError(
            "no test command: give one with --command (e.g. --command 'pytest "
            "{project}/tests' --requires pytest) or set test-command in [tool.cibuildwheel] "
            f"of {run.project / 'pyproject.toml'}."
        )
    line = _non_ec_line(run.project, run.wheels)
    if line:
        log(line)
    wine = find_wine(os.environ)
    x64 = [w for w in run.wheels if is_x64_wheel(w)]
    with tempfile.TemporaryDirectory(prefix="ec-buildext-test-") as tmp:
        if not x64:
            x64 = [build_x64_twin(run.project, Path(tmp) / "twin", run.build_isolation)]
        status = 0
        for number, wheel in enumerate(x64):  # as cibuildwheel, each wheel in its CPython
            if len(x64) > 1:
                log(f"testing {wheel.name}")
            result = _test_wheel(run, wheel, wine, Path(tmp) / f"run{number}")
            status = status or result  # the first failure's
        return status


def _test_wheel(run: SuiteRun, wheel: Path, wine: Wine, run_dir: Path) -> int:
    """The tests of ``run`` against ``wheel`` in the Windows CPython of its X.Y."""
    run_dir.mkdir()
    version = wheel_python_version(wheel.name, (sys.version_info[0], sys.version_info[1]))
    python = _windows_python(windows_cpython(version), run_dir)
    wheels = _download(run.spec.with_extras(str(wheel)), run.spec.requires, version)
    _install(wine, python, wheels, [run.spec.with_extras(windows_path(wheel)), *run.spec.requires])
    cwd = run_dir / "tests"
    cwd.mkdir()
    _copy_sources(run.project, run.spec.sources, cwd)
    return _run_steps(wine, python, run, cwd)
