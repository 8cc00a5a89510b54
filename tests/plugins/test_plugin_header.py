"""ec_plugin_path.h: each compiled view, run in an emulator, picks the right folder."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import ec_buildext

from ..support.cmake_builds import cmake_build_for
from ..support.emulate import DATA, call, read_c_string
from ..support.paths import SAMPLES
from ..support.pe import assert_arm64x

HOST = SAMPLES / "plugin_host"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample's Arm64X host and its hello plugin for x64 and ARM64."""
    work = tmp_path_factory.mktemp("plugin_host")
    out = {}
    for arch, project, dll in (
        ("arm64x", "host", "host.dll"),
        ("x64", "plugin", "hello.dll"),
        ("arm64", "plugin", "hello.dll"),
        ("arm64ec", "plugin", "hello.dll"),
    ):
        cmake_build_for(arch, HOST / project, work / arch)
        out[arch] = work / arch / dll
    return out


def test_header_ships_with_the_package() -> None:
    assert (ec_buildext.get_include() / "ec_plugin_path.h").is_file()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("view", "folder"), [("arm64", "plugins\\arm64"), ("arm64ec", "plugins\\x64")]
)
def test_each_view_of_the_arm64x_host_searches_its_folder(
    view: str, folder: str, built: dict[str, Path], readobj_tool: str, cache_dir: Path
) -> None:
    host = built["arm64x"]
    assert_arm64x(host, readobj_tool)
    length, data = call(host, "host_plugin_folder", view, [DATA, 64])
    assert data[:length].decode() == folder and data[length] == 0


@pytest.mark.slow
@pytest.mark.parametrize(
    ("arch", "view", "expected"),
    [("x64", "x64", "x64"), ("arm64", "arm64", "arm64"), ("arm64ec", "arm64ec", "arm64ec")],
)
def test_plugins_report_their_build(
    arch: str, view: str, expected: str, built: dict[str, Path], cache_dir: Path
) -> None:
    pointer, _ = call(built[arch], "hello_arch", view, [])
    assert read_c_string(built[arch], pointer) == expected


@pytest.mark.slow
def test_compile_time_rule_tests_arm64ec_before_x64(tmp_path: Path, cache_dir: Path) -> None:
    """The header's #if ladder on each target's own predefined macros (Arm64EC also
    defines _M_X64), as the compiler's preprocessor evaluates it."""
    from ec_buildext.toolchains.llvm import find_llvm

    clang = find_llvm("ziglang").tool("clang")
    source = (
        "#define EC_PLUGIN_PATH_NO_RUNTIME\n#include <ec_plugin_path.h>\n"
        "const char *folder = EC_PLUGIN_ARCH, *build = EC_PLUGIN_BUILD_ARCH;\n"
    )
    for triple, folder, build in (
        ("arm64ec-pc-windows-msvc", "x64", "arm64ec"),
        ("x86_64-pc-windows-msvc", "x64", "x64"),
        ("aarch64-pc-windows-msvc", "arm64", "arm64"),
        ("i686-pc-windows-msvc", "x86", "x86"),
    ):
        out = subprocess.run(
            [
                str(clang),
                f"--target={triple}",
                "-E",
                "-P",
                f"-I{ec_buildext.get_include()}",
                "-x",
                "c",
                "-",
            ],
            input=source,
            capture_output=True,
            text=True,
            check=True,
        )
        assert f'const char *folder = "{folder}", *build = "{build}";' in out.stdout, triple
