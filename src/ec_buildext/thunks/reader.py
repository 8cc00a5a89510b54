"""Prototypes from a C header, read with libclang as x64 Windows lays them out.

libclang's Python objects are untyped (``Any`` here); the reader turns them into the
model (``ValueType``, ``Prototype``) or refuses with the reason (``ThunkError``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional

from ..arch import X64
from ..errors import UserError
from ..toolchains.llvm import mingw_root
from .model import Prototype, ThunkError, ValueType

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


def _homogeneous(t: Any) -> Optional[tuple[str, int]]:
    """(base, members) if every scalar in ``t`` is the same floating-point type.

    AAPCS64's rule as clang applies it: struct members add up, union members
    take the largest count, and a record with padding is not homogeneous.  A
    bit-field is an integer member (so no HFA), except zero-width ones, skipped.
    """
    kind = t.kind.name
    if kind == "FLOAT":
        return ("float", 1)
    if kind in ("DOUBLE", "LONGDOUBLE") and t.get_size() == 8:
        return ("double", 1)
    if kind == "CONSTANTARRAY":
        inner = _homogeneous(t.get_array_element_type().get_canonical())
        count = t.get_array_size()
        return None if inner is None or count <= 0 else (inner[0], inner[1] * count)
    if kind != "RECORD":
        return None
    union = t.get_declaration().kind.name == "UNION_DECL"
    bases, members = set(), 0
    for field in t.get_fields():
        if field.is_bitfield() and field.get_bitfield_width() == 0:
            continue  # AArch64: a zero-width bit-field is no member, at every depth
        inner = _homogeneous(field.type.get_canonical())
        if inner is None:
            return None
        bases.add(inner[0])
        members = max(members, inner[1]) if union else members + inner[1]
    if len(bases) != 1:
        return None
    base = bases.pop()
    width = 4 if base == "float" else 8
    return (base, members) if width * members == t.get_size() else None


def _ir_field(t: Any, fields: list[Any]) -> Any:
    """The one field clang's IR type for the record holds, or None if it holds more.

    A struct's IR type has a field per member; a union's holds its storage
    member (highest alignment, then largest size, first wins), plus padding
    bytes when that member is smaller than the union.
    """
    if t.get_declaration().kind.name != "UNION_DECL":
        return fields[0].type.get_canonical() if len(fields) == 1 else None
    storage = None
    for field in fields:
        ft = field.type.get_canonical()
        if storage is None or (ft.get_align(), ft.get_size()) > (
            storage.get_align(),
            storage.get_size(),
        ):
            storage = ft
    if storage is None or storage.get_size() != t.get_size():
        return None
    return storage


_VECTOR = "vector types (__m128, __m256, ...) have no Arm64EC thunk convention"


def _check_members(t: Any, where: str) -> None:
    """Refuse, at every depth of a struct or union, members whose layout the reader
    cannot vouch for or that have no thunk convention: vector types, and empty
    structs or unions (0 bytes in the GNU layout libclang reads mingw-w64 headers
    with, 4 in the MSVC layout of Arm64EC compilers, so every later member moves)."""
    kind = t.kind.name
    if kind == "VECTOR":
        raise ThunkError(f"{where}: a struct or union with a vector member: {_VECTOR}.")
    if kind == "CONSTANTARRAY":
        _check_members(t.get_array_element_type().get_canonical(), where)
    if kind != "RECORD":
        return
    if t.get_size() <= 0:
        raise ThunkError(
            f"{where}: empty structs and unions (alone or as members) are not supported: "
            "GNU compilers give them 0 bytes, MSVC and clang for Arm64EC 4, and every "
            "later member moves with them."
        )
    for field in t.get_fields():
        _check_members(field.type.get_canonical(), where)


def _aggregate(t: Any, where: str) -> ValueType:
    what = "unions" if t.get_declaration().kind.name == "UNION_DECL" else "structs"
    fields = list(t.get_fields())
    _check_members(t, where)
    size, align = t.get_size(), t.get_align()
    if align > 8:
        # AAPCS64 starts 16-byte aligned aggregates at an even register and LLVM's
        # thunk names (m16...) do not tell them apart: refused rather than guessed.
        raise ThunkError(
            f"{where}: over-aligned {what} (alignment {align}: __declspec(align), "
            "_Alignas, alignas or aligned) are not supported."
        )
    hfa = _homogeneous(t)
    if hfa is not None and hfa[1] > 4:
        hfa = None
    # Results are mangled from clang's IR type: a lone array of float/double is F/D<size>.
    fp_array = None
    field = _ir_field(t, fields)
    if field is not None and field.kind.name == "CONSTANTARRAY":
        element = field.get_array_element_type().get_canonical()
        single = _homogeneous(element)
        if single is not None and single[1] == 1 and element.kind.name != "RECORD":
            fp_array = single[0]
    return ValueType("agg", size, hfa, fp_array)


def _classify(ctype: Any, where: str) -> ValueType:
    t = ctype.get_canonical()
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
        "VECTOR": _VECTOR,
        "INT128": "128-bit integers have no Arm64EC thunk convention",
        "UINT128": "128-bit integers have no Arm64EC thunk convention",
        "COMPLEX": "complex types are not supported",
    }
    reason = reasons.get(kind, f"the type {t.spelling} ({kind}) is not supported")
    raise ThunkError(f"{where}: {reason}.")


def _reader_args() -> list[str]:
    """x64 Windows as mingw-w64 headers expect it (their LLP64 types and layouts are
    MSVC's), with MSVC's 8-byte long double; C's own headers from include/, the
    Windows SDK's from the ziglang wheel's mingw-w64 when it is installed.

    ``-fms-extensions``: ``__declspec(align(N))`` is otherwise ignored in GNU mode,
    and an attribute ignored anywhere may be one that changes a layout, so ignoring
    one is an error."""
    args = [
        "-x",
        "c",
        f"--target={X64.gnu_triple}",
        "-mlong-double-64",
        "-fms-extensions",
        "-Werror=unknown-attributes",
        "-Werror=ignored-attributes",
        "-nostdinc",
        f"-isystem{Path(__file__).parent / 'include'}",
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
        # The function type's parameter types are C's adjusted ones: an array
        # parameter (uint8_t key[32]) is the pointer it is, as is a function.
        params = tuple(
            _classify(t, f"{name}: parameter {a.spelling or i + 1}")
            for i, (a, t) in enumerate(zip(cursor.get_arguments(), ftype.argument_types()))
        )
        out.append(Prototype(name, result, params, variadic))
    return out


def _calling_convention(cindex: Any, ftype: Any) -> str:
    # libclang: clang_getFunctionTypeCallingConv, in C; the Python binding varies.
    lib = cindex.conf.lib
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
