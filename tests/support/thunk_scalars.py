"""The scalar signatures the thunk tests run, and the header that declares them."""

from __future__ import annotations

from pathlib import Path

from .thunk_harness import write_signature_header

# (result, parameters) in C; every scalar class, widths, signedness, and enough
# parameters to use the stack on the x64 side (5th on) and the AArch64 side (9th on).
SIGNATURES = [
    ("void", []),
    ("int", []),
    ("double", []),
    ("float", []),
    *[
        (t, [t])
        for t in (
            "char",
            "signed char",
            "unsigned char",
            "short",
            "unsigned short",
            "int",
            "unsigned",
            "long",
            "unsigned long",
            "long long",
            "unsigned long long",
            "_Bool",
            "void *",
            "const char *",
            "enum e",
            "float",
            "double",
            "long double",
        )
    ],
    ("void", ["int", "double"]),
    ("long long", ["float", "int"]),
    ("double", ["int", "double", "long long", "float", "int", "double"]),
    ("int", ["int", "int", "int", "int", "int"]),
    ("int", ["int"] * 9),
    ("long long", ["long long"] * 12),
    ("double", ["double"] * 9),
    ("float", ["float"] * 11),
    ("float", ["float", "int"] * 5),
    (
        "double",
        [
            "char",
            "double",
            "short",
            "float",
            "long long",
            "double",
            "int",
            "float",
            "unsigned char",
            "double",
        ],
    ),
    ("void *", ["void *", "double", "void *", "float", "void *", "double", "void *"]),
    ("unsigned char", ["double", "double", "double", "double", "int", "int"]),
    ("short", ["float"] * 4 + ["int"] * 6 + ["double"] * 6),
    ("long double", ["long double", "int", "long double"]),
    ("enum e", ["enum e", "_Bool", "unsigned short"]),
    ("int", ["const char *", "unsigned long"]),
]


def write_header(header: Path) -> Path:
    """``body<i>`` and ``ext<i>`` declared with signature i."""
    return write_signature_header(header, ["enum e { E0, E1 = 77 };"], SIGNATURES)
