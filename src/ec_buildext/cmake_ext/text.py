"""CMake text: the template files shipped in ``templates/`` (``@NAME@`` placeholders),
paths, lists and flag strings."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Union

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
    """A CMake flags string's contents (to go between double quotes), words with spaces
    quoted inside it."""
    return " ".join(f'\\"{p}\\"' if " " in p else p for p in parts)
