"""ec_buildext.setuptools: Arm64EC and Arm64X extensions from an unchanged setup.py."""

from __future__ import annotations

import os
import sys
import zipfile
from pathlib import Path

import pytest

from ..support import wine
from ..support.commands import assert_build_refused, build_with_pypa_build, pip_wheel
from ..support.llvm import LLVM_PARAMS
from ..support.paths import SAMPLES
from ..support.paths import TEST_DATA as DATA
from ..support.pe import assert_arm64ec_dll, assert_arm64x, read_pe
from ..support.setuptools_builds import PYXY, build, copy_project, extract

pytestmark = pytest.mark.slow
EXPORTS = sorted(
    [
        "PyInit__native",
        "ecst_adler32",
        "ecst_crc32",
        "ecst_fnv1a",
        "ecst_reverse",
        "ecst_words",
        "ecst_distinct",
        "ecst_mean",
        "ecst_version",
        "ecst_free",
    ]
)


@pytest.mark.parametrize("llvm_root", LLVM_PARAMS)
def test_ctypes_sample_as_arm64ec(
    llvm_root: str, tmp_path: Path, readobj_tool: str, cache_dir: Path
) -> None:
    project = copy_project(SAMPLES / "setuptools_ctypes", tmp_path)
    wheel = build(project, tmp_path, {"EC_BUILDEXT_LLVM_ROOT": llvm_root})
    assert wheel.name == f"ecst-1.0-cp{PYXY}-cp{PYXY}-win_arm64ec.whl"
    dll = extract(wheel, f"ecst/_native.cp{PYXY}-win_amd64.pyd", tmp_path / "x")
    assert_arm64ec_dll(dll, readobj_tool, EXPORTS)
    # setup.py's own build_ext wrote the header version.c includes.
    assert b"1.0\0" in dll.read_bytes()
    assert list(project.glob("build/ec-buildext-arm64ec/temp*/generated/ecst_config.h"))


@pytest.mark.parametrize("llvm_root", LLVM_PARAMS)
def test_ctypes_sample_as_arm64x_in_parallel(
    llvm_root: str, tmp_path: Path, readobj_tool: str, cache_dir: Path
) -> None:
    project = copy_project(SAMPLES / "setuptools_ctypes", tmp_path)
    parallel = tmp_path / "parallel.cfg"
    parallel.write_text("[build_ext]\nparallel = 2\n")  # what `build_ext -j2` sets
    out = tmp_path / "dist"
    proc = pip_wheel(
        project,
        out,
        {
            "EC_BUILDEXT_LLVM_ROOT": llvm_root,
            "EC_BUILDEXT_ARCH": "arm64x",
            "DIST_EXTRA_CONFIG": str(parallel),
        },
    )
    assert "16 compiles for arm64+arm64ec, 2 at a time" in proc.stdout + proc.stderr
    (wheel,) = out.iterdir()
    assert wheel.name == f"ecst-1.0-cp{PYXY}-cp{PYXY}-win_arm64.whl"
    with zipfile.ZipFile(wheel) as z:
        assert [n for n in z.namelist() if n.startswith("ecst/_native")] == ["ecst/_native.pyd"]
    native, ec_view = assert_arm64x(
        extract(wheel, "ecst/_native.pyd", tmp_path / "x"), readobj_tool
    )
    assert native.exports == EXPORTS and ec_view.exports == EXPORTS


def test_gnu_assembly_is_assembled_per_view(
    tmp_path: Path, readobj_tool: str, cache_dir: Path
) -> None:
    project = copy_project(DATA / "setuptools_asm", tmp_path)
    wheel = build(project, tmp_path, {})
    dll = extract(wheel, "asmdemo.pyd", tmp_path / "x")
    native, ec_view = assert_arm64x(dll, readobj_tool)
    assert native.exports == ec_view.exports == ["PyInit_asmdemo", "lookup"]
    data = dll.read_bytes()
    assert b"asm:arm64\0" in data and b"asm:arm64ec\0" in data


def twin(tmp_path: Path) -> tuple[Path, Path]:
    ours = copy_project(SAMPLES / "setuptools_ctypes", tmp_path / "ours")
    theirs = copy_project(SAMPLES / "setuptools_ctypes", tmp_path / "theirs")
    for project, backend in ((ours, "ec_buildext.setuptools"), (theirs, "setuptools.build_meta")):
        text = (project / "pyproject.toml").read_text()
        text = text.replace(
            'build-backend = "ec_buildext.setuptools"', f'build-backend = "{backend}"'
        )
        (project / "pyproject.toml").write_text(text.replace('arch = "arm64ec"', 'arch = "auto"'))
    return ours, theirs


def test_auto_is_exactly_setuptools(tmp_path: Path) -> None:
    results = []
    for project in twin(tmp_path):
        out = project.parent / "dist"
        build_with_pypa_build(project, out)
        (wheel,) = out.iterdir()
        with zipfile.ZipFile(wheel) as z:
            results.append((wheel.name, sorted(z.namelist())))
    assert results[0] == results[1]
    assert "linux" in results[0][0]


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("asm-without-assembler", "table.asm: .asm for the arm64 view needs MSVC's armasm64.exe"),
        ("python-root-arm64x", "has no include/Python.h"),
        (
            "cibuildwheel-conflict",
            "SETUPTOOLS_EXT_SUFFIX=.cp311-win_arm64.pyd says this build is for win_arm64 CPython",
        ),
    ],
)
def test_bad_input(case: str, expected: str, tmp_path: Path, cache_dir: Path) -> None:
    project = copy_project(DATA / "setuptools_asm", tmp_path)
    env = {"EC_BUILDEXT_LLVM_ROOT": "ziglang"}
    if case == "asm-without-assembler":
        env["ASM_SOURCE"] = "table.asm"
    elif case == "python-root-arm64x":
        env["EC_BUILDEXT_PYTHON_ROOT"] = str(tmp_path)
    else:
        env.update(EC_BUILDEXT_ARCH="arm64ec", SETUPTOOLS_EXT_SUFFIX=".cp311-win_arm64.pyd")
    assert_build_refused(project, tmp_path / "dist", env, expected)


def test_environment_notes_are_one_line_each(tmp_path: Path, cache_dir: Path) -> None:
    """cibuildwheel's win_amd64 settings agree with arm64x; what is not used is said."""
    project = copy_project(DATA / "setuptools_asm", tmp_path)
    proc = pip_wheel(
        project,
        tmp_path / "dist",
        {
            "EC_BUILDEXT_LLVM_ROOT": "ziglang",
            "SETUPTOOLS_EXT_SUFFIX": f".cp{PYXY}-win_amd64.pyd",
            "VSCMD_ARG_TGT_ARCH": "x64",
        },
    )
    text = proc.stdout + proc.stderr
    assert (
        f"ec-buildext: SETUPTOOLS_EXT_SUFFIX=.cp{PYXY}-win_amd64.pyd is not used: arch = "
        "arm64x names modules for both ARM64 and x64 CPython (.pyd)."
    ) in text
    assert (
        "ec-buildext: VSCMD_ARG_TGT_ARCH=x64 is not used: arch = arm64x compiles with the "
        "arm64 toolset." in text
    )
    with zipfile.ZipFile(next((tmp_path / "dist").iterdir())) as z:
        assert "asmdemo.pyd" in z.namelist()


TEST_PYTHON_ROOT = os.environ.get("EC_BUILDEXT_TEST_PYTHON_ROOT", "")
TEST_SYSROOT = os.environ.get("EC_BUILDEXT_TEST_SYSROOT", "")


@pytest.mark.skipif(
    not TEST_PYTHON_ROOT or (sys.platform != "win32" and not TEST_SYSROOT),
    reason="needs a Windows x64 CPython folder (EC_BUILDEXT_TEST_PYTHON_ROOT) and, off "
    "Windows, a Windows SDK/CRT tree (EC_BUILDEXT_TEST_SYSROOT): real Python.h needs the "
    "real CRT headers, which cannot be downloaded here",
)
def test_stable_abi_extension_module(tmp_path: Path, readobj_tool: str, cache_dir: Path) -> None:
    project = copy_project(SAMPLES / "setuptools_limited_api", tmp_path)
    env = {"EC_BUILDEXT_PYTHON_ROOT": TEST_PYTHON_ROOT}
    if TEST_SYSROOT:
        env["EC_BUILDEXT_SYSROOT"] = TEST_SYSROOT
    wheel = build(project, tmp_path, env)
    assert wheel.name == "ecabi3-1.0-cp39-abi3-win_arm64ec.whl"
    dll = extract(wheel, "ecabi3.pyd", tmp_path / "x")
    view = read_pe(readobj_tool, dll)
    assert view.exports == ["PyInit_ecabi3"] and "python3.dll" in view.imported_dlls


def test_cxx_in_a_build_clib_library_links_the_cxx_runtime(
    tmp_path: Path, readobj_tool: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The module is C, the library build_ext links is C++: each view links its own C++
    # runtime (std::string, exceptions), and the DLL imports system DLLs only.
    monkeypatch.setenv("EC_BUILDEXT_CACHE_DIR", str(wine.tests_cache() / "runtime-cache"))
    project = copy_project(DATA / "setuptools_cxx_clib", tmp_path)
    wheel = build(project, tmp_path, {})
    native, ec_view = assert_arm64x(extract(wheel, "cxxclib.pyd", tmp_path / "x"), readobj_tool)
    for view in (native, ec_view):
        assert view.exports == ["PyInit_cxxclib", "joined_length"]
        assert {d.lower() for d in view.imported_dlls} <= {"kernel32.dll", "ucrtbase.dll"}
