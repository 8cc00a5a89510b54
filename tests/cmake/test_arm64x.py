"""Arm64X: hybrid DLLs from unchanged CMake projects in one configure, and pure forwarders."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from installer.sources import WheelFile

from ec_buildext.arch import ARM64X, get_arch

from ..support.cmake_builds import cmake_build, cmake_build_for, tool
from ..support.commands import ec, pip_wheel, run
from ..support.llvm import LLVM_PARAMS
from ..support.paths import SAMPLES
from ..support.paths import TEST_DATA as DATA
from ..support.pe import assert_arm64x, lief_summary, raw_machine, read_pe

# End to end: pip, CMake and real Arm64X links: not in the quick loop (-m "not slow").
pytestmark = pytest.mark.slow

SAMPLE = SAMPLES / "cmake_arm64x"
ECX_EXPORTS = ["ecx_crc32", "ecx_mean_var", "ecx_median", "ecx_view", "ecx_word_count"]
OLD_LLD = Path("/usr/lib/llvm-19")


@pytest.mark.slow
@pytest.mark.parametrize("llvm_root", LLVM_PARAMS)
def test_backend_builds_arm64x_wheel(
    llvm_root: str, tmp_path: Path, readobj_tool: str, cache_dir: Path
) -> None:
    out = tmp_path / "dist"
    pip_wheel(SAMPLE, out, {"EC_BUILDEXT_LLVM_ROOT": llvm_root})
    (wheel,) = out.iterdir()
    assert wheel.name == "ecx-1.0-py3-none-win_arm64.whl"
    with WheelFile.open(wheel) as source:
        source.validate_record()
    with zipfile.ZipFile(wheel) as z:
        z.extract("ecx/ecx.dll", tmp_path)
    dll = tmp_path / "ecx" / "ecx.dll"
    native, ec_view = assert_arm64x(dll, readobj_tool)
    # Each view separately: both export the API, both import the C runtime.
    assert native.exports == ECX_EXPORTS
    assert ec_view.exports == ECX_EXPORTS
    assert "ucrtbase.dll" in native.imported_dlls and "ucrtbase.dll" in ec_view.imported_dlls
    # Each view runs its own compile of ecx_view(): both answers are in the image.
    data = dll.read_bytes()
    assert b"arm64ec\0" in data and b"arm64\0" in data


@pytest.mark.slow
def test_compressed_tag_on_request(tmp_path: Path, cache_dir: Path) -> None:
    out = tmp_path / "dist"
    pip_wheel(
        SAMPLE,
        out,
        {"EC_BUILDEXT_LLVM_ROOT": "ziglang"},
        "--config-settings",
        "ec-buildext.wheel-tag=win_arm64.win_arm64ec",
    )
    (wheel,) = out.iterdir()
    assert wheel.name == "ecx-1.0-py3-none-win_arm64.win_arm64ec.whl"
    with zipfile.ZipFile(wheel) as z:
        wheel_file = z.read("ecx-1.0.dist-info/WHEEL").decode()
    assert "Tag: py3-none-win_arm64\n" in wheel_file and "Tag: py3-none-win_arm64ec\n" in wheel_file


def hybrid_build(
    tmp_path: Path,
    source: Path,
    llvm_root: str = "ziglang",
    *defines: str,
    env: dict[str, str] | None = None,
) -> Path:
    toolchain = tmp_path / "x.cmake"
    ec("toolchain", "--arch", "arm64x", "--llvm-root", llvm_root, "-o", str(toolchain))
    build = tmp_path / "b"
    saved = dict(os.environ)
    os.environ.update(env or {})
    try:
        cmake_build(source, build, toolchain, *defines)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return build


def test_static_library_holds_both_views(
    tmp_path: Path, readobj_tool: str, cache_dir: Path
) -> None:
    build = hybrid_build(tmp_path, SAMPLE)
    members = run([readobj_tool, "--file-headers", str(build / "strutil.lib")]).stdout
    formats = {
        line.split(":", 1)[1].strip() for line in members.splitlines() if line.startswith("Format:")
    }
    assert formats == {"COFF-ARM64", "COFF-ARM64EC"}
    # Every source compiled twice: an EC object and its native sidecar.
    objects = sorted(p.name for p in build.rglob("*.obj") if "CMakeScratch" not in str(p))
    for src in ("api.c", "crc32.c", "stats.c", "strutil.c"):
        assert f"{src}.obj" in objects and f"{src}.arm64.obj" in objects
    for obj in build.rglob("crc32.c*.obj"):
        machine = int.from_bytes(obj.read_bytes()[:2], "little")
        assert machine == (0xAA64 if ".arm64." in obj.name else 0xA641)
    native, ec_view = assert_arm64x(build / "ecx.dll", readobj_tool)
    assert native.exports == ec_view.exports == ECX_EXPORTS


def test_users_own_launcher_still_runs(tmp_path: Path, cache_dir: Path) -> None:
    log = tmp_path / "launcher.log"
    launcher = tmp_path / "mylauncher"
    launcher.write_text(f'#!/bin/sh\necho "$*" >> {log}\nexec "$@"\n')
    launcher.chmod(launcher.stat().st_mode | stat.S_IEXEC)
    hybrid_build(tmp_path, SAMPLE, env={"CMAKE_C_COMPILER_LAUNCHER": str(launcher)})
    lines = [line for line in log.read_text().splitlines() if "crc32.c" in line]
    # Both compiles of crc32.c went through the user's launcher, per-source define included.
    assert len(lines) == 2
    assert all("ECX_CRC_POLY=0xEDB88320u" in line for line in lines)
    assert sum("--target=aarch64-w64-windows-gnu" in line for line in lines) == 1


def test_ec_arm64x_def_files_and_forwarder_function(
    tmp_path: Path, readobj_tool: str, cache_dir: Path
) -> None:
    build = hybrid_build(tmp_path, DATA / "arm64x_defs", "ziglang", "-DEC_BUILDEXT_ARM64X_ALL=OFF")
    native, ec_view = assert_arm64x(build / "twoview.dll", readobj_tool)
    assert native.exports == ["both", "native_only"]
    assert ec_view.exports == ["both", "ec_only"]
    # Not handed to ec_arm64x(): an ordinary Arm64EC DLL.
    plain = build / "ecplain.dll"
    assert raw_machine(plain) == 0x8664 and lief_summary(plain)["is_arm64ec"] is True
    fwd_native, fwd_ec = read_pe(readobj_tool, build / "fwd.dll").views()
    assert fwd_native.forwarders == {
        n: f"foo_arm64.{n}" for n in ("foo_open", "foo_close", "foo_native_fast_path")
    }
    assert fwd_ec.forwarders == {n: f"foo_x64.{n}" for n in ("foo_open", "foo_close")}


def test_ec_arm64x_needs_an_arm64x_configure(tmp_path: Path, cache_dir: Path) -> None:
    toolchain = tmp_path / "ec.cmake"
    ec("toolchain", "--arch", "arm64ec", "--llvm-root", "ziglang", "-o", str(toolchain))
    import_dir = ec("--cmake-dir").stdout.strip()
    proc = run(
        [
            tool("cmake"),
            "-G",
            "Ninja",
            f"-DCMAKE_MAKE_PROGRAM={tool('ninja')}",
            f"-DCMAKE_TOOLCHAIN_FILE={toolchain}",
            f"-DCMAKE_MODULE_PATH={import_dir}",
            "-S",
            str(DATA / "arm64x_defs"),
            "-B",
            str(tmp_path / "b"),
        ],
        check=False,
    )
    assert proc.returncode != 0
    assert "ec_arm64x(twoview) needs an Arm64X configure" in proc.stderr


def test_pure_forwarder_from_dlls(tmp_path: Path, readobj_tool: str, cache_dir: Path) -> None:
    dlls = {}
    for arch, suffix in (("arm64", "arm64"), ("x64", "x64")):
        cmake_build_for(arch, DATA / "fwd_targets", tmp_path / arch, f"-DFOO_SUFFIX={suffix}")
        dlls[arch] = tmp_path / arch / f"foo_{suffix}.dll"
    out = tmp_path / "out" / "foo.dll"
    ec("forwarder", "--native", str(dlls["arm64"]), "--ec", str(dlls["x64"]), "-o", str(out))
    assert sorted(p.name for p in out.parent.iterdir()) == ["foo.dll"]  # nothing else left
    native, ec_view = read_pe(readobj_tool, out, "--sections").views()
    assert ec_view is not None
    assert raw_machine(out) == 0xAA64 and lief_summary(out)["is_arm64x"] is True
    assert native.forwarders == {
        "foo_close": "foo_arm64.foo_close",
        "foo_native_fast_path": "foo_arm64.foo_native_fast_path",
        "foo_open": "foo_arm64.foo_open",
    }
    assert ec_view.forwarders == {"foo_close": "foo_x64.foo_close", "foo_open": "foo_x64.foo_open"}
    # No code: read-only data (exports, load configs), the Arm64X relocations, base relocations.
    assert ".text" not in native.section_names
    assert set(native.section_names) <= {".rdata", ".a64xrm", ".reloc"}
    assert not native.code_map or all(s == e for s, e, _ in native.code_map)


def test_forwarder_errors(tmp_path: Path) -> None:
    proc = ec(
        "forwarder",
        "--native",
        str(tmp_path / "none.dll"),
        "--ec",
        str(tmp_path / "x.def"),
        "-o",
        str(tmp_path / "f.dll"),
        check=False,
    )
    assert proc.returncode == 1 and "does not exist" in proc.stderr
    not_pe = tmp_path / "bad.dll"
    not_pe.write_bytes(b"MZ" + b"\0" * 100)
    empty_def = tmp_path / "empty.def"
    empty_def.write_text("LIBRARY x.dll\nEXPORTS\n")
    for bad, message in (
        (not_pe, "not a DLL whose exports can be read"),
        (empty_def, "exports nothing"),
    ):
        proc = ec(
            "forwarder",
            "--native",
            str(bad),
            "--ec",
            str(bad),
            "-o",
            str(tmp_path / "f.dll"),
            check=False,
        )
        assert proc.returncode == 1 and message in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "f.dll").exists()


@pytest.mark.skipif(
    not (OLD_LLD / "bin" / "clang-cl").is_file(),
    reason="Debian's clang-19/lld-19 are not installed (.ci/run installs them)",
)
def test_lld_19_is_refused_before_any_compile(tmp_path: Path, cache_dir: Path) -> None:
    out = tmp_path / "dist"
    out.mkdir()
    proc = pip_wheel(SAMPLE, out, {"EC_BUILDEXT_LLVM_ROOT": str(OLD_LLD)}, check=False)
    text = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "LLVM 19." in text and "too old to build arm64x" in text and ">= 21" in text
    assert "Building C object" not in text and "Traceback" not in text
    assert list(out.iterdir()) == []
    proc = ec("toolchain", "--arch", "arm64x", "--llvm-root", str(OLD_LLD), check=False)
    assert proc.returncode == 1 and "too old to build arm64x" in proc.stderr


def compile_both_views(tmp_path: Path) -> Path:
    """f.c compiled as f.obj (Arm64EC) with its native sidecar f.arm64.obj, as the launcher does."""
    from ec_buildext.toolchains.llvm import find_llvm

    clang = find_llvm("ziglang").tool("clang")
    src = tmp_path / "f.c"
    src.write_text("__declspec(dllexport) int f(int x) { return x; }\n")
    for target, name in (
        ("arm64ec-pc-windows-msvc", "f.obj"),
        ("aarch64-pc-windows-msvc", "f.arm64.obj"),
    ):
        run([str(clang), f"--target={target}", "-c", str(src), "-o", str(tmp_path / name)])
    return tmp_path / "f.obj"


def test_link_through_a_response_file(tmp_path: Path, readobj_tool: str, cache_dir: Path) -> None:
    """Ninja hands long links to the linker as @rsp files: the sidecars must get in too."""
    from ec_buildext.toolchains.crtless import crtless_support
    from ec_buildext.toolchains.llvm import find_llvm

    llvm = find_llvm("ziglang")
    support = crtless_support(llvm, get_arch("arm64x"))
    objects_dir = tmp_path / "with space"  # quoting in the response file matters
    objects_dir.mkdir()
    obj = compile_both_views(objects_dir)
    rsp = tmp_path / "link.rsp"
    rsp.write_text(f'"{obj}" "{support.runtime_object}" /out:{tmp_path / "f.dll"}')
    run(
        [
            sys.executable,
            "-m",
            "ec_buildext.hybrid",
            "link",
            f"--machine={ARM64X.machine}",
            f"--add={support.native_runtime_object}",
            "--",
            str(llvm.tool("lld-link")),
            "/dll",
            "/noentry",
            "/nodefaultlib",
            "/machine:ARM64EC",
            f"@{rsp}",
        ]
    )
    native, ec_view = assert_arm64x(tmp_path / "f.dll", readobj_tool)
    assert native.exports == ec_view.exports == ["f"]


def test_missing_native_load_config_fails_the_link(tmp_path: Path, cache_dir: Path) -> None:
    """lld only warns when a view lacks its load config; the hybrid link step fails."""
    from ec_buildext.toolchains.crtless import crtless_support
    from ec_buildext.toolchains.llvm import find_llvm

    llvm = find_llvm("ziglang")
    obj = compile_both_views(tmp_path)
    objs = [str(obj)]
    ec_runtime = crtless_support(llvm, get_arch("arm64ec")).runtime_object
    out = tmp_path / "f.dll"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ec_buildext.hybrid",
            "link",
            f"--machine={ARM64X.machine}",
            "--",
            str(llvm.tool("lld-link")),
            "/dll",
            "/noentry",
            "/nodefaultlib",
            "/machine:arm64ec",
            *objs,
            str(ec_runtime),
            f"/out:{out}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "native version of '_load_config_used' is missing" in proc.stdout
    assert "lacks its load config" in proc.stderr
    assert not out.exists()
