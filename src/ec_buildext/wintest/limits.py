"""What in a failed test's output is Wine's limitation, not the build's (pure).

Wine implements most of Windows, not all: a function it declares but has not written
ends the process with "unimplemented function DLL.NAME" (ucrtbase's ``crealf`` in Wine
8.0, seen with boost-histogram), and an export it lacks makes a module fail to load
("The specified procedure could not be found").  Such a failure says nothing about the
build: the same binary may run on Windows.
"""

from __future__ import annotations

import re
from typing import Optional

__all__ = ["debugger_wait", "wine_limitations"]

#: Wine's line when a process meets an exception nothing handles ("wine: Unhandled page
#: fault on read access to 0000000000000000 at address ... (thread 0024), starting
#: debugger..."): Wine 8.0 then waits for a debugger that never comes, and the process
#: never ends (seen with a crashing extension module).  Windows would end it.
#: Searched, not matched at the start: the line may follow the tests' progress dots.
_DEBUGGER_WAIT = re.compile(r"wine: Unhandled .*starting debugger", re.IGNORECASE)

_UNIMPLEMENTED = re.compile(r"unimplemented function ([\w.\-]+)\.(\w+)", re.IGNORECASE)
#: EXCEPTION_WINE_STUB: what calling such a function raises (faulthandler prints it).
_STUB_CODE = re.compile(r"code 0x80000100", re.IGNORECASE)
_NO_PROCEDURE = re.compile(
    r"DLL load failed while importing (\w+): The specified procedure could not be found"
)


def debugger_wait(line: str) -> Optional[str]:
    """Wine's report in ``line`` of an unhandled exception after which the process
    waits for a debugger instead of ending, without the tests' progress output before
    it; None when ``line`` is not one."""
    found = _DEBUGGER_WAIT.search(line)
    return line[found.start() :].strip() if found else None


def wine_limitations(output: str) -> list[str]:
    """One sentence per Wine limitation ``output`` shows, in order, without repeats."""
    found: list[str] = []
    for m in _UNIMPLEMENTED.finditer(output):
        found.append(
            f"Wine has no implementation of {m[1]}.{m[2]} (Windows has it): a test that "
            "calls it cannot pass under Wine"
        )
    if not found and _STUB_CODE.search(output):
        found.append(
            "a test called a function Wine declares but does not implement (exception "
            "0x80000100, EXCEPTION_WINE_STUB)"
        )
    for m in _NO_PROCEDURE.finditer(output):
        found.append(
            f"{m[1]} imports a function this Wine's DLLs do not export (Windows may "
            "have it: check with ec-buildext audit and on Windows)"
        )
    return list(dict.fromkeys(found))
