"""The test command with cibuildwheel's syntax and placeholders (pure functions).

cibuildwheel's options: ``test-command`` (a string, or a list joined with ``&&``;
``{project}`` is the project's folder, ``{package}`` the folder of the package built),
``test-requires`` (a list, or a string of space-separated requirements),
``test-extras`` (the package's extras installed with it: a list, or a string with commas)
and ``test-sources`` (paths relative to the project, copied into the folder the tests run
in).  ``[tool.cibuildwheel.windows]`` overrides ``[tool.cibuildwheel]``: the tests
run in a Windows CPython.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Optional

from ..errors import UserError

__all__ = ["SuiteOptions", "command_lines", "overridden", "spec_from_cibuildwheel"]


@dataclass(frozen=True)
class SuiteOptions:
    """What to run: the command (one line per ``&&`` step) and what it needs."""

    command: str = ""
    requires: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    extras: tuple[str, ...] = ()

    def with_extras(self, wheel: str) -> str:
        """``wheel`` (a path) as pip's requirement with this run's extras."""
        return f"{wheel}[{','.join(self.extras)}]" if self.extras else wheel


def _words(value: Any, key: str, source: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(value.split())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise UserError(
        f"{key} in {source} must be a string or a list of strings, not {value!r}. Fix it "
        "as cibuildwheel documents it."
    )


def _command(value: Any, source: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return " && ".join(value)
    raise UserError(
        f"test-command in {source} must be a string or a list of strings, not {value!r}. "
        "Fix it as cibuildwheel documents it."
    )


def spec_from_cibuildwheel(tool: Mapping[str, Any], source: str) -> SuiteOptions:
    """The test options of ``[tool.cibuildwheel]`` (``tool``), its ``windows`` table
    overriding them; ``source`` names the file for messages."""
    windows = tool.get("windows", {})
    merged = {**tool, **(windows if isinstance(windows, Mapping) else {})}
    spec = SuiteOptions()
    if "test-command" in merged:
        spec = replace(spec, command=_command(merged["test-command"], source))
    if "test-requires" in merged:
        spec = replace(spec, requires=_words(merged["test-requires"], "test-requires", source))
    if "test-sources" in merged:
        spec = replace(spec, sources=_words(merged["test-sources"], "test-sources", source))
    if "test-extras" in merged:
        extras = _words(merged["test-extras"], "test-extras", source)
        spec = replace(spec, extras=tuple(e for w in extras for e in w.split(",") if e))
    return spec


def overridden(
    spec: SuiteOptions,
    command: Optional[str],
    requires: Optional[list[str]],
    sources: Optional[list[str]],
    extras: Optional[list[str]] = None,
) -> SuiteOptions:
    """``spec`` with the options given on the command line in place of its own."""
    if command is not None:
        spec = replace(spec, command=command)
    if requires is not None:
        spec = replace(spec, requires=tuple(w for r in requires for w in r.split()))
    if sources is not None:
        spec = replace(spec, sources=tuple(w for s in sources for w in s.split()))
    if extras is not None:
        spec = replace(spec, extras=tuple(e for x in extras for e in x.split(",") if e))
    return spec


def command_lines(command: str, placeholders: Mapping[str, str]) -> list[list[str]]:
    """``command`` as the argv of each ``&&`` step, each word's ``{name}`` replaced.

    Split before the placeholders are filled: a Windows path's backslashes stay as
    they are."""
    try:
        words = shlex.split(command, posix=True)
    except ValueError as e:
        raise UserError(f"cannot read the test command {command!r}: {e}. Fix its quotes.") from None
    steps: list[list[str]] = [[]]
    for word in words:
        if word == "&&":
            steps.append([])
            continue
        steps[-1].append(_fill(word, placeholders))
    if any(not step for step in steps):
        raise UserError(
            f"the test command {command!r} has an empty step. Write it as COMMAND [&& "
            "COMMAND ...], e.g. 'pytest {project}/tests'."
        )
    return steps


def _fill(word: str, placeholders: Mapping[str, str]) -> str:
    """Only the known ``{name}`` are replaced (as cibuildwheel does): other braces, as
    in ``python -c "print({1: 2})"``, stay."""
    for name, value in placeholders.items():
        word = word.replace("{" + name + "}", value)
    return word
