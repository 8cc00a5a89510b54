"""Which extension modules a setuptools build declared, which failed, and why.

Projects catch a failed extension and fall back to pure Python (``build_ext.run``
catching ``CCompilerError``, ``Extension(optional=True)``, a second ``setup()`` without
``ext_modules``): the build exits 0 with a wheel that lacks the native code.  The
:class:`ExtensionRecord` of one wheel build collects the modules the project declared
and the first error of each, so the backend can name what is missing from the wheel
(:func:`missing_modules`, :func:`missing_paragraph`) instead of writing it silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Optional

from ..wheeltools.inspect import BINARY_SUFFIXES

__all__ = ["ExtensionRecord", "first_error", "missing_modules", "missing_paragraph", "module_name"]

_ERROR_LINE = re.compile(r"\b(fatal )?error\b", re.IGNORECASE)
#: ``.cp313-win_amd64`` or ``.cpython-313-x86_64-linux-gnu``, ``.abi3``: the module
#: name ends before it.
_EXTENSION_TAG = re.compile(r"\.(cp\d+[^.]*|cpython-[^.]*|abi3|pypy[^.]*)$")


@dataclass
class ExtensionRecord:
    """The extension modules of one wheel build (dotted names, ``ext_package``
    included) and the first error each met, in the order they were declared."""

    declared: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)

    def declare(self, names: Iterable[str]) -> None:
        for name in names:
            if name not in self.declared:
                self.declared.append(name)

    def failed(self, name: str, error: str) -> None:
        """Keep the first error of ``name``: later ones follow from it."""
        self.errors.setdefault(name, error)


def first_error(output: str, fallback: str = "") -> str:
    """The first line of a tool's output that reports an error (clang's
    ``file.c(3,1): error: ...``, lld-link's ``error: undefined symbol``), else the
    first line of ``fallback``."""
    for line in output.splitlines():
        if _ERROR_LINE.search(line):
            return line.strip()
    lines = fallback.strip().splitlines()
    return lines[0].strip() if lines else "no error was reported"


def module_name(member: str) -> Optional[str]:
    """The dotted module name of a wheel member that is an extension module (a DLL or
    .pyd), else None: ``pkg/_speedups.cp313-win_amd64.pyd`` -> ``pkg._speedups``."""
    lower = member.lower()
    if not lower.endswith(BINARY_SUFFIXES) or lower.endswith(".exe"):
        return None
    stem = member.rsplit(".", 1)[0]
    return _EXTENSION_TAG.sub("", stem).replace("/", ".")


def missing_modules(declared: Iterable[str], members: Iterable[str]) -> list[str]:
    """The declared extension modules that no member of the wheel is."""
    present = {module_name(m) for m in members}
    return [name for name in declared if name not in present]


def missing_paragraph(
    wheel: str, missing: list[str], record: ExtensionRecord, allowed: bool
) -> str:
    """What the build says when declared modules are not in the wheel: each module and
    its first error, then what the user can do (or what was done, when allowed)."""
    lines = [
        f"the project declares {len(record.declared)} extension module(s), and "
        f"{len(missing)} of them are not in {wheel}: the build went on without them (a "
        "setup.py that catches a failed extension and falls back to pure Python, or an "
        "optional Extension):"
    ]
    for name in missing:
        error = record.errors.get(name, "not built, and no compile or link of it failed")
        lines.append(f"  - {name}: {error}")
    if allowed:
        lines.append(
            "allow-missing-extensions = true, so the wheel is written without them, "
            "tagged as a Windows build of the project would be."
        )
    else:
        lines.append(
            "The wheel was not written. Fix the errors above (the build log has each "
            "command and its whole output), or set allow-missing-extensions = true "
            "(EC_BUILDEXT_ALLOW_MISSING_EXTENSIONS=true) to accept the wheel without them."
        )
    return "\n".join(lines)
