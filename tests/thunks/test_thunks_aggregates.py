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

import pytest

from ec_buildext.thunks import mangle, read_prototypes
from ec_buildext.thunks.model import clang_mangle, naming_note

from ..support.thunk_aggregates import COLLIDING, ODD, SIGNATURES, ctype, write_header
from ..support.thunk_harness import Built, build_signature_pair
from ..support.thunk_oracle import Machine, compare_with_clang, entry_thunk_of

# Compiles every signature with clang first: not in the quick loop (-m "not slow").
pytestmark = pytest.mark.slow


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
