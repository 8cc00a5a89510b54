"""The one way ec-buildext starts a build tool (clang, lld-link, llvm-lib, llvm-dlltool,
vswhere, ...): argv, environment, a private temporary folder, a timeout, and the
command with its output when it fails.

Every failure is a :class:`ToolFailed` paragraph (a :class:`~ec_buildext.errors.UserError`),
never a traceback: a non-zero exit, a timeout, and a program that cannot be started at
all (missing, not executable, an empty script: ``cannot run PATH: REASON``).

Tools run side by side (a thread pool's compiles) can share a :class:`ToolGroup`: on
Ctrl-C or the first failure, ``stop()`` terminates the running ones and refuses to
start more, so a build ends at once instead of finishing its queue.

The Arm64X launcher (:mod:`ec_buildext.hybrid`) runs once per compile and imports only
the standard library, so it starts its steps itself.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Union

from .errors import UserError

__all__ = ["Finished", "Stopped", "ToolFailed", "ToolGroup", "Watched", "run_tool", "run_watched"]


class ToolFailed(UserError):
    """A tool failed, timed out or could not be started: the command and its output."""

    def __init__(self, message: str, argv: Sequence[str], output: str = "") -> None:
        super().__init__(message)
        self.argv = tuple(argv)
        self.output = output


class Stopped(Exception):
    """A tool of a stopped :class:`ToolGroup`: not started, or terminated (not an error of
    its own: what stopped the group is)."""


class ToolGroup:
    """Tools that stop together: :meth:`stop` terminates those running and makes every
    later start raise :class:`Stopped`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: set[subprocess.Popen[str]] = set()
        self.stopped = False

    def start(self, argv: list[str], **popen: object) -> subprocess.Popen[str]:
        with self._lock:
            if self.stopped:
                raise Stopped(argv[0])
            proc: subprocess.Popen[str] = subprocess.Popen(argv, **popen)  # type: ignore[call-overload]
            self._running.add(proc)
            return proc

    def finished(self, proc: subprocess.Popen[str]) -> None:
        with self._lock:
            self._running.discard(proc)
        if self.stopped:
            raise Stopped(proc.args)

    def stop(self) -> None:
        with self._lock:
            self.stopped = True
            running = list(self._running)
        for proc in running:
            proc.terminate()


@dataclass(frozen=True)
class Finished:
    """A tool that ran to its end."""

    argv: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        """Standard output and standard error, as one text."""
        return (self.stdout + self.stderr).strip()


def _command(argv: Sequence[str]) -> str:
    return " ".join(argv)


def _cannot_run(argv: Sequence[str], what: str, error: OSError) -> ToolFailed:
    reason = error.strerror or str(error)
    return ToolFailed(
        f"cannot run {argv[0]}: {reason} ({what}).\n  {_command(argv)}\n"
        "Check that the program is there and that this machine can run it; for LLVM's "
        "tools, choose another LLVM with the llvm-root setting.",
        argv,
    )


def _text(data: Union[str, bytes, None]) -> str:
    if isinstance(data, bytes):
        return data.decode(errors="replace")
    return data or ""


def run_tool(
    argv: Sequence[Union[str, Path]],
    what: str,
    *,
    env: Optional[Mapping[str, str]] = None,
    private_temp: bool = False,
    timeout: Optional[float] = None,
    stdout_file: Optional[Path] = None,
    check: bool = True,
    explain: Optional[Callable[[str], str]] = None,
    keep_last: Optional[int] = None,
    error: type[ToolFailed] = ToolFailed,
    cwd: Optional[Path] = None,
    group: Optional[ToolGroup] = None,
) -> Finished:
    """Run ``argv`` (``what``: what it does, for the messages) to its end.

    ``env``: the whole environment (default: this process's); ``private_temp``: a fresh
    temporary folder as TMPDIR/TMP/TEMP (clang's driver writes temporary files there,
    and builds run commands side by side); ``stdout_file``: standard output goes to this
    file instead of memory (outputs of megabytes).  A non-zero exit raises ``error``
    (with ``check``) saying ``what`` failed, the command, its output (the last
    ``keep_last`` characters) and ``explain(output)``; a timeout, or a program that cannot
    be started, raises :class:`ToolFailed` whatever ``error`` is.  ``cwd``: the folder it
    runs in; ``group``: the :class:`ToolGroup` it stops with (:class:`Stopped`)."""
    words = [str(a) for a in argv]
    folder = tempfile.TemporaryDirectory(prefix="ec-buildext-") if private_temp else None
    with folder or contextlib.nullcontext(None) as private:
        environment = dict(os.environ if env is None else env)
        if private is not None:
            environment.update(TMPDIR=private, TMP=private, TEMP=private)
        try:
            proc = _start(words, environment, timeout, stdout_file, cwd, group or ToolGroup())
        except subprocess.TimeoutExpired as e:
            output = (_text(e.stdout) + _text(e.stderr)).strip()
            raise ToolFailed(
                f"{what} did not finish in {timeout:g} s:\n  {_command(words)}\n{output}",
                words,
                output,
            ) from None
        except OSError as e:
            raise _cannot_run(words, what, e) from None
    finished = Finished(tuple(words), proc.returncode, _text(proc.stdout), _text(proc.stderr))
    if check and finished.returncode != 0:
        output = finished.output
        shown = output[-keep_last:] if keep_last else output
        told = shown or f"(no output; exit status {finished.returncode})"
        hint = explain(output) if explain is not None else ""
        raise error(f"{what} failed:\n  {_command(words)}\n{told}{hint}", words, output)
    return finished


def _start(
    argv: list[str],
    env: dict[str, str],
    timeout: Optional[float],
    stdout_file: Optional[Path],
    cwd: Optional[Path],
    group: ToolGroup,
) -> subprocess.CompletedProcess[str]:
    """``subprocess.run`` through ``group`` (which can terminate it)."""
    with contextlib.ExitStack() as files:
        out = (
            files.enter_context(open(stdout_file, "w", encoding="utf-8", errors="replace"))
            if stdout_file is not None
            else subprocess.PIPE
        )
        proc = group.start(
            argv, stdout=out, stderr=subprocess.PIPE, text=True, errors="replace", env=env, cwd=cwd
        )
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            stdout, stderr = proc.communicate()
            group.finished(proc)
            raise subprocess.TimeoutExpired(argv, timeout or 0, stdout, stderr) from None
        except BaseException:  # Ctrl-C in this thread: the tool goes too
            proc.kill()
            proc.wait()
            group.finished(proc)
            raise
        group.finished(proc)
    return subprocess.CompletedProcess(argv, proc.returncode, stdout, stderr)


@dataclass(frozen=True)
class Watched:
    """A program run by :func:`run_watched`: its exit status and output, what its
    watcher said of the line after which it may hang (None: no such line), and whether
    it was stopped for it."""

    returncode: int
    output: str
    hang_line: Optional[str]
    stopped: bool


def run_watched(
    argv: Sequence[Union[str, Path]],
    what: str,
    *,
    env: Mapping[str, str],
    cwd: Path,
    hangs_after: Callable[[str], Optional[str]],
    grace: float,
) -> Watched:
    """Run ``argv`` with its output (standard error merged) passed on line by line as it
    comes, for long runs a user watches (test suites).  A line of which ``hangs_after``
    says something (not None) means the program will not end by itself (Wine waiting
    for a debugger after a crash): if it is still running ``grace`` seconds later, it
    and every process it started (its process group) are killed.  A program that
    cannot be started raises :class:`ToolFailed`."""
    words = [str(a) for a in argv]
    try:
        proc = subprocess.Popen(
            words,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            errors="replace",
            env=dict(env),
            cwd=cwd,
            start_new_session=True,
        )
    except OSError as e:
        raise _cannot_run(words, what, e) from None
    lines: list[str] = []
    alarm: list[tuple[float, str]] = []

    def pass_on() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            sys.stdout.write(line)
            sys.stdout.flush()
            lines.append(line)
            said = None if alarm else hangs_after(line)
            if said is not None:
                alarm.append((time.monotonic(), said))

    reader = threading.Thread(target=pass_on, daemon=True)
    reader.start()
    try:
        while proc.poll() is None:
            if alarm and time.monotonic() - alarm[0][0] > grace:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                break
            time.sleep(0.2)
    except BaseException:  # Ctrl-C: the program and what it started go too
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise
    reader.join(timeout=5)
    hang_line = alarm[0][1] if alarm else None
    stopped = hang_line is not None and proc.returncode == -signal.SIGKILL
    return Watched(proc.returncode, "".join(lines), hang_line, stopped)
