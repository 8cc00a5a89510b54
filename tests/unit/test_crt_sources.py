"""The C runtime's sources and its cache key (toolchains/crt.py), from fake folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from ec_buildext.arch import ARM64EC
from ec_buildext.toolchains import crt

from .helpers import fake_llvm


def test_own_sources_include_the_compiler_builtins(root: Path) -> None:
    names = [p.name for p in crt.crt_sources(root / "no-mingw")]
    assert {"dllentry.c", "int128.c", "int128_float.c", "complex.c"} <= set(names)


def test_a_new_or_changed_source_changes_the_cache_key(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Built once per machine and found by key: a runtime source added or edited (an
    # upgrade of ec-buildext) must lead to a new build, not to the old library.
    own = root / "own"
    own.mkdir()
    (own / "a.c").write_text("int a;\n")
    monkeypatch.setattr(crt, "OWN_DIR", own)
    llvm, mingw = fake_llvm(root), root / "mingw"
    first = crt._key(llvm, ARM64EC, mingw)
    assert crt._key(llvm, ARM64EC, mingw) == first
    (own / "b.c").write_text("int b;\n")
    added = crt._key(llvm, ARM64EC, mingw)
    (own / "b.c").write_text("int b = 1;\n")
    edited = crt._key(llvm, ARM64EC, mingw)
    assert len({first, added, edited}) == 3
