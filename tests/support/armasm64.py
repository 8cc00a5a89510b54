"""A strict reader for the armasm64 subset that ``ec-buildext thunks --syntax armasm64``
writes, and its translation to GNU syntax so clang can assemble it here.

No armasm64 exists off Windows, so this is the syntax check we can make: the rules
below are the Microsoft ARM assembler's (directives from its documentation and from
the Windows SDK's kxarm64.h, which uses every form the generator writes), written
apart from the generator.  Anything outside the subset is an error, not a guess:
GNU-isms (``:lo12:``, ``"quoted"`` names, ``b.cc``, ``1f``), labels not in column 1,
instructions in column 1, PROC without ENDP, symbols neither defined nor IMPORTed,
code before the first AREA, text after END.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SYMBOL = r"(?:[A-Za-z_][A-Za-z0-9_]*|\|[^|\s]+\|)"
REGISTER = re.compile(r"(?:[xwqdsvbh]\d{1,2}|sp|wsp|xzr|wzr|lr|fp)", re.I)
AREA_ATTRIBUTES = {"CODE", "DATA", "READONLY", "READWRITE", "NOINIT", "CODEALIGN"}
GNU_ISMS = (":lo12:", '"', "//", "@")


class ArmasmSyntaxError(ValueError):
    pass


@dataclass
class _State:
    lines: list[str] = field(default_factory=list)
    imported: set[str] = field(default_factory=set)
    exported: set[str] = field(default_factory=set)
    defined: set[str] = field(default_factory=set)
    referenced: set[str] = field(default_factory=set)
    in_proc: bool = False
    in_area: bool = False
    ended: bool = False
    local: set[str] = field(default_factory=set)  # numeric labels seen in this ROUT scope
    forward: set[str] = field(default_factory=set)  # %F<n> not reached yet


def _name(symbol: str) -> str:
    return symbol[1:-1] if symbol.startswith("|") else symbol


def _gnu(symbol: str) -> str:
    return f'"{_name(symbol)}"'


def translate(text: str) -> str:
    """GNU-syntax assembly equivalent to ``text``; ArmasmSyntaxError on anything else."""
    st = _State()
    for number, raw in enumerate(text.splitlines(), 1):
        try:
            _line(st, raw)
        except ArmasmSyntaxError as e:
            raise ArmasmSyntaxError(f"line {number}: {e}: {raw!r}") from None
    if not st.ended:
        raise ArmasmSyntaxError("no END")
    if st.in_proc:
        raise ArmasmSyntaxError("PROC without ENDP")
    undefined = st.referenced - st.defined - st.imported
    if undefined:
        raise ArmasmSyntaxError(f"neither defined nor IMPORTed: {sorted(undefined)}")
    both = st.imported & st.defined
    if both:
        raise ArmasmSyntaxError(f"IMPORTed and defined: {sorted(both)}")
    if st.exported - st.defined:
        raise ArmasmSyntaxError(f"EXPORTed, not defined: {sorted(st.exported - st.defined)}")
    return "\n".join(st.lines) + "\n"


def _line(st: _State, raw: str) -> None:
    code = raw.split(";", 1)[0].rstrip()
    if not code:
        return
    if st.ended:
        raise ArmasmSyntaxError("text after END")
    if any(g in code for g in GNU_ISMS):
        raise ArmasmSyntaxError("GNU assembler syntax")
    if "$" in code:  # armasm substitutes $variables, in names between bars too
        raise ArmasmSyntaxError("'$' outside a macro")
    if not code[0].isspace():
        _label(st, code)
        return
    words = code.split(None, 1)
    op, rest = words[0], (words[1] if len(words) > 1 else "")
    if op.isupper():
        _directive(st, op, rest.strip())
    else:
        _instruction(st, op, rest.strip())


def _label(st: _State, code: str) -> None:
    m = re.fullmatch(rf"({SYMBOL}|\d+)(?:\s+(PROC))?", code)
    if not m:
        raise ArmasmSyntaxError("column 1 holds a label (and PROC), nothing else")
    label, proc = m[1], m[2]
    if label.isdigit():
        if proc:
            raise ArmasmSyntaxError("a numeric local label cannot open a PROC")
        st.local.add(label)
        st.forward.discard(label)
        st.lines.append(f"{label}:")
        return
    if not st.in_area:
        raise ArmasmSyntaxError("label before any AREA")
    if _name(label) in st.defined:
        raise ArmasmSyntaxError(f"{label} defined twice")
    if proc:
        if st.in_proc:
            raise ArmasmSyntaxError("PROC inside PROC")
        st.in_proc = True
    st.defined.add(_name(label))
    st.lines.append(f"{_gnu(label)}:")


def _directive(st: _State, op: str, rest: str) -> None:
    if op in ("IMPORT", "EXTERN", "EXPORT", "GLOBAL"):
        if not re.fullmatch(SYMBOL, rest):
            raise ArmasmSyntaxError(f"{op} takes one symbol")
        if op in ("IMPORT", "EXTERN"):
            st.imported.add(_name(rest))
        else:
            st.exported.add(_name(rest))
            st.lines.append(f"\t.globl {_gnu(rest)}")
    elif op == "AREA":
        m = re.fullmatch(rf"({SYMBOL})((?:,\s*[A-Z]+(?:=\d+)?)*)", rest)
        if not m:
            raise ArmasmSyntaxError("AREA name{,attribute}")
        attributes = [a.strip() for a in m[2].split(",")[1:]]
        align = 2
        for a in attributes:
            key, _, value = a.partition("=")
            if key == "ALIGN" and value:
                align = int(value)
            elif key not in AREA_ATTRIBUTES or value:
                raise ArmasmSyntaxError(f"AREA attribute {a!r}")
        flags = '"xr"' if "CODE" in attributes else '"dr"'
        st.lines += [f"\t.section {_name(m[1])},{flags}", f"\t.p2align {align}"]
        st.in_area = True
    elif op == "ALIGN":
        m = re.fullmatch(r"(\d+)(?:\s*,\s*(\d+))?", rest)
        if not m or int(m[1]) & (int(m[1]) - 1):
            raise ArmasmSyntaxError("ALIGN power-of-two{,offset}")
        # armasm pads to the next address that is `offset` past a boundary; this
        # reaches one as well (not always the nearest), which is all the code needs.
        st.lines.append(f"\t.p2align {int(m[1]).bit_length() - 1}")
        if m[2]:
            st.lines.append(f"\t.skip {int(m[2])}")
    elif op == "DCD":
        tokens = re.findall(rf"{SYMBOL}|\{{PC\}}|\d+|[-+()]|\S", rest)
        gnu = []
        for t in tokens:
            if t == "{PC}":
                gnu.append(".")
            elif re.fullmatch(SYMBOL, t):
                st.referenced.add(_name(t))
                gnu.append(_gnu(t))
            elif re.fullmatch(r"\d+|[-+()]", t):
                gnu.append(t)
            else:
                raise ArmasmSyntaxError(f"DCD expression token {t!r}")
        st.lines.append(f"\t.word {' '.join(gnu)}")
    elif op == "ROUT":
        if rest:
            raise ArmasmSyntaxError("ROUT takes nothing here")
        _end_scope(st)
    elif op == "ENDP":
        if not st.in_proc:
            raise ArmasmSyntaxError("ENDP without PROC")
        st.in_proc = False
    elif op == "END":
        _end_scope(st)
        st.ended = True
    else:
        raise ArmasmSyntaxError(f"directive {op} is not in the subset")


def _end_scope(st: _State) -> None:
    if st.forward:
        raise ArmasmSyntaxError(f"%F to labels not in this ROUT scope: {sorted(st.forward)}")
    st.local.clear()


def _instruction(st: _State, op: str, rest: str) -> None:
    if not st.in_proc:
        raise ArmasmSyntaxError("instruction outside PROC/ENDP")
    if not re.fullmatch(r"[a-z][a-z0-9]*", op):
        raise ArmasmSyntaxError(f"mnemonic {op!r}")
    conditional = re.fullmatch(r"b(eq|ne|hs|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le)", op)
    if conditional:
        op = f"b.{conditional[1]}"
    operands = _split(rest)
    out = []
    for i, operand in enumerate(operands):
        local = re.fullmatch(r"%([FB])(\d+)", operand)
        if local:
            if local[1] == "B" and local[2] not in st.local:
                raise ArmasmSyntaxError(f"%B{local[2]}: no label {local[2]} before it")
            if local[1] == "F":
                st.forward.add(local[2])
            out.append(f"{local[2]}{local[1].lower()}")
            continue
        inner = re.fullmatch(rf"\[({REGISTER.pattern}),\s*({SYMBOL})\]", operand)
        if inner and not REGISTER.fullmatch(inner[2]):  # ldr x16, [x16, sym]: low 12 bits
            st.referenced.add(_name(inner[2]))
            out.append(f"[{inner[1]}, :lo12:{_gnu(inner[2])}]")
            continue
        if re.fullmatch(SYMBOL, operand) and not REGISTER.fullmatch(operand):
            st.referenced.add(_name(operand))
            low12 = op == "add" and i == len(operands) - 1  # add x, x, sym: low 12 bits
            out.append(f":lo12:{_gnu(operand)}" if low12 else _gnu(operand))
            continue
        out.append(operand)
    st.lines.append(f"\t{op} {', '.join(out)}".rstrip())


def _split(operands: str) -> list[str]:
    """Operands at top-level commas (not inside [...] or {...})."""
    out, depth, current = [], 0, ""
    for ch in operands:
        depth += ch in "[{"
        depth -= ch in "]}"
        if ch == "," and depth == 0:
            out.append(current.strip())
            current = ""
        else:
            current += ch
    if current.strip():
        out.append(current.strip())
    return out
