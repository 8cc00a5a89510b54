"""Two Arm64EC DLLs per thunk test: clang's thunks (from C) and ours (from a header).

``build_pair`` compiles the C side with clang, generates our thunks with
``ec-buildext thunks`` plus trivial assembly bodies (``EC_FUNC_BEGIN f; ret``), links
both with lld-link and reads every symbol's address from the linker map.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import lief
from unicorn import UC_ARCH_ARM64, UC_MODE_ARM, Uc

from ec_buildext.arch import get_arch
from ec_buildext.toolchains.crtless import crtless_support
from ec_buildext.toolchains.llvm import find_llvm

from .armasm64 import translate
from .commands import ec, run
from .emulate import DATA, call

RET = (0xD65F03C0).to_bytes(4, "little")  # AArch64 `ret`

MAP_LINE = re.compile(r"^\s*\S+\s+(\S+)\s+([0-9a-f]{16})\s", re.M)


@dataclass
class Built:
    dll: Path
    symbols: dict[str, int]  # name -> virtual address


def load_dll(
    built: Built, regions: Sequence[tuple[int, int]], rets: Sequence[int], slots: dict[str, int]
) -> Uc:
    """unicorn with ``built``'s DLL at its preferred base (lld applied every relocation
    for it), ``regions`` (address, size) mapped, a ``ret`` at each of ``rets``, and the
    loader-filled CHPE slots in ``slots`` (LIEF's names) pointing where given."""
    binary = lief.PE.parse(str(built.dll))
    base = binary.optional_header.imagebase
    uc = Uc(UC_ARCH_ARM64, UC_MODE_ARM)
    uc.mem_map(base, (binary.optional_header.sizeof_image + 0xFFF) & ~0xFFF)
    for section in binary.sections:
        uc.mem_write(base + section.virtual_address, bytes(section.content))
    for address, size in regions:
        uc.mem_map(address, size)
    for address in rets:
        uc.mem_write(address, RET)
    chpe = binary.load_configuration.chpe_metadata
    for slot, target in slots.items():
        uc.mem_write(base + getattr(chpe, slot), target.to_bytes(8, "little"))
    return uc


def write_signature_header(
    header: Path, preamble: Sequence[str], signatures: Sequence[tuple[str, list[str]]]
) -> Path:
    """``preamble``, then ``body<i>`` and ``ext<i>`` declared with signature i."""
    lines = list(preamble)
    for i, (result, params) in enumerate(signatures):
        args = ", ".join(params) or "void"
        lines += [f"{result} body{i}({args});", f"{result} ext{i}({args});"]
    header.write_text("\n".join(lines) + "\n")
    return header


def build_signature_pair(
    work: Path, header: Path, signatures: Sequence[tuple[str, list[str]]]
) -> dict[str, Built]:
    """``build_pair`` where, for each signature i, clang's ``body<i>`` (an EC definition:
    an entry thunk) calls ``ext<i>`` (an external: an exit thunk), both in ``header``."""
    return build_pair(
        work,
        header,
        _forwarding_c(header.name, signatures),
        [f"body{i}" for i in range(len(signatures))],
        [f"ext{i}" for i in range(len(signatures))],
    )


def _forwarding_c(header: str, signatures: Sequence[tuple[str, list[str]]]) -> str:
    defs = [f'#include "{header}"']
    for i, (result, params) in enumerate(signatures):
        names = [f"p{k}" for k in range(len(params))]
        decl = ", ".join(f"{t} {n}" for t, n in zip(params, names)) or "void"
        ret = "" if result == "void" else "return "
        defs.append(
            f"__declspec(dllexport) {result} body{i}({decl}) {{ {ret}ext{i}({', '.join(names)}); }}"
        )
    return "\n".join(defs) + "\n"


def _compile(llvm, source: Path, *flags: str) -> Path:  # type: ignore[no-untyped-def]
    obj = source.with_suffix(".obj")
    run(
        [
            str(llvm.tool("clang")),
            "--target=arm64ec-pc-windows-msvc",
            *flags,
            "-c",
            str(source),
            "-o",
            str(obj),
        ]
    )
    return obj


def _link(llvm, objects: list[Path], out: Path) -> Built:  # type: ignore[no-untyped-def]
    runtime = crtless_support(llvm, get_arch("arm64ec")).runtime_object
    run(
        [
            str(llvm.tool("lld-link")),
            "/dll",
            "/noentry",
            "/nodefaultlib",
            "/machine:arm64ec",
            "/force:unresolved",
            "/opt:noref",
            *map(str, objects),
            str(runtime),
            f"/out:{out}",
            f"/map:{out.with_suffix('.map')}",
        ],
        check=False,
    )
    symbols = {m[1]: int(m[2], 16) for m in MAP_LINE.finditer(out.with_suffix(".map").read_text())}
    return Built(out, symbols)


def build_pair(
    work: Path, header: Path, c_source: str, functions: Sequence[str], calls: Sequence[str]
) -> dict[str, Built]:
    """{"clang": DLL of ``c_source``, "ours": DLL of our thunks for ``header``}."""
    llvm = find_llvm("ziglang")
    c_file = work / "clang_side.c"
    c_file.write_text(c_source)
    clang_obj = _compile(llvm, c_file, "-O2")
    return {
        "clang": _link(llvm, [clang_obj], work / "clang.dll"),
        "ours": build_ours(work, header, functions, calls),
    }


def _generate(
    work: Path, header: Path, functions: Sequence[str], calls: Sequence[str], syntax: str
) -> Path:
    out = work / f"ours_thunks.{'S' if syntax == 'gnu' else 'asm'}"
    ec(
        "thunks",
        str(header),
        *[a for n in functions for a in ("--function", n)],
        *[a for n in calls for a in ("--calls", n)],
        "--syntax",
        syntax,
        "-o",
        str(out),
    )
    return out


def build_ours(work: Path, header: Path, functions: Sequence[str], calls: Sequence[str]) -> Built:
    """Our GNU-syntax thunks with trivial bodies (``EC_FUNC_BEGIN f; ret``), linked."""
    llvm = find_llvm("ziglang")
    ours = _generate(work, header, functions, calls, "gnu")
    bodies = work / "bodies.S"
    bodies.write_text(
        "#include <ec_thunks.h>\n"
        + "".join(f"        EC_FUNC_BEGIN {n}\n        ret\n" for n in functions)
    )
    include = ec("--include-dir").stdout.strip()
    objs = [_compile(llvm, src, f"-I{include}") for src in (ours, bodies)]
    return _link(llvm, objs, work / "ours.dll")


def build_ours_armasm(
    work: Path, header: Path, functions: Sequence[str], calls: Sequence[str]
) -> Built:
    """Our armasm64-syntax thunks, read by tests/support/armasm64.py (which refuses anything
    outside armasm64's syntax) and assembled by clang, with armasm64 bodies named as
    Microsoft's A64NAME names them (``|#f|``, in plain .text), linked."""
    llvm = find_llvm("ziglang")
    generated = _generate(work, header, functions, calls, "armasm64")
    translated = work / "armasm_translated.S"
    translated.write_text(translate(generated.read_text()))
    bodies = work / "a64name_bodies.S"
    bodies.write_text(
        translate(
            "        AREA |.text|,CODE,READONLY,ALIGN=4\n"
            + "".join(
                f"        EXPORT |#{n}|\n|#{n}| PROC\n        ret\n        ENDP\n"
                for n in functions
            )
            + "        END\n"
        )
    )
    objs = [_compile(llvm, src) for src in (translated, bodies)]
    return _link(llvm, objs, work / "armasm.dll")


def assert_crc32_kernel(dll: Path, arch: str) -> None:
    """A DLL exporting the CRC-32 kernel (``crc32_update(crc, data, len)``): inspect
    sees ``arch`` with the export in every view (an entry thunk in the EC view), and the
    kernel gives zlib's CRC in every view and, when there is an EC view, called as x64
    code calls it (RCX, RDX, R8 in, RAX out, through its entry thunk)."""
    (report,) = json.loads(ec("inspect", "--json", str(dll)).stdout)
    assert report["kind"] == arch and report["problems"] == []
    payload = bytes(range(256)) * 3 + b"tail"
    data = payload + b"\0" * (4096 - len(payload))
    for view in report["views"]:
        (export,) = view["exports"]
        assert export["name"] == "crc32_update"
        assert export["entry_thunk"] is (True if view["arch"] == "arm64ec" else None)
        got, _ = call(dll, "crc32_update", view["arch"], [0, DATA, len(payload)], data)
        assert got == zlib.crc32(payload)
    if "arm64ec" in (v["arch"] for v in report["views"]):
        got, _ = call(
            dll, "crc32_update", "arm64ec", [0, DATA, len(payload)], data, via_entry_thunk=True
        )
        assert got & 0xFFFFFFFF == zlib.crc32(payload)
