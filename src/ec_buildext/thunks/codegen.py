"""The AArch64 code of the thunks, as a small typed form both emitters write out.

A thunk is a ``Routine``: a symbol and a body of ``Instruction``s and local
``Label``s, whose operands are registers (their names), immediates, memory
operands and ``Symbol`` references.  ``thunk_file`` lays out what one output file
holds: each function's thunk (its code once per file, at its first user) and, for
the functions the assembly calls, the guest-exit routine.  The emitters (``gnu``,
``armasm64``) choose the names, sections and directives of their syntax.

Scratch values go in x15-x17 (x16/x17: intra-procedure-call), never in the registers
Arm64EC reserves (x13, x14, x23, x24, x28, v16-v31).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Optional, Union

from .model import (
    Prototype,
    ThunkError,
    ValueType,
    as_named,
    entry_thunk_name,
    exit_thunk_name,
    naming_note,
)

# ---- the intermediate form ---------------------------------------------------


@dataclass(frozen=True)
class Symbol:
    """A symbol, by the name LLVM and MSVC give it (``$ientry_thunk$cdecl$i8``, ``#f``)."""

    name: str
    #: A name C spells (the function's own, the loader's pointers): written as is.
    #: The thunks' names hold ``$`` or ``#``: each syntax quotes or respells them.
    c_identifier: bool = False


@dataclass(frozen=True)
class Imm:
    """``#value``."""

    value: int


@dataclass(frozen=True)
class BitMask:
    """A logical immediate (``and``): the bit pattern of ``value`` as 64 bits."""

    value: int


@dataclass(frozen=True)
class ShiftedLeft:
    """``register, lsl #amount``."""

    register: str
    amount: int


@dataclass(frozen=True)
class PageOffset:
    """The low 12 bits of ``symbol``'s address (after ``adrp`` of its page)."""

    symbol: Symbol


@dataclass(frozen=True)
class Mem:
    """``[base, #offset]``; ``writeback`` "pre" (``[base, #offset]!``) or "post"
    (``[base], #offset``); an offset may be a ``PageOffset``."""

    base: str
    offset: Union[int, PageOffset] = 0
    writeback: Literal["", "pre", "post"] = ""

    def text(self, page_offset: str) -> str:
        """The operand in the spelling both syntaxes share (``page_offset``: how the
        syntax writes a ``PageOffset`` offset, when the offset is one)."""
        if isinstance(self.offset, PageOffset):
            return f"[{self.base}, {page_offset}]"
        if self.writeback == "pre":
            return f"[{self.base}, #{self.offset}]!"
        if self.writeback == "post":
            return f"[{self.base}], #{self.offset}"
        return f"[{self.base}, #{self.offset}]"


@dataclass(frozen=True)
class LocalRef:
    """A branch to local label ``number``, the nearest one ahead or behind."""

    number: int
    forward: bool


#: A register (its name: ``x0``, ``w17``, ``sp``, ``q6``...) or one of the above;
#: a bare ``Symbol`` is its address (``adrp``'s page, a branch's target).
Operand = Union[str, Imm, BitMask, ShiftedLeft, PageOffset, Mem, LocalRef, Symbol]


@dataclass(frozen=True)
class Instruction:
    """``mnemonic operand, operand...``."""

    mnemonic: str
    operands: tuple[Operand, ...] = ()
    #: Conditional branches: ``b`` with condition ``gt`` is ``b.gt``.
    condition: str = ""


@dataclass(frozen=True)
class Label:
    """Local label ``number`` (found by ``LocalRef``), before the next instruction."""

    number: int


Line = Union[Instruction, Label]


@dataclass(frozen=True)
class Routine:
    """A thunk: in the thunk section, named ``symbol``."""

    symbol: Symbol
    body: tuple[Line, ...]
    #: Why the name is not clang's, for the reader of the file (a comment); or "".
    note: str = ""


@dataclass(frozen=True)
class ImplementedFunction:
    """A function the assembly implements, reached from x64 code through ``entry_thunk``."""

    name: str
    entry_thunk: Symbol
    #: The thunk's code, with the first function of the file that uses it; else None.
    new_thunk: Optional[Routine]


@dataclass(frozen=True)
class CalledFunction:
    """A function the assembly calls, maybe x64 code, reached through the guest exit."""

    name: str
    exit_thunk: Symbol
    #: The thunk's code, with the first function of the file that uses it; else None.
    new_thunk: Optional[Routine]
    #: The routine the assembly calls instead of ``name`` (each syntax names it).
    guest_exit: tuple[Line, ...]


@dataclass(frozen=True)
class ThunkFile:
    """What one output file holds, in the order it holds it."""

    implemented: tuple[ImplementedFunction, ...]
    called: tuple[CalledFunction, ...]


def _i(mnemonic: str, *operands: Operand) -> Instruction:
    return Instruction(mnemonic, operands)


def _c_symbol(name: str) -> Symbol:
    return Symbol(name, c_identifier=True)


DISPATCH_RET = _c_symbol("__os_arm64x_dispatch_ret")
DISPATCH_CALL = _c_symbol("__os_arm64x_dispatch_call_no_redirect")
CHECK_ICALL = _c_symbol("__os_arm64x_check_icall")


def thunk_file(implemented: Sequence[Prototype], called: Sequence[Prototype]) -> ThunkFile:
    """Every thunk these functions need, each thunk's code once (the first user's).

    Functions whose thunks have one name share one thunk, so that name must stand
    for one code: if two functions ever needed different code under one name, this
    refuses instead of giving one of them the other's thunk."""
    emitted: dict[str, tuple[str, tuple[Line, ...]]] = {}

    def routine(name: str, proto: Prototype, body: tuple[Line, ...]) -> Optional[Routine]:
        first = emitted.setdefault(name, (proto.name, body))
        if first[1] != body:
            raise ThunkError(
                f"{first[0]} and {proto.name} need different thunk code under one name, "
                f"{name} (a bug in ec-buildext: please report it with both prototypes)."
            )
        if first[0] != proto.name:
            return None
        return Routine(Symbol(name), body, naming_note(proto))

    entries = []
    for proto in implemented:
        name = entry_thunk_name(proto)
        code = routine(name, proto, tuple(_entry_thunk(proto)))
        entries.append(ImplementedFunction(proto.name, Symbol(name), code))
    exits = []
    for proto in called:
        thunk = Symbol(exit_thunk_name(proto))
        code = routine(thunk.name, proto, tuple(_exit_thunk(proto)))
        exits.append(CalledFunction(proto.name, thunk, code, tuple(_guest_exit(proto, thunk))))
    return ThunkFile(tuple(entries), tuple(exits))


# ---- where the conventions put values -------------------------------------------

_X64_HOME = 0x20  # shadow space the x64 convention reserves above the return address


def _fp(reg: int, t: ValueType) -> str:
    return f"{'s' if t.kind == 'float' else 'd'}{reg}"


def _align16(n: int) -> int:
    return (n + 15) & ~15


@dataclass(frozen=True)
class _Where:
    """Where AAPCS64 puts a value: ``regs`` consecutive x or v registers from ``first``,
    or ``stack`` bytes at ``offset`` of the stack arguments; ``by_reference`` for
    aggregates over 16 bytes (a pointer to a copy, placed like an integer)."""

    bank: str  # "x", "v" or "stack"
    first: int = 0
    regs: int = 1
    offset: int = 0
    by_reference: bool = False


def _aapcs_locations(params: Sequence[ValueType]) -> list[_Where]:
    out, ngrn, nsrn, nsaa = [], 0, 0, 0
    for p in params:
        if p.hfa is not None or p.is_fp:
            count = p.hfa[1] if p.hfa else 1
            if nsrn + count <= 8:
                out.append(_Where("v", nsrn, count))
                nsrn += count
                continue
            nsrn = 8
            out.append(_Where("stack", offset=nsaa))
            nsaa += (p.size + 7) & ~7
            continue
        by_reference = p.kind == "agg" and p.size > 16
        count = 1 if (by_reference or p.kind != "agg") else (p.size + 7) // 8
        if ngrn + count <= 8:
            out.append(_Where("x", ngrn, count, by_reference=by_reference))
            ngrn += count
            continue
        ngrn = 8
        out.append(_Where("stack", offset=nsaa, by_reference=by_reference))
        nsaa += 8 if (by_reference or p.kind != "agg") else (p.size + 7) & ~7
    return out


def _stack_bytes(where: Sequence[_Where], params: Sequence[ValueType]) -> int:
    return max(
        [
            w.offset + (8 if (w.by_reference or p.kind != "agg") else (p.size + 7) & ~7)
            for w, p in zip(where, params)
            if w.bank == "stack"
        ],
        default=0,
    )


def _member(p: ValueType) -> tuple[str, int]:
    """(register prefix, bytes) of one member of an HFA, or of a float/double."""
    kind = p.hfa[0] if p.hfa else p.kind
    return ("s", 4) if kind == "float" else ("d", 8)


def _copy(dst: str, dst_off: int, src: str, src_off: int, size: int) -> list[Line]:
    """Copy ``size`` bytes (rounded up to 8) through x17."""
    out: list[Line] = []
    for k in range(0, (size + 7) & ~7, 8):
        out += [_i("ldr", "x17", Mem(src, src_off + k)), _i("str", "x17", Mem(dst, dst_off + k))]
    return out


def _store_exact(src_regs: Sequence[str], dst: str, size: int) -> list[Line]:
    """Store exactly ``size`` bytes held in x registers (little-endian) at [dst]."""
    out: list[Line] = []
    off = 0
    for reg in src_regs:
        left = min(8, size - off)
        if left <= 0:
            break
        if left == 8:
            out.append(_i("str", reg, Mem(dst, off)))
            off += 8
            continue
        out.append(_i("mov", "x17", reg))
        for piece, op in ((4, "str"), (2, "strh"), (1, "strb")):
            if left >= piece:
                out += [_i(op, "w17", Mem(dst, off)), _i("lsr", "x17", "x17", Imm(piece * 8))]
                off += piece
                left -= piece
    return out


# ---- entry thunks: x64 caller -> AArch64 body ---------------------------------------

# The Arm64EC variadic convention is x64's, carried in AArch64 registers: the first
# four parameter slots in x0-x3 (floating-point values too), x4 = the address of the
# fifth slot, x5 = the size of the stack part.  So variadic thunks move no parameter.

_SAVE_Q6_Q15: tuple[Line, ...] = (
    _i("stp", "q6", "q7", Mem("sp", -176, "pre")),
    _i("stp", "q8", "q9", Mem("sp", 32)),
    _i("stp", "q10", "q11", Mem("sp", 64)),
    _i("stp", "q12", "q13", Mem("sp", 96)),
    _i("stp", "q14", "q15", Mem("sp", 128)),
    _i("stp", "x29", "x30", Mem("sp", 160)),
    _i("add", "x29", "sp", Imm(160)),
)
_RESTORE_Q6_Q15_AND_RETURN_TO_X64: tuple[Line, ...] = (
    _i("adrp", "x1", DISPATCH_RET),
    _i("ldr", "x1", Mem("x1", PageOffset(DISPATCH_RET))),
    _i("ldp", "x29", "x30", Mem("sp", 160)),
    _i("ldp", "q14", "q15", Mem("sp", 128)),
    _i("ldp", "q12", "q13", Mem("sp", 96)),
    _i("ldp", "q10", "q11", Mem("sp", 64)),
    _i("ldp", "q8", "q9", Mem("sp", 32)),
    _i("ldp", "q6", "q7", Mem("sp", 176, "post")),
    _i("br", "x1"),
)


def _variadic_entry_thunk(result: ValueType) -> list[Line]:
    """x64 caller -> variadic EC body: x4 moves from the x64 stack pointer past the
    home area to the fifth slot, x5 = 0 (the size is not known to the callee)."""
    return [
        *_SAVE_Q6_Q15,
        _i("add", "x4", "x4", Imm(_X64_HOME)),
        _i("mov", "x5", "xzr"),
        _i("blr", "x9"),
        *([_i("mov", "x8", "x0")] if result.kind == "int" else []),  # RAX; XMM0 is v0
        *_RESTORE_Q6_Q15_AND_RETURN_TO_X64,
    ]


def _entry_thunk(proto: Prototype) -> list[Line]:
    """x64 caller -> AArch64 body.  In: x9 = body, x0-x3 = RCX/RDX/R8/R9, v0-v3 =
    XMM0-3, x4 = the x64 stack (5th parameter at [x4, #0x20]).

    The four x64 register parameters are first spilled to the frame; every AAPCS64
    register is then loaded from memory, so no source is overwritten before use."""
    if proto.variadic:
        return _variadic_entry_thunk(proto.result)
    proto = as_named(proto)
    x64_sret = proto.result.kind == "agg" and not proto.result.x64_in_register
    where = _aapcs_locations(proto.params)
    outgoing = _align16(_stack_bytes(where, proto.params))
    spill = outgoing  # x0-x3 at spill, d0-d3 at spill + 32
    frame = outgoing + 64
    lines: list[Line] = [
        *_SAVE_Q6_Q15,
        _i("sub", "sp", "sp", Imm(frame)),
        _i("stp", "x0", "x1", Mem("sp", spill)),
        _i("stp", "x2", "x3", Mem("sp", spill + 16)),
        _i("stp", "d0", "d1", Mem("sp", spill + 32)),
        _i("stp", "d2", "d3", Mem("sp", spill + 48)),
        _i("mov", "x16", "x4"),
    ]
    for index, (p, w) in enumerate(zip(proto.params, where)):
        slot = index + (1 if x64_sret else 0)
        if slot < 4:
            base, off = "sp", spill + (32 if p.is_fp else 0) + 8 * slot
        else:
            base, off = "x16", _X64_HOME + 8 * (slot - 4)
        lines += _entry_param(p, w, base, off)
    lines += _entry_result(proto.result, x64_sret, spill)
    return [*lines, _i("add", "sp", "sp", Imm(frame)), *_RESTORE_Q6_Q15_AND_RETURN_TO_X64]


def _entry_param(p: ValueType, w: _Where, base: str, off: int) -> list[Line]:
    """Load parameter ``p``, in its x64 slot at [base, #off], where AAPCS64 wants it."""
    if p.kind != "agg":
        if w.bank == "stack":
            return _copy("sp", w.offset, base, off, 8)
        if w.bank == "v":
            return [_i("ldr", _fp(w.first, p), Mem(base, off))]
        return [_i("ldr", f"x{w.first}", Mem(base, off))]
    lines: list[Line] = []
    if not p.x64_in_register:  # the slot holds a pointer to the caller's copy
        lines.append(_i("ldr", "x15", Mem(base, off)))
        base, off = "x15", 0
    if w.by_reference:
        if base != "x15":
            lines.append(_i("add", "x15", base, Imm(off)))
        lines.append(
            _i("mov", f"x{w.first}", "x15")
            if w.bank == "x"
            else _i("str", "x15", Mem("sp", w.offset))
        )
    elif w.bank == "stack":
        lines += _copy("sp", w.offset, base, off, p.size)
    elif w.bank == "v":
        prefix, width = _member(p)
        lines += [
            _i("ldr", f"{prefix}{w.first + i}", Mem(base, off + i * width)) for i in range(w.regs)
        ]
    else:
        lines += [_i("ldr", f"x{w.first + i}", Mem(base, off + 8 * i)) for i in range(w.regs)]
    return lines


def _entry_result(result: ValueType, x64_sret: bool, spill: int) -> list[Line]:
    """Call the body and move its result where x64 wants it (RAX is x8, XMM0 is v0);
    the x64 caller's result buffer pointer (RCX) was spilled at [sp, #spill]."""
    lines: list[Line] = []
    aarch64_sret = result.kind == "agg" and result.hfa is None and result.size > 16
    if aarch64_sret:
        lines.append(_i("ldr", "x8", Mem("sp", spill)))  # the result goes straight there
    lines.append(_i("blr", "x9"))
    if x64_sret:
        lines.append(_i("ldr", "x15", Mem("sp", spill)))
        if result.hfa:
            prefix, width = _member(result)
            lines += [
                _i("str", f"{prefix}{i}", Mem("x15", i * width)) for i in range(result.hfa[1])
            ]
        elif not aarch64_sret:
            lines += _store_exact(["x0", "x1"], "x15", result.size)
        lines.append(_i("mov", "x8", "x15"))  # RAX: the buffer
    elif result.kind == "agg" and result.hfa:
        prefix, width = _member(result)
        if prefix == "d":
            lines.append(_i("fmov", "x8", "d0"))
        else:
            lines.append(_i("fmov", "w8", "s0"))
            if result.hfa[1] == 2:
                lines += [_i("fmov", "w17", "s1"), _i("orr", "x8", "x8", ShiftedLeft("x17", 32))]
    elif result.kind in ("int", "agg"):
        lines.append(_i("mov", "x8", "x0"))  # RAX
    return lines


# ---- exit thunks: AArch64 caller -> x64 code ---------------------------------------


_CALL_X64: tuple[Line, ...] = (
    _i("adrp", "x16", DISPATCH_CALL),
    _i("ldr", "x16", Mem("x16", PageOffset(DISPATCH_CALL))),
    _i("blr", "x16"),
)


def _variadic_exit_thunk(result: ValueType) -> list[Line]:
    """Variadic EC caller -> x64 code: RCX-R9 are x0-x3, XMM0-3 get the same bits (x64
    callers of variadic functions fill both), the x5 bytes at [x4] follow the home area."""
    return [
        _i("stp", "x29", "x30", Mem("sp", -16, "pre")),
        _i("mov", "x29", "sp"),
        _i("add", "x17", "x5", Imm(_X64_HOME + 15)),
        _i("and", "x17", "x17", BitMask(-16)),
        _i("sub", "sp", "sp", "x17"),
        _i("cbz", "x5", LocalRef(2, forward=True)),
        _i("add", "x10", "sp", Imm(_X64_HOME)),
        _i("mov", "x11", "x5"),
        Label(1),
        _i("ldr", "x12", Mem("x4", 8, "post")),
        _i("str", "x12", Mem("x10", 8, "post")),
        _i("subs", "x11", "x11", Imm(8)),
        Instruction("b", (LocalRef(1, forward=False),), condition="gt"),
        Label(2),
        *(_i("fmov", f"d{k}", f"x{k}") for k in range(4)),
        *_CALL_X64,
        *([_i("mov", "x0", "x8")] if result.kind == "int" else []),  # RAX; XMM0 is v0
        _i("mov", "sp", "x29"),
        _i("ldp", "x29", "x30", Mem("sp", 16, "post")),
        _i("ret"),
    ]


@dataclass(frozen=True)
class _ExitFrame:
    """The exit thunk's frame, from sp up: the x64 home area and stack parameters,
    copies of aggregates x64 takes by pointer, the x64 result buffer, the spilled
    AAPCS64 registers (x0-x7, d0-d7, x8), then x29/x30."""

    copy_at: tuple[int, ...]  # per parameter: its copy's place, if x64 takes a pointer
    sret_buffer: int
    spill: int
    size: int

    def source(self, w: _Where, index: int = 0) -> int:
        """Frame offset of an AAPCS64 argument (register ``w.first + index``)."""
        if w.bank == "x":
            return self.spill + 8 * (w.first + index)
        if w.bank == "v":
            return self.spill + 64 + 8 * (w.first + index)
        return self.size + w.offset  # the caller's stack arguments, above our frame


def _exit_frame(
    proto: Prototype, where: Sequence[_Where], x64_sret: bool, aarch64_sret: bool
) -> _ExitFrame:
    """The frame of ``proto``'s exit thunk (AAPCS64 places its parameters at ``where``)."""
    slots = len(proto.params) + (1 if x64_sret else 0)
    layout = _align16(_X64_HOME + 8 * max(0, slots - 4))
    copy_at = []
    for p, w in zip(proto.params, where):
        copy_at.append(layout)
        if p.kind == "agg" and not p.x64_in_register and not w.by_reference:
            layout += _align16(p.size)
    sret_buffer = layout
    layout += _align16(proto.result.size) if (x64_sret and not aarch64_sret) else 0
    return _ExitFrame(tuple(copy_at), sret_buffer, layout, layout + 144 + 16)


def _put(slot: int, value: str) -> Instruction:
    """Place ``value`` (an x register) in x64 parameter slot ``slot``."""
    if slot < 4:
        return _i("mov", f"x{slot}", value)
    return _i("str", value, Mem("sp", _X64_HOME + 8 * (slot - 4)))


def _exit_thunk(proto: Prototype) -> list[Line]:
    """AArch64 caller -> x64 code.  In: AAPCS64 parameters, x9 = x64 target.

    The AAPCS64 argument registers are first spilled to the frame; every x64
    register and stack slot is then filled from memory."""
    if proto.variadic:
        return _variadic_exit_thunk(proto.result)
    proto = as_named(proto)
    result = proto.result
    x64_sret = result.kind == "agg" and not result.x64_in_register
    aarch64_sret = result.kind == "agg" and result.hfa is None and result.size > 16
    where = _aapcs_locations(proto.params)
    frame = _exit_frame(proto, where, x64_sret, aarch64_sret)
    spill = frame.spill
    lines: list[Line] = [
        _i("sub", "sp", "sp", Imm(frame.size)),
        _i("stp", "x29", "x30", Mem("sp", frame.size - 16)),
        _i("add", "x29", "sp", Imm(frame.size - 16)),
    ]
    lines += [_i("stp", f"x{k}", f"x{k + 1}", Mem("sp", spill + 8 * k)) for k in range(0, 8, 2)]
    lines += [
        _i("stp", f"d{k}", f"d{k + 1}", Mem("sp", spill + 64 + 8 * k)) for k in range(0, 8, 2)
    ]
    lines.append(_i("str", "x8", Mem("sp", spill + 128)))
    if x64_sret:
        buffer = (
            _i("ldr", "x17", Mem("sp", spill + 128))
            if aarch64_sret
            else _i("add", "x17", "sp", Imm(frame.sret_buffer))
        )
        lines += [buffer, _put(0, "x17")]
    for index, (p, w) in enumerate(zip(proto.params, where)):
        slot = index + (1 if x64_sret else 0)
        lines += _exit_param(p, w, slot, frame, frame.copy_at[index])
    lines += [*_CALL_X64, *_exit_result(result, x64_sret, aarch64_sret, frame.sret_buffer)]
    return [
        *lines,
        _i("ldp", "x29", "x30", Mem("sp", frame.size - 16)),
        _i("add", "sp", "sp", Imm(frame.size)),
        _i("ret"),
    ]


def _exit_param(p: ValueType, w: _Where, slot: int, frame: _ExitFrame, at: int) -> list[Line]:
    """Fill x64 parameter ``slot`` with ``p``, spilled where ``w`` says; an aggregate
    x64 takes by pointer is laid out at [sp, #at] first."""
    if p.kind != "agg":
        if p.is_fp and slot < 4:
            return [_i("ldr", _fp(slot, p), Mem("sp", frame.source(w)))]
        return [_i("ldr", "x17", Mem("sp", frame.source(w))), _put(slot, "x17")]
    if w.by_reference:  # AArch64 passes a pointer to a copy: so does x64
        return [_i("ldr", "x17", Mem("sp", frame.source(w))), _put(slot, "x17")]
    lines: list[Line] = []
    if p.x64_in_register:  # 1, 2, 4 or 8 bytes in one integer register
        if w.bank == "v" and _member(p)[1] == 4:
            lines.append(_i("ldr", "w17", Mem("sp", frame.source(w))))
            if w.regs == 2:
                lines += [
                    _i("ldr", "w15", Mem("sp", frame.source(w, 1))),
                    _i("orr", "x17", "x17", ShiftedLeft("x15", 32)),
                ]
        else:
            lines.append(_i("ldr", "x17", Mem("sp", frame.source(w))))
        return [*lines, _put(slot, "x17")]
    # By pointer on x64: lay the value out in our frame, pass its address.
    if w.bank == "v":
        width = _member(p)[1]
        reg = "w17" if width == 4 else "x17"
        for i in range(w.regs):
            lines += [
                _i("ldr", reg, Mem("sp", frame.source(w, i))),
                _i("str", reg, Mem("sp", at + i * width)),
            ]
    elif w.bank == "x":
        for i in range(w.regs):
            lines += [
                _i("ldr", "x17", Mem("sp", frame.source(w, i))),
                _i("str", "x17", Mem("sp", at + 8 * i)),
            ]
    else:
        lines += _copy("sp", at, "sp", frame.source(w), p.size)
    return [*lines, _i("add", "x17", "sp", Imm(at)), _put(slot, "x17")]


def _exit_result(
    result: ValueType, x64_sret: bool, aarch64_sret: bool, sret_buffer: int
) -> list[Line]:
    """Move the x64 result (RAX is x8, XMM0 is v0, or the buffer at [sp, #sret_buffer])
    where AAPCS64 wants it; an AArch64 result buffer was filled by the callee."""
    if result.kind == "int":
        return [_i("mov", "x0", "x8")]  # RAX
    if result.kind != "agg" or (x64_sret and aarch64_sret):
        return []
    if x64_sret:
        if result.hfa:
            prefix, width = _member(result)
            return [
                _i("ldr", f"{prefix}{i}", Mem("sp", sret_buffer + i * width))
                for i in range(result.hfa[1])
            ]
        return [
            _i("ldr", "x0", Mem("sp", sret_buffer)),
            _i("ldr", "x1", Mem("sp", sret_buffer + 8)),
        ]
    if not result.hfa:  # returned in RAX
        return [_i("mov", "x0", "x8")]
    if _member(result)[1] == 8:
        return [_i("fmov", "d0", "x8")]
    lines: list[Line] = [_i("fmov", "s0", "w8")]
    if result.hfa[1] == 2:
        lines += [_i("lsr", "x17", "x8", Imm(32)), _i("fmov", "s1", "w17")]
    return lines


def _guest_exit(proto: Prototype, thunk: Symbol) -> list[Line]:
    """The routine the assembly calls for a possibly-x64 ``proto.name``: asks
    ``__os_arm64x_check_icall`` where to go (x11: the target, x10: the exit thunk)."""
    target = _c_symbol(proto.name)
    return [
        _i("str", "x30", Mem("sp", -16, "pre")),
        _i("adrp", "x16", CHECK_ICALL),
        _i("ldr", "x16", Mem("x16", PageOffset(CHECK_ICALL))),
        _i("adrp", "x11", target),
        _i("add", "x11", "x11", PageOffset(target)),
        _i("adrp", "x10", thunk),
        _i("add", "x10", "x10", PageOffset(thunk)),
        _i("blr", "x16"),
        _i("ldr", "x30", Mem("sp", 16, "post")),
        _i("br", "x11"),
    ]
