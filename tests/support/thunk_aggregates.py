"""The struct and union signatures the thunk tests run, their x64 and AArch64 classes,
and the header that declares them."""

from __future__ import annotations

from pathlib import Path

from .thunk_harness import write_signature_header
from .thunk_oracle import DOUBLE, FLOAT, INT, CType

# name: (C body, size, HFA (member width, count) or None)
STRUCTS = {
    "S1": ("char a;", 1, None),
    "S2": ("char a[2];", 2, None),
    "S3": ("char a[3];", 3, None),
    "S4": ("int a;", 4, None),
    "S5": ("char a[5];", 5, None),
    "S6": ("short a[3];", 6, None),
    "S7": ("char a[7];", 7, None),
    "S8": ("long long a;", 8, None),
    "S12": ("int a[3];", 12, None),
    "S16": ("long long a, b;", 16, None),
    "S24": ("long long a[3];", 24, None),
    "S40": ("char a[40];", 40, None),
    "F1": ("float a;", 4, (4, 1)),
    "F2": ("float a, b;", 8, (4, 2)),
    "F3": ("float a, b, c;", 12, (4, 3)),
    "F4": ("float a[4];", 16, (4, 4)),
    "D1": ("double a;", 8, (8, 1)),
    "D2": ("double a, b;", 16, (8, 2)),
    "D3": ("double a[3];", 24, (8, 3)),
    "D4": ("double a, b, c, d;", 32, (8, 4)),
    "F5": ("float a[5];", 20, None),
    "FI": ("float f; int i;", 8, None),
    # unions (names starting with U): classified by size, HFA when every member is one
    # of the same base type (members: the largest count), mangled from clang's IR type
    # (the member of highest alignment, then size, first wins)
    "UI": ("int i; float f;", 4, None),
    "U3": ("char c[3]; char d;", 3, None),
    "UF1": ("float a; float b;", 4, (4, 1)),
    "UF2": ("float a[2]; float b;", 8, (4, 2)),
    "UF3": ("float a[3]; struct { float x, y; } s;", 12, (4, 3)),
    "UFS": ("struct { float x, y; } s; float a[2];", 8, (4, 2)),
    "UD2": ("double d[2]; double e;", 16, (8, 2)),
    "UFD": ("float f[2]; double d;", 8, None),
    "UFP": ("float f[3]; double d;", 16, None),
    "U12": ("int a[3]; float f;", 12, None),
    "U24": ("long long a[3]; double d;", 24, None),
    # a zero-width bit-field is no member of an HFA, at the top and nested
    "ZB": ("float a; int : 0; float b;", 8, (4, 2)),
    "ZW": ("struct { float a; int : 0; float b; } z;", 8, (4, 2)),
    "ZD": ("struct { struct { double a; int : 0; } x[2]; } y; int : 0;", 16, (8, 2)),
    # other bit-fields are integers (no HFA), laid out by the compiler
    "BF": ("int a : 3; int b : 5; float f;", 8, None),
    "BF12": ("long long a : 40; char c : 2; float f;", 16, None),
    # results clang 22 names alike though they return differently (HFA or not)
    "SL2": ("long long a, b;", 16, None),
    "DA2": ("double d[2];", 16, (8, 2)),
    "UL": ("long long a; double d[2];", 16, None),
    "UDA": ("float f; double d[1]; char c; short s;", 8, None),
    "USF": ("unsigned short s; float f[3];", 12, None),
    "UD": ("double d;", 8, (8, 1)),
    "UD3": ("double d[3]; long long x;", 24, None),
    "F6": ("float f[6];", 24, None),
}
# C array parameters: the pointers they are (typedefs of arrays, still arrays as written)
ARRAYS = {"KEY": "typedef const unsigned char KEY[32];", "M44": "typedef double M44[4][4];"}
SCALARS = {"int": INT[4], "long long": INT[8], "double": DOUBLE, "float": FLOAT, "void": CType(0)}
SCALARS |= {name: INT[8] for name in ARRAYS}
# packed records (#pragma pack): the compiler's layout, 9 bytes and (odd) 6
PACKED = {
    "PK9": ("#pragma pack(push, 1)\ntypedef struct { char c; double d; } PK9;", 9),
    "PK6": ("#pragma pack(push, 2)\ntypedef struct { char c; float f; } PK6;", 6),
}
SCALARS |= {name: CType(size, agg=True) for name, (_, size) in PACKED.items()}
SIGNATURES = [(name, [name]) for name in STRUCTS] + [
    ("int", ["int", "S12", "double", "F3", "S16"]),
    ("F2", ["F2", "F2", "F2", "F2", "F2"]),
    ("D4", ["D4", "D4", "D4"]),
    ("S16", ["int"] * 7 + ["S16"]),
    ("void", ["S24", "S40", "int", "F5"]),
    ("double", ["FI", "D1", "F1", "S8", "float", "D2"]),
    ("S24", ["S4", "S2", "S1", "S8", "S16", "D3"]),
    ("S3", ["S5", "S6", "S7", "S3"]),
    ("long long", ["S3", "int", "S6", "double", "S5"]),
    ("UF2", ["UI", "UF3", "U12", "UD2", "UFS", "U24", "UFD"]),
    ("UFS", ["U3", "UF1", "UFP"]),
    ("float", ["ZW", "int", "ZB", "ZD", "BF", "BF12"]),
    ("double", ["KEY", "M44", "int", "double", "KEY"]),
    ("int", ["int", "int", "int", "int", "M44", "KEY"]),
    ("PK9", ["PK9", "float", "PK9", "int", "PK9"]),
    ("PK6", ["PK6", "double", "PK9"]),
]
# results clang 22 gives one name though they need different code (so one DLL holds
# one of its thunks for both), each with the same parameter: ours are named apart
COLLIDING = ["D2", "SL2", "F4", "F2", "UD", "D3", "S24", "UD3", "DA2", "UL", "USF", "UDA"]
SIGNATURES += [(result, ["int"]) for result in COLLIDING]
ODD = {"S3", "S5", "S6", "S7", "U3", "PK6"}


def ctype(t: str) -> CType:
    if t in STRUCTS:
        _, size, hfa = STRUCTS[t]
        return CType(size, hfa, agg=True)
    return SCALARS[t]


def write_header(header: Path) -> Path:
    """The STRUCTS as typedefs; ``body<i>`` and ``ext<i>`` declared with signature i."""
    typedefs = [
        f"typedef {'union' if name.startswith('U') else 'struct'} {{ {body} }} {name};"
        for name, (body, _, _) in STRUCTS.items()
    ]
    packed = [f"{text}\n#pragma pack(pop)" for text, _ in PACKED.values()]
    return write_signature_header(header, [*typedefs, *ARRAYS.values(), *packed], SIGNATURES)
