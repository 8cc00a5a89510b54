"""Running exported functions of real DLLs in an emulator (unicorn): AArch64 and x64.

The image is mapped at its preferred base as the linker laid it out (lld applied
every relocation for that base); a call runs from the function to a sentinel
return address.  Only code that calls nothing outside itself can run this way.
"""

from __future__ import annotations

from pathlib import Path

import lief
from unicorn import UC_ARCH_ARM64, UC_ARCH_X86, UC_MODE_64, UC_MODE_ARM, Uc
from unicorn import arm64_const as a64
from unicorn import x86_const as x86

SENTINEL = 0x7000_0000
STACK, STACK_SIZE = 0x7100_0000, 0x10_0000
DATA = 0x7200_0000


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


def call(
    dll: Path, name: str, view: str, args: list[int], data: bytes = b"\0" * 4096
) -> tuple[int, bytes]:
    """Run export ``name`` with integer ``args``; returns (result register, data page).

    Pass DATA (the address of the data page) as an argument to give the function
    memory to write."""
    binary = _parse(dll)
    base = binary.optional_header.imagebase
    size = (binary.optional_header.sizeof_image + 0xFFF) & ~0xFFF
    uc = Uc(UC_ARCH_X86, UC_MODE_64) if view == "x64" else Uc(UC_ARCH_ARM64, UC_MODE_ARM)
    uc.mem_map(base, size)
    uc.mem_write(base, dll.read_bytes()[: binary.optional_header.sizeof_headers])
    for section in binary.sections:
        uc.mem_write(base + section.virtual_address, bytes(section.content))
    for address, length in ((SENTINEL, 0x1000), (STACK, STACK_SIZE), (DATA, len(data))):
        uc.mem_map(address, (length + 0xFFF) & ~0xFFF)
    uc.mem_write(DATA, data)
    start = base + function_rva(dll, name, view)
    if view == "x64":
        sp = STACK + STACK_SIZE - 0x100
        uc.mem_write(sp, SENTINEL.to_bytes(8, "little"))  # the return address
        uc.reg_write(x86.UC_X86_REG_RSP, sp)
        for reg, value in zip(
            (x86.UC_X86_REG_RCX, x86.UC_X86_REG_RDX, x86.UC_X86_REG_R8, x86.UC_X86_REG_R9), args
        ):
            uc.reg_write(reg, value)
        result_reg = x86.UC_X86_REG_RAX
    else:
        uc.reg_write(a64.UC_ARM64_REG_SP, STACK + STACK_SIZE - 0x100)
        uc.reg_write(a64.UC_ARM64_REG_X30, SENTINEL)
        for i, value in enumerate(args):
            uc.reg_write(a64.UC_ARM64_REG_X0 + i, value)
        result_reg = a64.UC_ARM64_REG_X0
    uc.emu_start(start, SENTINEL, count=100_000)
    return uc.reg_read(result_reg), bytes(uc.mem_read(DATA, len(data)))


def read_c_string(dll: Path, address: int) -> str:
    """The NUL-terminated string at ``address`` inside the mapped image."""
    binary = _parse(dll)
    rva = address - binary.optional_header.imagebase
    data = bytes(binary.get_content_from_virtual_address(rva, 256))
    return data.split(b"\0", 1)[0].decode()
