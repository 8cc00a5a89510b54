"""The C types of a prototype as the x64 and AAPCS64 conventions see them, and the
thunk names LLVM and MSVC give each signature (``$cdecl$<ret>$<args>``: ``i8``,
``m16``, ``F8``...)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

from ..errors import UserError


class ThunkError(UserError):
    """A prototype ec-buildext cannot make a thunk for, with the reason."""


def _m(size: int) -> str:
    return "m" if size == 4 else f"m{size}"


@dataclass(frozen=True)
class ValueType:
    """A parameter or result, as the two calling conventions see it."""

    kind: str  # "void", "int" (integers, pointers, enums, bool), "float", "double", "agg"
    size: int
    #: Aggregates: the homogeneous floating-point members ("float"|"double", count), if any.
    hfa: Optional[tuple[str, int]] = None
    #: Aggregates whose IR type is one array of this ("float"|"double"): a struct's only
    #: field, a union's storage member.  clang mangles F/D<size> from it as a result.
    fp_array: Optional[str] = None

    @property
    def is_fp(self) -> bool:
        return self.kind in ("float", "double")

    @property
    def x64_in_register(self) -> bool:
        """x64 passes (and returns) it by value in one register; else through a pointer."""
        return self.kind != "agg" or self.size in (1, 2, 4, 8)

    @property
    def odd(self) -> bool:
        """3, 5, 6 or 7 bytes: by pointer on x64, in a register on AArch64 (clang errs here)."""
        return self.kind == "agg" and self.hfa is None and self.size in (3, 5, 6, 7)

    def _fp(self, base: Optional[str]) -> str:
        return f"{'F' if base == 'float' else 'D'}{self.size}"

    def code(self, result: bool = False) -> str:
        """The mangling code of our thunks: LLVM's and MSVC's, except where LLVM gives
        one code to values that need different code (see ``clang_code``).

        A result is ``F<N>``/``D<N>`` when it is an HFA (v registers on AArch64), and
        ``i8``, ``m16`` or ``m<N>`` when it is not, so one name is one thunk."""
        if self.kind != "agg":
            return {"void": "v", "int": "i8", "float": "f", "double": "d"}[self.kind]
        if self.odd:
            return _m(self.size)  # MSVC's name; clang's i8 thunk is wrong for these
        if self.hfa:
            return self._fp(self.hfa[0])
        if result and self.size > 16:
            return _m(self.size)
        return "i8" if self.size <= 8 or self.size > 16 else "m16"

    def clang_code(self, result: bool = False) -> str:
        """The code clang 22 gives: for results, from the IR type it returns, which
        is the record itself for an HFA (``m<N>`` unless it is one float/double array:
        ``F<N>``/``D<N>``), integers up to 16 bytes otherwise (``i8``, ``m16``), and
        the record again beyond (``D24`` for a union whose storage is ``double[3]``)."""
        if self.kind != "agg" or not result:
            return "i8" if self.odd else self.code(result)
        if self.hfa is None and self.size <= 16:
            return "i8" if self.size <= 8 else "m16"
        return self._fp(self.fp_array) if self.fp_array else _m(self.size)


@dataclass(frozen=True)
class Prototype:
    name: str
    result: ValueType
    params: tuple[ValueType, ...]
    #: ``f(int n, ...)``: the thunk passes x0-x3 and the stack through unchanged.
    variadic: bool = False


def mangle(proto: Prototype) -> str:
    """``$cdecl$<ret>$<args>``: the part after ``$ientry_thunk`` / ``$iexit_thunk``."""
    args = "varargs" if proto.variadic else "".join(p.code() for p in proto.params) or "v"
    return f"$cdecl${proto.result.code(result=True)}${args}"


def clang_mangle(proto: Prototype) -> str:
    """``mangle`` as clang 22 spells it (the same, but where ``ValueType.code`` says)."""
    args = "varargs" if proto.variadic else "".join(p.clang_code() for p in proto.params) or "v"
    return f"$cdecl${proto.result.clang_code(result=True)}${args}"


def naming_note(proto: Prototype) -> str:
    """Why our thunk name for ``proto`` is not clang's, or "" when it is."""
    ours, clangs = mangle(proto), clang_mangle(proto)
    if ours == clangs:
        return ""
    values = [proto.result, *proto.params]
    if any(v.odd for v in values):
        why = "clang passes 3, 5, 6 and 7-byte aggregates in a register, x64 through a pointer"
    elif proto.result.hfa:
        why = (
            "clang names this HFA result (v registers) as it names results of its size "
            "that are not HFAs, so the linker could give one the other's thunk"
        )
    else:
        why = (
            "clang names this result (no HFA) by its float/double array, as it names "
            "HFA results (v registers), so the linker could give one the other's thunk"
        )
    return f"named $cdecl{ours[len('$cdecl') :]}, not clang's {clangs}: {why}"


def entry_thunk_name(proto: Prototype) -> str:
    return f"$ientry_thunk{mangle(proto)}"


def exit_thunk_name(proto: Prototype) -> str:
    """The mangled name, except for variadic functions: clang's exit thunk of that
    name (LLVM 22) passes x4/x5 as the 5th/6th x64 parameters instead of copying the
    stack part, so ours must never be merged with it (COMDAT picks either)."""
    name = f"$iexit_thunk{mangle(proto)}"
    return f"{name}$x64stack" if proto.variadic else name


def _as_named(v: ValueType, result: bool = False) -> ValueType:
    """The value as its mangled name describes it.  Thunks with one name are one
    COMDAT (shared with the compiler's), so their code may depend on nothing else:
    "m16" covers every 9-16 byte struct that is not an HFA, and is 16 bytes wide; a
    parameter over 16 bytes that is not an HFA is "i8", a pointer on both sides."""
    if v.kind == "agg" and v.hfa is None and not v.odd and 8 < v.size <= 16:
        return replace(v, size=16)
    if v.kind == "agg" and v.hfa is None and v.size > 16 and not result:
        return ValueType("int", 8)
    return v


def as_named(proto: Prototype) -> Prototype:
    """``proto`` with every value as its thunk's name describes it (see ``_as_named``)."""
    return replace(
        proto,
        result=_as_named(proto.result, result=True),
        params=tuple(map(_as_named, proto.params)),
    )
