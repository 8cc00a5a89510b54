"""The command line: help that explains, and the small commands."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import ec_buildext
from ec_buildext.cli import COMMANDS, main

from ..support.commands import ec, run
from ..support.paths import ROOT


@pytest.mark.parametrize("command", ["settings", "doctor", "toolchain", "retag"])
def test_every_command_has_help(command: str) -> None:
    proc = ec(command, "--help", check=False)
    assert proc.returncode == 0
    assert f"usage: ec-buildext {command}" in proc.stdout
    assert len(proc.stdout.splitlines()) > 4


def test_no_command_prints_help() -> None:
    proc = ec(check=False)
    assert proc.returncode == 2
    assert "build-backend" in proc.stdout and "toolchain" in proc.stdout


def test_cmake_dir() -> None:
    proc = ec("--cmake-dir", check=False)
    folder = Path(proc.stdout.strip())
    assert folder == ec_buildext.cmake_dir()
    assert (folder / "EcBuildExt.cmake").is_file()


def test_bad_choice_is_argparse_error() -> None:
    proc = ec("toolchain", "--arch", "arm65", check=False)
    assert proc.returncode == 2 and "invalid choice" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
def test_ec_buildext_wheel_ships_every_package_file(tmp_path: Path) -> None:
    """Templates, CMake module, runtime sources, C headers, the thunk reader's headers:
    everything under src/ec_buildext reaches the wheel users install."""
    root = ROOT
    source = tmp_path / "source"  # a copy: a build/ folder left in the tree would hide gaps
    shutil.copytree(
        root / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(root / name, source)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(source), "-w", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("ec_buildext-*.whl")
    with zipfile.ZipFile(wheel) as z:
        shipped = {n for n in z.namelist() if n.startswith("ec_buildext/")}
    package = root / "src"
    expected = {
        p.relative_to(package).as_posix()
        for p in (package / "ec_buildext").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert expected - shipped == set()


# Each command's arguments as README's "The `ec-buildext` command" table names them,
# written from the table (not the code), so the table and the parser cannot drift apart.
DOCUMENTED = {
    "": ["--cmake-dir", "--include-dir", "--version"],
    "settings": ["PROJECT", "--docs"],
    "doctor": ["--llvm-root"],
    "toolchain": ["--arch", "--compiler", "--llvm-root", "--sysroot", "-o"],
    "forwarder": ["--native", "--ec", "-o", "--llvm-root"],
    "inspect": ["FILE|WHEEL", "--json"],
    "audit": ["WHEEL"],
    "install": ["WHEEL", "--force"],
    "repair": ["WHEEL", "-w", "--add-path", "--extra-wheels-to"],
    "cibw": [
        "--arch",
        "--write",
        "--workflow",
        "--cross-from-linux",
        "--test-command",
        "--test-requires",
        "--test-sources",
    ],
    "test": [
        "PROJECT_OR_WHEEL",
        "--project",
        "--package",
        "--command",
        "--requires",
        "--sources",
        "--extras",
        "--no-build-isolation",
    ],
    "thunks": ["HEADER", "--function", "--calls", "-I", "-D", "--syntax", "-o"],
    "retag": ["WHEEL", "--platform", "-d"],
}


def test_readme_table_names_every_command() -> None:
    assert set(DOCUMENTED) - {""} == {command.name for command in COMMANDS}


@pytest.mark.parametrize("command", list(DOCUMENTED))
def test_help_shows_the_documented_arguments(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"] if command else ["--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith(f"usage: ec-buildext {command}".rstrip())
    for name in DOCUMENTED[command]:
        if name.startswith("-"):  # an option: a word of its own, not part of a longer one
            assert re.search(rf"(^|[\s\[,]){re.escape(name)}([\s,\]=]|$)", text, re.M), name
        else:  # a positional argument: argparse spells it from its dest, lowercase
            assert name.lower() in text.lower(), name


def test_help_imports_no_optional_part() -> None:
    """--help of every command works without LIEF and libclang, and quickly."""
    script = (
        "import sys\n"
        "from ec_buildext.cli import COMMANDS, main\n"
        "for argv in [['--help']] + [[c.name, '--help'] for c in COMMANDS]:\n"
        "    try:\n"
        "        main(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = ('lief', 'clang', 'ec_buildext.thunks', 'ec_buildext.wheeltools.inspect')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)), file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert proc.stderr.strip() == "[]"


def test_thunks_syntaxes_are_the_generators() -> None:
    from ec_buildext.cli import thunks as cli_thunks
    from ec_buildext.thunks import SYNTAXES

    assert cli_thunks.SYNTAXES == SYNTAXES


def _mistake_cases(tmp: Path) -> dict[str, tuple[list[str], int, str]]:
    """Per command: a user's mistake, the exit code it gives, and what the message names."""
    (tmp / "notpe.dll").write_bytes(b"not a PE file")
    (tmp / "bad").mkdir()
    (tmp / "bad" / "pyproject.toml").write_text('[tool.ec-buildext]\narch = "arm65"\n')
    (tmp / "cibw.toml").write_text('[tool.cibuildwheel]\nbuild = "cp312-*"\n')
    missing = str(tmp / "missing")
    return {
        "settings": (["settings", str(tmp / "bad")], 1, "arm65"),
        "toolchain": (["toolchain", "--arch", "arm64ec", "--llvm-root", missing], 1, missing),
        "forwarder": (
            [
                "forwarder",
                "--llvm-root",
                "ziglang",
                "--native",
                missing + ".dll",
                "--ec",
                str(tmp / "notpe.dll"),
                "-o",
                str(tmp / "out.dll"),
            ],
            1,
            missing + ".dll",
        ),
        "inspect": (["inspect", str(tmp / "notpe.dll")], 2, "notpe.dll"),
        "audit": (["audit", str(tmp / "notpe.dll")], 2, "notpe.dll"),
        "install": (["install", missing + ".whl"], 1, missing + ".whl"),
        "repair": (["repair", missing + ".whl", "-w", str(tmp / "out")], 1, missing + ".whl"),
        "cibw": (["cibw", "--arch", "arm64ec", "--write", str(tmp / "cibw.toml")], 1, "merge"),
        "thunks": (["thunks", missing + ".h", "--function", "f"], 1, missing + ".h"),
        "retag": (["retag", missing + ".whl", "--platform", "win_arm64ec"], 1, "missing.whl"),
        "test": (["test", missing], 1, missing),
    }


@pytest.mark.parametrize(
    "command",
    [c.name for c in COMMANDS if c.name != "doctor"],  # doctor reports, see below
)
def test_user_mistake_is_one_paragraph(command: str, tmp_path: Path, cache_dir: Path) -> None:
    argv, code, named = _mistake_cases(tmp_path)[command]
    proc = ec(*argv, check=False)
    assert proc.returncode == code
    assert "Traceback" not in proc.stderr
    (paragraph,) = proc.stderr.splitlines()
    assert paragraph.startswith("ec-buildext: error: ") and named in paragraph


def test_cibw_write_leaves_existing_settings_alone(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[tool.cibuildwheel]\n")
    assert ec("cibw", "--arch", "arm64x", "--write", str(pyproject), check=False).returncode == 1
    assert pyproject.read_text() == "[tool.cibuildwheel]\n"


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--workflow", "-"], "--arch is required"),
        (["--arch", "arm64x", "--test-command", "t"], "are for --cross-from-linux"),
        (["--cross-from-linux", "--test-command", "t"], "--workflow FILE"),
        (["--cross-from-linux", "--workflow", "-", "--write", "--test-command", "t"], "--write"),
        (["--cross-from-linux", "--workflow", "-", "--arch", "x64,arm64ec"], "not x64,arm64ec"),
        (["--cross-from-linux", "--workflow", "-"], "needs a test command"),
    ],
)
def test_cibw_cross_from_linux_mistakes_are_one_paragraph(
    argv: list[str], named: str, tmp_path: Path
) -> None:
    proc = run([sys.executable, "-m", "ec_buildext", "cibw", *argv], cwd=tmp_path, check=False)
    assert proc.returncode == 1 and proc.stdout == ""
    (paragraph,) = proc.stderr.splitlines()
    assert paragraph.startswith("ec-buildext: error: ") and named in paragraph


def test_thunks_needs_a_function() -> None:
    proc = ec("thunks", "any.h", check=False)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "--function NAME" in proc.stderr


def test_doctor_fails_on_an_unusable_llvm_root(tmp_path: Path) -> None:
    """The LLVM asked for by name is not usable: reported, and the doctor exits 1."""
    proc = ec("doctor", "--llvm-root", str(tmp_path / "missing"), check=False)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"LLVM: not usable: llvm-root '{tmp_path / 'missing'}'" in proc.stdout
