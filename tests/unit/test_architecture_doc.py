"""docs/architecture.md names every module of the package, so the page cannot fall behind
the code (as docs/settings.md is generated from the settings model and compared)."""

from __future__ import annotations

import re
from pathlib import Path

import ec_buildext

from ..support.paths import ROOT

PACKAGE = Path(ec_buildext.__file__).parent
DOC = ROOT / "docs" / "architecture.md"


def spellings(module: Path) -> tuple[str, ...]:
    """How the page may name a module: its path under src/ec_buildext
    (``toolchains/llvm.py``; a package's ``__init__.py`` also as ``toolchains/``), or
    its dotted name (``ec_buildext.toolchains.llvm``); the package's own ``__init__.py``
    by that path only."""
    relative = module.relative_to(PACKAGE)
    parts = relative.with_suffix("").parts
    if relative.name != "__init__.py":
        return (relative.as_posix(), ".".join(("ec_buildext", *parts)))
    if len(parts) == 1:  # the package itself: "ec_buildext" alone is any mention of it
        return (relative.as_posix(),)
    folder = "/".join(parts[:-1])
    return (relative.as_posix(), f"{folder}/", ".".join(("ec_buildext", *parts[:-1])))


def named(text: str, name: str) -> bool:
    """``name`` as a whole word: ``toolchains/llvm.py`` does not name ``llvm.py``, nor
    ``toolchains/`` the folder's modules."""
    return re.search(rf"(?<![\w./]){re.escape(name)}(?![\w/]|\.\w)", text) is not None


def test_spellings_are_whole_words() -> None:
    assert named("  toolchains/llvm.py  LLVM discovery", "toolchains/llvm.py")
    assert not named("  toolchains/llvm.py  LLVM discovery", "llvm.py")
    assert not named("  toolchains/llvm.py  LLVM discovery", "toolchains/")
    assert named("the package toolchains/ holds", "toolchains/")
    assert named("`ec_buildext.hybrid` runs", "ec_buildext.hybrid")
    assert not named("`ec_buildext.hybrid.main` runs", "ec_buildext.hybrid")


def test_architecture_names_every_module() -> None:
    text = DOC.read_text(encoding="utf-8")
    modules = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)
    missing = [
        module.relative_to(PACKAGE).as_posix()
        for module in modules
        if not any(named(text, name) for name in spellings(module))
    ]
    assert not missing, (
        f"docs/architecture.md does not name {', '.join(missing)}: add each to its module "
        "list by its path under src/ec_buildext (toolchains/llvm.py; a package's "
        "__init__.py as toolchains/) or its dotted name (ec_buildext.toolchains.llvm), "
        "with what it does"
    )
