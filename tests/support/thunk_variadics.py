"""The variadic functions the thunk tests run, and the header that declares them."""

from __future__ import annotations

from pathlib import Path

# name: (result, named parameters)
FUNCTIONS = {
    "vsum": ("int", "int n"),
    "vavg": ("double", "int n"),
    "vlog": ("void", "const char *fmt"),
    "vf": ("float", "double d"),
    "vbig": ("long long", "int a, int b, int c, int d, int e"),
}


def write_header(header: Path) -> Path:
    """Each of FUNCTIONS, and ``ext_<name>`` with the same signature."""
    header.write_text(
        "".join(f"{r} {n}({p}, ...);\n{r} ext_{n}({p}, ...);\n" for n, (r, p) in FUNCTIONS.items())
    )
    return header
