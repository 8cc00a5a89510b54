"""Generated thunks, executed: compared signature by signature with clang's own.

For every signature, clang builds its entry and exit thunks from C (one DLL) and
ec-buildext generates them from the same prototypes (another DLL); both DLLs are
linked by lld.  Each thunk then runs in the emulator from the same starting
state, with the callee replaced by a probe that records what arrives (argument
registers, stack slots) and answers with a result; what reaches the callee and
what comes back must be the same.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

import lief
import pytest
from unicorn import UC_HOOK_CODE, Uc
from unicorn import arm64_const as a64

from ec_buildext.errors import UserError
from ec_buildext.thunks import ThunkError, mangle, read_prototypes, thunks_for_header

from ..support.commands import ec
from ..support.thunk_harness import Built, assert_crc32_kernel, build_signature_pair, load_dll
from ..support.thunk_scalars import SIGNATURES, write_header


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """clang's thunks and ours, for every signature."""
    work = tmp_path_factory.mktemp("thunks")
    header = write_header(work / "sigs.h")
    # clang: an EC definition (entry thunk) and a call to an external (exit thunk).
    return build_signature_pair(work, header, SIGNATURES)


SENTINEL, PROBE, STACK, X64_STACK = 0x7000_0000, 0x7001_0000, 0x7100_0000, 0x7200_0000


def _values(params: list[str], seed: int) -> list[int]:
    """Argument bit patterns: integers with garbage above their width, floats as bits."""
    out = []
    for k, t in enumerate(params):
        base = (0x1111_2222_3333_4444 * (k + 1) + seed * 0x9E37_79B9) & (2**64 - 1)
        if t == "float":
            out.append((0xDEAD_BEEF << 32) | struct.unpack("<I", struct.pack("<f", 1.5 + k))[0])
        elif t in ("double", "long double"):
            out.append(struct.unpack("<Q", struct.pack("<d", -2.25 * (k + 1) + seed))[0])
        else:
            out.append(base)
    return out


def _size(t: str) -> int:
    return {
        "char": 1,
        "signed char": 1,
        "unsigned char": 1,
        "_Bool": 1,
        "short": 2,
        "unsigned short": 2,
        "int": 4,
        "unsigned": 4,
        "long": 4,
        "unsigned long": 4,
        "enum e": 4,
        "float": 4,
    }.get(t, 8)


def _is_fp(t: str) -> bool:
    return t in ("float", "double", "long double")


class Emulator:
    def __init__(self, built: Built) -> None:
        self.uc = load_dll(
            built,
            [(SENTINEL, 0x1000), (PROBE, 0x1000), (STACK, 0x10000), (X64_STACK, 0x1000)],
            [PROBE],
            {"os_arm64x_dispatch_ret": SENTINEL, "os_arm64x_dispatch_call_no_redirect": PROBE},
        )
        self.symbols = built.symbols
        self.seen: dict[str, int] = {}
        self.uc.hook_add(UC_HOOK_CODE, self._probe, begin=PROBE, end=PROBE + 3)

    def _probe(self, uc: Uc, address: int, size: int, _: object) -> None:
        self.seen = {f"x{i}": uc.reg_read(a64.UC_ARM64_REG_X0 + i) for i in range(10)}
        self.seen |= {f"d{i}": uc.reg_read(a64.UC_ARM64_REG_D0 + i) for i in range(8)}
        sp = uc.reg_read(a64.UC_ARM64_REG_SP)
        self.seen["stack"] = bytes(uc.mem_read(sp, 0x100))
        uc.reg_write(a64.UC_ARM64_REG_X0, 0x0123_4567_89AB_CDEF)
        uc.reg_write(a64.UC_ARM64_REG_X8, 0x0FED_CBA9_8765_4321)
        uc.reg_write(a64.UC_ARM64_REG_D0, struct.unpack("<Q", struct.pack("<d", 6.125))[0])

    def run(
        self, thunk: str, regs: dict[int, int], x64_stack: bytes = b"", caller_stack: bytes = b""
    ) -> dict:
        """Run ``thunk`` to its return; ``caller_stack`` lies at its entry sp."""
        uc = self.uc
        for i in range(31):
            uc.reg_write(a64.UC_ARM64_REG_X0 + i, 0)
        for reg, value in regs.items():
            uc.reg_write(reg, value)
        uc.mem_write(X64_STACK, x64_stack.ljust(0x100, b"\0"))
        uc.mem_write(STACK, b"\xcc" * 0x10000)
        uc.mem_write(STACK + 0x8000, caller_stack)
        uc.reg_write(a64.UC_ARM64_REG_SP, STACK + 0x8000)
        uc.reg_write(a64.UC_ARM64_REG_X30, SENTINEL)
        uc.emu_start(self.symbols[thunk], SENTINEL, count=10_000)
        return {
            "x0": uc.reg_read(a64.UC_ARM64_REG_X0),
            "x8": uc.reg_read(a64.UC_ARM64_REG_X8),
            "d0": uc.reg_read(a64.UC_ARM64_REG_D0),
            "seen": dict(self.seen),
        }


def _aapcs(params: list[str]) -> list[tuple[str, int]]:
    """Where AAPCS64 puts each parameter, worked out here from the standard's rules."""
    ints = fps = stack = 0
    out = []
    for t in params:
        if _is_fp(t) and fps < 8:
            out.append((f"d{fps}", 0))
            fps += 1
        elif not _is_fp(t) and ints < 8:
            out.append((f"x{ints}", 0))
            ints += 1
        else:
            out.append(("stack", stack))
            stack += 8
    return out


def _mask(value: int, size: int) -> int:
    return value & ((1 << (8 * size)) - 1)


@pytest.fixture(scope="module")
def emulators(built: dict[str, Built]) -> dict[str, Emulator]:
    return {side: Emulator(b) for side, b in built.items()}


@pytest.mark.slow
@pytest.mark.parametrize("index", range(len(SIGNATURES)))
def test_entry_thunk_matches_clang(
    index: int, emulators: dict[str, Emulator], built: dict[str, Built]
) -> None:
    result, params = SIGNATURES[index]
    proto = _proto(built, index)
    thunk = f"$ientry_thunk{mangle(proto)}"
    assert thunk in built["clang"].symbols, "the same name as clang's thunk"
    values = _values(params, index)
    regs = {a64.UC_ARM64_REG_X9: PROBE, a64.UC_ARM64_REG_X4: X64_STACK}
    stack = bytearray(0x20)
    for pos, (t, v) in enumerate(zip(params, values)):
        if pos < 4:  # x64: the position picks RCX/RDX/R8/R9 or XMM0-3
            regs[(a64.UC_ARM64_REG_D0 if _is_fp(t) else a64.UC_ARM64_REG_X0) + pos] = v
        else:
            stack += v.to_bytes(8, "little")
    outcome = {side: emulators[side].run(thunk, regs, bytes(stack)) for side in emulators}
    ours, theirs = outcome["ours"], outcome["clang"]
    for (where, off), t in zip(_aapcs(params), params):
        size = _size(t)
        if where == "stack":
            got = [
                int.from_bytes(o["seen"]["stack"][off : off + size], "little")
                for o in (ours, theirs)
            ]
        else:
            got = [_mask(o["seen"][where], size) for o in (ours, theirs)]
        assert got[0] == got[1], (t, where)
    if result in ("float", "double", "long double"):
        size = 4 if result == "float" else 8
        assert _mask(ours["d0"], size) == _mask(theirs["d0"], size)
    elif result != "void":
        assert _mask(ours["x8"], _size(result)) == _mask(theirs["x8"], _size(result))


@pytest.mark.slow
@pytest.mark.parametrize("index", range(len(SIGNATURES)))
def test_exit_thunk_matches_clang(
    index: int, emulators: dict[str, Emulator], built: dict[str, Built]
) -> None:
    result, params = SIGNATURES[index]
    thunk = f"$iexit_thunk{mangle(_proto(built, index))}"
    assert thunk in built["clang"].symbols
    values = _values(params, index + 100)
    regs = {a64.UC_ARM64_REG_X9: 0x1234_5000}
    caller_stack = b""
    for (where, _), v in zip(_aapcs(params), values):
        if where == "stack":
            caller_stack += v.to_bytes(8, "little")
        else:
            base = a64.UC_ARM64_REG_D0 if where[0] == "d" else a64.UC_ARM64_REG_X0
            regs[base + int(where[1:])] = v
    outcome = {
        side: emulator.run(thunk, regs, caller_stack=caller_stack)
        for side, emulator in emulators.items()
    }
    ours, theirs = outcome["ours"], outcome["clang"]
    assert ours["seen"]["x9"] == theirs["seen"]["x9"] == 0x1234_5000  # the x64 target
    for pos, t in enumerate(params):
        size = _size(t)
        if pos < 4:
            reg = f"d{pos}" if _is_fp(t) else f"x{pos}"
            got = [_mask(o["seen"][reg], size) for o in (ours, theirs)]
        else:
            off = 0x20 + 8 * (pos - 4)
            got = [
                int.from_bytes(o["seen"]["stack"][off : off + size], "little")
                for o in (ours, theirs)
            ]
        assert got[0] == got[1], (pos, t)
    if result in ("float", "double", "long double"):
        size = 4 if result == "float" else 8
        assert _mask(ours["d0"], size) == _mask(theirs["d0"], size)
    elif result != "void":
        assert _mask(ours["x0"], _size(result)) == _mask(theirs["x0"], _size(result))


def _proto(built: dict[str, Built], index: int):  # type: ignore[no-untyped-def]
    header = built["ours"].dll.parent / "sigs.h"
    (proto,) = read_prototypes(header, [f"body{index}"])
    return proto


@pytest.mark.slow
def test_no_reserved_registers_in_generated_thunks(built: dict[str, Built]) -> None:
    """Arm64EC code must not touch x13, x14, x23, x24, x28 or v16-v31."""
    import capstone

    binary = lief.PE.parse(str(built["ours"].dll))
    text = next(s for s in binary.sections if s.name == ".text")
    start = binary.optional_header.imagebase + text.virtual_address
    code = bytes(text.content)
    md = capstone.Cs(capstone.CS_ARCH_ARM64, capstone.CS_MODE_ARM)
    thunks = sorted(a for n, a in built["ours"].symbols.items() if "thunk$cdecl" in n)
    forbidden = re.compile(r"\b([xw](13|14|23|24|28)|[qdsvhb](1[6-9]|2\d|3[01]))\b")
    checked = 0
    for address in thunks:
        for insn in md.disasm(code[address - start :], address):
            assert not forbidden.search(insn.op_str), (
                f"{insn.mnemonic} {insn.op_str} at {address:#x}"
            )
            checked += 1
            if insn.mnemonic in ("br", "ret"):
                break
    assert checked > 100


def test_unsupported_prototypes_are_refused(tmp_path: Path) -> None:
    header = tmp_path / "bad.h"
    header.write_text(
        "struct s { char c; struct e {} e; };\nint agg(struct s v);\n"
        "int __vectorcall vc(int a);\nint old();\nint cb(void (*f)());\n"
    )
    for name, reason in (
        ("agg", "parameter v: empty structs and unions (alone or as members) are not supported"),
        ("vc", "calling convention X86VectorCall"),
        ("old", "declared without a prototype"),
        ("cb", "parameter f: a pointer to a function declared without a prototype"),
    ):
        with pytest.raises(ThunkError, match=re.escape(reason)):
            read_prototypes(header, [name])
    with pytest.raises(UserError, match="no prototype of it"):
        read_prototypes(header, ["missing"])
    proc = ec("thunks", str(header), "--function", "agg", "-o", str(tmp_path / "t.S"), check=False)
    assert proc.returncode == 1 and "agg: parameter v" in proc.stderr
    assert not (tmp_path / "t.S").exists()


def test_windows_and_c_library_headers_are_read(tmp_path: Path) -> None:
    """Prototypes written with the Windows SDK's and C's own types, laid out as x64
    Windows lays them out: DWORD 4 bytes, HANDLE/FILE */va_list pointers, RECT four LONGs
    (16 bytes, through a pointer on x64), POINT two (8 bytes, in a register), long double
    a double."""
    header = tmp_path / "win.h"
    header.write_text(
        "#include <windows.h>\n#include <stdio.h>\n#include <stdarg.h>\n#include <limits.h>\n"
        "DWORD WINAPI worker(LPVOID p);\n"
        "int vlog(FILE *f, const char *fmt, va_list ap);\n"
        "BOOL area(HANDLE h, RECT r, POINT at, long double scale);\n"
        "#if LONG_MAX != 2147483647L\n#error not LLP64\n#endif\n"
    )
    worker, vlog, area = read_prototypes(header, ["worker", "vlog", "area"])
    assert (worker.result.kind, worker.result.size) == ("int", 4)
    assert [(p.kind, p.size) for p in vlog.params] == [("int", 8)] * 3
    assert [(p.kind, p.size, p.x64_in_register) for p in area.params] == [
        ("int", 8, True),
        ("agg", 16, False),
        ("agg", 8, True),
        ("double", 8, True),
    ]
    assert mangle(area) == "$cdecl$i8$i8m16i8d"


def test_vector_parameters_are_refused_with_the_reason(tmp_path: Path) -> None:
    header = tmp_path / "simd.h"
    header.write_text(
        "#include <immintrin.h>\n__m256 scale8(__m256 v, float k);\n"
        "struct v { float w; __m128 v; };\nvoid inside(struct v s);\n"
    )
    with pytest.raises(ThunkError, match=r"scale8: .*vector types \(__m128, __m256"):
        read_prototypes(header, ["scale8"])
    with pytest.raises(ThunkError, match=r"inside: parameter s: .*vector member: vector types"):
        read_prototypes(header, ["inside"])


@pytest.mark.parametrize(
    "declaration",
    [
        "struct __declspec(align(16)) A { double d; };",
        "struct A { _Alignas(16) double d; };",
        "struct A { alignas(16) double d; };",
        "struct A { double d; } __attribute__((aligned(16)));",
        "struct B { double d; } __attribute__((aligned(32))); struct A { char c; struct B b; };",
    ],
)
def test_alignment_attributes_are_seen_in_every_dialect(tmp_path: Path, declaration: str) -> None:
    """Over-aligned aggregates are refused as parameters and results, whichever way
    the header spells the alignment (libclang reading as GNU once ignored MSVC's)."""
    header = tmp_path / "aligned.h"
    header.write_text(
        "#include <stdalign.h>\n"
        f"{declaration}\ndouble f(struct A p0, int p1);\nstruct A g(int a, double b);\n"
    )
    with pytest.raises(ThunkError, match=r"f: parameter p0: over-aligned structs \(alignment"):
        read_prototypes(header, ["f"])
    with pytest.raises(ThunkError, match=r"g: result: over-aligned structs \(alignment"):
        read_prototypes(header, ["g"])


def test_an_ignored_attribute_is_an_error(tmp_path: Path) -> None:
    """An attribute the reader would ignore may be one that changes a layout."""
    header = tmp_path / "attr.h"
    header.write_text("struct __attribute__((no_such_thing)) A { int a; };\nint f(struct A a);\n")
    with pytest.raises(UserError, match="unknown attribute"):
        read_prototypes(header, ["f"])


def test_array_parameters_are_the_pointers_they_are(tmp_path: Path) -> None:
    header = tmp_path / "arrays.h"
    header.write_text(
        "#include <stdint.h>\n"
        "void f(const uint8_t key[32], double m[4][4], int n, float v[], int cb(int));\n"
    )
    (proto,) = read_prototypes(header, ["f"])
    assert [(p.kind, p.size) for p in proto.params] == [("int", 8), ("int", 8), ("int", 4)] + [
        ("int", 8)
    ] * 2
    assert mangle(proto) == "$cdecl$v$i8i8i8i8i8"


def test_a_missing_include_says_which_headers_the_reader_knows(tmp_path: Path) -> None:
    header = tmp_path / "k.h"
    header.write_text("#include <vendor/sdk.h>\nint f(int x);\n")
    with pytest.raises(UserError, match=re.escape("'vendor/sdk.h' file not found")) as e:
        read_prototypes(header, ["f"])
    assert "Give other folders with -I" in str(e.value)


def test_output_is_written_atomically_and_generated_names_match(tmp_path: Path) -> None:
    header = tmp_path / "k.h"
    header.write_text("#include <stdint.h>\nint64_t add3(int32_t a, int64_t b, uint8_t c);\n")
    out = tmp_path / "k_thunks.S"
    ec("thunks", str(header), "--function", "add3", "-o", str(out))
    text = out.read_text()
    assert '"$ientry_thunk$cdecl$i8$i8i8i8":' in text
    assert '.symidx "#add3"' in text and ".weak_anti_dep add3" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.h", "k_thunks.S"]
    assert thunks_for_header(header, ["add3"]) == text


@pytest.mark.slow
@pytest.mark.parametrize("arch", ["arm64ec", "arm64x"])
def test_assembly_kernel_sample(
    arch: str, tmp_path: Path, readobj_tool: str, cache_dir: Path
) -> None:
    """A CRC-32 kernel in AArch64 assembly, built through the setuptools backend with
    generated thunks: entry thunk present, and the kernel right when run, called
    directly and called as x64 code calls it (through the entry thunk)."""
    import shutil
    import sys
    import zipfile
    import zlib

    from ..support.commands import pip_wheel
    from ..support.emulate import DATA, call
    from ..support.paths import SAMPLES

    project = tmp_path / "kernel"
    shutil.copytree(
        SAMPLES / "asm_kernel", project, ignore=shutil.ignore_patterns("build", "*.egg-info")
    )
    out = tmp_path / "dist"
    proc = pip_wheel(project, out, {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_ARCH": arch})
    assert "ec-buildext: thunks for crc32_update from kernels.h" in proc.stdout + proc.stderr
    (wheel,) = out.iterdir()
    pyxy = f"{sys.version_info[0]}{sys.version_info[1]}"
    member = (
        "eckernel/_kernel.pyd" if arch == "arm64x" else f"eckernel/_kernel.cp{pyxy}-win_amd64.pyd"
    )
    with zipfile.ZipFile(wheel) as z:
        z.extract(member, tmp_path)
    dll = tmp_path / member
    (report,) = __import__("json").loads(ec("inspect", "--json", str(dll)).stdout)
    (export,) = [e for e in report["views"][-1]["exports"] if e["name"] == "crc32_update"]
    assert export["entry_thunk"] is True
    assert ec("audit", str(wheel)).returncode == 0
    payload = bytes(range(256)) * 3 + b"tail"
    data = payload + b"\0" * (4096 - len(payload))
    expected = zlib.crc32(payload)
    views = ["arm64", "arm64ec"] if arch == "arm64x" else ["arm64ec"]
    for view in views:
        assert call(dll, "crc32_update", view, [0, DATA, len(payload)], data)[0] == expected
    # As x64 code calls it: RCX, RDX, R8 in, RAX out, through the generated entry thunk.
    got, _ = call(
        dll, "crc32_update", "arm64ec", [0, DATA, len(payload)], data, via_entry_thunk=True
    )
    assert got & 0xFFFFFFFF == expected


@pytest.mark.slow
@pytest.mark.parametrize("arch", ["arm64ec", "arm64x", "arm64"])
def test_assembly_kernel_with_cmake(arch: str, tmp_path: Path, cache_dir: Path) -> None:
    """The same kernel through CMake: enable_language(ASM) and ec_add_thunks()."""
    from ..support.cmake_builds import cmake_build_for
    from ..support.paths import SAMPLES

    cmake_build_for(arch, SAMPLES / "asm_kernel", tmp_path / "b")
    assert_crc32_kernel(tmp_path / "b" / "kernel.dll", arch)
