"""The build-on-Linux, test-on-Windows-on-Arm workflow (wheeltools/cross_workflow.py):
its jobs read back as YAML, and the test settings read as cibuildwheel reads them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ec_buildext.errors import UserError
from ec_buildext.wheeltools.cross_workflow import (
    ARM64_PYTHONS,
    PYTHONS,
    WINE_PYTHONS,
    cross_workflow_yaml,
    suite_options,
)
from ec_buildext.wintest.config import SuiteOptions


def jobs_of(text: str) -> dict[str, Any]:
    from ruamel.yaml import YAML

    jobs: dict[str, Any] = YAML(typ="safe").load(text)["jobs"]
    return jobs


def run_steps(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_every_cpython_and_arch_is_built_on_linux() -> None:
    build = jobs_of(cross_workflow_yaml(SuiteOptions("pytest {project}/tests")))["build"]
    assert build["runs-on"] == "ubuntu-latest"
    assert build["strategy"]["matrix"] == {"python": list(PYTHONS), "arch": ["arm64ec", "arm64x"]}
    assert PYTHONS == ("3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.14t")
    (setup,) = [s for s in build["steps"] if s.get("uses", "").startswith("actions/setup-python")]
    assert setup["with"] == {"python-version": "${{ matrix.python }}"}
    (wheel,) = [s for s in build["steps"] if "pip wheel" in s.get("run", "")]
    assert wheel["env"] == {"EC_BUILDEXT_ARCH": "${{ matrix.arch }}"}
    assert "--no-build-isolation" in wheel["run"] and "-w wheelhouse" in wheel["run"]
    scripts = "\n".join(run_steps(build))
    assert '"ec-buildext[llvm,inspect]"' in scripts and "build-system" in scripts
    assert 'ec-buildext audit "$wheel"' in scripts
    assert build["steps"][-1]["with"]["name"] == "wheels-${{ matrix.arch }}-${{ matrix.python }}"


def test_each_arch_is_tested_by_the_cpython_that_loads_it() -> None:
    jobs = jobs_of(cross_workflow_yaml(SuiteOptions("pytest {project}/tests", ("pytest",))))
    for arch, architecture, pythons, installer in [
        ("arm64ec", "x64", PYTHONS, 'ec-buildext install "$wheel"\n'),
        ("arm64x", "arm64", ARM64_PYTHONS, "python -m pip install wheelhouse/*.whl"),
    ]:
        job = jobs[f"test-{arch}"]
        assert job["runs-on"] == "windows-11-arm" and job["needs"] == "build"
        assert job["strategy"]["matrix"]["python"] == list(pythons)
        assert job["steps"][1]["with"]["architecture"] == architecture
        assert job["steps"][2]["with"]["name"] == f"wheels-{arch}-${{{{ matrix.python }}}}"
        install, tests = run_steps(job)
        assert installer in install and "python -m pip install pytest" in install
        if arch == "arm64ec":  # pip installs what the installed project requires
            assert 'python -m pip install "$(basename "$wheel" | cut -d- -f1)"' in install
        assert tests == "pytest ${{ github.workspace }}/tests"
        assert job["steps"][-1]["shell"] == "cmd"  # as cibuildwheel runs it on Windows
    twin = jobs["test-x64-twin"]
    assert twin["runs-on"] == "ubuntu-latest"
    assert twin["strategy"]["matrix"]["python"] == list(WINE_PYTHONS)
    assert run_steps(twin)[-1] == (
        "ec-buildext test --command 'pytest {project}/tests' --requires pytest"
    )


def test_one_arch_only() -> None:
    jobs = jobs_of(cross_workflow_yaml(SuiteOptions("true"), ["arm64x"]))
    assert set(jobs) == {"build", "test-x64-twin", "test-arm64x"}
    assert jobs["build"]["strategy"]["matrix"]["arch"] == ["arm64x"]


def test_a_command_with_quotes_and_percent_signs_reads_back_unchanged() -> None:
    command = """python -c "import sys; print('%PATH%', r'a\\b')" && echo {package} 'x: y'"""
    sources = ("tests", "data dir/file #1.txt")
    jobs = jobs_of(cross_workflow_yaml(SuiteOptions(command, ("a b", "c>=1"), sources)))
    expected = command.replace("{package}", "${{ github.workspace }}")
    assert run_steps(jobs["test-arm64ec"])[-1] == expected
    install = run_steps(jobs["test-arm64x"])[0]
    assert "python -m pip install 'a b' 'c>=1'" in install
    assert "cp -R --parents tests 'data dir/file #1.txt' \"$RUNNER_TEMP/test-cwd\"" in install


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        (SuiteOptions("echo ${{ secrets.TOKEN }}"), "${{"),
        (SuiteOptions("pip check {wheel}"), "{wheel}"),
    ],
)
def test_commands_the_workflow_cannot_carry_are_refused(settings: SuiteOptions, named: str) -> None:
    with pytest.raises(UserError, match=named.replace("$", r"\$").replace("{", r"\{")):
        cross_workflow_yaml(settings)


def test_settings_from_cibuildwheel_windows_first(tmp_path: Path) -> None:
    """The workflow reads cibuildwheel's settings as `ec-buildext test` does."""
    (tmp_path / "pyproject.toml").write_text(
        "[tool.cibuildwheel]\n"
        'test-command = ["pytest {project}/tests", "python -m mod"]\n'
        'test-requires = "pytest numpy>=2"\n'
        'test-sources = ["tests", "conftest.py"]\n'
        "[tool.cibuildwheel.windows]\n"
        'test-requires = ["pytest-xdist"]\n'
    )
    assert suite_options(tmp_path, None, None, None) == SuiteOptions(
        "pytest {project}/tests && python -m mod", ("pytest-xdist",), ("tests", "conftest.py")
    )
    # The command line in place of [tool.cibuildwheel]'s, word by word.
    assert suite_options(tmp_path, "t", "a b", "") == SuiteOptions("t", ("a", "b"), ())


def test_settings_that_are_not_cibuildwheel_options_are_refused(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.cibuildwheel]\ntest-requires = "pytest numpy>=2"\n')
    with pytest.raises(UserError, match="needs a test command"):
        suite_options(tmp_path, None, None, None)  # no command, nothing to run
    pyproject.write_text("[tool.cibuildwheel]\ntest-command = 3\n")
    with pytest.raises(UserError, match="must be a string"):
        suite_options(tmp_path, None, None, None)
    pyproject.write_text("[tool.cibuildwheel\n")
    with pytest.raises(UserError, match="not valid TOML"):
        suite_options(tmp_path, None, None, None)
