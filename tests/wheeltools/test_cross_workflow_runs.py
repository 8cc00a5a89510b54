"""The Linux jobs of `ec-buildext cibw --cross-from-linux`'s workflow, run here as a
hosted runner runs them (tests/support/actions.py): the same `run:` scripts with bash,
the same environment variables, for this machine's CPython; checkout is a copy of a
sample project, setup-python a venv of this interpreter, upload-artifact a copy of the
files its glob matches. ec-buildext itself comes from this checkout as a wheel (pip's
find-links), where a runner gets it from PyPI."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from ..support.actions import run_job, runner_environment
from ..support.commands import run
from ..support.paths import SAMPLES

PYTHON = f"{sys.version_info[0]}.{sys.version_info[1]}"
PYXY = f"{sys.version_info[0]}{sys.version_info[1]}"
TESTS = '\n[tool.cibuildwheel]\ntest-command = "python -c \\"import ecst\\""\n'

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def setup_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What actions/setup-python gives a job: a bare CPython of this version (a venv of
    this interpreter); returns its bin folder."""
    venv = tmp_path_factory.mktemp("setup-python") / "python"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    return venv / "bin"


def workflow_jobs(project: Path) -> dict[str, Any]:
    from ruamel.yaml import YAML

    argv = [sys.executable, "-m", "ec_buildext", "cibw", "--cross-from-linux", "--workflow", "-"]
    jobs: dict[str, Any] = YAML(typ="safe").load(run(argv, cwd=project).stdout)["jobs"]
    return jobs


def checkout(tmp_path: Path) -> Path:
    workspace = tmp_path / "workspace" / "ecst"
    shutil.copytree(SAMPLES / "setuptools_ctypes", workspace)
    with (workspace / "pyproject.toml").open("a", encoding="utf-8") as pyproject:
        pyproject.write(TESTS)
    return workspace


def local_actions(python_bin: Path, artifacts: Path) -> dict[str, Any]:
    def setup_python(step: dict[str, Any], workspace: Path) -> None:
        assert step["with"]["python-version"] == PYTHON
        assert (python_bin / "python").exists()

    def upload(step: dict[str, Any], workspace: Path) -> None:
        found = sorted(workspace.glob(step["with"]["path"]))
        assert found or step["with"].get("if-no-files-found") != "error"
        target = artifacts / step["with"]["name"]
        target.mkdir(parents=True)
        for path in found:
            shutil.copy2(path, target)

    return {
        "actions/checkout": lambda step, workspace: None,  # the copied project
        "actions/setup-python": setup_python,
        "actions/upload-artifact": upload,
    }


@pytest.mark.parametrize(
    ("arch", "platform", "module"),
    [
        ("arm64ec", "win_arm64ec", f"ecst/_native.cp{PYXY}-win_amd64.pyd"),
        ("arm64x", "win_arm64", "ecst/_native.pyd"),
    ],
)
def test_build_job_runs_here(
    arch: str,
    platform: str,
    module: str,
    tmp_path: Path,
    setup_python: Path,
    ec_buildext_wheel: Path,
    cache_dir: Path,
) -> None:
    workspace = checkout(tmp_path)
    jobs = workflow_jobs(workspace)
    env = runner_environment(workspace, tmp_path / "runner-temp", setup_python)
    env["PIP_FIND_LINKS"] = f"{ec_buildext_wheel} {env.get('PIP_FIND_LINKS', '')}".strip()
    artifacts = tmp_path / "artifacts"
    done = run_job(
        jobs["build"],
        {"python": PYTHON, "arch": arch},
        workspace,
        env,
        local_actions(setup_python, artifacts),
    )
    assert "Audit the wheel" in done and done[-1] == "actions/upload-artifact"
    (wheel,) = (artifacts / f"wheels-{arch}-{PYTHON}").iterdir()
    assert wheel.name == f"ecst-1.0-cp{PYXY}-cp{PYXY}-{platform}.whl"
    with zipfile.ZipFile(wheel) as z:
        assert module in z.namelist()
    # The build requirements went into the job's interpreter, not around it.
    assert (setup_python / "ec-buildext").exists()


def test_x64_twin_job_runs_here(
    tmp_path: Path, setup_python: Path, ec_buildext_wheel: Path, cache_dir: Path
) -> None:
    from ec_buildext.cli import COMMANDS

    if shutil.which("wine") is None:
        pytest.skip("no Wine here (the job installs it with apt-get)")
    has_test = "test" in {command.name for command in COMMANDS}
    workspace = checkout(tmp_path)
    jobs = workflow_jobs(workspace)
    env = runner_environment(workspace, tmp_path / "runner-temp", setup_python)
    env["PIP_FIND_LINKS"] = f"{ec_buildext_wheel} {env.get('PIP_FIND_LINKS', '')}".strip()

    def checked_here(script: str) -> bool:
        # Wine is installed here already (a runner installs it with sudo apt-get).
        return script.startswith("sudo apt-get") or (
            not has_test and script.startswith("ec-buildext test ")
        )

    done = run_job(
        jobs["test-x64-twin"],
        {"python": PYTHON},
        workspace,
        env,
        local_actions(setup_python, tmp_path / "artifacts"),
        skip_run=checked_here,
    )
    assert done[2] == "(checked) Install Wine"
    if not has_test:
        pytest.skip(
            "every step ran but the last: `ec-buildext test` does not exist in this checkout "
            "yet (issue 22, item 1)"
        )
    assert done[-1].startswith("Run the tests")
