"""CMake text: the template files shipped in ``templates/`` (``@NAME@`` placeholders),
paths, lists and flag strings."""

from __future__ import annotations

import re
import shlex
import sys
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Union

from ..errors import UserError

__all__ = ["cmake_list", "cmake_path", "fill", "flags", "render_template", "template_text"]

_PLACEHOLDER = re.compile(r"@([A-Z_]+)@")


def template_text(name: str) -> str:
    """The text of ``templates/<name>.cmake.in`` shipped with ec-buildext."""
    return (
        resources.files("ec_buildext.cmake_ext")
        .joinpath("templates")
        .joinpath(f"{name}.cmake.in")
        .read_text(encoding="utf-8")
    )


def fill(template: str, values: Mapping[str, str]) -> str:
    """``template`` with every ``@NAME@`` replaced by ``values[NAME]``."""

    def one(m: re.Match[str]) -> str:
        return values[m[1]]

    return _PLACEHOLDER.sub(one, template)


def render_template(name: str, **values: str) -> str:
    """``templates/<name>.cmake.in`` filled with ``values``."""
    return fill(template_text(name), values)


def cmake_path(path: Union[Path, str]) -> str:
    """A path as CMake writes it (forward slashes)."""
    return Path(path).as_posix()


def cmake_list(paths: Iterable[Union[Path, str]]) -> str:
    """Paths as the quoted arguments of a CMake command."""
    return " ".join(f'"{cmake_path(p)}"' for p in paths)


def flags(parts: Iterable[str]) -> str:
    """A CMake flags string's contents (to go between double quotes), each word quoted
    for the command lines it ends up in: Ninja and Make run them through ``/bin/sh`` on
    POSIX hosts (a path with ``' ` (`` or a space stays one word), directly on Windows
    (double quotes around a word with spaces).  A ``$`` cannot be passed: CMake writes
    these strings into Ninja and Make files, which read ``$`` as their own, escaped in
    some places and not in others."""
    words = list(parts)
    for word in words:
        if "$" in word:
            raise UserError(
                f"{word!r} has a '$', which CMake passes on to Ninja or Make in compile and "
                "link flags without escaping it, so the build would use another path. Move "
                "that folder to a path without '$' (for ec-buildext's cache: set "
                "EC_BUILDEXT_CACHE_DIR to such a folder)."
            )
    if sys.platform == "win32":
        return " ".join(f'\\"{p}\\"' if " " in p else p for p in words)
    return " ".join(_cmake_quoted(shlex.quote(p)) for p in words)


def _cmake_quoted(text: str) -> str:
    """``text`` inside a CMake quoted argument: backslashes and double quotes escaped."""
    return text.replace("\\", "\\\\").replace('"', '\\"')
