"""The process runner (runner.py) with real processes: what a failure says.

Every way a tool can fail is one ToolFailed paragraph (a UserError, printed without a
traceback) naming the command and what it printed."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest

from ec_buildext.errors import UserError
from ec_buildext.runner import Stopped, ToolFailed, ToolGroup, run_tool, run_watched

PYTHON = sys.executable


def failure(*args: object, **kwargs: object) -> ToolFailed:
    with pytest.raises(ToolFailed) as raised:
        run_tool(*args, **kwargs)  # type: ignore[arg-type]
    error = raised.value
    # A paragraph, not a traceback: a UserError raised with no chained exception.
    assert isinstance(error, UserError)
    assert error.__cause__ is None
    assert error.__context__ is None or error.__suppress_context__
    return error


def test_output_of_a_command_that_runs() -> None:
    code = "import sys; print('out'); print('err', file=sys.stderr)"
    finished = run_tool([PYTHON, "-c", code], "printing")
    assert (finished.returncode, finished.stdout, finished.stderr) == (0, "out\n", "err\n")
    assert finished.output == "out\nerr"


def test_failing_command_names_the_command_and_its_output() -> None:
    code = "import sys; print('some output'); print('an error', file=sys.stderr); sys.exit(3)"
    error = failure([PYTHON, "-c", code], "checking things")
    text = str(error)
    assert text.startswith(f"checking things failed:\n  {PYTHON} -c {code}\n")
    assert text.endswith("some output\nan error")
    assert error.output == "some output\nan error" and error.argv == (PYTHON, "-c", code)


def test_failure_without_output_gives_the_exit_status() -> None:
    error = failure([PYTHON, "-c", "raise SystemExit(5)"], "exiting")
    assert str(error).endswith("\n(no output; exit status 5)")


def test_explain_keep_last_and_error_type() -> None:
    class Probe(ToolFailed):
        pass

    code = "print('x' * 50 + 'TAIL'); raise SystemExit(1)"
    with pytest.raises(Probe) as raised:
        run_tool(
            [PYTHON, "-c", code],
            "probing",
            keep_last=10,
            explain=lambda output: f"\nhint for {len(output)} characters",
            error=Probe,
        )
    assert str(raised.value).endswith("\nxxxxxxTAIL\nhint for 54 characters")


def test_unchecked_exit_status_is_returned() -> None:
    finished = run_tool(
        [PYTHON, "-c", "print('v 1.2.3'); raise SystemExit(2)"], "asking", check=False
    )
    assert (finished.returncode, finished.stdout) == (2, "v 1.2.3\n")


def test_missing_program(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-tool"
    text = str(failure([str(missing), "--version"], "asking for its version"))
    assert text.startswith(f"cannot run {missing}: No such file or directory (asking for ")
    assert f"  {missing} --version\n" in text


def test_file_that_is_not_executable(tmp_path: Path) -> None:
    script = tmp_path / "tool"
    script.write_text("#!/bin/sh\necho hi\n")
    script.chmod(0o644)
    assert str(failure([str(script)], "running it")).startswith(
        f"cannot run {script}: Permission denied (running it)."
    )


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX exec of an empty file")
def test_empty_script(tmp_path: Path) -> None:
    script = tmp_path / "clang"
    script.write_bytes(b"")
    script.chmod(0o755)
    assert str(failure([str(script), "-c"], "compiling")).startswith(
        f"cannot run {script}: Exec format error (compiling)."
    )


def test_timeout_names_the_command_and_what_it_printed() -> None:
    code = "import sys, time; print('started', flush=True); time.sleep(30)"
    # Raised as ToolFailed even when failures of this command have their own type.
    error = failure(
        [PYTHON, "-c", code], "waiting", timeout=0.5, error=type("Other", (ToolFailed,), {})
    )
    assert type(error) is ToolFailed
    assert str(error) == f"waiting did not finish in 0.5 s:\n  {PYTHON} -c {code}\nstarted"


def test_environment_private_temp_and_stdout_file(tmp_path: Path) -> None:
    code = (
        "import os, tempfile; "
        "print(os.environ['EC_RUNNER_TEST'], os.environ['TMP'] == os.environ['TEMP'] "
        "== os.environ['TMPDIR'] == tempfile.gettempdir(), os.path.isdir(os.environ['TMP']))"
    )
    out = tmp_path / "out.txt"
    env = {**os.environ, "EC_RUNNER_TEST": "given"}
    finished = run_tool([PYTHON, "-c", code], "env", env=env, private_temp=True, stdout_file=out)
    assert finished.stdout == "" and out.read_text() == "given True True\n"
    tmp = run_tool([PYTHON, "-c", "import os; print(os.environ['TMP'])"], "t", private_temp=True)
    assert not Path(tmp.stdout.strip()).exists()  # removed after the command


def test_working_folder(tmp_path: Path) -> None:
    finished = run_tool([PYTHON, "-c", "import os; print(os.getcwd())"], "cwd", cwd=tmp_path)
    assert finished.stdout.strip() == str(tmp_path)


def test_a_stopped_group_terminates_its_tools_and_starts_no_more() -> None:
    """stop() from another thread ends a running tool at once (Stopped, not a failure of
    the tool), and a tool started afterwards does not start."""
    group = ToolGroup()
    outcome: list[BaseException] = []

    def long_tool() -> None:
        try:
            run_tool([PYTHON, "-c", "import time; time.sleep(60)"], "sleeping", group=group)
        except BaseException as e:  # what the worker thread ends with
            outcome.append(e)

    worker = threading.Thread(target=long_tool)
    started = time.monotonic()
    worker.start()
    time.sleep(0.5)
    group.stop()
    worker.join(timeout=10)
    assert not worker.is_alive() and time.monotonic() - started < 10
    assert len(outcome) == 1 and isinstance(outcome[0], Stopped)
    with pytest.raises(Stopped):
        run_tool([PYTHON, "-c", "print('never')"], "later", group=group)


HANGS = "print('partial', flush=True); print('HANG NOW', flush=True); import time; time.sleep(600)"


def test_watched_program_passes_output_on_and_is_stopped_after_its_hang_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The program starts a child that would outlive it: the whole group is stopped.
    child = tmp_path / "child.pid"
    code = (
        "import subprocess, sys; "
        "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)']); "
        f"open({str(child)!r}, 'w').write(str(p.pid)); " + HANGS
    )
    started = time.monotonic()
    finished = run_watched(
        [sys.executable, "-c", code],
        "a hanging program",
        env=os.environ,
        cwd=tmp_path,
        hangs_after=lambda line: line.strip() if line.startswith("HANG") else None,
        grace=0.5,
    )
    assert time.monotonic() - started < 30
    assert finished.stopped and finished.hang_line == "HANG NOW"
    assert finished.output == "partial\nHANG NOW\n"
    assert "partial" in capsys.readouterr().out  # passed on as it came
    pid = int(child.read_text())
    for _ in range(50):  # the killed child is reaped by init: wait for it to go
        if (
            not Path(f"/proc/{pid}").exists()
            or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]
        ):
            break
        time.sleep(0.1)
    else:
        raise AssertionError(f"the child {pid} still runs")


def test_watched_program_that_ends_is_not_stopped(tmp_path: Path) -> None:
    finished = run_watched(
        [sys.executable, "-c", "print('HANG? no'); raise SystemExit(3)"],
        "a program",
        env=os.environ,
        cwd=tmp_path,
        hangs_after=lambda line: line.strip() if line.startswith("HANG") else None,
        grace=30,
    )
    assert (finished.returncode, finished.hang_line, finished.stopped) == (3, "HANG? no", False)
