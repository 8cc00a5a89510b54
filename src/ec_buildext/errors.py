"""The one exception type for mistakes a user can fix, and how ec-buildext speaks.

A :class:`UserError` carries a one-paragraph message that names the problem and
the fix.  The CLI and the PEP 517 backends print it without a traceback and
exit non-zero; anything else is a bug in ec-buildext and keeps its traceback.
:func:`log` is the one way ec-buildext's lines (progress, notes) reach standard error.
"""

from __future__ import annotations

import sys
from typing import NoReturn

__all__ = ["UserError", "fail", "log"]


class UserError(Exception):
    """A problem in the user's input or environment, with the fix in its text."""


def fail(error: UserError, *, code: int = 1) -> NoReturn:
    """Print ``error`` as ec-buildext's error paragraph and exit with ``code``."""
    print(f"ec-buildext: error: {error}", file=sys.stderr, flush=True)
    raise SystemExit(code)


def log(message: str) -> None:
    """One line of ec-buildext's on standard error (``ec-buildext: MESSAGE``)."""
    print(f"ec-buildext: {message}", file=sys.stderr, flush=True)
