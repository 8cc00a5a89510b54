"""``ec-buildext thunks --syntax armasm64``, checked as far as a Linux machine allows.

No armasm64 runs here.  tests/support/armasm64.py reads the output strictly as armasm64
(refusing GNU-isms, stray columns, undeclared symbols, unbalanced PROC/ENDP) and
translates it; clang assembles the translation and lld links it with armasm64 bodies
(read the same way) named as Microsoft's A64NAME names them (``|#f|``, plain .text).
Then, for every scalar,
struct/union and variadic signature of the other thunk tests, the armasm64 thunks run
in the emulator from the same state as the GNU-syntax ones (which those tests check
against clang and the ABI rules): every register and every byte of stack and data
memory must be the same when the callee is reached and when the thunk returns.  The
entry thunk is found the way the emulator of Windows finds it: through the word
before the function.  On Windows, armasm64.exe itself assembles the output, cl/link
make a DLL of it, and an x64 process on ARM64 calls it.
"""

from __future__ import annotations

import random
import subprocess
import sys
import zlib
from pathlib import Path

import lief
import pytest
from unicorn import UC_HOOK_CODE, Uc
from unicorn import arm64_const as a64

from ec_buildext.arch import get_arch
from ec_buildext.thunks import Prototype, exit_thunk_name, mangle, read_prototypes
from ec_buildext.toolchains.crtless import crtless_support
from ec_buildext.toolchains.llvm import find_llvm

from ..support import thunk_aggregates, thunk_scalars, thunk_variadics
from ..support.armasm64 import ArmasmSyntaxError, translate
from ..support.commands import ec, run
from ..support.paths import SAMPLES, TEST_DATA
from ..support.thunk_harness import (
    Built,
    assert_crc32_kernel,
    build_ours,
    build_ours_armasm,
    load_dll,
)

SENTINEL, PROBE, ICALL, STACK, X64_STACK, DATA = (
    0x7000_0000,
    0x7001_0000,
    0x7002_0000,
    0x7100_0000,
    0x7200_0000,
    0x7300_0000,
)

# signature set: (header writer, implemented functions, called functions)
SETS = {
    "scalar": (
        thunk_scalars.write_header,
        [f"body{i}" for i in range(len(thunk_scalars.SIGNATURES))],
        [f"ext{i}" for i in range(len(thunk_scalars.SIGNATURES))],
    ),
    "aggregate": (
        thunk_aggregates.write_header,
        [f"body{i}" for i in range(len(thunk_aggregates.SIGNATURES))],
        [f"ext{i}" for i in range(len(thunk_aggregates.SIGNATURES))],
    ),
    "variadic": (
        thunk_variadics.write_header,
        list(thunk_variadics.FUNCTIONS),
        [f"ext_{n}" for n in thunk_variadics.FUNCTIONS],
    ),
}


class Built2:
    """One signature set built both ways, with its prototypes."""

    def __init__(self, work: Path, name: str) -> None:
        write_header, self.functions, self.calls = SETS[name]
        header = write_header(work / f"{name}.h")
        self.protos = {p.name: p for p in read_prototypes(header, self.functions + self.calls)}
        self.gnu = build_ours(work, header, self.functions, self.calls)
        self.armasm = build_ours_armasm(work, header, self.functions, self.calls)


@pytest.fixture(scope="module", params=list(SETS))
def pair(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built2:
    return Built2(tmp_path_factory.mktemp(f"armasm_{request.param}"), request.param)


class Runner:
    """A DLL mapped for unicorn; the callee (``__os_arm64x_dispatch_call_no_redirect``
    or the entry thunk's x9) is a probe that records the whole machine state."""

    def __init__(self, built: Built) -> None:
        self.uc = uc = load_dll(
            built,
            [
                (SENTINEL, 0x1000),
                (PROBE, 0x1000),
                (ICALL, 0x1000),
                (STACK, 0x10000),
                (X64_STACK, 0x1000),
                (DATA, 0x10000),
            ],
            [PROBE, ICALL],
            {
                "os_arm64x_dispatch_ret": SENTINEL,
                "os_arm64x_dispatch_call_no_redirect": PROBE,
                "os_arm64x_dispatch_icall": ICALL,  # __os_arm64x_check_icall
            },
        )
        self.symbols = built.symbols
        self.at_probe: dict[str, object] = {}
        self.at_icall: dict[str, int] = {}
        uc.hook_add(UC_HOOK_CODE, self._probe, begin=PROBE, end=PROBE + 3)
        uc.hook_add(UC_HOOK_CODE, self._icall, begin=ICALL, end=ICALL + 3)

    def state(self) -> dict[str, object]:
        """Every integer and SIMD register but x30 (a return address, the DLLs differ
        there), the stack, and the data the pointer arguments point into."""
        uc = self.uc
        out: dict[str, object] = {f"x{i}": uc.reg_read(a64.UC_ARM64_REG_X0 + i) for i in range(30)}
        out |= {f"q{i}": uc.reg_read(a64.UC_ARM64_REG_Q0 + i) for i in range(32)}
        out["sp"] = uc.reg_read(a64.UC_ARM64_REG_SP)
        out["stack"] = bytes(uc.mem_read(STACK, 0x10000))
        out["data"] = bytes(uc.mem_read(DATA, 0x10000))
        return out

    def _probe(self, uc: Uc, *_: object) -> None:
        self.at_probe = self.state()
        uc.reg_write(a64.UC_ARM64_REG_X0, 0x0123_4567_89AB_CDEF)
        uc.reg_write(a64.UC_ARM64_REG_X8, 0x0FED_CBA9_8765_4321)
        for i in range(4):  # results in v0-v3 (HFAs)
            uc.reg_write(a64.UC_ARM64_REG_Q0 + i, 0x4018_8000_0000_0000_3FC0_0000 * (i + 1))

    def _icall(self, uc: Uc, *_: object) -> None:
        self.at_icall = {
            r: uc.reg_read(getattr(a64, f"UC_ARM64_REG_{r.upper()}")) for r in ("x10", "x11")
        }
        uc.reg_write(a64.UC_ARM64_REG_X11, PROBE)  # "the target is EC code at PROBE"

    def run(self, address: int, seed: int, entry: bool, variadic: bool) -> dict[str, object]:
        """Run from ``address`` to the return with a state made from ``seed``: every
        integer argument a valid pointer into DATA (aggregates travel through pointers)."""
        rng = random.Random(seed)
        uc = self.uc
        pointer = [DATA + 0x1000 + 0x400 * k + 16 * rng.randrange(8) for k in range(16)]
        uc.mem_write(DATA, bytes(rng.randrange(256) for _ in range(0x10000)))
        uc.mem_write(STACK, b"\xcc" * 0x10000)
        for i in range(31):
            uc.reg_write(a64.UC_ARM64_REG_X0 + i, pointer[i] if i < 9 else 0)
        for i in range(32):
            uc.reg_write(a64.UC_ARM64_REG_Q0 + i, rng.getrandbits(128) if i < 8 else 0)
        slots = b"".join(p.to_bytes(8, "little") for p in pointer)
        if entry:  # x4: the x64 stack (home area, then the 5th parameter on)
            uc.mem_write(X64_STACK, slots * 2)
            uc.reg_write(a64.UC_ARM64_REG_X4, X64_STACK)
            uc.reg_write(a64.UC_ARM64_REG_X9, PROBE)
        else:  # the AAPCS64 caller's stack arguments; x9: the x64 target
            uc.mem_write(STACK + 0x8000, slots)
            uc.reg_write(a64.UC_ARM64_REG_X9, 0x1234_5000)
            if variadic:  # x4/x5: the stack part of the variadic arguments and its size
                uc.reg_write(a64.UC_ARM64_REG_X5, 40)
        uc.reg_write(a64.UC_ARM64_REG_SP, STACK + 0x8000)
        uc.reg_write(a64.UC_ARM64_REG_X30, SENTINEL)
        self.at_probe = {}
        uc.emu_start(address, SENTINEL, count=20_000)
        return {"at callee": self.at_probe, "at return": self.state()}

    def word(self, address: int) -> int:
        return int.from_bytes(self.uc.mem_read(address, 4), "little", signed=True)


@pytest.fixture(scope="module")
def runners(pair: Built2) -> dict[str, Runner]:
    return {"gnu": Runner(pair.gnu), "armasm": Runner(pair.armasm)}


def _entry_thunk(pair: Built2, runners: dict[str, Runner], name: str) -> int:
    """The entry thunk of ``name`` in the armasm64 build, found through the word before
    ``name`` (thunk - name + 1), as the Windows emulator finds it; ``name`` must branch
    to the body ``#name``."""
    symbols = pair.armasm.symbols
    function = symbols[name]
    thunk = function + runners["armasm"].word(function - 4) - 1
    assert any(a == thunk and "entry_thunk" in n for n, a in symbols.items()), name
    branch = runners["armasm"].word(function)
    assert branch >> 26 & 0x3F == 0b000101, f"{name} is not a branch"
    target = function + ((branch & 0x3FF_FFFF) ^ 0x200_0000) * 4 - 0x800_0000
    assert target == symbols[f"#{name}"], f"{name} branches to {target:#x}"
    return thunk


@pytest.mark.slow
def test_entry_thunks_run_as_the_gnu_ones(pair: Built2, runners: dict[str, Runner]) -> None:
    assert len(pair.functions) >= 5
    for seed, name in enumerate(pair.functions):
        proto: Prototype = pair.protos[name]
        gnu = runners["gnu"].run(
            pair.gnu.symbols[f"$ientry_thunk{mangle(proto)}"], seed, True, proto.variadic
        )
        armasm = runners["armasm"].run(
            _entry_thunk(pair, runners, name), seed, True, proto.variadic
        )
        assert gnu["at callee"], f"{name}: the GNU thunk never reached the callee"
        assert armasm == gnu, name


def _exit_thunk(pair: Built2, runners: dict[str, Runner], name: str) -> int:
    """The exit thunk of ``name`` in the armasm64 build, as ``#name.guest_exit`` hands it
    to __os_arm64x_check_icall (x10, with the target in x11), which then sends the
    routine on to the target it answers."""
    runner = runners["armasm"]
    runner.run(pair.armasm.symbols[f"#{name}.guest_exit"], 7, False, False)
    thunk = runner.at_icall["x10"]
    assert any(a == thunk and "exit_thunk" in n for n, a in pair.armasm.symbols.items()), name
    assert runner.at_probe, f"{name}: after check_icall the routine goes to its answer"
    return thunk


@pytest.mark.slow
def test_exit_thunks_run_as_the_gnu_ones(pair: Built2, runners: dict[str, Runner]) -> None:
    for seed, name in enumerate(pair.calls, 1000):
        proto = pair.protos[name]
        thunk = exit_thunk_name(proto)
        gnu = runners["gnu"].run(pair.gnu.symbols[thunk], seed, False, proto.variadic)
        armasm = runners["armasm"].run(
            _exit_thunk(pair, runners, name), seed, False, proto.variadic
        )
        assert gnu["at callee"], f"{name}: the GNU thunk never reached the callee"
        assert armasm == gnu, name


def _armasm_for(tmp_path: Path) -> str:
    header = thunk_scalars.write_header(tmp_path / "sigs.h")
    return ec(
        "thunks", str(header), "--function", "body30", "--calls", "ext0", "--syntax", "armasm64"
    ).stdout


def test_the_reader_refuses_what_armasm64_would(tmp_path: Path) -> None:
    """The syntax check can fail: GNU output and broken armasm64 are refused."""
    text = _armasm_for(tmp_path)
    translate(text)  # the generated file itself passes
    gnu = ec("thunks", str(tmp_path / "sigs.h"), "--function", "body30").stdout
    broken = {
        "GNU syntax": gnu,
        "no END": text.replace("\tEND\n", ""),
        "label not in column 1": text.replace("\n|ientry", "\n |ientry", 1),
        "a $ in a name": text.replace("|ientry_thunk.", "|$ientry_thunk.", 1),
        "instruction in column 1": text.replace("\tblr x9", "blr x9", 1),
        "missing IMPORT": text.replace("\tIMPORT __os_arm64x_dispatch_ret\n", ""),
        "GNU low-12 operand": text.replace("[x1, __os", "[x1, :lo12:__os", 1),
        "ENDP missing": text.replace("\tENDP\n", "", 1),
    }
    for what, source in broken.items():
        assert source != text, f"the mutation '{what}' changed nothing"
        with pytest.raises(ArmasmSyntaxError):
            translate(source)


def test_variadic_local_labels_are_checked(tmp_path: Path) -> None:
    header = thunk_variadics.write_header(tmp_path / "va.h")
    text = ec("thunks", str(header), "--calls", "ext_vsum", "--syntax", "armasm64").stdout
    assert "%B1" in text and "%F2" in text
    translate(text)
    with pytest.raises(ArmasmSyntaxError, match="%F"):
        translate(text.replace("\n2\n", "\n3\n"))
    with pytest.raises(ArmasmSyntaxError, match="%B1"):
        translate(text.replace("\n1\n", "\n4\n"))
    with pytest.raises(ArmasmSyntaxError):
        translate(text.replace("bgt %B1", "b.gt %B1"))


KERNEL = TEST_DATA / "crc32_kernel_arm64ec.asm"
KERNEL_HEADER = SAMPLES / "asm_kernel" / "src" / "kernels.h"


@pytest.mark.slow
@pytest.mark.parametrize("arch", ["arm64ec", "arm64x"])
def test_an_armasm64_kernel_runs_as_x64_code_calls_it(arch: str, tmp_path: Path) -> None:
    """A CRC-32 kernel written in armasm64 (tests/data) with its armasm64 thunks, both
    read strictly and translated, linked into a DLL exporting crc32_update (Arm64X: with
    the same kernel as plain crc32_update for the native view, as A64NAME gives it):
    inspect finds the entry thunk, and the kernel gives zlib's CRC in every view, and
    called as x64 code calls it (RCX, RDX, R8 in, RAX out, through the word before the
    stub)."""
    llvm = find_llvm("ziglang")
    thunks = ec(
        "thunks", str(KERNEL_HEADER), "--function", "crc32_update", "--syntax", "armasm64"
    ).stdout
    sources = [("thunks", "arm64ec", thunks), ("kernel", "arm64ec", KERNEL.read_text())]
    if arch == "arm64x":
        native = KERNEL.read_text().replace("|#crc32_update|", "crc32_update")
        sources.append(("kernel_native", "aarch64", native))
    objects = []
    for name, target, text in sources:
        source = tmp_path / f"{name}.S"
        source.write_text(translate(text))
        objects.append(tmp_path / f"{name}.obj")
        run(
            [
                str(llvm.tool("clang")),
                f"--target={target}-pc-windows-msvc",
                "-march=armv8-a+crc",
                "-c",
                str(source),
                "-o",
                str(objects[-1]),
            ]
        )
    support = crtless_support(llvm, get_arch(arch))
    exports = tmp_path / "kernel.def"
    exports.write_text("EXPORTS\n  crc32_update\n")
    dll = tmp_path / "kernel.dll"
    run(
        [
            str(llvm.tool("lld-link")),
            "/dll",
            "/noentry",
            "/nodefaultlib",
            f"/machine:{arch}",
            f"/def:{exports}",  # the EC view's exports; Arm64X: the native view's too
            *([f"/defArm64Native:{exports}"] if arch == "arm64x" else []),
            *map(str, objects),
            str(support.runtime_object),
            *([str(support.native_runtime_object)] if support.native_runtime_object else []),
            f"/out:{dll}",
        ]
    )
    assert_crc32_kernel(dll, arch)


@pytest.mark.slow
@pytest.mark.skipif(
    sys.platform != "win32",
    reason="armasm64.exe, cl.exe and link.exe (Visual Studio's ARM64 tools) exist only on Windows",
)
def test_armasm64_output_on_windows(tmp_path: Path) -> None:
    """armasm64.exe assembles the output; with the kernel and the CRT, cl/link make a DLL
    whose crc32_update x64 code can call (run when this is an x64 process on ARM64)."""
    from ec_buildext.arch import get_arch
    from ec_buildext.plugins import process_arch
    from ec_buildext.toolchains.msvc import find_msvc

    msvc = find_msvc(get_arch("arm64ec"))
    if msvc is None:
        pytest.skip("no Visual Studio with the ARM64 build tools found (vswhere)")
    armasm64 = str(msvc.bin_dir / "armasm64.exe")
    thunks = ec(
        "thunks", str(KERNEL_HEADER), "--function", "crc32_update", "--syntax", "armasm64"
    ).stdout
    objects = []
    for name, text in (
        ("thunks", thunks),
        ("kernel", KERNEL.read_text()),
        ("more", _armasm_for(tmp_path)),
    ):
        source = tmp_path / f"{name}.asm"
        source.write_text(text)
        objects.append(tmp_path / f"{name}.obj")
        subprocess.run(
            [armasm64, "-nologo", "-machine", "ARM64EC", "-o", str(objects[-1]), str(source)],
            check=True,
        )
    symbols = {s.name for s in lief.COFF.parse(str(objects[-1])).symbols}
    assert {"body30", "#ext0.guest_exit"} <= symbols
    (tmp_path / "crt.c").write_text("int ec_buildext_test_unused;\n")
    subprocess.run(
        [
            str(msvc.bin_dir / "cl.exe"),
            "/nologo",
            "/arm64EC",
            "/LD",
            *(f"/I{d}" for d in msvc.include_dirs()),
            str(tmp_path / "crt.c"),
            *map(str, objects[:2]),
            f"/Fe{tmp_path / 'kernel.dll'}",
            "/link",
            "/export:crc32_update",
            *(f"/libpath:{d}" for d in msvc.lib_dirs()),
        ],
        check=True,
        cwd=tmp_path,
    )
    if process_arch() == "arm64ec":  # x64 Python on ARM64: the call goes through the thunk
        import ctypes

        kernel = ctypes.CDLL(str(tmp_path / "kernel.dll")).crc32_update
        kernel.restype = ctypes.c_uint32
        kernel.argtypes = [ctypes.c_uint32, ctypes.c_char_p, ctypes.c_size_t]
        assert kernel(0, b"123456789", 9) == zlib.crc32(b"123456789")


@pytest.mark.slow
def test_setuptools_builds_with_msvc_assemble_armasm64_thunks(tmp_path: Path) -> None:
    """[tool.ec-buildext.thunks] with toolchain = 'msvc' (no clang): armasm64 syntax for
    the toolset's armasm64 -machine ARM64EC; with LLVM: GNU syntax for clang."""
    from ec_buildext.arch import get_arch
    from ec_buildext.plan import BuildPlan, ClangCl, HostSdk, Msvc
    from ec_buildext.setuptools_ext.driver import ExtensionSpec, thunk_commands
    from ec_buildext.toolchains.llvm import find_llvm
    from ec_buildext.toolchains.msvc import MsvcToolchain

    spec = ExtensionSpec("m", (), tmp_path / "m.pyd", tmp_path / "tmp")
    for arch in ("arm64ec", "arm64x"):
        msvc = MsvcToolchain(tmp_path / "vc", tmp_path / "sdk", "10.0.26100.0", get_arch(arch))
        plan = BuildPlan(get_arch(arch), Msvc(msvc), "win_arm64ec")
        syntax, source, command = thunk_commands(plan, spec)
        assert (syntax, source) == ("armasm64", tmp_path / "tmp" / "ec_thunks.asm")
        assert command[0] == str(msvc.bin_dir / "armasm64.exe")
        assert command[command.index("-machine") + 1] == "ARM64EC" and command[-1] == str(source)
    llvm = find_llvm("ziglang")
    plan = BuildPlan(get_arch("arm64x"), ClangCl(llvm, HostSdk()), "win_arm64")
    syntax, source, command = thunk_commands(plan, spec)
    assert syntax == "gnu" and source.suffix == ".S"
    assert "--target=arm64ec-pc-windows-msvc" in command


def test_a_name_both_implemented_and_called_is_refused(tmp_path: Path) -> None:
    header = tmp_path / "k.h"
    header.write_text("int twice(int x);\nint half(int x);\n")
    for syntax in ("gnu", "armasm64"):
        proc = ec(
            "thunks",
            str(header),
            "--function",
            "twice",
            "--calls",
            "twice",
            "--syntax",
            syntax,
            check=False,
        )
        assert proc.returncode == 1 and "Traceback" not in proc.stderr
        assert "twice: listed as implemented" in proc.stderr
        # Given twice, a name is one function: one stub, one thunk.
        text = ec(
            "thunks", str(header), "--function", "half", "--function", "half", "--syntax", syntax
        ).stdout
        if syntax == "gnu":
            assert text.count('.symidx "#half"') == text.count(".weak_anti_dep half") == 1
        else:
            assert text.count("\nhalf PROC") == 1
            translate(text)  # would refuse a label defined twice


def test_a_dollar_in_a_name_is_refused_for_armasm64(tmp_path: Path) -> None:
    header = tmp_path / "k.h"
    header.write_text("int odd$name(int x);\n")
    proc = ec("thunks", str(header), "--function", "odd$name", "--syntax", "armasm64", check=False)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "odd$name: armasm64 reads '$' in a name as a variable" in proc.stderr
    assert "odd$name" in ec("thunks", str(header), "--function", "odd$name").stdout
