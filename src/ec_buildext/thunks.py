"""Arm64EC entry and exit thunks for hand-written assembly (``ec-buildext thunks``).

Compilers make thunks for C functions; a function written in assembly gets none,
and x64 code calling it crashes.  This reads the prototypes from a C header with
libclang (types laid out for x64 Windows by the compiler) and writes, in GNU
assembler syntax:

* for each function the assembly *implements* (``functions``): an entry thunk
  (x64 convention in, AAPCS64 out, q6-q15 kept, result to RAX/XMM0, return
  through ``__os_arm64x_dispatch_ret``), the ``.hybmp$x`` entry that ties it to
  the body ``#name``, and the ``name`` -> ``#name`` alias;
* for each function the assembly *calls* (``calls``): an exit thunk (AAPCS64 in,
  x64 out through ``__os_arm64x_dispatch_call_no_redirect``) and the ``#name``
  guest-exit routine that asks ``__os_arm64x_check_icall`` where to go.

Thunk names follow LLVM's (and MSVC's) mangling, ``$ientry_thunk$cdecl$<ret>$<args>``,
so a signature's thunk is shared with compiler-made ones (COMDAT, .wowthk$aa).

This version handles scalar signatures: integers of every width, pointers, enums,
bool, float, double and long double (= double on Windows), any number of
parameters (the 5th and later on the stack, on both sides).  Aggregates (structs,
unions), variadic functions and the armasm64 syntax are refused with the reason.

The body's symbol convention (``ec_thunks.h``): ``EC_FUNC_BEGIN(name)`` opens the
body as ``#name`` in a COMDAT section under Arm64EC and as ``name`` otherwise, so
one ``.S`` file builds for ARM64 and Arm64EC.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import UserError

__all__ = [
    "Prototype",
    "ThunkError",
    "ValueType",
    "generate",
    "include_dir",
    "mangle",
    "read_prototypes",
]


class ThunkError(UserError):
    """A prototype ec-buildext cannot make a thunk for, with the reason."""


@dataclass(frozen=True)
class ValueType:
    """A parameter or result, as the two calling conventions see it."""

    kind: str  # "void", "int" (integers, pointers, enums, bool), "float", "double"
    size: int

    @property
    def code(self) -> str:
        """The mangling code LLVM and MSVC use."""
        return {"void": "v", "int": "i8", "float": "f", "double": "d"}[self.kind]

    @property
    def is_fp(self) -> bool:
        return self.kind in ("float", "double")


@dataclass(frozen=True)
class Prototype:
    name: str
    result: ValueType
    params: tuple[ValueType, ...]


def include_dir() -> Path:
    """Folder of ``ec_thunks.h`` (the body-naming macros for .S files)."""
    return Path(__file__).parent / "include"


def mangle(proto: Prototype) -> str:
    """``$cdecl$<ret>$<args>``: the part after ``$ientry_thunk`` / ``$iexit_thunk``."""
    args = "".join(p.code for p in proto.params) or "v"
    return f"$cdecl${proto.result.code}${args}"


# ---- reading prototypes with libclang ---------------------------------------

_INT_KINDS = {
    "BOOL",
    "CHAR_U",
    "UCHAR",
    "CHAR16",
    "CHAR32",
    "USHORT",
    "UINT",
    "ULONG",
    "ULONGLONG",
    "CHAR_S",
    "SCHAR",
    "WCHAR",
    "SHORT",
    "INT",
    "LONG",
    "LONGLONG",
    "POINTER",
    "ENUM",
    "BLOCKPOINTER",
}


def _classify(ctype: object, where: str) -> ValueType:
    t = ctype.get_canonical()  # type: ignore[attr-defined]
    kind = t.kind.name
    size = t.get_size()
    if kind == "VOID":
        return ValueType("void", 0)
    if kind in _INT_KINDS and size <= 8:
        return ValueType("int", size)
    if kind == "FLOAT":
        return ValueType("float", 4)
    if kind in ("DOUBLE", "LONGDOUBLE") and size == 8:
        return ValueType("double", 8)
    reasons = {
        "RECORD": "structs and unions are not supported by this version (scalar, pointer "
        "and floating-point signatures are)",
        "ELABORATED": "structs and unions are not supported by this version",
        "VECTOR": "vector types (__m128, __m256, ...) have no Arm64EC thunk convention",
        "INT128": "128-bit integers have no Arm64EC thunk convention",
        "UINT128": "128-bit integers have no Arm64EC thunk convention",
        "COMPLEX": "complex types are not supported",
    }
    reason = reasons.get(kind, f"the type {t.spelling} ({kind}) is not supported")
    raise ThunkError(f"{where}: {reason}.")


def read_prototypes(
    header: Path, functions: Sequence[str], clang_args: Sequence[str] = ()
) -> list[Prototype]:
    """The prototypes of ``functions`` in ``header``, laid out for x64 Windows."""
    try:
        from clang import cindex
    except ImportError:
        raise UserError(
            "ec-buildext thunks reads headers with libclang: pip install ec-buildext[thunks]"
        ) from None
    if not header.is_file():
        raise UserError(f"{header}: no such header file.")
    index = cindex.Index.create()
    args = [
        "-x",
        "c",
        "--target=x86_64-pc-windows-msvc",
        "-nostdinc",
        f"-isystem{Path(__file__).parent / 'thunk_include'}",
        *clang_args,
    ]
    unit = index.parse(str(header), args=args)
    errors = [d for d in unit.diagnostics if d.severity >= cindex.Diagnostic.Error]
    if errors:
        raise UserError(f"{header} does not parse:\n" + "\n".join(f"  {d}" for d in errors))
    declared = {
        c.spelling: c
        for c in unit.cursor.walk_preorder()
        if c.kind == cindex.CursorKind.FUNCTION_DECL
    }
    out = []
    for name in functions:
        cursor = declared.get(name)
        if cursor is None:
            raise UserError(
                f"{name}: no prototype of it in {header}. Declare it there, or check the spelling."
            )
        ftype = cursor.type.get_canonical()
        if ftype.kind.name == "FUNCTIONNOPROTO":
            raise ThunkError(
                f"{name}: declared without a prototype (write f(void) for no parameters)."
            )
        if ftype.is_function_variadic():
            raise ThunkError(f"{name}: variadic functions are not supported by this version.")
        convention = _calling_convention(cindex, ftype)
        if convention not in ("C", "Win64", "X86_64Win64", "Default"):
            raise ThunkError(
                f"{name}: calling convention {convention} (only the default "
                "x64 convention, __cdecl, has Arm64EC thunks)."
            )
        result = _classify(cursor.result_type, f"{name}: result")
        params = tuple(
            _classify(a.type, f"{name}: parameter {a.spelling or i + 1}")
            for i, a in enumerate(cursor.get_arguments())
        )
        out.append(Prototype(name, result, params))
    return out


def _calling_convention(cindex: object, ftype: object) -> str:
    # libclang: clang_getFunctionTypeCallingConv, in C; the Python binding varies.
    lib = cindex.conf.lib  # type: ignore[attr-defined]
    value = lib.clang_getFunctionTypeCallingConv(ftype)
    names = {
        0: "Default",
        1: "C",
        2: "X86StdCall",
        3: "X86FastCall",
        4: "X86ThisCall",
        5: "X86Pascal",
        6: "AAPCS",
        7: "AAPCS_VFP",
        8: "X86RegCall",
        9: "IntelOclBicc",
        10: "Win64",
        11: "X86_64SysV",
        12: "X86VectorCall",
        13: "Swift",
        14: "PreserveMost",
        15: "PreserveAll",
        16: "AArch64VectorCall",
    }
    return names.get(value, f"#{value}")


# ---- code generation (GNU syntax) ---------------------------------------------

#: Scratch registers thunks may use: x16/x17 (intra-procedure-call), never the
#: registers Arm64EC reserves (x13, x14, x23, x24, x28, v16-v31).
_X64_HOME = 0x20  # shadow space the x64 convention reserves above the return address


def _fp(reg: int, t: ValueType) -> str:
    return f"{'s' if t.kind == 'float' else 'd'}{reg}"


def _aapcs_locations(params: Sequence[ValueType]) -> list[tuple[str, int]]:
    """Where AAPCS64 puts each parameter: ("x"|"v", reg) or ("stack", offset)."""
    out, ints, fps, stack = [], 0, 0, 0
    for p in params:
        if p.is_fp and fps < 8:
            out.append(("v", fps))
            fps += 1
        elif not p.is_fp and ints < 8:
            out.append(("x", ints))
            ints += 1
        else:
            out.append(("stack", stack))
            stack += 8
    return out


def _align16(n: int) -> int:
    return (n + 15) & ~15


def _entry_thunk(proto: Prototype, name: str) -> list[str]:
    """x64 caller -> AArch64 body.  In: x9 = body, x0-x3 = RCX/RDX/R8/R9, v0-v3 =
    XMM0-3, x4 = the x64 stack (5th parameter at [x4, #0x20])."""
    where = _aapcs_locations(proto.params)
    outgoing = _align16(max([off + 8 for kind, off in where if kind == "stack"], default=0))
    lines = [
        "stp q6, q7, [sp, #-176]!",
        "stp q8, q9, [sp, #32]",
        "stp q10, q11, [sp, #64]",
        "stp q12, q13, [sp, #96]",
        "stp q14, q15, [sp, #128]",
        "stp x29, x30, [sp, #160]",
        "add x29, sp, #160",
        "mov x16, x4",  # x4 may receive a parameter below
    ]
    if outgoing:
        lines.append(f"sub sp, sp, #{outgoing}")
    # Registers first, in parameter order: an AAPCS64 register index never exceeds the
    # x64 position it comes from, so no source is overwritten before it is read.
    for pos, (p, (kind, n)) in enumerate(zip(proto.params, where)):
        if pos >= 4 or kind == "stack":
            continue
        if kind == "x" and n != pos:
            lines.append(f"mov x{n}, x{pos}")
        elif kind == "v" and n != pos:
            lines.append(f"fmov {_fp(n, p)}, {_fp(pos, p)}")
    # Then the x64 stack parameters (5th on): to registers, or to our outgoing area.
    # At most three parameters precede the 4th, so every register parameter gets an
    # AAPCS64 register.
    for pos, (p, (kind, n)) in enumerate(zip(proto.params, where)):
        if pos < 4:
            continue
        source = f"[x16, #{_X64_HOME + 8 * (pos - 4)}]"
        if kind == "stack":
            lines += [f"ldr x17, {source}", f"str x17, [sp, #{n}]"]
        else:
            lines.append(f"ldr {'x' + str(n) if kind == 'x' else _fp(n, p)}, {source}")
    lines.append("blr x9")
    if outgoing:
        lines.append(f"add sp, sp, #{outgoing}")
    if proto.result.kind == "int":
        lines.append("mov x8, x0")  # RAX
    lines += [
        "adrp x1, __os_arm64x_dispatch_ret",
        "ldr x1, [x1, :lo12:__os_arm64x_dispatch_ret]",
        "ldp x29, x30, [sp, #160]",
        "ldp q14, q15, [sp, #128]",
        "ldp q12, q13, [sp, #96]",
        "ldp q10, q11, [sp, #64]",
        "ldp q8, q9, [sp, #32]",
        "ldp q6, q7, [sp], #176",
        "br x1",
    ]
    return lines


def _exit_thunk(proto: Prototype) -> list[str]:
    """AArch64 caller -> x64 code.  In: AAPCS64 parameters, x9 = x64 target."""
    where = _aapcs_locations(proto.params)
    stack_params = max(0, len(proto.params) - 4)
    frame = _align16(_X64_HOME + 8 * stack_params) + 16  # + x29/x30
    lines = [
        f"sub sp, sp, #{frame}",
        f"stp x29, x30, [sp, #{frame - 16}]",
        f"add x29, sp, #{frame - 16}",
    ]
    # In reverse parameter order: the x64 position is never below the AAPCS64
    # register index, so each source is read before anything overwrites it.
    for pos in reversed(range(len(proto.params))):
        p, (kind, n) = proto.params[pos], where[pos]
        if kind == "stack":  # the caller's stack parameters sit above our frame
            lines += [
                f"ldr x17, [sp, #{frame + n}]",
                f"str x17, [sp, #{_X64_HOME + 8 * (pos - 4)}]",
            ]
        elif pos >= 4:
            reg = f"x{n}" if kind == "x" else f"d{n}"
            lines.append(f"str {reg}, [sp, #{_X64_HOME + 8 * (pos - 4)}]")
        elif kind == "x" and n != pos:
            lines.append(f"mov x{pos}, x{n}")
        elif kind == "v" and n != pos:
            lines.append(f"fmov {_fp(pos, p)}, {_fp(n, p)}")
    lines += [
        "adrp x16, __os_arm64x_dispatch_call_no_redirect",
        "ldr x16, [x16, :lo12:__os_arm64x_dispatch_call_no_redirect]",
        "blr x16",
    ]
    if proto.result.kind == "int":
        lines.append("mov x0, x8")  # RAX
    lines += [f"ldp x29, x30, [sp, #{frame - 16}]", f"add sp, sp, #{frame}", "ret"]
    return lines


def _function(name: str, body: list[str]) -> list[str]:
    return [
        f'\t.section .wowthk$aa,"xr",discard,{name}',
        f"\t.globl {name}",
        "\t.p2align 2",
        f"{name}:",
        *(f"\t{line}" for line in body),
    ]


def generate(
    implemented: Sequence[Prototype], called: Sequence[Prototype] = (), syntax: str = "gnu"
) -> str:
    """The assembly file with every thunk, map entry and alias these functions need."""
    if syntax != "gnu":
        raise UserError(
            f"--syntax {syntax}: only the GNU assembler syntax (clang, llvm-mc) "
            "is generated by this version; armasm64 output is planned."
        )
    out = [
        "// Generated by ec-buildext thunks: Arm64EC thunks for hand-written assembly.",
        "// Assemble for Arm64EC only (clang --target=arm64ec-...): the whole file is",
        "// empty on other targets.",
        "#if defined(__arm64ec__)",
    ]
    emitted: set[str] = set()
    hybmp: list[str] = []
    for proto in implemented:
        thunk = f"$ientry_thunk{mangle(proto)}"
        if thunk not in emitted:
            emitted.add(thunk)
            out += _function(thunk, _entry_thunk(proto, proto.name))
        out += [f"\t.weak_anti_dep {proto.name}", f'\t.set {proto.name}, "#{proto.name}"']
        hybmp += [f'\t.symidx "#{proto.name}"', f"\t.symidx {thunk}", "\t.word 1"]
    for proto in called:
        thunk = f"$iexit_thunk{mangle(proto)}"
        if thunk not in emitted:
            emitted.add(thunk)
            out += _function(thunk, _exit_thunk(proto))
        guest = f'"#{proto.name}$exit_thunk"'
        out += _function(
            guest,
            [
                "str x30, [sp, #-16]!",
                "adrp x16, __os_arm64x_check_icall",
                "ldr x16, [x16, :lo12:__os_arm64x_check_icall]",
                f"adrp x11, {proto.name}",
                f"add x11, x11, :lo12:{proto.name}",
                f"adrp x10, {thunk}",
                f"add x10, x10, :lo12:{thunk}",
                "blr x16",
                "ldr x30, [sp], #16",
                "br x11",
            ],
        )
        out += [
            f"\t.weak_anti_dep {proto.name}",
            f'\t.set {proto.name}, "#{proto.name}"',
            f'\t.weak_anti_dep "#{proto.name}"',
            f'\t.set "#{proto.name}", {guest}',
        ]
        hybmp += [
            f"\t.symidx {proto.name}",
            f"\t.symidx {thunk}",
            "\t.word 4",
            f"\t.symidx {guest}",
            f"\t.symidx {proto.name}",
            "\t.word 0",
        ]
    if hybmp:
        out += ['\t.section .hybmp$x,"yi"', *hybmp]
    out.append("#endif")
    return "\n".join(out) + "\n"


def thunks_for_header(
    header: Path,
    functions: Sequence[str],
    calls: Sequence[str] = (),
    clang_args: Sequence[str] = (),
    syntax: str = "gnu",
) -> str:
    """Read ``header`` and generate the thunks file (the CLI's work)."""
    implemented = read_prototypes(header, functions, clang_args)
    called = read_prototypes(header, calls, clang_args)
    return generate(implemented, called, syntax)
