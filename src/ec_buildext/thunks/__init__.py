"""Arm64EC entry and exit thunks for hand-written assembly (``ec-buildext thunks``).

Compilers make thunks for C functions; a function written in assembly gets none,
and x64 code calling it crashes.  This reads the prototypes from a C header with
libclang (types laid out for x64 Windows by the compiler) and writes, in GNU
assembler syntax:

* for each function the assembly *implements* (``functions``): an entry thunk
  (x64 convention in, AAPCS64 out, q6-q15 kept, result to RAX/XMM0, return
  through ``__os_arm64x_dispatch_ret``), the ``.hybmp$x`` entry that ties it to
  the body ``#name``, and the ``name`` -> ``#name`` alias;
* for each function the assembly *calls* (``calls``): an exit thunk (AAPCS64 in,
  x64 out through ``__os_arm64x_dispatch_call_no_redirect``) and the ``#name``
  guest-exit routine that asks ``__os_arm64x_check_icall`` where to go.

Thunk names follow LLVM's (and MSVC's) mangling, ``$ientry_thunk$cdecl$<ret>$<args>``,
so a signature's thunk is shared with compiler-made ones (COMDAT, .wowthk$aa).

Handled: integers of every width, pointers, enums, bool, float, double and long
double (= double on Windows), structs and unions of every size (1, 2, 4 and 8 bytes by value
on x64, others through a pointer to a copy; HFAs in v registers and larger than
16 bytes by reference on AArch64; results through hidden pointers where either
convention wants one), any number of parameters on the stack on both sides.
Unions are classified like structs of their size (HFA when every member is
one of the same type; zero-width bit-fields are no members).  Aggregates of 3, 5, 6
and 7 bytes follow the x64 rules (by pointer), where clang puts them in a register;
their thunks are named by the ``m<N>`` rule (``m3``...) so they never merge with
clang's.  Aggregate results are named ``F/D<N>`` when HFAs and ``i8``/``m16``/``m<N>``
otherwise, where clang gives some of both one name (the file says so where our name
is not clang's).  Variadic functions use the Arm64EC variadic convention (x0-x3, x4 =
the stack part, x5 = its size); their exit thunk copies the stack part, where clang's
does not, and is named apart from clang's.  Over-aligned and empty structs, vector
types and variadic functions returning aggregates are refused with the reason.

The body's symbol convention (``ec_thunks.h``): ``EC_FUNC_BEGIN(name)`` opens the
body as ``#name`` in a COMDAT section under Arm64EC and as ``name`` otherwise, so
one ``.S`` file builds for ARM64 and Arm64EC.

``syntax="armasm64"`` writes the same thunk code for Microsoft's armasm64.  It has no
directive for ``.hybmp$x``'s symbol indexes nor for ``.weak_anti_dep``, so there the
function ``name`` is a stub in the thunk file, after the word holding its entry
thunk's offset (ksarm64.h's way), branching to the body ``#name`` (A64NAME's name);
the assembly calls possibly-x64 code through ``#name.guest_exit``.  Names avoid ``$``
(armasm substitutes ``$variables``).

The package: ``model`` (the types as both conventions see them, the thunks' names),
``reader`` (libclang: header -> model), ``codegen`` (the thunks' code as a typed
form), ``gnu`` and ``armasm64`` (that form in each syntax).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal, get_args

from ..errors import UserError
from . import armasm64, gnu
from .codegen import thunk_file
from .model import Prototype, ThunkError, ValueType, exit_thunk_name, mangle
from .reader import read_prototypes

__all__ = [
    "SYNTAXES",
    "Prototype",
    "ThunkError",
    "ThunkSyntax",
    "ValueType",
    "exit_thunk_name",
    "generate",
    "mangle",
    "read_prototypes",
]

#: The assemblers the thunks are written for: GNU syntax (clang, llvm-mc) or
#: Microsoft's armasm64.
ThunkSyntax = Literal["gnu", "armasm64"]
SYNTAXES: tuple[ThunkSyntax, ...] = get_args(ThunkSyntax)


def generate(
    implemented: Sequence[Prototype], called: Sequence[Prototype] = (), syntax: ThunkSyntax = "gnu"
) -> str:
    """The assembly file with every thunk, map entry and alias these functions need."""
    both = sorted({p.name for p in implemented} & {p.name for p in called})
    if both:
        raise UserError(
            f"{', '.join(both)}: listed as implemented by your assembly (--function, "
            "functions) and as called from it (--calls, calls). The assembly calls its own "
            "functions directly (#NAME under Arm64EC): list them as implemented only."
        )
    implemented = list({p.name: p for p in implemented}.values())  # a name given twice
    called = list({p.name: p for p in called}.values())
    emitters = {"gnu": gnu.emit, "armasm64": armasm64.emit}
    emit = emitters.get(syntax)
    if emit is None:
        raise UserError(
            f"unknown assembler syntax {syntax!r}: choose one of {', '.join(SYNTAXES)}."
        )
    return emit(thunk_file(implemented, called))


def thunks_for_header(
    header: Path,
    functions: Sequence[str],
    calls: Sequence[str] = (),
    clang_args: Sequence[str] = (),
    syntax: ThunkSyntax = "gnu",
) -> str:
    """Read ``header`` (once) and generate the thunks file (the CLI's work)."""
    prototypes = read_prototypes(header, [*functions, *calls], clang_args)
    return generate(prototypes[: len(functions)], prototypes[len(functions) :], syntax)
