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
    take the largest count, and a record with padding is not homogeneous.
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


def _aggregate(t: Any, where: str) -> ValueType:
    what = "unions" if t.get_declaration().kind.name == "UNION_DECL" else "structs"
    fields = list(t.get_fields())
    if any(f.is_bitfield() for f in fields):
        raise ThunkError(f"{where}: {what} with bit-fields are not supported.")
    size, align = t.get_size(), t.get_align()
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
        "VECTOR": "vector types (__m128, __m256, ...) have no Arm64EC thunk convention",
        "INT128": "128-bit integers have no Arm64EC thunk convention",
        "UINT128": "128-bit integers have no Arm64EC thunk convention",
        "COMPLEX": "complex types are not supported",
    }
    reason = reasons.get(kind, f"the type {t.spelling} ({kind}) is not supported")
    raise ThunkError(f"{where}: {reason}.")


def _reader_args() -> list[str]:
    """x64 Windows as mingw-w64 headers expect it (their LLP64 types and layouts are
    MSVC's), with MSVC's 8-byte long double; C's own headers from include/, the
    Windows SDK's from the ziglang wheel's mingw-w64 when it is installed."""
    args = [
        "-x",
        "c",
        f"--target={X64.gnu_triple}",
        "-mlong-double-64",
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
        params = tuple(
            _classify(a.type, f"{name}: parameter {a.spelling or i + 1}")
            for i, a in enumerate(cursor.get_arguments())
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
