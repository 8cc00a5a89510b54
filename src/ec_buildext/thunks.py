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

Handled: integers of every width, pointers, enums, bool, float, double and long
double (= double on Windows), structs and unions of every size (1, 2, 4 and 8 bytes by value
on x64, others through a pointer to a copy; HFAs in v registers and larger than
16 bytes by reference on AArch64; results through hidden pointers where either
convention wants one), any number of parameters on the stack on both sides.
Unions are classified like structs of their size (HFA when every member is
one of the same type).  Aggregates of 3, 5, 6 and 7 bytes follow the x64 rules
(by pointer), where clang puts them in a register; their thunks are named by the
``m<N>`` rule (``m3``...) so they never merge with clang's.  Variadic functions
use the Arm64EC variadic convention (x0-x3, x4 = the stack part, x5 = its size);
their exit thunk copies the stack part, where clang's does not, and is named apart
from clang's.  Bit-fields and variadic functions returning aggregates are refused
with the reason.

The body's symbol convention (``ec_thunks.h``): ``EC_FUNC_BEGIN(name)`` opens the
body as ``#name`` in a COMDAT section under Arm64EC and as ``name`` otherwise, so
one ``.S`` file builds for ARM64 and Arm64EC.

``syntax="armasm64"`` writes the same thunk code for Microsoft's armasm64.  It has no
directive for ``.hybmp$x``'s symbol indexes nor for ``.weak_anti_dep``, so there the
function ``name`` is a stub in the thunk file, after the word holding its entry
thunk's offset (ksarm64.h's way), branching to the body ``#name`` (A64NAME's name);
the assembly calls possibly-x64 code through ``#name.guest_exit``.  Names avoid ``$``
(armasm substitutes ``$variables``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional

from .errors import UserError
from .toolchains.llvm import mingw_root

__all__ = [
    "SYNTAXES",
    "Prototype",
    "ThunkError",
    "ValueType",
    "exit_thunk_name",
    "generate",
    "mangle",
    "read_prototypes",
]


class ThunkError(UserError):
    """A prototype ec-buildext cannot make a thunk for, with the reason."""


def _m(size: int) -> str:
    return "m" if size == 4 else f"m{size}"


@dataclass(frozen=True)
class ValueType:
    """A parameter or result, as the two calling conventions see it."""

    kind: str  # "void", "int" (integers, pointers, enums, bool), "float", "double", "agg"
    size: int
    #: Aggregates: the homogeneous floating-point members ("float"|"double", count), if any.
    hfa: Optional[tuple[str, int]] = None
    #: Aggregates whose IR type is one array of this ("float"|"double"): a struct's only
    #: field, a union's storage member.  Mangled F/D<size> as a result.
    fp_array: Optional[str] = None

    @property
    def is_fp(self) -> bool:
        return self.kind in ("float", "double")

    @property
    def x64_in_register(self) -> bool:
        """x64 passes (and returns) it by value in one register; else through a pointer."""
        return self.kind != "agg" or self.size in (1, 2, 4, 8)

    @property
    def odd(self) -> bool:
        """3, 5, 6 or 7 bytes: by pointer on x64, in a register on AArch64 (clang errs here)."""
        return self.kind == "agg" and self.hfa is None and self.size in (3, 5, 6, 7)

    def code(self, result: bool = False) -> str:
        """The mangling code LLVM and MSVC use (results and parameters differ for aggregates)."""
        if self.kind != "agg":
            return {"void": "v", "int": "i8", "float": "f", "double": "d"}[self.kind]
        fp = f"{'F' if self.hfa and self.hfa[0] == 'float' else 'D'}{self.size}"
        if self.odd:
            return _m(self.size)  # MSVC's name; clang's i8 thunk is wrong for these
        if result:
            if self.fp_array:
                return f"{'F' if self.fp_array == 'float' else 'D'}{self.size}"
            if self.hfa or self.size > 16:
                return _m(self.size)
            return "i8" if self.size <= 8 else "m16"
        if self.hfa:
            return fp
        return "i8" if self.size <= 8 or self.size > 16 else "m16"


@dataclass(frozen=True)
class Prototype:
    name: str
    result: ValueType
    params: tuple[ValueType, ...]
    #: ``f(int n, ...)``: the thunk passes x0-x3 and the stack through unchanged.
    variadic: bool = False


def mangle(proto: Prototype) -> str:
    """``$cdecl$<ret>$<args>``: the part after ``$ientry_thunk`` / ``$iexit_thunk``."""
    args = "varargs" if proto.variadic else "".join(p.code() for p in proto.params) or "v"
    return f"$cdecl${proto.result.code(result=True)}${args}"


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


def _homogeneous(t: object) -> Optional[tuple[str, int]]:
    """(base, members) if every scalar in ``t`` is the same floating-point type.

    AAPCS64's rule as clang applies it: struct members add up, union members
    take the largest count, and a record with padding is not homogeneous.
    """
    kind = t.kind.name  # type: ignore[attr-defined]
    if kind == "FLOAT":
        return ("float", 1)
    if kind in ("DOUBLE", "LONGDOUBLE") and t.get_size() == 8:  # type: ignore[attr-defined]
        return ("double", 1)
    if kind == "CONSTANTARRAY":
        inner = _homogeneous(t.get_array_element_type().get_canonical())  # type: ignore[attr-defined]
        count = t.get_array_size()  # type: ignore[attr-defined]
        return None if inner is None or count <= 0 else (inner[0], inner[1] * count)
    if kind != "RECORD":
        return None
    union = t.get_declaration().kind.name == "UNION_DECL"  # type: ignore[attr-defined]
    bases, members = set(), 0
    for field in t.get_fields():  # type: ignore[attr-defined]
        inner = _homogeneous(field.type.get_canonical())
        if inner is None:
            return None
        bases.add(inner[0])
        members = max(members, inner[1]) if union else members + inner[1]
    if len(bases) != 1:
        return None
    base = bases.pop()
    width = 4 if base == "float" else 8
    return (base, members) if width * members == t.get_size() else None  # type: ignore[attr-defined]


def _ir_field(t: object, fields: list) -> Optional[object]:  # type: ignore[type-arg]
    """The one field clang's IR type for the record holds, or None if it holds more.

    A struct's IR type has a field per member; a union's holds its storage
    member (highest alignment, then largest size, first wins), plus padding
    bytes when that member is smaller than the union.
    """
    if t.get_declaration().kind.name != "UNION_DECL":  # type: ignore[attr-defined]
        return fields[0].type.get_canonical() if len(fields) == 1 else None
    storage = None
    for field in fields:
        ft = field.type.get_canonical()
        if storage is None or (ft.get_align(), ft.get_size()) > (
            storage.get_align(),
            storage.get_size(),
        ):
            storage = ft
    if storage is None or storage.get_size() != t.get_size():  # type: ignore[attr-defined]
        return None
    return storage


def _aggregate(t: object, where: str) -> ValueType:
    what = "unions" if t.get_declaration().kind.name == "UNION_DECL" else "structs"  # type: ignore[attr-defined]
    fields = list(t.get_fields())  # type: ignore[attr-defined]
    if any(f.is_bitfield() for f in fields):
        raise ThunkError(f"{where}: {what} with bit-fields are not supported.")
    size, align = t.get_size(), t.get_align()  # type: ignore[attr-defined]
    if size <= 0 or align > 8:
        raise ThunkError(
            f"{where}: {'empty' if size <= 0 else 'over-aligned'} {what} are not supported."
        )
    hfa = _homogeneous(t)
    if hfa is not None and hfa[1] > 4:
        hfa = None
    # Results are mangled from clang's IR type: a lone array of float/double is F/D<size>.
    fp_array = None
    field = _ir_field(t, fields)
    if field is not None and field.kind.name == "CONSTANTARRAY":  # type: ignore[attr-defined]
        element = field.get_array_element_type().get_canonical()  # type: ignore[attr-defined]
        single = _homogeneous(element)
        if single is not None and single[1] == 1 and element.kind.name != "RECORD":
            fp_array = single[0]
    return ValueType("agg", size, hfa, fp_array)


def _classify(ctype: object, where: str) -> ValueType:
    t = ctype.get_canonical()  # type: ignore[attr-defined]
    kind = t.kind.name
    size = t.get_size()
    if kind == "VOID":
        return ValueType("void", 0)
    if kind == "POINTER" and t.get_pointee().get_canonical().kind.name == "FUNCTIONNOPROTO":
        raise ThunkError(
            f"{where}: a pointer to a function declared without a prototype; declare its "
            "parameters (or (void)) so the calls through it can be given thunks."
        )
    if kind in _INT_KINDS and size <= 8:
        return ValueType("int", size)
    if kind == "FLOAT":
        return ValueType("float", 4)
    if kind in ("DOUBLE", "LONGDOUBLE") and size == 8:
        return ValueType("double", 8)
    if kind == "RECORD":
        return _aggregate(t, where)
    reasons = {
        "VECTOR": "vector types (__m128, __m256, ...) have no Arm64EC thunk convention",
        "INT128": "128-bit integers have no Arm64EC thunk convention",
        "UINT128": "128-bit integers have no Arm64EC thunk convention",
        "COMPLEX": "complex types are not supported",
    }
    reason = reasons.get(kind, f"the type {t.spelling} ({kind}) is not supported")
    raise ThunkError(f"{where}: {reason}.")


def _reader_args() -> list[str]:
    """x64 Windows as mingw-w64 headers expect it (their LLP64 types and layouts are
    MSVC's), with MSVC's 8-byte long double; C's own headers from thunk_include/, the
    Windows SDK's from the ziglang wheel's mingw-w64 when it is installed."""
    args = [
        "-x",
        "c",
        "--target=x86_64-w64-windows-gnu",
        "-mlong-double-64",
        "-nostdinc",
        f"-isystem{Path(__file__).parent / 'thunk_include'}",
    ]
    mingw = mingw_root()
    if mingw is not None:
        args.append(f"-isystem{mingw / 'include' / 'any-windows-any'}")
    return args


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
    unit = index.parse(str(header), args=[*_reader_args(), *clang_args])
    errors = [d for d in unit.diagnostics if d.severity >= cindex.Diagnostic.Error]
    if errors:
        hint = ""
        if any("file not found" in d.spelling for d in errors):
            hint = (
                "\nThe reader knows C's own headers (stdint.h, stddef.h, stdbool.h, stdarg.h, "
                "limits.h) and, with the ziglang wheel (ec-buildext[llvm]), the Windows SDK's "
                "as mingw-w64 has them (windows.h, stdio.h...). Give other folders with -I."
            )
        raise UserError(f"{header} does not parse:\n" + "\n".join(f"  {d}" for d in errors) + hint)
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
        variadic = ftype.is_function_variadic()
        convention = _calling_convention(cindex, ftype)
        if convention not in ("C", "Win64", "X86_64Win64", "Default"):
            raise ThunkError(
                f"{name}: calling convention {convention} (only the default "
                "x64 convention, __cdecl, has Arm64EC thunks)."
            )
        result = _classify(cursor.result_type, f"{name}: result")
        if variadic and result.kind == "agg":
            raise ThunkError(
                f"{name}: variadic functions returning a struct or union are not supported "
                "by this version (return it through a pointer parameter)."
            )
        params = tuple(
            _classify(a.type, f"{name}: parameter {a.spelling or i + 1}")
            for i, a in enumerate(cursor.get_arguments())
        )
        out.append(Prototype(name, result, params, variadic))
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


def _copy(dst: str, dst_off: int, src: str, src_off: int, size: int) -> list[str]:
    """Copy ``size`` bytes (rounded up to 8) through x17."""
    out = []
    for k in range(0, (size + 7) & ~7, 8):
        out += [f"ldr x17, [{src}, #{src_off + k}]", f"str x17, [{dst}, #{dst_off + k}]"]
    return out


def _store_exact(src_regs: Sequence[str], dst: str, size: int) -> list[str]:
    """Store exactly ``size`` bytes held in x registers (little-endian) at [dst]."""
    out, off = [], 0
    for reg in src_regs:
        left = min(8, size - off)
        if left <= 0:
            break
        if left == 8:
            out.append(f"str {reg}, [{dst}, #{off}]")
            off += 8
            continue
        out.append(f"mov x17, {reg}")
        for piece, op, name in ((4, "str", "w17"), (2, "strh", "w17"), (1, "strb", "w17")):
            if left >= piece:
                out += [f"{op} {name}, [{dst}, #{off}]", f"lsr x17, x17, #{piece * 8}"]
                off += piece
                left -= piece
    return out


def _as_named(v: ValueType) -> ValueType:
    """The value as its mangled name describes it.  Thunks with one name are one
    COMDAT (shared with the compiler's), so their code may depend on nothing else:
    "m16" covers every 9-16 byte struct that is not an HFA, and is 16 bytes wide."""
    if v.kind == "agg" and v.hfa is None and not v.odd and 8 < v.size <= 16:
        return replace(v, size=16)
    return v


def _named(proto: Prototype) -> Prototype:
    return replace(
        proto, result=_as_named(proto.result), params=tuple(map(_as_named, proto.params))
    )


# The Arm64EC variadic convention is x64's, carried in AArch64 registers: the first
# four parameter slots in x0-x3 (floating-point values too), x4 = the address of the
# fifth slot, x5 = the size of the stack part.  So variadic thunks move no parameter.

_SAVE_Q6_Q15 = [
    "stp q6, q7, [sp, #-176]!",
    "stp q8, q9, [sp, #32]",
    "stp q10, q11, [sp, #64]",
    "stp q12, q13, [sp, #96]",
    "stp q14, q15, [sp, #128]",
    "stp x29, x30, [sp, #160]",
    "add x29, sp, #160",
]
_RESTORE_Q6_Q15_AND_RETURN_TO_X64 = [
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


def _variadic_entry_thunk(result: ValueType) -> list[str]:
    """x64 caller -> variadic EC body: x4 moves from the x64 stack pointer past the
    home area to the fifth slot, x5 = 0 (the size is not known to the callee)."""
    return [
        *_SAVE_Q6_Q15,
        f"add x4, x4, #{_X64_HOME}",
        "mov x5, xzr",
        "blr x9",
        *(["mov x8, x0"] if result.kind == "int" else []),  # RAX; XMM0 is v0
        *_RESTORE_Q6_Q15_AND_RETURN_TO_X64,
    ]


def _variadic_exit_thunk(result: ValueType) -> list[str]:
    """Variadic EC caller -> x64 code: RCX-R9 are x0-x3, XMM0-3 get the same bits (x64
    callers of variadic functions fill both), the x5 bytes at [x4] follow the home area."""
    return [
        "stp x29, x30, [sp, #-16]!",
        "mov x29, sp",
        f"add x17, x5, #{_X64_HOME + 15}",
        "and x17, x17, #-16",
        "sub sp, sp, x17",
        "cbz x5, 2f",
        f"add x10, sp, #{_X64_HOME}",
        "mov x11, x5",
        "1:",
        "ldr x12, [x4], #8",
        "str x12, [x10], #8",
        "subs x11, x11, #8",
        "b.gt 1b",
        "2:",
        *(f"fmov d{k}, x{k}" for k in range(4)),
        "adrp x16, __os_arm64x_dispatch_call_no_redirect",
        "ldr x16, [x16, :lo12:__os_arm64x_dispatch_call_no_redirect]",
        "blr x16",
        *(["mov x0, x8"] if result.kind == "int" else []),  # RAX; XMM0 is v0
        "mov sp, x29",
        "ldp x29, x30, [sp], #16",
        "ret",
    ]


def _entry_thunk(proto: Prototype, name: str) -> list[str]:
    """x64 caller -> AArch64 body.  In: x9 = body, x0-x3 = RCX/RDX/R8/R9, v0-v3 =
    XMM0-3, x4 = the x64 stack (5th parameter at [x4, #0x20]).

    The four x64 register parameters are first spilled to the frame; every AAPCS64
    register is then loaded from memory, so no source is overwritten before use."""
    if proto.variadic:
        return _variadic_entry_thunk(proto.result)
    proto = _named(proto)
    result = proto.result
    x64_sret = result.kind == "agg" and not result.x64_in_register
    where = _aapcs_locations(proto.params)
    outgoing = _align16(_stack_bytes(where, proto.params))
    spill = outgoing  # x0-x3 at spill, d0-d3 at spill + 32
    frame = outgoing + 64
    lines = [
        *_SAVE_Q6_Q15,
        f"sub sp, sp, #{frame}",
        f"stp x0, x1, [sp, #{spill}]",
        f"stp x2, x3, [sp, #{spill + 16}]",
        f"stp d0, d1, [sp, #{spill + 32}]",
        f"stp d2, d3, [sp, #{spill + 48}]",
        "mov x16, x4",
    ]

    def slot(s: int, fp: bool) -> tuple[str, int]:
        if s < 4:
            return "sp", spill + (32 if fp else 0) + 8 * s
        return "x16", _X64_HOME + 8 * (s - 4)

    for index, (p, w) in enumerate(zip(proto.params, where)):
        base, off = slot(index + (1 if x64_sret else 0), p.is_fp)
        if p.kind != "agg":
            if w.bank == "stack":
                lines += _copy("sp", w.offset, base, off, 8)
            elif w.bank == "v":
                lines.append(f"ldr {_fp(w.first, p)}, [{base}, #{off}]")
            else:
                lines.append(f"ldr x{w.first}, [{base}, #{off}]")
            continue
        if not p.x64_in_register:  # the slot holds a pointer to the caller's copy
            lines.append(f"ldr x15, [{base}, #{off}]")
            base, off = "x15", 0
        if w.by_reference:
            if base != "x15":
                lines += [f"add x15, {base}, #{off}"]
            lines.append(f"mov x{w.first}, x15" if w.bank == "x" else f"str x15, [sp, #{w.offset}]")
        elif w.bank == "stack":
            lines += _copy("sp", w.offset, base, off, p.size)
        elif w.bank == "v":
            prefix, width = _member(p)
            lines += [
                f"ldr {prefix}{w.first + i}, [{base}, #{off + i * width}]" for i in range(w.regs)
            ]
        else:
            lines += [f"ldr x{w.first + i}, [{base}, #{off + 8 * i}]" for i in range(w.regs)]
    aarch64_sret = result.kind == "agg" and result.hfa is None and result.size > 16
    if aarch64_sret:
        lines.append(f"ldr x8, [sp, #{spill}]")  # the result goes straight to the x64 buffer
    lines.append("blr x9")
    if x64_sret:
        lines.append(f"ldr x15, [sp, #{spill}]")
        if result.hfa:
            prefix, width = _member(result)
            lines += [f"str {prefix}{i}, [x15, #{i * width}]" for i in range(result.hfa[1])]
        elif not aarch64_sret:
            lines += _store_exact(["x0", "x1"], "x15", result.size)
        lines.append("mov x8, x15")  # RAX: the buffer
    elif result.kind == "agg" and result.hfa:
        prefix, width = _member(result)
        if prefix == "d":
            lines.append("fmov x8, d0")
        else:
            lines.append("fmov w8, s0")
            if result.hfa[1] == 2:
                lines += ["fmov w17, s1", "orr x8, x8, x17, lsl #32"]
    elif result.kind in ("int", "agg"):
        lines.append("mov x8, x0")  # RAX
    lines += [f"add sp, sp, #{frame}", *_RESTORE_Q6_Q15_AND_RETURN_TO_X64]
    return lines


def _exit_thunk(proto: Prototype) -> list[str]:
    """AArch64 caller -> x64 code.  In: AAPCS64 parameters, x9 = x64 target.

    The AAPCS64 argument registers are first spilled to the frame; every x64
    register and stack slot is then filled from memory."""
    if proto.variadic:
        return _variadic_exit_thunk(proto.result)
    proto = _named(proto)
    result = proto.result
    x64_sret = result.kind == "agg" and not result.x64_in_register
    aarch64_sret = result.kind == "agg" and result.hfa is None and result.size > 16
    where = _aapcs_locations(proto.params)
    slots = len(proto.params) + (1 if x64_sret else 0)
    copies = [
        _align16(p.size)
        if (p.kind == "agg" and not p.x64_in_register and not where[i].by_reference)
        else 0
        for i, p in enumerate(proto.params)
    ]
    layout = _align16(_X64_HOME + 8 * max(0, slots - 4))
    copy_at = []
    for size in copies:
        copy_at.append(layout)
        layout += size
    sret_buffer = layout
    layout += _align16(result.size) if (x64_sret and not aarch64_sret) else 0
    spill = layout  # x0-x7, then d0-d7, then x8
    layout += 144
    frame = layout + 16  # x29/x30 on top
    lines = [
        f"sub sp, sp, #{frame}",
        f"stp x29, x30, [sp, #{frame - 16}]",
        f"add x29, sp, #{frame - 16}",
    ]
    lines += [f"stp x{k}, x{k + 1}, [sp, #{spill + 8 * k}]" for k in range(0, 8, 2)]
    lines += [f"stp d{k}, d{k + 1}, [sp, #{spill + 64 + 8 * k}]" for k in range(0, 8, 2)]
    lines.append(f"str x8, [sp, #{spill + 128}]")

    def source(w: _Where, index: int = 0) -> int:
        """Frame offset of an AAPCS64 argument (register ``w.first + index``)."""
        if w.bank == "x":
            return spill + 8 * (w.first + index)
        if w.bank == "v":
            return spill + 64 + 8 * (w.first + index)
        return frame + w.offset  # the caller's stack arguments, above our frame

    def put(s: int, p: ValueType, value: str) -> list[str]:
        """Place ``value`` (an x register, or 'fp' for a float in v-spill) in x64 slot s."""
        if s < 4:
            return [f"mov x{s}, {value}"]
        return [f"str {value}, [sp, #{_X64_HOME + 8 * (s - 4)}]"]

    if x64_sret:
        buffer = (
            f"ldr x17, [sp, #{spill + 128}]" if aarch64_sret else f"add x17, sp, #{sret_buffer}"
        )
        lines += [buffer, *put(0, result, "x17")]
    for index, (p, w) in enumerate(zip(proto.params, where)):
        s = index + (1 if x64_sret else 0)
        if p.kind != "agg":
            if p.is_fp and s < 4:
                lines.append(f"ldr {_fp(s, p)}, [sp, #{source(w)}]")
            else:
                lines += [f"ldr x17, [sp, #{source(w)}]", *put(s, p, "x17")]
            continue
        if w.by_reference:  # AArch64 passes a pointer to a copy: so does x64
            lines += [f"ldr x17, [sp, #{source(w)}]", *put(s, p, "x17")]
            continue
        if p.x64_in_register:  # 1, 2, 4 or 8 bytes in one integer register
            if w.bank == "v":
                prefix, width = _member(p)
                if width == 8:
                    lines.append(f"ldr x17, [sp, #{source(w)}]")
                else:
                    lines.append(f"ldr w17, [sp, #{source(w)}]")
                    if w.regs == 2:
                        lines += [f"ldr w15, [sp, #{source(w, 1)}]", "orr x17, x17, x15, lsl #32"]
            else:
                lines.append(f"ldr x17, [sp, #{source(w)}]")
            lines += put(s, p, "x17")
            continue
        # By pointer on x64: lay the value out in our frame, pass its address.
        at = copy_at[index]
        if w.bank == "v":
            prefix, width = _member(p)
            for i in range(w.regs):
                reg = "w17" if width == 4 else "x17"
                lines += [
                    f"ldr {reg}, [sp, #{source(w, i)}]",
                    f"str {reg}, [sp, #{at + i * width}]",
                ]
        elif w.bank == "x":
            for i in range(w.regs):
                lines += [f"ldr x17, [sp, #{source(w, i)}]", f"str x17, [sp, #{at + 8 * i}]"]
        else:
            lines += _copy("sp", at, "sp", source(w), p.size)
        lines += [f"add x17, sp, #{at}", *put(s, p, "x17")]
    lines += [
        "adrp x16, __os_arm64x_dispatch_call_no_redirect",
        "ldr x16, [x16, :lo12:__os_arm64x_dispatch_call_no_redirect]",
        "blr x16",
    ]
    if result.kind == "int":
        lines.append("mov x0, x8")  # RAX
    elif result.kind == "agg" and x64_sret and not aarch64_sret:
        if result.hfa:
            prefix, width = _member(result)
            lines += [
                f"ldr {prefix}{i}, [sp, #{sret_buffer + i * width}]" for i in range(result.hfa[1])
            ]
        else:
            lines += [f"ldr x0, [sp, #{sret_buffer}]", f"ldr x1, [sp, #{sret_buffer + 8}]"]
    elif result.kind == "agg" and not x64_sret:  # returned in RAX
        if result.hfa:
            prefix, width = _member(result)
            if width == 8:
                lines.append("fmov d0, x8")
            else:
                lines.append("fmov s0, w8")
                if result.hfa[1] == 2:
                    lines += ["lsr x17, x8, #32", "fmov s1, w17"]
        else:
            lines.append("mov x0, x8")
    lines += [f"ldp x29, x30, [sp, #{frame - 16}]", f"add sp, sp, #{frame}", "ret"]
    return lines


def exit_thunk_name(proto: Prototype) -> str:
    """The mangled name, except for variadic functions: clang's exit thunk of that
    name (LLVM 22) passes x4/x5 as the 5th/6th x64 parameters instead of copying the
    stack part, so ours must never be merged with it (COMDAT picks either)."""
    name = f"$iexit_thunk{mangle(proto)}"
    return f"{name}$x64stack" if proto.variadic else name


SYNTAXES = ("gnu", "armasm64")


def _guest_exit(proto: Prototype, thunk: str) -> list[str]:
    """The routine the assembly calls for a possibly-x64 ``proto.name``: asks
    ``__os_arm64x_check_icall`` where to go (x11: the target, x10: the exit thunk)."""
    return [
        "str x30, [sp, #-16]!",
        "adrp x16, __os_arm64x_check_icall",
        "ldr x16, [x16, :lo12:__os_arm64x_check_icall]",
        f"adrp x11, {proto.name}",
        f"add x11, x11, :lo12:{proto.name}",
        f'adrp x10, "{thunk}"',
        f'add x10, x10, :lo12:"{thunk}"',
        "blr x16",
        "ldr x30, [sp], #16",
        "br x11",
    ]


def _gnu_function(name: str, body: list[str]) -> list[str]:
    return [
        f'\t.section .wowthk$aa,"xr",discard,"{name}"',
        f'\t.globl "{name}"',
        "\t.p2align 2",
        f'"{name}":',
        *(line if line.endswith(":") else f"\t{line}" for line in body),
    ]


def _gnu_file(implemented: Sequence[Prototype], called: Sequence[Prototype]) -> str:
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
            out += _gnu_function(thunk, _entry_thunk(proto, proto.name))
        out += [f"\t.weak_anti_dep {proto.name}", f'\t.set {proto.name}, "#{proto.name}"']
        hybmp += [f'\t.symidx "#{proto.name}"', f'\t.symidx "{thunk}"', "\t.word 1"]
    for proto in called:
        thunk = exit_thunk_name(proto)
        if thunk not in emitted:
            emitted.add(thunk)
            out += _gnu_function(thunk, _exit_thunk(proto))
        guest = f"#{proto.name}$exit_thunk"
        out += _gnu_function(guest, _guest_exit(proto, thunk))
        out += [
            f"\t.weak_anti_dep {proto.name}",
            f'\t.set {proto.name}, "#{proto.name}"',
            f'\t.weak_anti_dep "#{proto.name}"',
            f'\t.set "#{proto.name}", "{guest}"',
        ]
        hybmp += [
            f"\t.symidx {proto.name}",
            f'\t.symidx "{thunk}"',
            "\t.word 4",
            f'\t.symidx "{guest}"',
            f"\t.symidx {proto.name}",
            "\t.word 0",
        ]
    if hybmp:
        out += ['\t.section .hybmp$x,"yi"', *hybmp]
    out.append("#endif")
    return "\n".join(out) + "\n"


# armasm64 spelling of the thunk code, which is written in GNU spelling above: the
# low-12 operand is the bare symbol, conditional branches have no dot, local labels
# are digits in column 1 referred to as %B<n> / %F<n>, odd symbols go between bars.
_PLAIN_SYMBOL = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LOCAL_REF = re.compile(r"([ ,] ?)(\d+)([bf])$")


def _armasm_symbol(name: str) -> str:
    return name if _PLAIN_SYMBOL.fullmatch(name) else f"|{name}|"


def _armasm_label(name: str) -> str:
    """A generated name without ``$``, which armasm reads as a variable's value:
    ``$ientry_thunk$cdecl$i8`` is ``ientry_thunk.cdecl.i8`` (kxarm64.h's own labels
    look like ``|name._entry_thunk|``).  These names stay local to the file."""
    return name.replace("$", ".").lstrip(".")


def _armasm_line(line: str) -> str:
    if re.fullmatch(r"\d+:", line):
        return line[:-1]  # a local label: column 1
    line = line.replace(":lo12:", "")
    line = re.sub(r'"([^"]+)"', lambda m: _armasm_symbol(_armasm_label(m[1])), line)
    line = re.sub(r"^b\.(\w+) ", r"b\1 ", line)
    line = _LOCAL_REF.sub(lambda m: f"{m[1]}%{m[3].upper()}{m[2]}", line)
    # A logical immediate as the bit pattern it stands for (armasm64 wants no sign).
    line = re.sub(r"^(and .*#)-(\d+)$", lambda m: f"{m[1]}{-int(m[2]) & (2**64 - 1):#x}", line)
    return f"\t{line}"


def _armasm_proc(name: str, body: list[str], export: bool = False) -> list[str]:
    symbol = _armasm_symbol(name)
    return [
        *([f"\tEXPORT {symbol}"] if export else []),
        f"{symbol} PROC",
        "\tROUT",
        *map(_armasm_line, body),
        "\tENDP",
    ]


def _armasm_file(implemented: Sequence[Prototype], called: Sequence[Prototype]) -> str:
    """armasm64 has no directive for the symbol indexes of ``.hybmp$x``, so the entry
    thunk is tied to the function the way Microsoft's ksarm64.h does it: the word
    before the function holds the thunk's offset (+1), computed by the assembler.  The
    function is a stub here, ``NAME``, branching to the body ``#NAME`` (A64NAME)."""
    odd = [p.name for p in (*implemented, *called) if "$" in p.name]
    if odd:
        raise UserError(
            f"{', '.join(odd)}: armasm64 reads '$' in a name as a variable's value. Rename "
            "the function, or generate GNU syntax (--syntax gnu) and assemble it with clang."
        )
    runtime = set()
    if implemented:
        runtime.add("__os_arm64x_dispatch_ret")
    if called:
        runtime |= {"__os_arm64x_dispatch_call_no_redirect", "__os_arm64x_check_icall"}
    imports = [*sorted(runtime), *(f"#{p.name}" for p in implemented), *(p.name for p in called)]
    out = [
        "; Generated by ec-buildext thunks: Arm64EC thunks for hand-written assembly,",
        "; armasm64 syntax.  Assemble for Arm64EC only: armasm64 -machine ARM64EC.",
        "; Each NAME here sits after the word that gives its entry thunk's offset, and",
        "; branches to the body |#NAME|; call x64-or-EC code through |#NAME.guest_exit|.",
        *(f"\tIMPORT {_armasm_symbol(name)}" for name in imports),
        "\tAREA |.text|,ALIGN=4,CODE,READONLY",
    ]
    emitted: set[str] = set()
    for proto in implemented:
        thunk = _armasm_label(f"$ientry_thunk{mangle(proto)}")
        if thunk not in emitted:
            emitted.add(thunk)
            out += _armasm_proc(thunk, _entry_thunk(proto, proto.name))
        out += [
            "\tALIGN 16,12",  # the function 16-byte aligned (a CFG call target)
            f"\tDCD ({_armasm_symbol(thunk)} - ({{PC}} + 4)) + 1",
            *_armasm_proc(proto.name, [f'b "#{proto.name}"'], export=True),
        ]
    for proto in called:
        thunk = _armasm_label(exit_thunk_name(proto))
        if thunk not in emitted:
            emitted.add(thunk)
            out += _armasm_proc(thunk, _exit_thunk(proto))
        out += _armasm_proc(f"#{proto.name}.guest_exit", _guest_exit(proto, thunk), export=True)
    out.append("\tEND")
    return "\n".join(out) + "\n"


def generate(
    implemented: Sequence[Prototype], called: Sequence[Prototype] = (), syntax: str = "gnu"
) -> str:
    """The assembly file with every thunk, map entry and alias these functions need."""
    both = sorted({p.name for p in implemented} & {p.name for p in called})
    if both:
        raise UserError(
            f"{', '.join(both)}: listed as implemented by your assembly (--function, "
            "functions) and as called from it (--calls, calls). The assembly calls its own "
            "functions directly (#NAME under Arm64EC): list them as implemented only."
        )
    implemented = list({p.name: p for p in implemented}.values())  # a name given twice
    called = list({p.name: p for p in called}.values())
    if syntax == "gnu":
        return _gnu_file(implemented, called)
    if syntax == "armasm64":
        return _armasm_file(implemented, called)
    raise UserError(f"unknown assembler syntax {syntax!r}: choose one of {', '.join(SYNTAXES)}.")


def thunks_for_header(
    header: Path,
    functions: Sequence[str],
    calls: Sequence[str] = (),
    clang_args: Sequence[str] = (),
    syntax: str = "gnu",
) -> str:
    """Read ``header`` (once) and generate the thunks file (the CLI's work)."""
    prototypes = read_prototypes(header, [*functions, *calls], clang_args)
    return generate(prototypes[: len(functions)], prototypes[len(functions) :], syntax)
