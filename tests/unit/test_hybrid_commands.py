"""The command rewriting behind one-configure Arm64X, including cl.exe forms.

clang-cl forms are also exercised end to end in test_arm64x.py; cl.exe and
link.exe cannot run here, so their rewriting is checked on the command lines
CMake's MSVC rules produce.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from ec_buildext import hybrid
from ec_buildext.arch import ARM64X
from ec_buildext.cmake_ext.launcher import hybrid_launcher
from ec_buildext.hybrid import (
    _split_rsp,
    hybrid_archive_command,
    hybrid_link_command,
    native_compile_command,
    sidecar,
)


def test_sidecar_names() -> None:
    assert sidecar("CMakeFiles/t.dir/a.c.obj") == "CMakeFiles/t.dir/a.c.arm64.obj"
    assert sidecar(r"C:\b\t.dir\x.cpp.obj") == r"C:\b\t.dir\x.cpp.arm64.obj"
    assert sidecar("t.pdb") == "t.arm64.pdb"


def test_clang_cl_compile() -> None:
    ec = [
        "clang-cl",
        "--target=arm64ec-w64-windows-gnu",
        "/nologo",
        "-DFOO=1",
        "/D_AMD64_",
        "/D_ARM64EC_",
        "/DWIN32",
        "-clang:-MD",
        "-clang:-MTa.c.obj",
        "-clang:-MFa.c.obj.d",
        "/Foa.c.obj",
        "/Fdt.dir/",
        "-c",
        "--",
        "a.c",
    ]
    native, obj = native_compile_command(ec, "aarch64-w64-windows-gnu")
    assert obj == "a.c.arm64.obj"
    assert native == [
        "clang-cl",
        "/nologo",
        "-DFOO=1",
        "/DWIN32",
        "/Foa.c.arm64.obj",
        "/Fdt.dir/",
        "-c",
        "--target=aarch64-w64-windows-gnu",
        "--",
        "a.c",
    ]


def test_cl_exe_compile() -> None:
    ec = [
        "cl.exe",
        "/nologo",
        "/arm64EC",
        "-D_AMD64_",
        "-D_ARM64EC_",
        "/DNDEBUG",
        "/showIncludes",
        "/FoCMakeFiles\\t.dir\\a.c.obj",
        "/FdCMakeFiles\\t.dir\\t.pdb",
        "/FS",
        "-c",
        "a.c",
    ]
    native, obj = native_compile_command(ec)
    assert obj == "CMakeFiles\\t.dir\\a.c.arm64.obj"
    assert native == [
        "cl.exe",
        "/nologo",
        "/DNDEBUG",
        "/FoCMakeFiles\\t.dir\\a.c.arm64.obj",
        "/FdCMakeFiles\\t.dir\\t.arm64.pdb",
        "/FS",
        "-c",
        "a.c",
    ]


def test_compile_without_object_is_an_error() -> None:
    with pytest.raises(ValueError, match="no /Fo"):
        native_compile_command(["cl.exe", "/c", "a.c"])


def test_native_compile_swaps_the_python_include_folder() -> None:
    """Every spelling CMake uses for an include folder; other folders stay."""
    x64, arm64 = "/py/x64/include", "/py/arm64/include"
    argv = [
        "clang-cl",
        f"-I{x64}",
        f"/external:I{x64}",
        "-isystem",
        x64,
        "-I/py/x64/include-extra",
        "-I/src",
        "/Foa.c.obj",
        "/c",
        "a.c",
    ]
    native, _ = native_compile_command(argv, "aarch64-pc-windows-msvc", (x64, arm64))
    assert native[1:5] == [f"-I{arm64}", f"/external:I{arm64}", "-isystem", arm64]
    assert "-I/py/x64/include-extra" in native and "-I/src" in native
    assert native_compile_command(argv)[0][1] == f"-I{x64}"  # no swap asked


def test_native_compile_swaps_ec_only_arguments() -> None:
    """The toolchain file's EC-only arguments (MSVC's Arm64EC macros, the softintrin
    folder) leave the native compile; its native ones come where the first one was."""
    ec_only = ["/external:I/si", "-D_M_ARM64EC=1", "-D_M_X64=100"]
    argv = [
        "clang-cl",
        "-DA",
        "-D_M_ARM64EC=1",
        "/external:I/si",
        "-D_M_X64=100",
        "/Foa.obj",
        "a.c",
    ]
    native, _ = native_compile_command(argv, "", ("", ""), ec_only, ["-D_M_ARM64=1", "-D_ARM64_=1"])
    assert native == ["clang-cl", "-DA", "-D_M_ARM64=1", "-D_ARM64_=1", "/Foa.arm64.obj", "a.c"]
    # None of them in the command (a project's own flags replaced them): nothing added.
    plain = ["clang-cl", "-DA", "/Foa.obj", "a.c"]
    assert native_compile_command(plain, "", ("", ""), ec_only, ["-D_M_ARM64=1"])[0] == [
        "clang-cl",
        "-DA",
        "/Foa.arm64.obj",
        "a.c",
    ]


def test_dll_link() -> None:
    link = [
        "lld-link",
        "/nologo",
        "a.obj",
        "b.obj",
        "/out:t.dll",
        "/dll",
        "/machine:ARM64EC",
        "/DEF:t.def",
        "helper.lib",
    ]
    out = hybrid_link_command(
        link, lambda p: p == "a.arm64.obj", ["native_rt.obj"], machine=ARM64X.machine
    )
    assert out == [
        "lld-link",
        "/nologo",
        "a.obj",
        "a.arm64.obj",
        "b.obj",
        "/out:t.dll",
        "/dll",
        "/DEF:t.def",
        "helper.lib",
        "/defArm64Native:t.def",
        "native_rt.obj",
        "/machine:ARM64X",
    ]


def test_dll_link_keeps_a_native_def() -> None:
    link = ["link.exe", "/dll", "/DEF:ec.def", "/defArm64Native:native.def", "-machine:ARM64EC"]
    out = hybrid_link_command(link, lambda o: False, machine=ARM64X.machine)
    assert out.count("/defArm64Native:native.def") == 1
    assert out[-1] == "/machine:ARM64X" and "-machine:ARM64EC" not in out


def test_exe_link_is_left_alone() -> None:
    link = ["lld-link", "a.obj", "/out:t.exe", "/machine:ARM64EC"]
    assert hybrid_link_command(link, lambda o: True, ["x.obj"], machine=ARM64X.machine) == link


def test_archive() -> None:
    out = hybrid_archive_command(
        ["llvm-lib", "/nologo", "/out:s.lib", "x.c.obj"], lambda o: True, machine=ARM64X.machine
    )
    assert out == [
        "llvm-lib",
        "/nologo",
        "/out:s.lib",
        "x.c.obj",
        "x.c.arm64.obj",
        "/machine:ARM64X",
    ]


def test_response_file_splitting() -> None:
    text = 'a.obj "C:\\Program Files\\x\\b.obj" /out:t.dll\n  c.obj'
    assert _split_rsp(text) == ["a.obj", "C:\\Program Files\\x\\b.obj", "/out:t.dll", "c.obj"]


def test_absolute_posix_paths_are_inputs_not_options() -> None:
    compile_cmd = ["clang-cl", "/foo/include/x", "/Fo/tmp/b/a.c.obj", "-c", "--", "/foo/a.c"]
    native, obj = native_compile_command(compile_cmd, "aarch64-pc-windows-msvc")
    assert obj == "/tmp/b/a.c.arm64.obj"
    assert native[1] == "/foo/include/x" and native[-1] == "/foo/a.c"
    link = ["lld-link", "/dll", "/tmp/b/a.c.obj", "/out:/tmp/b/t.dll"]
    assert "/tmp/b/a.c.arm64.obj" in hybrid_link_command(
        link, lambda o: True, machine=ARM64X.machine
    )


def test_assembly_compile_with_separate_target_and_gnu_output() -> None:
    """CMake's ASM rules spell the target `-target X`; GNU drivers write `-o OBJ`."""
    native, obj = native_compile_command(
        [
            "clang",
            "-target",
            "arm64ec-w64-windows-gnu",
            "-MD",
            "-MT",
            "k.S.obj",
            "-MF",
            "k.S.obj.d",
            "-o",
            "k.S.obj",
            "-c",
            "k.S",
        ],
        "aarch64-w64-windows-gnu",
    )
    assert obj == "k.S.arm64.obj"
    assert native == [
        "clang",
        "-o",
        "k.S.arm64.obj",
        "-c",
        "k.S",
        "--target=aarch64-w64-windows-gnu",
    ]


def test_launcher_is_a_standalone_script() -> None:
    """CMake runs hybrid.py by its path without site (python -I -S): it may import
    nothing but the standard library, and runs so."""
    tree = ast.parse(Path(hybrid.__file__).read_text())
    modules = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    modules |= {
        f"{'.' * n.level}{n.module or ''}" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
    }
    tops = {m.split(".")[0] for m in modules}
    assert tops <= set(sys.stdlib_module_names) | {"__future__"}, tops
    proc = subprocess.run(hybrid_launcher(), capture_output=True, text=True, check=False)
    assert proc.returncode == 2 and proc.stderr.startswith("usage: "), proc.stderr
