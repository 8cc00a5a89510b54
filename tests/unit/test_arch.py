"""The architecture table: its invariants, and its object machines as clang writes them."""

from __future__ import annotations

import ast
import re
import struct
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import ec_buildext
from ec_buildext.arch import ARCHES, PROCESS_KINDS, get_arch, python_import_library
from ec_buildext.toolchains.llvm import find_llvm


@pytest.mark.parametrize("name", list(ARCHES))
@pytest.mark.parametrize("limited", [False, True])
def test_extension_suffix_never_names_arm64ec(name: str, limited: bool) -> None:
    suffix = get_arch(name).extension_suffix((3, 12), limited_api=limited)
    assert suffix.endswith(".pyd")
    assert "arm64ec" not in suffix


def test_suffixes_are_what_cpython_imports() -> None:
    # x64 CPython imports .cpXY-win_amd64.pyd; an Arm64EC module is for x64 CPython.
    assert get_arch("arm64ec").extension_suffix((3, 11)) == ".cp311-win_amd64.pyd"
    assert get_arch("x64").extension_suffix((3, 11)) == ".cp311-win_amd64.pyd"
    assert get_arch("arm64").extension_suffix((3, 13)) == ".cp313-win_arm64.pyd"
    # One Arm64X file serves both interpreters, so it carries no platform in its name.
    assert get_arch("arm64x").extension_suffix((3, 11)) == ".pyd"
    assert get_arch("arm64ec").soabi((3, 11)) == "cp311-win_amd64"
    assert get_arch("arm64x").soabi((3, 11)) == ""


def test_hybrid_is_the_union_of_its_views() -> None:
    x = get_arch("arm64x")
    assert x.is_hybrid
    union = {p for v in x.views for p in v.loadable_by}
    assert set(x.loadable_by) == union
    for arch in ARCHES.values():
        assert set(arch.loadable_by) <= set(PROCESS_KINDS)
        for view in arch.views:
            assert not view.is_hybrid


def test_an_arm64ec_dll_is_not_loadable_by_native_arm64() -> None:
    assert "arm64" not in get_arch("arm64ec").loadable_by
    assert "arm64ec" not in get_arch("arm64").loadable_by


def test_unknown_arch_lists_the_known_ones() -> None:
    with pytest.raises(KeyError, match="arm64ec, arm64x, arm64, x64"):
        get_arch("arm65")


@pytest.mark.parametrize("name", ["arm64ec", "arm64", "x64"])
@pytest.mark.parametrize("triple_kind", ["msvc_triple", "gnu_triple"])
def test_triples_give_the_table_object_machine(
    name: str, triple_kind: str, tmp_path, cache_dir
) -> None:
    """Compile with the table's triple using real clang; the COFF machine must match."""
    arch = get_arch(name)
    llvm = find_llvm("ziglang")
    src = tmp_path / "f.c"
    src.write_text("int f(int x) { return x + 1; }\n")
    obj = tmp_path / "f.obj"
    subprocess.run(
        [
            str(llvm.tool("clang")),
            f"--target={getattr(arch, triple_kind)}",
            "-c",
            str(src),
            "-o",
            str(obj),
        ],
        check=True,
    )
    (machine,) = struct.unpack_from("<H", obj.read_bytes(), 0)
    assert machine == arch.object_machine


@pytest.mark.parametrize(
    ("version", "limited", "free_threaded", "name"),
    [
        ((3, 9), False, False, "python39.lib"),
        ((3, 13), False, False, "python313.lib"),
        ((3, 13), True, False, "python3.lib"),
        # The free-threaded installer's libs/ (PEP 703 builds on Windows): python313t.lib.
        ((3, 13), False, True, "python313t.lib"),
        ((3, 14), True, True, "python3t.lib"),
    ],
)
def test_python_import_library(
    version: tuple[int, int], limited: bool, free_threaded: bool, name: str
) -> None:
    """CPython's Windows import libraries: two-digit minors, python3.lib for abi3, a
    ``t`` for free-threaded builds."""
    assert python_import_library(version, limited, free_threaded) == name


def _code_constants(path: Path) -> Iterator[tuple[int, object]]:
    """(line, value) of every literal in a module's code: numbers and strings, f-string
    parts included, docstrings excluded (prose may name a fact)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            docstrings.add(id(body[0].value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and id(node) not in docstrings:
            yield node.lineno, node.value


#: Spellings of per-arch facts that only the arch table may hold.
_FACTS = {
    "a clang triple": re.compile(r"(aarch64|arm64ec|x86_64|i686)-(pc|w64)-windows"),
    "a /machine: value": re.compile(r"[/-]machine:[A-Za-z]", re.IGNORECASE),
    # Arch.msvc_macros: a definition, not a macro named in a message.
    "an MSVC predefined macro's definition": re.compile(r"^(-D)?(_M_[A-Z0-9]+|_ARM64(EC)?_)="),
    # BinaryKind: the one kind that is no arch's name.
    "a binary kind": re.compile(r"^arm64x-forwarder$"),
}
_MACHINE_NUMBERS = {0x14C, 0x8664, 0xAA64, 0xA641, 0xA64E}
#: get_arch("arm64ec") spells a row by name: the table's ARM64EC (etc.) says it once.
_GET_ARCH_LITERAL = re.compile(r"get_arch\(\s*['\"]")


def test_no_per_arch_fact_outside_the_table() -> None:
    """Machine numbers, triples, /machine: values, MSVC's macro definitions and binary
    kinds appear in arch.py only; everything else asks the table (prose in docstrings and
    comments may name them)."""
    package = Path(ec_buildext.__file__).parent
    strays = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "arch.py" and path.parent == package:
            continue
        for line, value in _code_constants(path):
            where = f"{path.relative_to(package)}:{line}"
            if isinstance(value, int) and value in _MACHINE_NUMBERS:
                strays.append(f"{where}: machine number {value:#x}")
            if isinstance(value, str):
                strays += [f"{where}: {what}" for what, rx in _FACTS.items() if rx.search(value)]
        strays += [
            f"{path.relative_to(package)}: get_arch() of a literal name (use the table's rows)"
            for _ in _GET_ARCH_LITERAL.finditer(path.read_text(encoding="utf-8"))
        ]
    assert strays == []
