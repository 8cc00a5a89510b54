"""Thunks for signatures with structs, executed against clang's and the x64 rules.

Like test_thunks.py, for structs and unions of every size class: 1, 2, 4 and 8 bytes (by
value on x64), others (through a pointer on x64), HFAs (v registers on AArch64),
over 16 bytes (by reference on AArch64), results through hidden pointers, and
structs that run out of registers.  Where clang is right, what the callee
receives and what the caller gets back must equal what clang's thunk gives;
for 3, 5, 6 and 7-byte structs, where clang passes a register and x64 a pointer,
they must equal what the x64 and AArch64 rules say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from unicorn import UC_HOOK_CODE
from unicorn import arm64_const as a64

from ec_buildext.thunks import mangle, read_prototypes

from .thunk_harness import Built, build_signature_pair, load_dll, write_signature_header

# Compiles every signature with clang first: not in the quick loop (-m "not slow").
pytestmark = pytest.mark.slow

# name: (C body, size, HFA (member width, count) or None)
STRUCTS = {
    "S1": ("char a;", 1, None),
    "S2": ("char a[2];", 2, None),
    "S3": ("char a[3];", 3, None),
    "S4": ("int a;", 4, None),
    "S5": ("char a[5];", 5, None),
    "S6": ("short a[3];", 6, None),
    "S7": ("char a[7];", 7, None),
    "S8": ("long long a;", 8, None),
    "S12": ("int a[3];", 12, None),
    "S16": ("long long a, b;", 16, None),
    "S24": ("long long a[3];", 24, None),
    "S40": ("char a[40];", 40, None),
    "F1": ("float a;", 4, (4, 1)),
    "F2": ("float a, b;", 8, (4, 2)),
    "F3": ("float a, b, c;", 12, (4, 3)),
    "F4": ("float a[4];", 16, (4, 4)),
    "D1": ("double a;", 8, (8, 1)),
    "D2": ("double a, b;", 16, (8, 2)),
    "D3": ("double a[3];", 24, (8, 3)),
    "D4": ("double a, b, c, d;", 32, (8, 4)),
    "F5": ("float a[5];", 20, None),
    "FI": ("float f; int i;", 8, None),
    # unions (names starting with U): classified by size, HFA when every member is one
    # of the same base type (members: the largest count), mangled from clang's IR type
    # (the member of highest alignment, then size, first wins)
    "UI": ("int i; float f;", 4, None),
    "U3": ("char c[3]; char d;", 3, None),
    "UF1": ("float a; float b;", 4, (4, 1)),
    "UF2": ("float a[2]; float b;", 8, (4, 2)),
    "UF3": ("float a[3]; struct { float x, y; } s;", 12, (4, 3)),
    "UFS": ("struct { float x, y; } s; float a[2];", 8, (4, 2)),
    "UD2": ("double d[2]; double e;", 16, (8, 2)),
    "UFD": ("float f[2]; double d;", 8, None),
    "UFP": ("float f[3]; double d;", 16, None),
    "U12": ("int a[3]; float f;", 12, None),
    "U24": ("long long a[3]; double d;", 24, None),
}
SCALARS = {"int": 4, "long long": 8, "double": 8, "float": 4}
SIGNATURES = [(name, [name]) for name in STRUCTS] + [
    ("int", ["int", "S12", "double", "F3", "S16"]),
    ("F2", ["F2", "F2", "F2", "F2", "F2"]),
    ("D4", ["D4", "D4", "D4"]),
    ("S16", ["int"] * 7 + ["S16"]),
    ("void", ["S24", "S40", "int", "F5"]),
    ("double", ["FI", "D1", "F1", "S8", "float", "D2"]),
    ("S24", ["S4", "S2", "S1", "S8", "S16", "D3"]),
    ("S3", ["S5", "S6", "S7", "S3"]),
    ("long long", ["S3", "int", "S6", "double", "S5"]),
    ("UF2", ["UI", "UF3", "U12", "UD2", "UFS", "U24", "UFD"]),
    ("UFS", ["U3", "UF1", "UFP"]),
]
ODD = {"S3", "S5", "S6", "S7", "U3"}
SENTINEL, PROBE, STACK, X64_STACK, DATA = (
    0x7000_0000,
    0x7001_0000,
    0x7100_0000,
    0x7200_0000,
    0x7300_0000,
)


def size_of(t: str) -> int:
    return STRUCTS[t][1] if t in STRUCTS else SCALARS[t]


def hfa(t: str):  # type: ignore[no-untyped-def]
    return (
        STRUCTS[t][2] if t in STRUCTS else ((size_of(t), 1) if t in ("float", "double") else None)
    )


def is_agg(t: str) -> bool:
    return t in STRUCTS


def in_x64_register(t: str) -> bool:
    return not is_agg(t) or size_of(t) in (1, 2, 4, 8)


def pattern(seed: int, size: int) -> bytes:
    return bytes((seed * 37 + k * 11 + 1) & 0xFF for k in range(size))


@dataclass
class Loc:
    bank: str  # "x", "v", "stack"
    first: int = 0
    regs: int = 1
    offset: int = 0
    by_reference: bool = False


def aapcs(params: list[str]) -> list[Loc]:
    """AAPCS64 placement, from the standard (written independently of ec_buildext)."""
    out, ngrn, nsrn, nsaa = [], 0, 0, 0
    for t in params:
        h = hfa(t)
        if h:
            if nsrn + h[1] <= 8:
                out.append(Loc("v", nsrn, h[1]))
                nsrn += h[1]
            else:
                nsrn = 8
                out.append(Loc("stack", offset=nsaa))
                nsaa += (size_of(t) + 7) // 8 * 8
            continue
        by_ref = is_agg(t) and size_of(t) > 16
        n = 1 if (by_ref or not is_agg(t)) else (size_of(t) + 7) // 8
        if ngrn + n <= 8:
            out.append(Loc("x", ngrn, n, by_reference=by_ref))
            ngrn += n
        else:
            ngrn = 8
            out.append(Loc("stack", offset=nsaa, by_reference=by_ref))
            nsaa += 8 * n
    return out


def write_header(header: Path) -> Path:
    """The STRUCTS as typedefs; ``body<i>`` and ``ext<i>`` declared with signature i."""
    typedefs = [
        f"typedef {'union' if name.startswith('U') else 'struct'} {{ {body} }} {name};"
        for name, (body, _, _) in STRUCTS.items()
    ]
    return write_signature_header(header, typedefs, SIGNATURES)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    work = tmp_path_factory.mktemp("agg_thunks")
    header = write_header(work / "aggs.h")
    return build_signature_pair(work, header, SIGNATURES)


class Machine:
    def __init__(self, built: Built) -> None:
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
        self.symbols = built.symbols
        self.callee = lambda: None
        uc.hook_add(UC_HOOK_CODE, lambda *_: self.callee(), begin=PROBE, end=PROBE + 3)

    def x(self, i: int) -> int:
        return self.uc.reg_read(a64.UC_ARM64_REG_X0 + i)

    def d(self, i: int) -> int:
        return self.uc.reg_read(a64.UC_ARM64_REG_D0 + i)

    def mem(self, address: int, size: int) -> bytes:
        return bytes(self.uc.mem_read(address, size))

    def start(self, thunk: str, regs: dict[int, int], caller_stack: bytes = b"") -> None:
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
        uc.emu_start(self.symbols[thunk], SENTINEL, count=20_000)


@pytest.fixture(scope="module")
def machines(built: dict[str, Built]) -> dict[str, Machine]:
    return {side: Machine(b) for side, b in built.items()}


def _word(data: bytes) -> int:
    return int.from_bytes(data.ljust(8, b"\xab")[:8], "little")


def received_by_aarch64(m: Machine, params: list[str], sp: int) -> list[bytes]:
    """What an AAPCS64 callee sees of each parameter, as bytes."""
    out = []
    regs = {f"x{i}": m.x(i) for i in range(8)} | {f"v{i}": m.d(i) for i in range(8)}
    for t, loc in zip(params, aapcs(params)):
        size = size_of(t)
        if loc.by_reference:
            pointer = regs[f"x{loc.first}"] if loc.bank == "x" else _word(m.mem(sp + loc.offset, 8))
            out.append(m.mem(pointer, size))
        elif loc.bank == "x":
            raw = b"".join(regs[f"x{loc.first + i}"].to_bytes(8, "little") for i in range(loc.regs))
            out.append(raw[:size])
        elif loc.bank == "v":
            width = hfa(t)[0]  # type: ignore[index]
            out.append(
                b"".join(
                    regs[f"v{loc.first + i}"].to_bytes(8, "little")[:width] for i in range(loc.regs)
                )
            )
        else:
            out.append(m.mem(sp + loc.offset, size))
    return out


@pytest.mark.parametrize("index", range(len(SIGNATURES)))
def test_entry_thunk(index: int, machines: dict[str, Machine], built: dict[str, Built]) -> None:
    result, params = SIGNATURES[index]
    (proto,) = read_prototypes(built["ours"].dll.parent / "aggs.h", [f"body{index}"])
    thunk = f"$ientry_thunk{mangle(proto)}"
    odd = bool(ODD & {result, *params})
    values = [pattern(index * 16 + k, size_of(t)) for k, t in enumerate(params)]
    answer = pattern(200 + index, size_of(result) if result != "void" else 8)
    x64_sret = is_agg(result) and not in_x64_register(result)
    outcome = {}
    for side in ("ours",) if odd else ("ours", "clang"):
        m = machines[side]
        regs = {a64.UC_ARM64_REG_X9: PROBE, a64.UC_ARM64_REG_X4: X64_STACK}
        slots, heap = [], DATA + 0x100
        if x64_sret:
            slots.append((False, DATA))
        for t, v in zip(params, values):
            if in_x64_register(t):
                slots.append((t in ("float", "double"), _word(v)))
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
        m.uc.mem_write(X64_STACK, bytes(stack).ljust(0x100, b"\0"))
        m.uc.mem_write(DATA, b"\0" * 0x80)
        seen: dict = {}

        def callee(m: Machine = m, seen: dict = seen) -> None:  # the AArch64 body
            sp = m.uc.reg_read(a64.UC_ARM64_REG_SP)
            seen["params"] = received_by_aarch64(m, params, sp)
            if result == "void":
                return
            h = hfa(result)
            if h:
                for i in range(h[1]):
                    m.uc.reg_write(
                        a64.UC_ARM64_REG_D0 + i, _word(answer[i * h[0] : (i + 1) * h[0]])
                    )
            elif is_agg(result) and size_of(result) > 16:
                m.uc.mem_write(m.x(8), answer)
            else:
                padded = answer.ljust(16, b"\xee")
                m.uc.reg_write(a64.UC_ARM64_REG_X0, _word(padded[:8]))
                m.uc.reg_write(a64.UC_ARM64_REG_X1, _word(padded[8:16]))

        m.callee = callee
        m.start(thunk, regs)
        got = {"params": seen["params"]}
        if x64_sret:
            got["result"] = m.mem(DATA, size_of(result))
            got["rax"] = m.x(8)
        elif result in ("float", "double"):
            got["result"] = m.d(0).to_bytes(8, "little")[: size_of(result)]
        elif result != "void":  # RAX
            got["result"] = m.x(8).to_bytes(8, "little")[: size_of(result)]
        outcome[side] = got
    ours = outcome["ours"]
    if odd:  # the x64 and AArch64 rules, not clang
        assert ours["params"] == values
        if result != "void":
            assert ours["result"] == answer[: size_of(result)]
    else:
        assert ours == outcome["clang"]
    if x64_sret:
        assert ours["rax"] == DATA  # RAX returns the hidden pointer


@pytest.mark.parametrize("index", range(len(SIGNATURES)))
def test_exit_thunk(index: int, machines: dict[str, Machine], built: dict[str, Built]) -> None:
    result, params = SIGNATURES[index]
    (proto,) = read_prototypes(built["ours"].dll.parent / "aggs.h", [f"ext{index}"])
    thunk = f"$iexit_thunk{mangle(proto)}"
    odd = bool(ODD & {result, *params})
    values = [pattern(index * 16 + k + 7, size_of(t)) for k, t in enumerate(params)]
    answer = pattern(100 + index, size_of(result) if result != "void" else 8)
    x64_sret = is_agg(result) and not in_x64_register(result)
    outcome = {}
    for side in ("ours",) if odd else ("ours", "clang"):
        m = machines[side]
        regs = {a64.UC_ARM64_REG_X9: 0x4242_0000}
        caller_stack = bytearray(0x100)
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
                width = hfa(t)[0]  # type: ignore[index]
                for i in range(loc.regs):
                    regs[a64.UC_ARM64_REG_D0 + loc.first + i] = _word(
                        payload[i * width : (i + 1) * width]
                    )
            else:
                padded = payload.ljust(8 * loc.regs, b"\xab")
                for i in range(loc.regs):
                    regs[a64.UC_ARM64_REG_X0 + loc.first + i] = _word(padded[8 * i : 8 * i + 8])
        if is_agg(result) and hfa(result) is None and size_of(result) > 16:
            regs[a64.UC_ARM64_REG_X8] = DATA  # AArch64 hidden result pointer
            m.uc.mem_write(DATA, b"\0" * 0x80)
        seen: dict = {}

        def callee(m: Machine = m, seen: dict = seen) -> None:  # the x64 function
            sp = m.uc.reg_read(a64.UC_ARM64_REG_SP)
            slots = []
            first = 1 if x64_sret else 0
            for s, t in enumerate(params, start=first):
                if s < 4:
                    raw = (m.d(s) if t in ("float", "double") else m.x(s)).to_bytes(8, "little")
                else:
                    raw = m.mem(sp + 0x20 + 8 * (s - 4), 8)
                if in_x64_register(t):
                    slots.append(raw[: size_of(t)])
                else:
                    slots.append(m.mem(int.from_bytes(raw, "little"), size_of(t)))
            seen["params"], seen["x9"] = slots, m.x(9)
            if x64_sret:
                m.uc.mem_write(m.x(0), answer)
                m.uc.reg_write(a64.UC_ARM64_REG_X8, m.x(0))
            elif result in ("float", "double"):
                m.uc.reg_write(a64.UC_ARM64_REG_D0, _word(answer))
            elif result != "void":
                m.uc.reg_write(a64.UC_ARM64_REG_X8, _word(answer))

        m.callee = callee
        m.start(thunk, regs, bytes(caller_stack))
        got = {"params": seen["params"], "x9": seen["x9"]}
        if result != "void":
            h = hfa(result)
            if h:
                got["result"] = b"".join(m.d(i).to_bytes(8, "little")[: h[0]] for i in range(h[1]))
            elif is_agg(result) and size_of(result) > 16:
                got["result"] = m.mem(DATA, size_of(result))
            else:
                raw = m.x(0).to_bytes(8, "little") + m.x(1).to_bytes(8, "little")
                got["result"] = raw[: size_of(result)]
        outcome[side] = got
    ours = outcome["ours"]
    assert ours["x9"] == 0x4242_0000
    if odd:
        assert ours["params"] == values
        if result != "void":
            assert ours["result"] == answer[: size_of(result)]
    else:
        assert ours == outcome["clang"]


def test_names_match_clang_except_where_clang_is_wrong(built: dict[str, Built]) -> None:
    header = built["ours"].dll.parent / "aggs.h"
    protos = read_prototypes(header, [f"body{i}" for i in range(len(SIGNATURES))])
    for (result, params), proto in zip(SIGNATURES, protos):
        name = f"$ientry_thunk{mangle(proto)}"
        if ODD & {result, *params}:
            assert name not in built["clang"].symbols  # never merged with clang's wrong one
            assert re.search(r"m[3567](?![0-9])", name)
        else:
            assert name in built["clang"].symbols, name
    assert len(SIGNATURES) + 38 >= 60
