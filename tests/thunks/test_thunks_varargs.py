"""Thunks for variadic functions, executed against clang's and the Arm64EC rules.

The Arm64EC variadic convention is x64's in AArch64 registers: the first four
parameter slots in x0-x3 (floating-point values too), x4 = the address of the
fifth slot, x5 = the byte size of the stack part.  An entry thunk hands an x64
caller's registers through and points x4 past the 32-byte home area; an exit thunk
lays the x5 bytes at [x4] out after the home area of the x64 stack.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from unicorn import arm64_const as a64

from ec_buildext.thunks import ThunkError, exit_thunk_name, mangle, read_prototypes

from ..support.thunk_harness import Built, build_pair
from ..support.thunk_oracle import DATA, PROBE, X64_STACK, Machine
from ..support.thunk_variadics import FUNCTIONS, write_header

REGS = [0x1111_2222_3333_4444, 0x5555_6666_7777_8888, 0x0123_4567_89AB_CDEF, 0x7EDC_BA98_7654_3210]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    work = tmp_path_factory.mktemp("varargs_thunks")
    header = write_header(work / "va.h")
    # clang: variadic definitions (entry thunks) and calls to variadic externals (exit thunks)
    calls = {
        "vsum": "ext_vsum(1, 2, 3.0, 4LL, 5, 6)",
        "vavg": "ext_vavg(1, 2.5)",
        "vlog": 'ext_vlog("x", 1, 2, 3, 4, 5, 6, 7)',
        "vf": "ext_vf(1.5, 2)",
        "vbig": "ext_vbig(1, 2, 3, 4, 5, 6)",
    }
    c_source = '#include "va.h"\n' + "".join(
        f"__declspec(dllexport) {r} {n}({p}, ...) {{ "
        f"{'' if r == 'void' else 'return '}{calls[n]}; }}\n"
        for n, (r, p) in FUNCTIONS.items()
    )
    return build_pair(work, header, c_source, list(FUNCTIONS), [f"ext_{n}" for n in FUNCTIONS])


@pytest.fixture(scope="module")
def machines(built: dict[str, Built]) -> dict[str, Machine]:
    return {side: Machine(b) for side, b in built.items()}


def _protos(built: dict[str, Built], names: list[str]):  # type: ignore[no-untyped-def]
    return read_prototypes(built["ours"].dll.parent / "va.h", names)


@pytest.mark.slow
def test_names_match_clang(built: dict[str, Built]) -> None:
    for proto in _protos(built, list(FUNCTIONS)):
        assert mangle(proto).endswith("$varargs")
        assert f"$ientry_thunk{mangle(proto)}" in built["clang"].symbols
        assert f"$ientry_thunk{mangle(proto)}" in built["ours"].symbols
    for proto in _protos(built, [f"ext_{n}" for n in FUNCTIONS]):
        # clang's exit thunk is wrong (see test_exit_thunk): ours never merges with it
        assert f"$iexit_thunk{mangle(proto)}" in built["clang"].symbols
        assert f"$iexit_thunk{mangle(proto)}" not in built["ours"].symbols
        assert exit_thunk_name(proto) in built["ours"].symbols


RESULT = 0x4009_21FB_5444_2D18  # the bits of pi as a double


@pytest.mark.slow
@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_entry_thunk(name: str, machines: dict[str, Machine], built: dict[str, Built]) -> None:
    (proto,) = _protos(built, [name])
    result = FUNCTIONS[name][0]
    outcome = {}
    for side in ("ours", "clang"):
        m = machines[side]
        regs = {a64.UC_ARM64_REG_X0 + i: v for i, v in enumerate(REGS)}
        regs |= {a64.UC_ARM64_REG_D0 + i: v ^ 0xFFFF for i, v in enumerate(REGS)}
        regs |= {a64.UC_ARM64_REG_X9: PROBE, a64.UC_ARM64_REG_X4: X64_STACK}
        regs[a64.UC_ARM64_REG_X5] = 0x5555
        seen: dict = {}

        def callee(m: Machine = m, seen: dict = seen) -> None:
            seen["x"] = [m.x(i) for i in range(6)]
            seen["d"] = [m.d(i) for i in range(4)]
            m.uc.reg_write(a64.UC_ARM64_REG_X0, RESULT)
            m.uc.reg_write(a64.UC_ARM64_REG_D0, RESULT)

        m.callee = callee
        m.start(m.built.symbols[f"$ientry_thunk{mangle(proto)}"], regs)
        got = dict(seen)
        if result in ("int", "long long"):
            got["rax"] = m.x(8)
        elif result in ("float", "double"):
            got["xmm0"] = m.d(0)
        outcome[side] = got
    ours = outcome["ours"]
    # the rules: slots pass through, x4 = the fifth slot, x5 = 0, the result in RAX/XMM0
    assert ours["x"] == [*REGS, X64_STACK + 0x20, 0]
    assert ours["d"] == [v ^ 0xFFFF for v in REGS]
    assert ours.get("rax", RESULT) == RESULT and ours.get("xmm0", RESULT) == RESULT
    assert ours == outcome["clang"]


@pytest.mark.slow
@pytest.mark.parametrize("stack_bytes", [0, 8, 24, 56])
@pytest.mark.parametrize("name", ["vsum", "vavg", "vlog", "vf"])
def test_exit_thunk(
    name: str, stack_bytes: int, machines: dict[str, Machine], built: dict[str, Built]
) -> None:
    (proto,) = _protos(built, [f"ext_{name}"])
    result = FUNCTIONS[name][0]
    stack = bytes((k * 29 + 3) & 0xFF for k in range(stack_bytes))
    outcome = {}
    for side in ("ours", "clang"):
        m = machines[side]
        m.uc.mem_write(DATA, stack.ljust(0x100, b"\xee"))
        regs = {a64.UC_ARM64_REG_X0 + i: v for i, v in enumerate(REGS)}
        regs |= {a64.UC_ARM64_REG_X9: 0x4242_0000, a64.UC_ARM64_REG_X4: DATA}
        regs[a64.UC_ARM64_REG_X5] = stack_bytes
        seen: dict = {}

        def callee(m: Machine = m, seen: dict = seen) -> None:  # the x64 function
            sp = m.uc.reg_read(a64.UC_ARM64_REG_SP)
            seen["rcx-r9"] = [m.x(i) for i in range(4)]
            seen["xmm0-3"] = [m.d(i) for i in range(4)]
            seen["stack"] = m.mem(sp + 0x20, stack_bytes)
            seen["aligned"] = sp % 16 == 0
            seen["x9"] = m.x(9)
            m.uc.reg_write(a64.UC_ARM64_REG_X8, RESULT)  # RAX
            m.uc.reg_write(a64.UC_ARM64_REG_D0, RESULT)  # XMM0

        m.callee = callee
        name = exit_thunk_name(proto) if side == "ours" else f"$iexit_thunk{mangle(proto)}"
        m.start(m.built.symbols[name], regs)
        got = dict(seen, sp=m.uc.reg_read(a64.UC_ARM64_REG_SP))
        if result != "void":
            got["result"] = m.d(0) if result in ("float", "double") else m.x(0)
        outcome[side] = got
    ours = outcome["ours"]
    assert ours["rcx-r9"] == REGS and ours["x9"] == 0x4242_0000
    assert ours["stack"] == stack and ours["aligned"]
    assert ours["xmm0-3"] == REGS  # x64 callers of variadic functions fill both
    if result != "void":
        assert ours["result"] == RESULT
    # clang 22 agrees on the registers, but puts x4 and x5 in the 5th and 6th x64
    # slots instead of the stack part, and leaves XMM0-3 alone.
    clang = outcome["clang"]
    assert [clang[k] for k in ("rcx-r9", "x9", "sp")] == [ours[k] for k in ("rcx-r9", "x9", "sp")]
    if stack_bytes >= 16:
        assert clang["stack"][:16] == (
            DATA.to_bytes(8, "little") + stack_bytes.to_bytes(8, "little")
        )


def test_struct_results_of_variadic_functions_are_refused(tmp_path: Path) -> None:
    header = tmp_path / "v.h"
    header.write_text("struct s { int a[5]; };\nstruct s vret(int n, ...);\n")
    with pytest.raises(ThunkError, match="variadic functions returning a struct"):
        read_prototypes(header, ["vret"])
