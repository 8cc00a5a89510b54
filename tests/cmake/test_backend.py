"""`pip wheel`, `python -m build` and isolated builds through ec_buildext.build, end to end."""

from __future__ import annotations

import os
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from installer.sources import WheelFile

from ..support.commands import assert_build_refused, build_with_pypa_build, pip_wheel, run
from ..support.llvm import LLVM_PARAMS
from ..support.paths import SAMPLE_EXPORTS, SAMPLES
from ..support.pe import assert_arm64ec_dll, lief_summary, raw_machine, read_pe

SAMPLE = SAMPLES / "cmake_ctypes"
DLL = "ecsample/ecsample_native.dll"

pytestmark = pytest.mark.slow


def unpack(wheel: Path, dest: Path) -> Path:
    with zipfile.ZipFile(wheel) as z:
        z.extractall(dest)
    return dest


@pytest.mark.parametrize("llvm_root", LLVM_PARAMS)
def test_pip_wheel_gives_arm64ec_wheel(
    llvm_root: str, tmp_path: Path, readobj_tool: str, cache_dir: Path
) -> None:
    out = tmp_path / "dist"
    proc = pip_wheel(SAMPLE, out, {"EC_BUILDEXT_LLVM_ROOT": llvm_root})
    (wheel,) = out.iterdir()
    assert wheel.name == "ecsample-1.0-py3-none-win_arm64ec.whl"
    # The build said what it decided, in a few lines.
    for line in (
        "ec-buildext: arch: arm64ec",
        "ec-buildext: wheel tag: win_arm64ec",
        "ec-buildext: runtime: CRT-less",
    ):
        assert line in proc.stdout + proc.stderr
    assert_arm64ec_dll(unpack(wheel, tmp_path / "x") / DLL, readobj_tool, SAMPLE_EXPORTS)
    with WheelFile.open(wheel) as source:
        source.validate_record()
    target = tmp_path / "target"
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--target",
            str(target),
            "--platform",
            "win_arm64ec",
            "--only-binary=:all:",
            "--no-deps",
            "--no-index",
            str(wheel),
        ]
    )
    assert (target / DLL).is_file()
    assert (target / "ecsample-1.0.dist-info" / "WHEEL").is_file()


def test_isolated_pip_wheel_as_a_user_runs_it(
    ec_buildext_wheel: Path, tmp_path: Path, readobj_tool: str, cache_dir: Path
) -> None:
    """pip's own build isolation: requires = ["ec-buildext[llvm]"] is installed fresh."""
    out = tmp_path / "dist"
    env = {k: v for k, v in os.environ.items() if not k.startswith("EC_BUILDEXT_")}
    env["EC_BUILDEXT_CACHE_DIR"] = str(cache_dir)
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--find-links",
            str(ec_buildext_wheel),
            str(SAMPLE),
            "-w",
            str(out),
        ],
        env=env,
    )
    wheel = out / "ecsample-1.0-py3-none-win_arm64ec.whl"
    assert_arm64ec_dll(unpack(wheel, tmp_path / "x") / DLL, readobj_tool, SAMPLE_EXPORTS)


def test_python_m_build_with_config_settings(
    tmp_path: Path, readobj_tool: str, cache_dir: Path
) -> None:
    """-C ec-buildext.arch=x64 overrides pyproject's arm64ec: a plain x64 DLL, win_amd64."""
    out = tmp_path / "dist"
    build_with_pypa_build(
        SAMPLE, out, "-C", "ec-buildext.arch=x64", "-C", "ec-buildext.llvm-root=ziglang"
    )
    (wheel,) = out.glob("*.whl")
    assert wheel.name == "ecsample-1.0-py3-none-win_amd64.whl"
    dll = unpack(wheel, tmp_path / "x") / DLL
    assert raw_machine(dll) == 0x8664
    assert lief_summary(dll)["is_arm64ec"] is False
    assert read_pe(readobj_tool, dll).chpe_version is None


def twin_projects(tmp_path: Path) -> tuple[Path, Path]:
    """The sample twice: once on ec_buildext.build, once on plain scikit_build_core.build."""
    ours, theirs = tmp_path / "ours" / "ecsample", tmp_path / "theirs" / "ecsample"
    for dest, backend in ((ours, "ec_buildext.build"), (theirs, "scikit_build_core.build")):
        shutil.copytree(SAMPLE, dest)
        text = (dest / "pyproject.toml").read_text()
        text = text.replace('build-backend = "ec_buildext.build"', f'build-backend = "{backend}"')
        text = text.replace('arch = "arm64ec"', 'arch = "auto"')
        (dest / "pyproject.toml").write_text(text)
    return ours, theirs


def names(archive: Path) -> list[str]:
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as z:
            return sorted(z.namelist())
    import tarfile

    with tarfile.open(archive) as t:
        return sorted(m.name for m in t.getmembers())


@pytest.mark.parametrize("kind", ["--wheel", "--sdist"])
def test_auto_is_exactly_scikit_build_core(kind: str, tmp_path: Path) -> None:
    ours, theirs = twin_projects(tmp_path)
    results = []
    for project in (ours, theirs):
        out = project.parent / "dist"
        build_with_pypa_build(project, out, kind)
        (archive,) = out.iterdir()
        results.append((archive.name, names(archive)))
    assert results[0] == results[1]
    assert "linux" in results[0][0] or kind == "--sdist"


def test_editable_auto_is_exactly_scikit_build_core(tmp_path: Path) -> None:
    from pyproject_hooks import BuildBackendHookCaller

    ours, theirs = twin_projects(tmp_path)
    results = []
    for project, backend in ((ours, "ec_buildext.build"), (theirs, "scikit_build_core.build")):
        out = project.parent / "dist"
        out.mkdir()
        caller = BuildBackendHookCaller(str(project), backend, python_executable=sys.executable)
        name = caller.build_editable(str(out))
        results.append((name, names(out / name)))
    assert results[0] == results[1]


def broken_project(tmp_path: Path) -> Path:
    project = tmp_path / "broken"
    shutil.copytree(SAMPLE, project)
    (project / "src" / "ecsample.c").write_text("int broken(void) { return missing_symbol; }\n")
    return project


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("unknown-arch", "setting 'arch' has the value 'arm65' in config-settings"),
        ("unknown-key", "unknown setting 'archh' in config-settings"),
        ("llvm-missing", "llvm-root '/nonexistent/llvm' is not a folder"),
        ("llvm-too-old", "too old to build arm64ec"),
        ("sysroot-missing", "sysroot '/nonexistent/sdk' does not exist"),
        ("cmake-fails", "CMake build failed"),
        ("thunks-table", "[tool.ec-buildext.thunks] in pyproject.toml is for setuptools"),
    ],
)
def test_bad_input_gives_one_clear_error_and_no_output(
    case: str, expected: str, tmp_path: Path, cache_dir: Path
) -> None:
    if case == "llvm-too-old" and not Path("/usr/lib/llvm-14/bin/clang-cl").is_file():
        pytest.skip(
            "Debian's clang-14/lld-14/clang-tools-14 are not installed (.ci/run installs them)"
        )
    project, env, extra = SAMPLE, {"EC_BUILDEXT_LLVM_ROOT": "ziglang"}, []
    if case == "unknown-arch":
        extra = ["--config-settings", "ec-buildext.arch=arm65"]
    elif case == "unknown-key":
        extra = ["--config-settings", "ec-buildext.archh=arm64ec"]
    elif case == "llvm-missing":
        env["EC_BUILDEXT_LLVM_ROOT"] = "/nonexistent/llvm"
    elif case == "llvm-too-old":
        env["EC_BUILDEXT_LLVM_ROOT"] = "/usr/lib/llvm-14"
    elif case == "sysroot-missing":
        env["EC_BUILDEXT_SYSROOT"] = "/nonexistent/sdk"
    elif case == "thunks-table":  # a CMake build would not use it: refused, not ignored
        project = tmp_path / "thunks"
        shutil.copytree(SAMPLE, project)
        with (project / "pyproject.toml").open("a") as f:
            f.write('\n[tool.ec-buildext.thunks]\nheader = "src/ecsample.h"\nfunctions = ["f"]\n')
    else:
        project = broken_project(tmp_path)
    assert_build_refused(project, tmp_path / "dist", env, expected, *extra)
