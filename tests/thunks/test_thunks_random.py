"""A randomised differential check: seeded random prototypes, our thunks against clang's.

For each seed, ``generate`` writes SIGNATURES random prototypes over the supported
types: integers of every width, ``_Bool``, enums, pointers, ``float``, ``double``,
``long double``, and structs and unions of 1-40 bytes made of those, of arrays of
them and of nested structs and unions (to depth 3), some all-float or all-double (HFAs,
or not when padded or over four members), some with zero-width bit-fields; up to 12
parameters, so both conventions run out of registers.  Each type's size and HFA
status come from this file's own layout rules (checked by clang: a wrong one
would fail the run).  clang compiles each prototype into an entry thunk (``body<i>``)
and an exit thunk (``ext<i>``), ``ec-buildext thunks`` makes ours, and both run in
the emulator from the same state in both directions (``thunk_oracle``): ours must
follow the x64 and AAPCS64 rules and equal clang's wherever clang's does (where it
does not, it must be clang 22's 3/5/6/7-byte fault or two codes it named alike).
No thunk of ours may use a register Arm64EC reserves.

Not covered here: variadic functions (``test_thunks_varargs``), bit-fields of
non-zero width, ``#pragma pack`` (both in ``test_thunks_aggregates``), and what is
refused (over-aligned and empty structs, vectors: ``test_thunks``).

One fixed seed runs in the normal suite (400 prototypes, 9-20 seconds on two shared cores);
``pytest tests/thunks/test_thunks_random.py --thunk-seeds=N`` adds N-1 random seeds, and
``--thunk-seed=S`` runs seed S alone.  A failure names its seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Optional

import pytest

from ..support.thunk_harness import build_signature_pair, write_signature_header
from ..support.thunk_oracle import (
    DOUBLE,
    FLOAT,
    CType,
    Machine,
    compare_with_clang,
    reserved_register_uses,
)

pytestmark = pytest.mark.slow  # hundreds of thunks built and emulated

SIGNATURES = 400

# C scalar: (size, alignment, floating-point base or None)
SCALARS = {
    "char": (1, 1, None),
    "signed char": (1, 1, None),
    "unsigned char": (1, 1, None),
    "_Bool": (1, 1, None),
    "short": (2, 2, None),
    "unsigned short": (2, 2, None),
    "int": (4, 4, None),
    "unsigned": (4, 4, None),
    "long": (4, 4, None),
    "unsigned long": (4, 4, None),
    "enum E": (4, 4, None),
    "long long": (8, 8, None),
    "unsigned long long": (8, 8, None),
    "void *": (8, 8, None),
    "const char *": (8, 8, None),
    "double *": (8, 8, None),
    "float": (4, 4, "float"),
    "double": (8, 8, "double"),
    "long double": (8, 8, "double"),  # MSVC's: a double
}


@dataclass(frozen=True)
class Layout:
    """A C type as the rules see it: size, alignment, and its homogeneous
    floating-point members (base, count) if every member is one (None otherwise)."""

    size: int
    align: int
    fp: Optional[tuple[str, int]]


def _up(n: int, align: int) -> int:
    return (n + align - 1) // align * align


def _record(union: bool, members: list[Layout]) -> Layout:
    """C's layout (MSVC's, for these members) and AAPCS64's homogeneity: struct
    members add up, union members take the largest count, padding spoils it."""
    align = max(m.align for m in members)
    if union:
        size = _up(max(m.size for m in members), align)
    else:
        offset = 0
        for m in members:
            offset = _up(offset, m.align) + m.size
        size = _up(offset, align)
    bases = {m.fp[0] if m.fp else None for m in members}
    fp = None
    if len(bases) == 1 and None not in bases:
        (base,) = bases
        counts = [m.fp[1] for m in members if m.fp]
        count = max(counts) if union else sum(counts)
        if count * (4 if base == "float" else 8) == size:
            fp = (base, count)
    return Layout(size, align, fp)


class Generator:
    """Random C types and prototypes from one seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.typedefs: list[str] = []
        self.types: dict[str, Layout] = {}

    def scalar(self, fp_only: Optional[str] = None) -> tuple[str, Layout]:
        if fp_only:
            name = fp_only if fp_only == "float" else self.rng.choice(["double", "long double"])
        else:
            name = self.rng.choice(list(SCALARS))
        size, align, fp = SCALARS[name]
        return name, Layout(size, align, (fp, 1) if fp else None)

    def member(self, depth: int, fp_only: Optional[str]) -> tuple[str, Layout]:
        """A member declaration (with ``@`` for its name) and its layout."""
        roll = self.rng.random()
        if depth < 3 and roll < 0.2:
            body, layout = self.record_body(depth + 1, fp_only)
            return f"{body} @", layout
        name, layout = self.scalar(fp_only)
        if roll < 0.4:
            n = self.rng.randint(1, 5)
            fp = (layout.fp[0], layout.fp[1] * n) if layout.fp else None
            return f"{name} @[{n}]", Layout(layout.size * n, layout.align, fp)
        return f"{name} @", layout

    def record_body(self, depth: int, fp_only: Optional[str]) -> tuple[str, Layout]:
        """``struct { ... }`` or ``union { ... }`` and its layout."""
        union = self.rng.random() < 0.25
        decls, layouts = [], []
        for k in range(self.rng.randint(1, 4)):
            decl, layout = self.member(depth, fp_only)
            decls.append(decl.replace("@", f"m{k}") + ";")
            layouts.append(layout)
            if not union and self.rng.random() < 0.1:
                decls.append("int : 0;")  # no member, no space (MSVC: after a non-bit-field)
        return f"{'union' if union else 'struct'} {{ {' '.join(decls)} }}", _record(union, layouts)

    def record(self) -> str:
        """A typedef'd struct or union of 1-40 bytes; its name."""
        while True:
            fp_only = self.rng.choice([None, None, "float", "double"])
            body, layout = self.record_body(1, fp_only)
            if layout.size <= 40:
                break
        name = f"R{len(self.types)}"
        self.typedefs.append(f"typedef {body} {name};")
        self.types[name] = layout
        return name

    def value(self) -> str:
        if self.rng.random() < 0.45:
            return (
                self.record()
                if (self.rng.random() < 0.6 or not self.types)
                else (self.rng.choice(list(self.types)))
            )
        return self.scalar()[0]

    def signatures(self, count: int) -> list[tuple[str, list[str]]]:
        out = []
        for _ in range(count):
            result = "void" if self.rng.random() < 0.15 else self.value()
            params = [self.value() for _ in range(self.rng.randint(0, 12))]
            out.append((result, params))
        return out

    def ctype(self, name: str) -> CType:
        if name == "void":
            return CType(0)
        if name in self.types:
            layout = self.types[name]
            hfa = None
            if layout.fp and layout.fp[1] <= 4:
                hfa = (4 if layout.fp[0] == "float" else 8, layout.fp[1])
            return CType(layout.size, hfa, agg=True)
        size, _, fp = SCALARS[name]
        return FLOAT if fp == "float" else DOUBLE if fp else CType(size)


def hfa_count(sigs: list[tuple[CType, list[CType]]]) -> int:
    return sum(1 for r, ps in sigs for t in (r, *ps) if t.agg and t.hfa)


def test_random_prototypes_against_clang(
    thunk_seed: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    gen = Generator(thunk_seed)
    signatures = gen.signatures(SIGNATURES)
    work = tmp_path_factory.mktemp(f"random_thunks_{thunk_seed}")
    header = write_signature_header(
        work / "random.h", ["enum E { E0, E1 = 7 };", *gen.typedefs], signatures
    )
    built = build_signature_pair(work, header, signatures)
    machines = {side: Machine(b) for side, b in built.items()}
    sigs = [(gen.ctype(r), [gen.ctype(p) for p in ps]) for r, ps in signatures]
    seen: dict[str, int] = {}
    for index in range(len(sigs)):
        for kind in ("body", "ext"):
            try:
                outcome = compare_with_clang(kind, index, sigs, machines, built, index * 31)
            except AssertionError as failure:
                result, params = signatures[index]
                raise AssertionError(
                    f"seed {thunk_seed} (--thunk-seed={thunk_seed}), {kind}{index}: "
                    f"{result} ({', '.join(params)}) in {header}\n{failure}"
                ) from failure
            seen[outcome] = seen.get(outcome, 0) + 1
    print(f"seed {thunk_seed}: {len(sigs)} prototypes, {hfa_count(sigs)} HFAs, {seen}")
    checked, bad = reserved_register_uses(built["ours"])
    assert checked > 1000 and bad == [], f"seed {thunk_seed}: {bad[:5]}"
    # the set exercised what it is for: mostly equal to clang, some of each fault
    assert seen["same"] > SIGNATURES, (thunk_seed, seen)
    assert hfa_count(sigs) > SIGNATURES // 4, thunk_seed
