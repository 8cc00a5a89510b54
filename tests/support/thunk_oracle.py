"""One signature's thunks run in the emulator, and what the conventions say each side sees.

The placement rules here (x64: four register slots, then the stack after a 32-byte
home area, aggregates other than 1, 2, 4 and 8 bytes through a pointer; AAPCS64:
x0-x7, v0-v7, HFAs in consecutive v registers, over 16 bytes by reference) are
written from the ABI documents, independently of ec_buildext.  ``run_entry`` and
``run_exit`` start a thunk from a state built from them and report, as bytes, what
the callee received and what the caller got back; ``follows_the_rules`` says whether
that is what was passed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Callable, Optional

import lief
from unicorn import UC_HOOK_CODE, UcError
from unicorn import arm64_const as a64

from .thunk_harness import Built, load_dll

SENTINEL, PROBE, STACK, X64_STACK, DATA = (
    0x7000_0000,
    0x7001_0000,
    0x7100_0000,
    0x7200_0000,
    0x7300_0000,
)
X64_TARGET = 0x4242_0000


@dataclass(frozen=True)
class CType:
    """A parameter or result type as the rules need it."""

    size: int
    #: (member width, count): an HFA, or a float/double (one member).
    hfa: Optional[tuple[int, int]] = None
    agg: bool = False

    @property
    def fp(self) -> bool:
        return not self.agg and self.hfa is not None

    @property
    def in_x64_register(self) -> bool:
        return not self.agg or self.size in (1, 2, 4, 8)

    @property
    def x64_sret(self) -> bool:
        return self.agg and not self.in_x64_register

    @property
    def aarch64_sret(self) -> bool:
        return self.agg and self.hfa is None and self.size > 16


VOID = CType(0)
INT = {n: CType(n) for n in (1, 2, 4, 8)}
FLOAT, DOUBLE = CType(4, (4, 1)), CType(8, (8, 1))


def pattern(seed: int, size: int) -> bytes:
    return bytes((seed * 37 + k * 11 + 1) & 0xFF for k in range(size))


@dataclass
class Loc:
    bank: str  # "x", "v", "stack"
    first: int = 0
    regs: int = 1
    offset: int = 0
    by_reference: bool = False


def aapcs(params: Sequence[CType]) -> list[Loc]:
    """AAPCS64 placement, from the standard."""
    out, ngrn, nsrn, nsaa = [], 0, 0, 0
    for t in params:
        if t.hfa:
            if nsrn + t.hfa[1] <= 8:
                out.append(Loc("v", nsrn, t.hfa[1]))
                nsrn += t.hfa[1]
            else:
                nsrn = 8
                out.append(Loc("stack", offset=nsaa))
                nsaa += (t.size + 7) // 8 * 8
            continue
        by_ref = t.agg and t.size > 16
        n = 1 if (by_ref or not t.agg) else (t.size + 7) // 8
        if ngrn + n <= 8:
            out.append(Loc("x", ngrn, n, by_reference=by_ref))
            ngrn += n
        else:
            ngrn = 8
            out.append(Loc("stack", offset=nsaa, by_reference=by_ref))
            nsaa += 8 * n
    return out


def _word(data: bytes) -> int:
    return int.from_bytes(data.ljust(8, b"\xab")[:8], "little")


def _image(built: Built, address: int, size: int) -> bytes:
    binary = lief.PE.parse(str(built.dll))
    base = binary.optional_header.imagebase
    for section in binary.sections:
        start = base + section.virtual_address
        if start <= address < start + len(section.content):
            off = address - start
            return bytes(section.content[off : off + size])
    raise AssertionError(f"{address:#x} is not in {built.dll}")


def entry_thunk_of(built: Built, function: str) -> int:
    """The entry thunk the linker tied to ``#function``: lld writes ``thunk - fn + 1``
    in the 4 bytes before it (where Windows looks)."""
    fn = built.symbols[f"#{function}"]
    delta = int.from_bytes(_image(built, fn - 4, 4), "little", signed=True)
    return fn + delta - 1


def exit_thunk_of(built: Built, function: str) -> int:
    """The exit thunk ``#function$exit_thunk`` (the guest exit) hands to
    ``__os_arm64x_check_icall`` in x10 (``adrp x10`` + ``add x10, x10``)."""
    start = built.symbols[f"#{function}$exit_thunk"]
    code = _image(built, start, 256)
    page = None
    for k in range(0, len(code) - 3, 4):
        insn, pc = int.from_bytes(code[k : k + 4], "little"), start + k
        if insn & 0x9F00001F == 0x9000000A:  # adrp x10, page
            imm = ((insn >> 5) & 0x7FFFF) << 2 | (insn >> 29) & 3
            imm -= (imm & 0x100000) << 1
            page = (pc & ~0xFFF) + (imm << 12)
        elif insn & 0xFFC003FF == 0x9100014A and page is not None:  # add x10, x10, #lo12
            return page + ((insn >> 10) & 0xFFF)
    raise AssertionError(f"no adrp/add of x10 in #{function}$exit_thunk")


class Machine:
    """A DLL in unicorn, the loader's dispatch pointers set: returning to x64 ends the
    run (SENTINEL), calling x64 code runs ``callee`` (PROBE)."""

    def __init__(self, built: Built) -> None:
        self.built = built
        self.uc = uc = load_dll(
            built,
            [
                (SENTINEL, 0x1000),
                (PROBE, 0x1000),
                (STACK, 0x10000),
                (X64_STACK, 0x1000),
                (DATA, 0x10000),
            ],
            [PROBE],
            {"os_arm64x_dispatch_ret": SENTINEL, "os_arm64x_dispatch_call_no_redirect": PROBE},
        )
        self.callee: Callable[[], None] = lambda: None
        uc.hook_add(UC_HOOK_CODE, lambda *_: self.callee(), begin=PROBE, end=PROBE + 3)

    def x(self, i: int) -> int:
        return int(self.uc.reg_read(a64.UC_ARM64_REG_X0 + i))

    def d(self, i: int) -> int:
        return int(self.uc.reg_read(a64.UC_ARM64_REG_D0 + i))

    def mem(self, address: int, size: int) -> bytes:
        return bytes(self.uc.mem_read(address, size))

    def start(self, address: int, regs: dict[int, int], caller_stack: bytes = b"") -> None:
        uc = self.uc
        for i in range(31):
            uc.reg_write(a64.UC_ARM64_REG_X0 + i, 0)
        for i in range(8):
            uc.reg_write(a64.UC_ARM64_REG_D0 + i, 0)
        for reg, value in regs.items():
            uc.reg_write(reg, value)
        uc.mem_write(STACK, b"\xcc" * 0x10000)
        uc.mem_write(STACK + 0x8000, caller_stack)
        uc.reg_write(a64.UC_ARM64_REG_SP, STACK + 0x8000)
        uc.reg_write(a64.UC_ARM64_REG_X30, SENTINEL)
        uc.emu_start(address, SENTINEL, count=20_000)


def received_by_aarch64(m: Machine, params: Sequence[CType], sp: int) -> list[bytes]:
    """What an AAPCS64 callee sees of each parameter, as bytes."""
    out = []
    regs = {f"x{i}": m.x(i) for i in range(8)} | {f"v{i}": m.d(i) for i in range(8)}
    for t, loc in zip(params, aapcs(params)):
        if loc.by_reference:
            pointer = regs[f"x{loc.first}"] if loc.bank == "x" else _word(m.mem(sp + loc.offset, 8))
            out.append(m.mem(pointer, t.size))
        elif loc.bank == "x":
            raw = b"".join(regs[f"x{loc.first + i}"].to_bytes(8, "little") for i in range(loc.regs))
            out.append(raw[: t.size])
        elif loc.bank == "v":
            assert t.hfa is not None
            width = t.hfa[0]
            out.append(
                b"".join(
                    regs[f"v{loc.first + i}"].to_bytes(8, "little")[:width] for i in range(loc.regs)
                )
            )
        else:
            out.append(m.mem(sp + loc.offset, t.size))
    return out


def run_entry(
    m: Machine,
    thunk: int,
    result: CType,
    params: Sequence[CType],
    values: Sequence[bytes],
    answer: bytes,
) -> dict[str, Any]:
    """An x64 caller passes ``values`` to the entry thunk at ``thunk``; the AArch64
    callee returns ``answer``.  What the callee received, what the caller got."""
    regs = {a64.UC_ARM64_REG_X9: PROBE, a64.UC_ARM64_REG_X4: X64_STACK}
    slots, heap = [], DATA + 0x100
    if result.x64_sret:
        slots.append((False, DATA))
    for t, v in zip(params, values):
        if t.in_x64_register:
            slots.append((t.fp, _word(v)))
        else:
            m.uc.mem_write(heap, v)
            slots.append((False, heap))
            heap += 0x80
    stack = bytearray(0x20)
    for s, (fp, value) in enumerate(slots):
        if s < 4:
            regs[(a64.UC_ARM64_REG_D0 if fp else a64.UC_ARM64_REG_X0) + s] = value
        else:
            stack += value.to_bytes(8, "little")
    m.uc.mem_write(X64_STACK, bytes(stack).ljust(0x400, b"\0"))
    m.uc.mem_write(DATA, b"\0" * 0x80)
    seen: dict[str, Any] = {}

    def callee() -> None:  # the AArch64 body
        seen["params"] = received_by_aarch64(m, params, m.uc.reg_read(a64.UC_ARM64_REG_SP))
        if result.size == 0:
            return
        if result.hfa:
            width, count = result.hfa
            for i in range(count):
                m.uc.reg_write(a64.UC_ARM64_REG_D0 + i, _word(answer[i * width : (i + 1) * width]))
        elif result.aarch64_sret:
            m.uc.mem_write(m.x(8), answer)
        else:
            padded = answer.ljust(16, b"\xee")
            m.uc.reg_write(a64.UC_ARM64_REG_X0, _word(padded[:8]))
            m.uc.reg_write(a64.UC_ARM64_REG_X1, _word(padded[8:16]))

    m.callee = callee
    m.start(thunk, regs)
    got: dict[str, Any] = {"params": seen.get("params")}
    if result.x64_sret:
        got["result"] = m.mem(DATA, result.size)
        got["rax"] = m.x(8)
    elif result.fp:
        got["result"] = m.d(0).to_bytes(8, "little")[: result.size]
    elif result.size:  # RAX
        got["result"] = m.x(8).to_bytes(8, "little")[: result.size]
    return got


def run_exit(
    m: Machine,
    thunk: int,
    result: CType,
    params: Sequence[CType],
    values: Sequence[bytes],
    answer: bytes,
) -> dict[str, Any]:
    """An AArch64 caller passes ``values`` to the exit thunk at ``thunk``; the x64
    callee returns ``answer``.  What the callee received, what the caller got."""
    regs = {a64.UC_ARM64_REG_X9: X64_TARGET}
    caller_stack = bytearray(0x400)
    heap = DATA + 0x1000
    for t, v, loc in zip(params, values, aapcs(params)):
        if loc.by_reference:
            m.uc.mem_write(heap, v)
            payload, heap = heap.to_bytes(8, "little"), heap + 0x80
        else:
            payload = v
        if loc.bank == "stack":
            caller_stack[loc.offset : loc.offset + len(payload)] = payload
        elif loc.bank == "v":
            assert t.hfa is not None
            width = t.hfa[0]
            for i in range(loc.regs):
                regs[a64.UC_ARM64_REG_D0 + loc.first + i] = _word(
                    payload[i * width : (i + 1) * width]
                )
        else:
            padded = payload.ljust(8 * loc.regs, b"\xab")
            for i in range(loc.regs):
                regs[a64.UC_ARM64_REG_X0 + loc.first + i] = _word(padded[8 * i : 8 * i + 8])
    if result.aarch64_sret:
        regs[a64.UC_ARM64_REG_X8] = DATA  # AArch64 hidden result pointer
        m.uc.mem_write(DATA, b"\0" * 0x80)
    seen: dict[str, Any] = {}

    def callee() -> None:  # the x64 function
        sp = m.uc.reg_read(a64.UC_ARM64_REG_SP)
        slots = []
        first = 1 if result.x64_sret else 0
        for s, t in enumerate(params, start=first):
            if s < 4:
                raw = (m.d(s) if t.fp else m.x(s)).to_bytes(8, "little")
            else:
                raw = m.mem(sp + 0x20 + 8 * (s - 4), 8)
            if t.in_x64_register:
                slots.append(raw[: t.size])
            else:
                slots.append(m.mem(int.from_bytes(raw, "little"), t.size))
        seen["params"], seen["x9"] = slots, m.x(9)
        if result.x64_sret:
            m.uc.mem_write(m.x(0), answer)
            m.uc.reg_write(a64.UC_ARM64_REG_X8, m.x(0))
        elif result.fp:
            m.uc.reg_write(a64.UC_ARM64_REG_D0, _word(answer))
        elif result.size:
            m.uc.reg_write(a64.UC_ARM64_REG_X8, _word(answer))

    m.callee = callee
    m.start(thunk, regs, bytes(caller_stack))
    got: dict[str, Any] = {"params": seen.get("params"), "x9": seen.get("x9")}
    if result.size:
        if result.hfa:
            width, count = result.hfa
            got["result"] = b"".join(m.d(i).to_bytes(8, "little")[:width] for i in range(count))
        elif result.aarch64_sret:
            got["result"] = m.mem(DATA, result.size)
        else:
            raw = m.x(0).to_bytes(8, "little") + m.x(1).to_bytes(8, "little")
            got["result"] = raw[: result.size]
    return got


def follows_the_rules(
    got: dict[str, Any], result: CType, values: Sequence[bytes], answer: bytes
) -> bool:
    """Every parameter arrived whole and the result came back whole (RAX = the
    buffer when x64 returns through one; x9 kept for the x64 callee)."""
    if got["params"] != list(values):
        return False
    if result.size and got["result"] != answer[: result.size]:
        return False
    if "rax" in got and got["rax"] != DATA:
        return False
    return got.get("x9", X64_TARGET) == X64_TARGET


def odd(t: CType) -> bool:
    """3, 5, 6 or 7 bytes, no HFA: x64 passes a pointer, clang 22's thunks a register."""
    return t.agg and t.hfa is None and t.size in (3, 5, 6, 7)


def clang_merged_different_code(built: dict[str, Built], kind: str, index: int, count: int) -> bool:
    """clang's thunk for ``<kind><index>`` is also another function's, where ours are
    two thunks: clang 22 named two different codes alike and the linker kept one."""
    find = entry_thunk_of if kind == "body" else exit_thunk_of
    clang, ours = (find(built[side], f"{kind}{index}") for side in ("clang", "ours"))
    return any(
        find(built["clang"], f"{kind}{j}") == clang and find(built["ours"], f"{kind}{j}") != ours
        for j in range(count)
        if j != index
    )


def compare_with_clang(
    kind: str,
    index: int,
    signatures: Sequence[tuple[CType, Sequence[CType]]],
    machines: dict[str, Machine],
    built: dict[str, Built],
    seed: int,
) -> str:
    """Run ``<kind><index>``'s thunk ("body": entry, "ext": exit) on both sides from
    the same state.  Ours must follow the rules, and equal clang's wherever clang's
    does; where it does not, it must be one of clang 22's two known faults, which is
    returned: "odd" (3/5/6/7-byte aggregates, clang's not run) or "clang merged" (two
    codes under one name); else "same"."""
    result, params = signatures[index]
    values = [pattern(seed + k, t.size) for k, t in enumerate(params)]
    answer = pattern(seed + 100, result.size or 8)
    run, find = (run_entry, entry_thunk_of) if kind == "body" else (run_exit, exit_thunk_of)
    name = f"{kind}{index}"
    ours = run(machines["ours"], find(built["ours"], name), result, params, values, answer)
    assert follows_the_rules(ours, result, values, answer), (name, ours)
    if any(odd(t) for t in (result, *params)):
        return "odd"
    try:
        clang = run(machines["clang"], find(built["clang"], name), result, params, values, answer)
    except UcError as crash:  # clang's thunk of another function's code may crash
        clang = {"params": None, "crash": str(crash)}
    if follows_the_rules(clang, result, values, answer):
        assert ours == clang, name
        return "same"
    assert clang_merged_different_code(built, kind, index, len(signatures)), (name, clang)
    return "clang merged"


def reserved_register_uses(built: Built) -> tuple[int, list[str]]:
    """(instructions read, those touching a register Arm64EC reserves: x13, x14,
    x23, x24, x28, v16-v31) in every thunk of ``built``, disassembled by capstone."""
    import re

    import capstone

    binary = lief.PE.parse(str(built.dll))
    text = next(s for s in binary.sections if s.name == ".text")
    start = binary.optional_header.imagebase + text.virtual_address
    code = bytes(text.content)
    md = capstone.Cs(capstone.CS_ARCH_ARM64, capstone.CS_MODE_ARM)
    thunks = sorted(a for n, a in built.symbols.items() if "thunk$cdecl" in n)
    forbidden = re.compile(r"\b([xw](13|14|23|24|28)|[qdsvhb](1[6-9]|2\d|3[01]))\b")
    checked, bad = 0, []
    for address in thunks:
        for insn in md.disasm(code[address - start :], address):
            checked += 1
            if forbidden.search(insn.op_str):
                bad.append(f"{insn.mnemonic} {insn.op_str} at {address:#x}")
            if insn.mnemonic in ("br", "ret"):
                break
    return checked, bad
