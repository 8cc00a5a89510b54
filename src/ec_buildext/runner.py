"""The one way ec-buildext starts a build tool (clang, lld-link, llvm-lib, llvm-dlltool,
vswhere, ...): argv, environment, a private temporary folder, a timeout, and the
command with its output when it fails.

Every failure is a :class:`ToolFailed` paragraph (a :class:`~ec_buildext.errors.UserError`),
never a traceback: a non-zero exit, a timeout, and a program that cannot be started at
all (missing, not executable, an empty script: ``cannot run PATH: REASON``).

The Arm64X launcher (:mod:`ec_buildext.hybrid`) runs once per compile and imports only
the standard library, so it starts its steps itself.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Union

from .errors import UserError

__all__ = ["Finished", "ToolFailed", "run_tool"]


class ToolFailed(UserError):
    """A tool failed, timed out or could not be started: the command and its output."""

    def __init__(self, message: str, argv: Sequence[str], output: str = "") -> None:
        super().__init__(message)
        self.argv = tuple(argv)
        self.output = output


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
) -> Finished:
    """Run ``argv`` (``what``: what it does, for the messages) to its end.

    ``env``: the whole environment (default: this process's); ``private_temp``: a fresh
    temporary folder as TMPDIR/TMP/TEMP (clang's driver writes temporary files there,
    and builds run commands side by side); ``stdout_file``: standard output goes to this
    file instead of memory (outputs of megabytes).  A non-zero exit raises ``error``
    (with ``check``) saying ``what`` failed, the command, its output (the last
    ``keep_last`` characters) and ``explain(output)``; a timeout, or a program that cannot
    be started, raises :class:`ToolFailed` whatever ``error`` is."""
    words = [str(a) for a in argv]
    folder = tempfile.TemporaryDirectory(prefix="ec-buildext-") if private_temp else None
    with folder or contextlib.nullcontext(None) as private:
        environment = dict(os.environ if env is None else env)
        if private is not None:
            environment.update(TMPDIR=private, TMP=private, TEMP=private)
        try:
            proc = _start(words, environment, timeout, stdout_file)
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
    argv: list[str], env: dict[str, str], timeout: Optional[float], stdout_file: Optional[Path]
) -> subprocess.CompletedProcess[str]:
    if stdout_file is None:
        return subprocess.run(
            argv, capture_output=True, text=True, errors="replace", env=env, timeout=timeout
        )
    with open(stdout_file, "w", encoding="utf-8", errors="replace") as out:
        return subprocess.run(
            argv,
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
            env=env,
            timeout=timeout,
        )
