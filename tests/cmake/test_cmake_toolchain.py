"""`ec-buildext toolchain` files drive plain cmake + ninja to correct DLLs."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest

from ec_buildext.arch import get_arch
from ec_buildext.cmake_ext.toolchain import render_msvc
from ec_buildext.toolchains.crtless import crtless_support
from ec_buildext.toolchains.llvm import find_llvm
from ec_buildext.toolchains.msvc import MsvcToolchain

from ..support import wine
from ..support.cmake_builds import cmake_build, cmake_build_for, cmake_configure
from ..support.commands import ec
from ..support.llvm import LLVM_PARAMS
from ..support.paths import SAMPLE_EXPORTS, SAMPLES
from ..support.pe import lief_summary, raw_machine, read_pe

# End to end: plain cmake + ninja builds: not in the quick loop (-m "not slow").
pytestmark = pytest.mark.slow


def build_sample(tmp_path: Path, arch: str, llvm_root: str) -> Path:
    """`ec-buildext toolchain` + plain cmake/ninja on the sample; the DLL it built."""
    cmake_build_for(arch, SAMPLES / "cmake_ctypes", tmp_path / "b", llvm_root=llvm_root)
    return tmp_path / "b" / "ecsample_native.dll"


@pytest.mark.parametrize("llvm_root", LLVM_PARAMS)
@pytest.mark.parametrize("arch", ["arm64ec", "arm64", "x64"])
def test_toolchain_file_builds_sample(
    arch: str, llvm_root: str, tmp_path: Path, readobj_tool: str, cache_dir: Path
) -> None:
    dll = build_sample(tmp_path, arch, llvm_root)
    view = read_pe(readobj_tool, dll)
    info = lief_summary(dll)
    expected = get_arch(arch)
    assert raw_machine(dll) == expected.image_machine == info["machine"]
    assert view.exports == SAMPLE_EXPORTS == info["exports"]
    assert "ucrtbase.dll" in view.imported_dlls  # malloc/free/memcpy from the real C runtime
    if arch == "arm64ec":
        assert view.chpe_version == 2
        kinds = {kind for _, _, kind in view.code_map}
        # EC code, plus the x64 export thunks lld adds; never native ARM64 code.
        assert "ARM64EC" in kinds and kinds <= {"ARM64EC", "X64"}
        assert info["is_arm64ec"] is True
    else:
        assert view.chpe_version is None and not view.code_map
        assert info["is_arm64ec"] is False


def fake_visual_studio(root: Path, llvm_bin: dict[str, Path]) -> MsvcToolchain:
    """A VS-shaped tree whose cl.exe/link.exe/lib.exe are LLVM's MSVC-compatible drivers.

    clang-cl, lld-link and llvm-lib pick their MSVC personality from argv[0], so
    the MSVC template's flags are exercised by real tools; cl.exe itself is
    tested on Windows (below).
    """
    vc = root / "VC" / "Tools" / "MSVC" / "14.40.0"
    bin_dir = vc / "bin" / "Hostx64" / "arm64"
    bin_dir.mkdir(parents=True)
    for exe, tool_name in (
        ("cl.exe", "clang-cl"),
        ("link.exe", "lld-link"),
        ("lib.exe", "llvm-lib"),
    ):
        (bin_dir / exe).symlink_to(llvm_bin[tool_name])
    for sub in ("lib/arm64ec", "lib/arm64", "include"):
        (vc / sub).mkdir(parents=True)
    sdk = root / "Windows Kits" / "10"
    for sub in (
        "Include/10.0.26100.0/ucrt",
        "Lib/10.0.26100.0/um/arm64",
        "Lib/10.0.26100.0/ucrt/arm64",
    ):
        (sdk / sub).mkdir(parents=True)
    return MsvcToolchain(vc, sdk, "10.0.26100.0", get_arch("arm64ec"))


@pytest.mark.skipif(
    not Path("/usr/lib/llvm-22/bin/clang-cl").is_file(),
    reason="needs real clang-cl/lld-link binaries (Debian llvm-22) to stand in for cl/link",
)
def test_msvc_template_flags_through_llvm(
    tmp_path: Path, readobj_tool: str, cache_dir: Path
) -> None:
    llvm_bin = Path("/usr/lib/llvm-22/bin")
    msvc = fake_visual_studio(
        tmp_path / "vs", {n: llvm_bin / n for n in ("clang-cl", "lld-link", "llvm-lib")}
    )
    text = render_msvc(get_arch("arm64ec"), msvc)
    assert "/arm64EC" in text
    # Arm64EC library order: VC lib/arm64ec before lib/arm64, then the SDK.
    flags_line = re.search(r'LINKER_FLAGS_INIT "(.*)"\)', text)[1]
    libpaths = [f.split(":", 1)[1] for f in shlex.split(flags_line.replace('\\"', '"'))]
    assert [Path(p).name for p in libpaths] == ["arm64ec", "arm64", "arm64", "arm64"]
    assert [Path(p).parent.name for p in libpaths][2:] == ["ucrt", "um"]
    tc = tmp_path / "msvc.cmake"
    tc.write_text(text.replace("set(CMAKE_RC_COMPILER", "#").replace("set(CMAKE_MT", "#"))
    src = tmp_path / "src"
    src.mkdir()
    (src / "CMakeLists.txt").write_text(
        "cmake_minimum_required(VERSION 3.20)\nproject(m C)\nadd_library(m SHARED m.c)\n"
        'file(WRITE ${CMAKE_BINARY_DIR}/arch.txt "${MSVC_C_ARCHITECTURE_ID}")\n'
    )
    (src / "m.c").write_text(
        "#ifndef _M_ARM64EC\n#error not Arm64EC\n#endif\n"
        "__declspec(dllexport) int twice(int x) { return 2 * x; }\n"
    )
    # No CRT in the fake tree: link the CRT-less runtime support instead of the
    # standard libraries, which is all that differs from a real Visual Studio.
    support = crtless_support(find_llvm(str(llvm_bin.parent)), get_arch("arm64ec"))
    cmake_build(
        src,
        tmp_path / "b",
        tc,
        f"-DCMAKE_C_STANDARD_LIBRARIES={support.runtime_object} /nodefaultlib /noentry",
        "-DCMAKE_TRY_COMPILE_TARGET_TYPE=STATIC_LIBRARY",
    )
    assert (tmp_path / "b" / "arch.txt").read_text() == "ARM64EC"  # CMake's own detection
    dll = tmp_path / "b" / "m.dll"
    assert raw_machine(dll) == 0x8664
    assert read_pe(readobj_tool, dll).chpe_version == 2
    assert read_pe(readobj_tool, dll).exports == ["twice"]


@pytest.mark.skipif(
    not Path("/usr/lib/llvm-22/bin/clang-cl").is_file(),
    reason="needs real clang-cl/lld-link binaries (Debian llvm-22) to stand in for cl/link",
)
@pytest.mark.parametrize("arch", ["arm64ec", "arm64"])
def test_msvc_template_thunks_use_armasm64(arch: str, tmp_path: Path) -> None:
    """With an MSVC toolchain file, ec_add_thunks() generates armasm64 syntax and
    assembles it with the toolset's armasm64 -machine ARM64EC (configure only: no
    armasm64 runs here); an ARM64 configure needs no thunks."""
    llvm_bin = Path("/usr/lib/llvm-22/bin")
    msvc = fake_visual_studio(
        tmp_path / "vs", {n: llvm_bin / n for n in ("clang-cl", "lld-link", "llvm-lib")}
    )
    tc = tmp_path / "msvc.cmake"
    text = render_msvc(get_arch(arch), msvc)
    tc.write_text(text.replace("set(CMAKE_RC_COMPILER", "#").replace("set(CMAKE_MT", "#"))
    src = tmp_path / "src"
    src.mkdir()
    (src / "k.h").write_text("int twice(int x);\n")
    (src / "m.c").write_text("int unused;\n")
    (src / "CMakeLists.txt").write_text(
        "cmake_minimum_required(VERSION 3.20)\nproject(m C)\ninclude(EcBuildExt)\n"
        "add_library(m SHARED m.c)\nec_add_thunks(m HEADER k.h FUNCTIONS twice)\n"
    )
    cmake_configure(src, tmp_path / "b", tc, "-DCMAKE_TRY_COMPILE_TARGET_TYPE=STATIC_LIBRARY")
    ninja = (tmp_path / "b" / "build.ninja").read_text()
    if arch == "arm64":
        assert "m_ec_thunks" not in ninja and "--syntax" not in ninja
        return
    armasm64 = str(msvc.bin_dir / "armasm64.exe")
    thunks = tmp_path / "b" / "m_ec_thunks"
    assert f"{armasm64} -nologo -machine ARM64EC -o {thunks}.obj {thunks}.asm" in ninja
    assert f"-m ec_buildext thunks {src / 'k.h'} --function twice --syntax armasm64" in ninja


@pytest.mark.skipif(
    sys.platform != "win32", reason="needs Windows with Visual Studio's ARM64 tools"
)
def test_msvc_toolchain_on_windows(tmp_path: Path, readobj_tool: str) -> None:
    tc = tmp_path / "ec.cmake"
    ec("toolchain", "--arch", "arm64ec", "--compiler", "msvc", "-o", str(tc))
    cmake_build(SAMPLES / "cmake_ctypes", tmp_path / "b", tc)
    dll = tmp_path / "b" / "ecsample_native.dll"
    assert raw_machine(dll) == 0x8664 and read_pe(readobj_tool, dll).chpe_version is not None


def test_toolchain_command_errors(tmp_path: Path) -> None:
    proc = ec(
        "toolchain",
        "--arch",
        "arm64ec",
        "--llvm-root",
        str(tmp_path / "none"),
        "-o",
        str(tmp_path / "x.cmake"),
        check=False,
    )
    assert (
        proc.returncode == 1 and "is not a folder" in proc.stderr and "Traceback" not in proc.stderr
    )
    assert not (tmp_path / "x.cmake").exists()
    proc = ec("toolchain", "--arch", "arm64ec", "--sysroot", str(tmp_path / "nosdk"), check=False)
    assert proc.returncode == 1 and "sysroot" in proc.stderr and "does not exist" in proc.stderr


@pytest.mark.skipif(
    not Path("/usr/lib/llvm-14/bin/clang-cl").is_file(),
    reason="Debian's clang-14/lld-14/clang-tools-14 are not installed (.ci/run installs them)",
)
def test_oldest_supported_llvm_builds_x64(
    tmp_path: Path, readobj_tool: str, cache_dir: Path
) -> None:
    """The table's min_llvm for x64 is 14: back that with a real build."""
    dll = build_sample(tmp_path, "x64", "/usr/lib/llvm-14")
    assert raw_machine(dll) == 0x8664
    assert read_pe(readobj_tool, dll).exports == SAMPLE_EXPORTS


#: A C module linking a static C++ library (CMake then links it as C++).
CXX_PROJECT = {
    "CMakeLists.txt": "cmake_minimum_required(VERSION 3.21)\nproject(cxxdemo C CXX)\n"
    "add_library(h STATIC h.cpp)\nadd_library(m MODULE m.c)\n"
    "target_link_libraries(m PRIVATE h)\n",
    "m.c": "int g(void);\n__declspec(dllexport) int f(void) { return g(); }\n",
    "h.cpp": '#include <string>\nextern "C" int g(void) { std::string s("abc");'
    ' s += "de"; return (int)s.size(); }\n',
}
#: project() without LANGUAGES: C and C++ enabled, as CMake's default; C sources only.
C_PROJECT = {
    "CMakeLists.txt": "cmake_minimum_required(VERSION 3.21)\nproject(conly)\n"
    "add_library(m MODULE m.c)\n",
    "m.c": "__declspec(dllexport) int f(void) { return 1; }\n",
}
#: What the configure-time C++ runtime step wrote: ``<view>=<library>`` lines.
CXX_RUNTIME_LINES = "CMakeFiles/ec-buildext-cxx-runtime.txt"


def write_project(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text)
    return folder


def cached_cxx_libraries(build: Path) -> str:
    (line,) = [
        line
        for line in (build / "CMakeCache.txt").read_text().splitlines()
        if line.startswith("CMAKE_CXX_STANDARD_LIBRARIES:")
    ]
    return line


def test_c_project_does_not_ask_for_the_cxx_runtime(tmp_path: Path, cache_dir: Path) -> None:
    # C++ is enabled but nothing compiles as C++: the C++ runtime is neither built
    # (minutes on a machine's first C++ build) nor linked.
    source = write_project(tmp_path / "src", C_PROJECT)
    cmake_build_for("arm64ec", source, tmp_path / "b")
    assert (tmp_path / "b" / "m.dll").is_file()
    assert not (tmp_path / "b" / CXX_RUNTIME_LINES).exists()
    assert "ecxx" not in cached_cxx_libraries(tmp_path / "b")


@pytest.mark.parametrize("arch", ["arm64ec", "arm64x"])
def test_cxx_project_links_each_views_cxx_runtime(
    arch: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, readobj_tool: str
) -> None:
    # The runtimes live in the tests' persistent cache (as in test_runtime_cxx.py).
    monkeypatch.setenv("EC_BUILDEXT_CACHE_DIR", str(wine.tests_cache() / "runtime-cache"))
    source = write_project(tmp_path / "src", CXX_PROJECT)
    build = tmp_path / "b"
    cmake_build_for(arch, source, build)
    found = dict(line.split("=", 1) for line in (build / CXX_RUNTIME_LINES).read_text().split())
    # One library per view, each built for its view: the configured (EC) view's joins
    # C++ links, the native view's every Arm64X link (through the link launcher).
    assert set(found) == {v.name for v in get_arch(arch).views}
    assert all(Path(p).name == "ecxx.lib" and f"cxx-{v}-" in p for v, p in found.items())
    assert found["arm64ec"] in cached_cxx_libraries(build)
    if arch == "arm64x":
        assert f"--add={found['arm64']}" in (build / "CMakeFiles" / "rules.ninja").read_text()
    # libc++ is linked in: the module imports system DLLs only.
    assert {d.lower() for d in read_pe(readobj_tool, build / "m.dll").imported_dlls} <= {
        "kernel32.dll",
        "ucrtbase.dll",
    }


def test_cxx_runtime_with_the_projects_own_cxx_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A project's CMAKE_USER_MAKE_RULES_OVERRIDE_CXX keeps its place; the C++ runtime
    # still joins the C++ links.
    monkeypatch.setenv("EC_BUILDEXT_CACHE_DIR", str(wine.tests_cache() / "runtime-cache"))
    source = write_project(tmp_path / "src", CXX_PROJECT)
    (source / "rules.cmake").write_text("# the project's own C++ rules\n")
    build = tmp_path / "b"
    cmake_build_for(
        "arm64ec", source, build, f"-DCMAKE_USER_MAKE_RULES_OVERRIDE_CXX={source}/rules.cmake"
    )
    found = (build / CXX_RUNTIME_LINES).read_text().split()
    assert [line.split("=")[0] for line in found] == ["arm64ec"]
    assert found[0].split("=", 1)[1] in cached_cxx_libraries(build)
    assert not (build / "CMakeFiles" / "ec-buildext-rules-CXX.cmake").exists()
