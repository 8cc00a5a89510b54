"""The import libraries a CRT-less build generates: every one has a mingw-w64 .def for
every view, and names a DLL that every Windows machine has (which ``ec-buildext
repair`` never vendors and ``audit`` accepts).  Files are read, nothing runs; the real
links are in tests/projects/test_more_projects.py (test_import_libraries_link_in_every_view)."""

from __future__ import annotations

import re

import pytest

from ec_buildext.arch import ARM64, ARM64EC, X64, Arch
from ec_buildext.toolchains.crtless import IMPORT_LIBS, MSVC_RUNTIME_LIBS, _def_template
from ec_buildext.toolchains.llvm import mingw_root
from ec_buildext.wheeltools.repair import is_system_dll

MINGW = mingw_root()
pytestmark = pytest.mark.skipif(MINGW is None, reason="needs the ziglang wheel ([llvm])")


@pytest.mark.parametrize("view", [X64, ARM64EC, ARM64], ids=lambda v: v.name)
@pytest.mark.parametrize("name", IMPORT_LIBS)
def test_import_library_is_a_system_dll_in_every_view(name: str, view: Arch) -> None:
    assert MINGW is not None
    text = _def_template(MINGW, name, view).read_text()
    found = re.search(r"^LIBRARY\s+\"?([\w.-]+?)\"?\s*$", text, re.M | re.I)
    assert found, f"{name}: no LIBRARY line"
    dll = found[1] if found[1].lower().endswith(".dll") else f"{found[1]}.dll"
    assert dll.lower() == f"{name}.dll"
    assert is_system_dll(dll)


def test_msvc_runtime_stand_ins_are_generated_libraries() -> None:
    assert set(MSVC_RUNTIME_LIBS) == {"ucrt", "vcruntime"}
    assert not set(MSVC_RUNTIME_LIBS) & set(IMPORT_LIBS)  # never overwrite a real one
    assert {t for t in MSVC_RUNTIME_LIBS.values() if t} <= set(IMPORT_LIBS)
