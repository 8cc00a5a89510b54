"""Running exported functions of real DLLs in an emulator (unicorn): AArch64 and x64.

The image is mapped at its preferred base as the linker laid it out (lld applied
every relocation for that base); a call runs from the function to a sentinel
return address.  Imported functions (memset, malloc, ...) are stubs run in
Python: their import-table slots (and, for Arm64EC code, the auxiliary IAT
slots) point at stub addresses the emulator hooks.  For Arm64EC code the
loader-filled ``__os_arm64x_check_icall`` slot points at a plain ``ret``: every
import is then treated as Arm64EC code, which is what the stubs are, so the
runtime's ``__icall_helper_arm64ec`` runs for real on each import call.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import lief
from unicorn import UC_ARCH_ARM64, UC_ARCH_X86, UC_HOOK_CODE, UC_MODE_64, UC_MODE_ARM, Uc
from unicorn import arm64_const as a64
from unicorn import x86_const as x86

SENTINEL = 0x7000_0000
STACK, STACK_SIZE = 0x7100_0000, 0x10_0000
DATA = 0x7200_0000
STUBS = 0x7300_0000
HEAP = 0x7400_0000
_RET = (0xD65F03C0).to_bytes(4, "little")  # AArch64 `ret`

Import = Callable[["Machine", list[int]], int]


def _parse(dll: Path) -> lief.PE.Binary:
    config = lief.PE.ParserConfig()
    config.parse_arm64x_binary = True
    return lief.PE.parse(str(dll), config)


def function_rva(dll: Path, name: str, view: str) -> int:
    """RVA of export ``name`` as ``view`` ("arm64", "arm64ec" or "x64") runs it.

    An EC view's export points at an x64 thunk; the CHPE redirection table leads
    to the Arm64EC code behind it."""
    binary = _parse(dll)
    exporter = binary.nested_pe_binary if (view == "arm64ec" and binary.is_arm64x) else binary
    (rva,) = [e.address for e in exporter.get_export().entries if e.name == name]
    if view == "arm64ec":
        redirect = {r.src: r.dst for r in binary.load_configuration.chpe_metadata.redirections}
        rva = redirect.get(rva, rva)
    return rva


class Machine:
    """Emulator memory access for import stubs, with a bump allocator for malloc."""

    def __init__(self, uc: Uc) -> None:
        self.uc = uc
        self.heap = HEAP

    def read(self, address: int, size: int) -> bytes:
        return bytes(self.uc.mem_read(address, size))

    def write(self, address: int, data: bytes) -> None:
        self.uc.mem_write(address, data)

    def c_string(self, address: int) -> bytes:
        out = b""
        while not out.endswith(b"\0"):
            out += self.read(address + len(out), 1)
        return out[:-1]

    def malloc(self, size: int) -> int:
        address, self.heap = self.heap, self.heap + ((size + 15) & ~15)
        return address


def _install_imports(
    uc: Uc, binary: lief.PE.Binary, base: int, view: str, imports: dict[str, Import]
) -> dict[int, Import]:
    """Point every import slot this view uses at a stub; {stub address: implementation}."""
    exporter = binary.nested_pe_binary if (view == "arm64ec" and binary.is_arm64x) else binary
    iat_start = binary.data_directory(lief.PE.DataDirectory.TYPES.IAT).rva
    chpe = binary.load_configuration.chpe_metadata if binary.has_configuration else None
    stubs: dict[int, Import] = {}
    for i, (name, impl) in enumerate(sorted(imports.items())):
        stub = STUBS + 0x10 + 16 * i
        uc.mem_write(stub, _RET)
        stubs[stub] = impl
        for library in exporter.imports:
            for entry in library.entries:
                if entry.name != name:
                    continue
                uc.mem_write(base + entry.iat_address, stub.to_bytes(8, "little"))
                if view == "arm64ec" and chpe is not None:  # EC code calls through the aux IAT
                    aux = base + chpe.auxiliary_iat + entry.iat_address - iat_start
                    uc.mem_write(aux, stub.to_bytes(8, "little"))
    if view == "arm64ec" and chpe is not None:
        uc.mem_write(STUBS, _RET)  # __os_arm64x_check_icall: "x11 is fine as it is"
        uc.mem_write(base + chpe.os_arm64x_dispatch_icall, STUBS.to_bytes(8, "little"))
    return stubs


def call(
    dll: Path,
    name: str,
    view: str,
    args: list[int],
    data: bytes = b"\0" * 4096,
    imports: dict[str, Import] | None = None,
    via_entry_thunk: bool = False,
    max_instructions: int = 2_000_000,
) -> tuple[int, bytes]:
    """Run export ``name`` with integer ``args``; returns (result register, data page).

    Pass DATA (the address of the data page) as an argument to give the function
    memory to read and write; ``imports`` implements the functions it imports.
    ``via_entry_thunk`` (Arm64EC view): enter as x64 code does, through the entry
    thunk lld recorded before the function (x64 arguments; the result in RAX).
    A run that has not returned after ``max_instructions`` fails the sp check."""
    binary = _parse(dll)
    base = binary.optional_header.imagebase
    size = (binary.optional_header.sizeof_image + 0xFFF) & ~0xFFF
    uc = Uc(UC_ARCH_X86, UC_MODE_64) if view == "x64" else Uc(UC_ARCH_ARM64, UC_MODE_ARM)
    uc.mem_map(base, size)
    uc.mem_write(base, dll.read_bytes()[: binary.optional_header.sizeof_headers])
    for section in binary.sections:
        uc.mem_write(base + section.virtual_address, bytes(section.content))
    for address, length in (
        (SENTINEL, 0x1000),
        (STACK, STACK_SIZE),
        (DATA, len(data)),
        (STUBS, 0x1000),
        (HEAP, 0x10_0000),
    ):
        uc.mem_map(address, (length + 0xFFF) & ~0xFFF)
    uc.mem_write(DATA, data)
    machine = Machine(uc)
    stubs = _install_imports(uc, binary, base, view, imports or {})
    start = base + function_rva(dll, name, view)
    if via_entry_thunk:
        word = int.from_bytes(uc.mem_read(start - 4, 4), "little", signed=True)
        assert word % 4 == 1, "no entry thunk recorded before the function"
        uc.reg_write(a64.UC_ARM64_REG_X9, start)  # the body the thunk calls
        uc.reg_write(a64.UC_ARM64_REG_X4, STACK + STACK_SIZE - 0x800)  # the x64 stack
        chpe = binary.load_configuration.chpe_metadata
        uc.mem_write(base + chpe.os_arm64x_dispatch_ret, SENTINEL.to_bytes(8, "little"))
        start = start + word - 1
    if view == "x64":
        arg_regs = [x86.UC_X86_REG_RCX, x86.UC_X86_REG_RDX, x86.UC_X86_REG_R8, x86.UC_X86_REG_R9]
        sp = STACK + STACK_SIZE - 0x100
        uc.mem_write(sp, SENTINEL.to_bytes(8, "little"))  # the return address
        uc.reg_write(x86.UC_X86_REG_RSP, sp)
        result_reg = x86.UC_X86_REG_RAX
    else:
        arg_regs = [a64.UC_ARM64_REG_X0 + i for i in range(8)]
        uc.reg_write(a64.UC_ARM64_REG_SP, STACK + STACK_SIZE - 0x100)
        uc.reg_write(a64.UC_ARM64_REG_X30, SENTINEL)
        result_reg = a64.UC_ARM64_REG_X8 if via_entry_thunk else a64.UC_ARM64_REG_X0
    for reg, value in zip(arg_regs, args):
        uc.reg_write(reg, value)
    # What the callee must give back as it found it: the stack pointer, and (x64
    # callers through an entry thunk) XMM6-15, which are q6-q15.
    kept = (
        [x86.UC_X86_REG_RSP]
        if view == "x64"
        else [a64.UC_ARM64_REG_SP]
        + ([a64.UC_ARM64_REG_Q0 + i for i in range(6, 16)] if via_entry_thunk else [])
    )
    for i, reg in enumerate(kept[1:], 6):
        uc.reg_write(reg, (0x0123_4567_89AB_CDEF_FEDC_BA98_7654_3210 * i) % 2**128)
    before = [uc.reg_read(r) for r in kept]

    def on_stub(uc: Uc, address: int, size: int, _: object) -> None:
        impl = stubs.get(address)
        if impl is None:
            return
        result = impl(machine, [uc.reg_read(r) for r in arg_regs[:4]])
        uc.reg_write(result_reg, result)
        if view == "x64":  # return: pop the address the call pushed
            rsp = uc.reg_read(x86.UC_X86_REG_RSP)
            uc.reg_write(x86.UC_X86_REG_RIP, int.from_bytes(uc.mem_read(rsp, 8), "little"))
            uc.reg_write(x86.UC_X86_REG_RSP, rsp + 8)
        # AArch64: the stub is a real `ret`, which runs next

    uc.hook_add(UC_HOOK_CODE, on_stub, begin=STUBS, end=STUBS + 0xFFF)
    uc.emu_start(start, SENTINEL, count=max_instructions)
    if view == "x64":
        before[0] += 8  # the return popped the address
    assert [uc.reg_read(r) for r in kept] == before, f"{name} did not restore sp/q6-q15"
    return uc.reg_read(result_reg), bytes(uc.mem_read(DATA, len(data)))


def read_c_string(dll: Path, address: int) -> str:
    """The NUL-terminated string at ``address`` inside the mapped image."""
    binary = _parse(dll)
    rva = address - binary.optional_header.imagebase
    data = bytes(binary.get_content_from_virtual_address(rva, 256))
    return data.split(b"\0", 1)[0].decode()
