"""The paragraph after a CRT-less link that misses a symbol, from real failing links
(clang-cl and lld-link on the build model's flags): a name mingw-w64's headers declare,
that ucrtbase.dll exports or that a system DLL's mingw-w64 .def lists is a gap in
ec-buildext's runtime (report it, and what to do meanwhile), never a reason to fetch
the MSVC CRT or a Windows SDK; any other name keeps the paragraph that names both."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..support import wine
from ..support.crtless import crtless

pytestmark = pytest.mark.slow

#: (source, the name the paragraph gives, what it says of it)
CASES = {
    # Declared by <stdio.h> for the old msvcrt.dll: ucrtbase.dll has no such export.
    "header": (
        "#include <stdio.h>\n__declspec(dllexport) void *streams(void) { return __iob_func(); }\n",
        "__iob_func",
        "mingw-w64's <stdio.h> (the C library headers CRT-less builds compile with) declares it",
    ),
    # msvcr80's _l string function, declared by <sec_api/string_s.h>, which <string.h>
    # includes: ucrtbase.dll has no such export.
    "included-header": (
        "#include <string.h>\n"
        "__declspec(dllexport) int copy(char *to, const char *from) {\n"
        "  return _strncpy_s_l(to, 8, from, 4, NULL);\n"
        "}\n",
        "_strncpy_s_l",
        "mingw-w64's <sec_api/string_s.h>",
    ),
    # Data ucrtbase.dll exports, used without dllimport (no auto-import here).
    "ucrtbase-data": (
        "extern char **__dcrt_initial_narrow_environment;\n"
        "__declspec(dllexport) char **environment(void) {\n"
        "  return __dcrt_initial_narrow_environment;\n"
        "}\n",
        "__dcrt_initial_narrow_environment",
        "ucrtbase.dll exports __dcrt_initial_narrow_environment as data",
    ),
    # A Win32 function of a DLL whose import library ec-buildext does not generate.
    "dll": (
        "#include <windows.h>\n#include <winhttp.h>\n"
        "__declspec(dllexport) void *session(void) {\n"
        '  return WinHttpOpen(L"ec", 0, NULL, NULL, 0);\n'
        "}\n",
        "WinHttpOpen",
        "winhttp.dll exports it (mingw-w64's winhttp.def), and ec-buildext does not "
        "generate winhttp.lib",
    ),
}


@pytest.fixture(autouse=True)
def _shared_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EC_BUILDEXT_CACHE_DIR", str(wine.tests_cache() / "runtime-cache"))


def _failed_link(arch: str, source_text: str, tmp_path: Path) -> str:
    """The paragraph ec-buildext gives after linking ``source_text`` fails."""
    toolchain = crtless(arch)
    source = tmp_path / "user.c"
    source.write_text(source_text)
    obj = tmp_path / "user.obj"
    toolchain.compile(source, obj)
    linked = toolchain.link([obj], tmp_path / "user.dll")
    output = linked.stdout + linked.stderr
    assert linked.returncode != 0 and "undefined symbol" in output
    return toolchain.support.explain_link_failure(output, [obj])


@pytest.mark.parametrize("arch", ["x64", "arm64ec"])
@pytest.mark.parametrize("kind", sorted(CASES))
def test_runtime_gap_is_reported_as_ours(kind: str, arch: str, tmp_path: Path) -> None:
    source, name, says = CASES[kind]
    hint = _failed_link(arch, source, tmp_path)
    assert hint.startswith(f"\nThe link needs {name}")
    assert says in hint
    assert "gap in ec-buildext's CRT-less runtime" in hint and "report it" in hint
    assert "Meanwhile, " in hint
    # Not sent to what it would not help to fetch.
    assert "sysroot" not in hint and "MSVC CRT" not in hint and "Windows SDK" not in hint
    assert "\n" not in hint[1:]


def test_other_names_keep_the_windows_toolchain_paragraph(tmp_path: Path) -> None:
    source = (
        "int codec_open(int);\n__declspec(dllexport) int open_it(void) { return codec_open(1); }\n"
    )
    hint = _failed_link("arm64ec", source, tmp_path)
    assert hint.startswith("\nThe link needs codec_open, which nothing in this CRT-less")
    assert "sysroot setting" in hint and "gap in ec-buildext" not in hint
