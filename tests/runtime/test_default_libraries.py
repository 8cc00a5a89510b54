"""``#pragma comment(lib, ...)`` in CRT-less builds, with the real clang-cl and lld-link:
an object's /DEFAULTLIB requests for the import libraries ec-buildext generates are
followed (any case, with or without .lib); those for the MSVC runtime's own libraries
(libcmt, oldnames, msvcrt, softintrin, which clang-cl writes into every object) are
left out; any other stops the link with one paragraph naming the library, the object
that asked and the fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ec_buildext.peheader import object_default_libraries
from ec_buildext.toolchains.crtless import MSVC_RUNTIME_DEFAULT_LIBS

from ..support import wine
from ..support.cmake_builds import cmake_build_for
from ..support.commands import assert_build_refused
from ..support.crtless import crtless
from ..support.pe import read_pe
from ..support.small_dll import SYSTEM_DLLS, small_dll, small_project

pytestmark = pytest.mark.slow

#: Generated import libraries asked for in the spellings projects use, no library named
#: in the build.
PRAGMAS = """
#pragma comment(lib, "IPHLPAPI.lib")
#pragma comment(lib, "Version")
#pragma comment(lib, "ws2_32.LIB")
#include <winsock2.h>
#include <windows.h>
#include <iphlpapi.h>
__declspec(dllexport) int probe(void) {
  ULONG size = 0;
  GetAdaptersInfo(NULL, &size);
  return (int)GetFileVersionInfoSizeW(L"x", NULL) + (int)htons(1) + (int)size;
}
"""

UNKNOWN = """
#pragma comment(lib, "thirdparty_codec.lib")
__declspec(dllimport) int codec_version(void);
__declspec(dllexport) int probe(void) { return codec_version(); }
"""

#: The DLLs PRAGMAS's libraries import.
PRAGMA_DLLS = {"iphlpapi.dll", "version.dll", "ws2_32.dll"}


@pytest.fixture(autouse=True)
def _shared_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EC_BUILDEXT_CACHE_DIR", str(wine.tests_cache() / "runtime-cache"))


@pytest.mark.parametrize("arch", ["arm64ec", "x64", "arm64"])
def test_generated_libraries_are_followed_msvc_runtime_left_out(
    arch: str, tmp_path: Path, readobj_tool: str
) -> None:
    toolchain = crtless(arch)
    source = tmp_path / "pragmas.c"
    source.write_text(PRAGMAS)
    obj = tmp_path / "pragmas.obj"
    toolchain.compile(source, obj, "/MD")
    asked = {n.lower().removesuffix(".lib") for n in object_default_libraries(obj.read_bytes())}
    # clang-cl asks for the MSVC runtime in GNU mode too (/MD: msvcrt; Arm64EC:
    # softintrin): each of those is one CRT-less links leave out.
    runtime = {"msvcrt", "oldnames"} | ({"softintrin"} if arch == "arm64ec" else set())
    assert asked == runtime | {"iphlpapi", "version", "ws2_32"}
    assert runtime <= set(MSVC_RUNTIME_DEFAULT_LIBS)
    dll = tmp_path / "pragmas.dll"
    linked = toolchain.link([obj], dll)
    assert linked.returncode == 0, linked.stdout + linked.stderr
    (view, *_) = read_pe(readobj_tool, dll).views()
    assert {d.lower() for d in view.imported_dlls} == SYSTEM_DLLS | PRAGMA_DLLS


def test_unknown_library_stops_the_link_with_one_paragraph(tmp_path: Path) -> None:
    toolchain = crtless("arm64ec")
    source = tmp_path / "codec_user.c"
    source.write_text(UNKNOWN)
    obj = tmp_path / "codec_user.obj"
    toolchain.compile(source, obj)
    linked = toolchain.link([obj], tmp_path / "codec_user.dll")
    output = linked.stdout + linked.stderr
    # lld's own words: it looked for the library and found none (in MinGW mode it tries
    # libNAME.a last and names that); no undefined-symbol cascade after it.
    assert linked.returncode != 0 and "could not open 'libthirdparty_codec.a'" in output
    assert "undefined symbol" not in output
    hint = toolchain.support.explain_link_failure(output, [obj])
    assert hint.startswith("\nThe link found no thirdparty_codec.lib: codec_user.obj asks")
    assert '#pragma comment(lib, "thirdparty_codec.lib")' in hint
    assert "library_dirs" in hint and "target_link_directories" in hint
    assert "iphlpapi" in hint and "libcmt" in hint and "\n" not in hint[1:]


def test_a_system_library_not_generated_is_reported_as_ours(tmp_path: Path) -> None:
    # winhttp.lib: mingw-w64 has winhttp.def, ec-buildext does not make a library of it.
    toolchain = crtless("x64")
    source = tmp_path / "http.c"
    source.write_text('#pragma comment(lib, "Winhttp.lib")\nint http_marker;\n')
    obj = tmp_path / "http.obj"
    toolchain.compile(source, obj)
    linked = toolchain.link([obj], tmp_path / "http.dll")
    assert linked.returncode != 0
    hint = toolchain.support.explain_link_failure(linked.stdout + linked.stderr, [obj])
    assert hint.startswith("\nThe link found no winhttp.lib (http.obj asks for it)")
    assert "mingw-w64 describes winhttp.dll" in hint and "llvm-dlltool" in hint
    assert "report it" in hint and "sysroot" not in hint


@pytest.mark.parametrize("arch", ["arm64x"])
def test_setuptools_build_follows_pragmas(arch: str, tmp_path: Path, readobj_tool: str) -> None:
    dll = small_dll(tmp_path, PRAGMAS, arch, wine.tests_cache() / "runtime-cache")
    for view in read_pe(readobj_tool, dll).views():
        if view is not None:
            assert {d.lower() for d in view.imported_dlls} == SYSTEM_DLLS | PRAGMA_DLLS


def test_setuptools_build_names_the_unknown_library(tmp_path: Path) -> None:
    project = small_project(tmp_path, UNKNOWN, [])
    env = {
        "EC_BUILDEXT_LLVM_ROOT": "ziglang",
        "EC_BUILDEXT_CACHE_DIR": str(wine.tests_cache() / "runtime-cache"),
        "EC_BUILDEXT_ARCH": "arm64ec",
    }
    text = assert_build_refused(project, tmp_path / "dist", env, "The link found no")
    assert "thirdparty_codec.lib: small.c.obj asks for it" in text


def _cmake_project(folder: Path, source: str) -> Path:
    folder.mkdir()
    (folder / "CMakeLists.txt").write_text(
        "cmake_minimum_required(VERSION 3.21)\nproject(pragmas C)\n"
        "add_library(pragmas SHARED pragmas.c)\n"
    )
    (folder / "pragmas.c").write_text(source)
    return folder


def test_cmake_toolchain_follows_pragmas(tmp_path: Path, readobj_tool: str) -> None:
    project = _cmake_project(tmp_path / "src", PRAGMAS)
    cmake_build_for("arm64ec", project, tmp_path / "b")
    (view, *_) = read_pe(readobj_tool, tmp_path / "b" / "pragmas.dll").views()
    assert {d.lower() for d in view.imported_dlls} == SYSTEM_DLLS | PRAGMA_DLLS


def test_cmake_toolchain_stops_at_an_unknown_library(tmp_path: Path) -> None:
    project = _cmake_project(tmp_path / "src", UNKNOWN)
    with pytest.raises(AssertionError, match=re.escape("could not open 'libthirdparty_codec.a'")):
        cmake_build_for("arm64ec", project, tmp_path / "b")
