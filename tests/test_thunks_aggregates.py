"""Thunks for signatures with structs, executed against clang's and the x64 rules.

Like test_thunks.py, for structs and unions of every size class: 1, 2, 4 and 8 bytes (by
value on x64), others (through a pointer on x64), HFAs (v registers on AArch64),
over 16 bytes (by reference on AArch64), results through hidden pointers, and
structs that run out of registers.  Where clang is right, what the callee
receives and what the caller gets back must equal what clang's thunk gives;
for 3, 5, 6 and 7-byte structs, where clang passes a register and x64 a pointer,
they must equal what the x64 and AArch64 rules say.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ec_buildext.thunks import mangle, read_prototypes
from ec_buildext.thunks.model import clang_mangle, naming_note

from .thunk_harness import Built, build_signature_pair, write_signature_header
from .thunk_oracle import DOUBLE, FLOAT, INT, CType, Machine, compare_with_clang, entry_thunk_of

# Compiles every signature with clang first: not in the quick loop (-m "not slow").
pytestmark = pytest.mark.slow

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


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    work = tmp_path_factory.mktemp("agg_thunks")
    header = write_header(work / "aggs.h")
    return build_signature_pair(work, header, SIGNATURES)


@pytest.fixture(scope="module")
def machines(built: dict[str, Built]) -> dict[str, Machine]:
    return {side: Machine(b) for side, b in built.items()}


CLANG_WRONG: set[tuple[str, str]] = set()


def check(
    kind: str, index: int, machines: dict[str, Machine], built: dict[str, Built], seed: int
) -> None:
    """``compare_with_clang`` for signature ``index``; where clang's thunk was another
    function's code, the result type goes in CLANG_WRONG."""
    sigs = [(ctype(r), [ctype(p) for p in ps]) for r, ps in SIGNATURES]
    if compare_with_clang(kind, index, sigs, machines, built, seed) == "clang merged":
        CLANG_WRONG.add((kind, SIGNATURES[index][0]))


@pytest.mark.parametrize("index", range(len(SIGNATURES)))
def test_entry_thunk(index: int, machines: dict[str, Machine], built: dict[str, Built]) -> None:
    check("body", index, machines, built, index * 16)


@pytest.mark.parametrize("index", range(len(SIGNATURES)))
def test_exit_thunk(index: int, machines: dict[str, Machine], built: dict[str, Built]) -> None:
    check("ext", index, machines, built, index * 16 + 7)


def test_names_match_clang_except_where_clang_is_wrong(built: dict[str, Built]) -> None:
    """Our names are clang's, except for 3/5/6/7-byte aggregates and for results
    clang names alike though they return differently; there the file says why.
    ``clang_mangle`` (what the note quotes) is checked on clang's own DLL."""
    header = built["ours"].dll.parent / "aggs.h"
    protos = read_prototypes(header, [f"body{i}" for i in range(len(SIGNATURES))])
    by_address = {a: n for n, a in built["clang"].symbols.items() if n.startswith("$i")}
    renamed = 0
    for i, ((result, params), proto) in enumerate(zip(SIGNATURES, protos)):
        clangs = by_address[entry_thunk_of(built["clang"], f"body{i}")]
        assert clangs == f"$ientry_thunk{clang_mangle(proto)}"
        ours = f"$ientry_thunk{mangle(proto)}"
        if ours == clangs:
            assert naming_note(proto) == ""
            continue
        renamed += 1
        assert naming_note(proto).startswith(f"named {mangle(proto)}, not clang's")
        if ODD & {result, *params}:
            assert ours not in built["clang"].symbols  # never merged with clang's wrong one
            assert re.search(r"m[3567](?![0-9])", ours)
        else:  # only results are renamed: an HFA is F/D<N>, anything else is not
            assert mangle(proto).split("$")[3] == clang_mangle(proto).split("$")[3]
            h = ctype(result).hfa
            assert mangle(proto).split("$")[2][0] in (("F" if h[0] == 4 else "D") if h else "im")
    assert renamed >= 10
    assert len(SIGNATURES) + 38 >= 60


def test_one_name_one_code_and_the_file_says_why(built: dict[str, Built]) -> None:
    """Each of our thunks is one code (collisions clang 22 has are named apart), and
    the generated file explains every name that is not clang's."""
    text = (built["ours"].dll.parent / "ours_thunks.S").read_text()
    assert "// named $cdecl$D16$D16, not clang's $cdecl$m16$D16: clang names this HFA" in text
    assert "// named $cdecl$m20$i8, not clang's $cdecl$F20$i8: clang names this result" in text
    assert "// named $cdecl$m3$m3, not clang's $cdecl$i8$i8: clang passes 3, 5, 6" in text
    addresses = {entry_thunk_of(built["ours"], f"body{i}") for i in range(len(SIGNATURES))}
    names = {a: n for n, a in built["ours"].symbols.items() if n.startswith("$ientry")}
    assert len({names[a] for a in addresses}) == len(addresses)


def test_clang_merges_thunks_of_different_code_where_ours_are_apart(
    machines: dict[str, Machine], built: dict[str, Built]
) -> None:
    """The COLLIDING results, run again: clang's DLL gives some of them another
    function's thunk (wrong results both ways), ours never (``check`` asserts it)."""
    CLANG_WRONG.clear()
    first = len(SIGNATURES) - len(COLLIDING)
    for index in range(first, len(SIGNATURES)):
        for kind in ("body", "ext"):
            check(kind, index, machines, built, 1000 + index)
    wrong = {result for _, result in CLANG_WRONG}
    assert {"D2", "SL2"} & wrong and {"F2", "UD"} & wrong and {"D3", "S24", "UD3"} & wrong
