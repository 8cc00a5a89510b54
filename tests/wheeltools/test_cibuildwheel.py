"""cibuildwheel: generated configuration accepted by the real cibuildwheel, its
environment driving our backends, the workflow, and repair."""

from __future__ import annotations

import json
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from ..support.commands import build_with_pypa_build, ec, pip_wheel, run
from ..support.paths import ROOT, SAMPLES, TEST_DATA
from ..support.pe import assert_arm64x

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PYXY = f"{sys.version_info[0]}{sys.version_info[1]}"
PYPROJECT = (
    '[build-system]\nrequires = ["ec-buildext"]\nbuild-backend = "ec_buildext.build"\n'
    '[project]\nname = "p"\nversion = "1"\nrequires-python = ">=3.9"\n'
)


def identifiers(project: Path, *extra: str) -> list[str]:
    out = run(
        [
            sys.executable,
            "-m",
            "cibuildwheel",
            "--print-build-identifiers",
            "--platform",
            "windows",
            *extra,
            str(project),
        ]
    ).stdout
    return [line for line in out.split() if line]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("arch", "suffix"),
    [("arm64ec", "-win_amd64"), ("arm64x", "-win_arm64"), ("x64,arm64ec", "-win_amd64")],
)
def test_cibw_block_is_accepted_by_cibuildwheel(arch: str, suffix: str, tmp_path: Path) -> None:
    import cibuildwheel
    import jsonschema

    block = ec("cibw", "--arch", arch).stdout
    table = tomllib.loads(block)["tool"]["cibuildwheel"]
    schema_path = Path(cibuildwheel.__file__).parent / "resources" / "cibuildwheel.schema.json"
    jsonschema.validate(table, json.loads(schema_path.read_text()))  # cibuildwheel's own schema
    assert table["windows"]["environment"] == {"EC_BUILDEXT_ARCH": arch}
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "pyproject.toml").write_text(PYPROJECT)
    everything = identifiers(plain, "--archs", "all")
    configured = tmp_path / "configured"
    configured.mkdir()
    (configured / "pyproject.toml").write_text(PYPROJECT + "\n" + block)
    intended = [i for i in everything if i.endswith(suffix)]
    assert intended and identifiers(configured) == intended


def test_cibw_write(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(PYPROJECT)
    ec("cibw", "--arch", "arm64x", "--write", str(pyproject))
    assert tomllib.loads(pyproject.read_text())["tool"]["cibuildwheel"]["windows"]["archs"] == [
        "ARM64"
    ]
    again = ec("cibw", "--arch", "arm64x", "--write", str(pyproject), check=False)
    assert again.returncode == 1 and "merge the block" in again.stderr


def cibuildwheel_environment(identifier: str, tmp_path: Path) -> dict[str, str]:
    """What cibuildwheel's own Windows cross-compile setup puts in the environment."""
    from cibuildwheel.platforms.windows import PythonConfiguration, setup_setuptools_cross_compile

    env: dict[str, str] = {}
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    setup_setuptools_cross_compile(
        tmp_path,
        PythonConfiguration(version=version, identifier=identifier),
        tmp_path / "python-libs",
        env,
    )
    return env


@pytest.mark.slow
@pytest.mark.parametrize(
    ("project", "arch", "identifier", "wheel_name", "module"),
    [
        (
            "cmake_ctypes",
            "arm64ec",
            "win_amd64",
            "ecsample-1.0-py3-none-win_arm64ec.whl",
            "ecsample/ecsample_native.dll",
        ),
        ("cmake_arm64x", "arm64x", "win_arm64", "ecx-1.0-py3-none-win_arm64.whl", "ecx/ecx.dll"),
        (
            "setuptools_ctypes",
            "arm64ec",
            "win_amd64",
            f"ecst-1.0-cp{PYXY}-cp{PYXY}-win_arm64ec.whl",
            f"ecst/_native.cp{PYXY}-win_amd64.pyd",
        ),
        (
            "setuptools_ctypes",
            "arm64x",
            "win_arm64",
            f"ecst-1.0-cp{PYXY}-cp{PYXY}-win_arm64.whl",
            "ecst/_native.pyd",
        ),
    ],
)
def test_cibuildwheel_environment_drives_both_backends(
    project: str,
    arch: str,
    identifier: str,
    wheel_name: str,
    module: str,
    tmp_path: Path,
    cache_dir: Path,
) -> None:
    env = cibuildwheel_environment(f"cp{PYXY}-{identifier}", tmp_path)
    assert set(env) >= {"DIST_EXTRA_CONFIG", "VSCMD_ARG_TGT_ARCH", "SETUPTOOLS_EXT_SUFFIX"}
    copy = tmp_path / project
    shutil.copytree(SAMPLES / project, copy, ignore=shutil.ignore_patterns("build", "*.egg-info"))
    out = tmp_path / "dist"
    proc = pip_wheel(
        copy, out, {**env, "EC_BUILDEXT_ARCH": arch, "EC_BUILDEXT_LLVM_ROOT": "ziglang"}
    )
    (wheel,) = out.iterdir()
    assert wheel.name == wheel_name
    with zipfile.ZipFile(wheel) as z:
        assert module in z.namelist()
    # One line says what was taken from (or not used of) cibuildwheel's environment.
    said = [
        line.strip()
        for line in (proc.stdout + proc.stderr).splitlines()
        if "SETUPTOOLS_EXT_SUFFIX=" in line and line.strip().startswith("ec-buildext:")
    ]
    assert len(said) == 1, said


@pytest.mark.slow
def test_cibuildwheel_environment_contradicting_arch_stops_the_build(
    tmp_path: Path, cache_dir: Path
) -> None:
    env = cibuildwheel_environment(f"cp{PYXY}-win_arm64", tmp_path)
    out = tmp_path / "dist"
    out.mkdir()
    proc = pip_wheel(
        SAMPLES / "cmake_ctypes", out, {**env, "EC_BUILDEXT_LLVM_ROOT": "ziglang"}, check=False
    )
    text = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "cannot load arm64ec binaries" in text
    assert "Traceback" not in text and list(out.iterdir()) == []


def test_workflow_is_valid_and_covers_every_kind(tmp_path: Path) -> None:
    from ruamel.yaml import YAML

    generated = ec("cibw", "--arch", "arm64ec", "--workflow", "-").stdout.split(
        'audit-command = "ec-buildext audit {wheel}"\n', 1
    )[1]
    assert (ROOT / "docs" / "cibuildwheel-workflow.yml").read_text() == generated
    run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(ROOT / "docs" / "cibuildwheel-workflow.yml"),
        ]
    )
    jobs = YAML(typ="safe").load(generated)["jobs"]
    assert jobs["x64-and-arm64ec"]["runs-on"] == "windows-latest"
    env = jobs["x64-and-arm64ec"]["steps"][3]["env"]
    assert env["CIBW_ENVIRONMENT_WINDOWS"] == "EC_BUILDEXT_ARCH=x64,arm64ec"
    assert "--extra-wheels-to wheelhouse" in env["CIBW_REPAIR_WHEEL_COMMAND_WINDOWS"]
    assert jobs["arm64"]["runs-on"] == "windows-11-arm"
    assert jobs["arm64"]["strategy"]["matrix"]["arch"] == ["arm64", "arm64x"]
    tester = jobs["test-arm64ec"]
    assert tester["runs-on"] == "windows-11-arm" and tester["needs"] == "x64-and-arm64ec"
    assert tester["steps"][1]["with"]["architecture"] == "x64"
    assert "ec_buildext install" in tester["steps"][3]["run"]


@pytest.mark.slow
def test_repair_vendors_the_dependency_for_both_views(
    tmp_path: Path, readobj_tool: str, cache_dir: Path
) -> None:
    copy = tmp_path / "repair_dep"
    shutil.copytree(TEST_DATA / "repair_dep", copy)
    pip_wheel(copy, tmp_path / "dist", {"EC_BUILDEXT_LLVM_ROOT": "ziglang"})
    (wheel,) = (tmp_path / "dist").iterdir()
    (build,) = (copy / "build").iterdir()
    before = ec("audit", str(wheel), check=False)
    assert before.returncode == 0  # audit checks loadability, not dependencies

    missing = ec("repair", str(wheel), "-w", str(tmp_path / "fixed"), check=False)
    assert missing.returncode == 1
    assert "withdep/mainlib.dll (arm64 view) imports depcore.dll" in missing.stderr
    assert "withdep/mainlib.dll (arm64ec view) imports depcore.dll" in missing.stderr
    assert not (tmp_path / "fixed").exists()

    done = ec("repair", str(wheel), "-w", str(tmp_path / "fixed"), "--add-path", str(build))
    assert "vendored" in done.stdout
    fixed = tmp_path / "fixed" / wheel.name
    with zipfile.ZipFile(fixed) as z:
        assert "withdep/depcore.dll" in z.namelist()
        z.extractall(tmp_path / "x")
    from installer.sources import WheelFile

    with WheelFile.open(fixed) as source:
        source.validate_record()
    native, ec_view = assert_arm64x(tmp_path / "x" / "withdep" / "mainlib.dll", readobj_tool)
    assert "depcore.dll" in native.imported_dlls and "depcore.dll" in ec_view.imported_dlls
    dep_native, dep_ec = assert_arm64x(tmp_path / "x" / "withdep" / "depcore.dll", readobj_tool)
    assert dep_native.exports == dep_ec.exports == ["dep_scale"]
    assert ec("audit", str(fixed)).returncode == 0


@pytest.mark.slow
def test_repair_refuses_a_dependency_one_view_cannot_load(tmp_path: Path, cache_dir: Path) -> None:
    copy = tmp_path / "repair_dep"
    shutil.copytree(TEST_DATA / "repair_dep", copy)
    pip_wheel(copy, tmp_path / "dist", {"EC_BUILDEXT_LLVM_ROOT": "ziglang"})
    (wheel,) = (tmp_path / "dist").iterdir()
    # The same dependency built as plain ARM64 only: the EC view cannot load it.
    from ..support.cmake_builds import cmake_build_for

    cmake_build_for("arm64", copy, tmp_path / "arm64-build")
    proc = ec(
        "repair",
        str(wheel),
        "-w",
        str(tmp_path / "fixed"),
        "--add-path",
        str(tmp_path / "arm64-build"),
        check=False,
    )
    assert proc.returncode == 1
    assert (
        "withdep/mainlib.dll (arm64ec view, loaded by arm64ec processes) imports depcore.dll"
        in proc.stderr
    )
    assert "is an arm64 DLL, which arm64ec processes cannot load" in proc.stderr
    assert not (tmp_path / "fixed").exists()


@pytest.mark.slow
def test_x64_and_arm64ec_from_one_build_reach_the_output(tmp_path: Path, cache_dir: Path) -> None:
    built = tmp_path / "built"
    build_with_pypa_build(
        SAMPLES / "cmake_ctypes",
        built,
        "-C",
        "ec-buildext.arch=x64,arm64ec",
        "-C",
        "ec-buildext.llvm-root=ziglang",
    )
    names = sorted(p.name for p in built.iterdir())
    assert names == ["ecsample-1.0-py3-none-win_amd64.whl", "ecsample-1.0-py3-none-win_arm64ec.whl"]
    # What cibuildwheel's repair step would run: its first wheel, and the sibling.
    ec(
        "repair",
        str(built / names[0]),
        "-w",
        str(tmp_path / "repaired"),
        "--extra-wheels-to",
        str(tmp_path / "wheelhouse"),
    )
    assert [p.name for p in (tmp_path / "repaired").iterdir()] == [names[0]]
    assert [p.name for p in (tmp_path / "wheelhouse").iterdir()] == [names[1]]


#: Every kind of cross-from-Linux workflow `ec-buildext cibw` writes: its arguments,
#: and the [tool.cibuildwheel] of the project it runs in.
CROSS_VARIANTS = {
    "both-arches": (["--test-command", "python -m pytest {project}/tests"], ""),
    "arm64ec": (["--arch", "arm64ec", "--test-command", "python -c 'import p'"], ""),
    "arm64x": (["--arch", "arm64x", "--test-command", 'python -c "import p"'], ""),
    "from-pyproject": (
        [],
        '[tool.cibuildwheel]\ntest-command = ["pytest {package}/tests", "python -m p"]\n'
        'test-requires = ["pytest", "numpy>=2"]\ntest-sources = ["tests", "conftest.py"]\n',
    ),
    "options-over-pyproject": (
        ["--test-requires", "pytest hypothesis", "--test-sources", "tests"],
        '[tool.cibuildwheel.windows]\ntest-command = "pytest -x %CD%"\n',
    ),
}
#: The shipped example: docs/cibuildwheel-cross-workflow.yml.
CROSS_EXAMPLE = ["--test-command", "python -m pytest {project}/tests", "--test-requires", "pytest"]


def cross_workflow(tmp_path: Path, args: list[str], cibuildwheel: str = "") -> Path:
    """`ec-buildext cibw --cross-from-linux --workflow FILE ARGS` run in a project."""
    project = tmp_path / "project"
    project.mkdir(parents=True)
    (project / "pyproject.toml").write_text(PYPROJECT + cibuildwheel)
    target = tmp_path / "wheels.yml"
    argv = [sys.executable, "-m", "ec_buildext", "cibw", "--cross-from-linux"]
    run([*argv, "--workflow", str(target), *args], cwd=project)
    return target


def test_every_cross_workflow_passes_the_github_workflow_schema(tmp_path: Path) -> None:
    """Every variant, and the shipped example, in one check-jsonschema run (it starts
    slowly); then what each variant took from where."""
    from ruamel.yaml import YAML

    written = {
        variant: cross_workflow(tmp_path / variant, args, cibuildwheel)
        for variant, (args, cibuildwheel) in CROSS_VARIANTS.items()
    }
    files = [*map(str, written.values()), str(ROOT / "docs" / "cibuildwheel-cross-workflow.yml")]
    run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            *files,
        ]
    )
    last_steps = {}
    for variant, target in written.items():
        jobs = YAML(typ="safe").load(target.read_text())["jobs"]
        last_steps[variant] = [
            job["steps"][-1]["run"] for name, job in jobs.items() if name.startswith("test-")
        ]
    twin, arm64ec, arm64x = last_steps["from-pyproject"]
    assert arm64ec == arm64x == "pytest ${{ github.workspace }}/tests && python -m p"
    twin, arm64ec, arm64x = last_steps["options-over-pyproject"]
    assert arm64ec == arm64x == "pytest -x %CD%"
    assert twin.endswith("--requires 'pytest hypothesis' --sources tests")
    assert [len(last_steps[v]) for v in ("arm64ec", "arm64x")] == [2, 2]


def test_cross_workflow_example_is_current(tmp_path: Path) -> None:
    example = ROOT / "docs" / "cibuildwheel-cross-workflow.yml"
    assert example.read_text() == cross_workflow(tmp_path, CROSS_EXAMPLE).read_text()
