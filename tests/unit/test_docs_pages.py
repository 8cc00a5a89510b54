"""Every Markdown page a user reads (README.md and docs/**/*.md) holds up: its relative
links reach a file and, for a ``#fragment``, a heading of that page (GitHub's anchors);
every ``ec-buildext`` command and option its code names is one the real parser has;
every setting it names (``[tool.ec-buildext]`` tables in TOML blocks, ``-C
ec-buildext.<key>``, ``EC_BUILDEXT_<KEY>``) is one the settings loader accepts, with its
value where one is written. Only code is read (inline code spans and fenced blocks), so
ordinary words are never taken for commands. Each test fails with the list of what is
wrong, by page and line."""

from __future__ import annotations

import argparse
import re
import tempfile
from functools import cache
from pathlib import Path

import pytest

import ec_buildext
from ec_buildext.cli import build_parser
from ec_buildext.errors import UserError
from ec_buildext.settings import SETTINGS, load_settings

from ..support.markdown import Page, anchors_of, is_external, read_page, shell_lines
from ..support.paths import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
PACKAGE = Path(ec_buildext.__file__).parent

# ec-buildext where a shell runs it: first in the code, or after an operator, a prompt or
# `$(`, after environment assignments and a folder (.venv/bin/); never inside other words.
_COMMAND = re.compile(
    r"(?:^|&&|\|\|?|;|\$\(|\$ )\s*(?:[A-Za-z_]\w*=\S*\s+)*(?:\S*/)?ec-buildext[ \t]+(?=\S)"
)
_SHELL_BREAKS = {"|", "||", "&&", ";", "&", ">", ">>", "2>&1"}
_CONFIG_SETTING = re.compile(r"(?<![\w.-])ec-buildext\.([a-z][a-z0-9-]*)(?:=([^\s`]+))?")
_ENV_NAME = re.compile(r"(-D)?(?<![\w])(EC_BUILDEXT_[A-Z0-9_]*)(?:=([^\s`]+))?")
_TOML_TABLE = re.compile(r"^\s*\[tool\.ec-buildext[.\]]", re.M)


def page_id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if ROOT in path.parents else path.name


@cache
def page(path: Path) -> Page:
    return read_page(path)


def where(path: Path, line: int) -> str:
    return f"{page_id(path)}:{line}"


# ----------------------------------------------------------------------------- links


def link_problems(path: Path, root: Path = ROOT) -> list[str]:
    problems = []
    for line, target in page(path).links:
        if is_external(target) or not target:
            continue
        file_part, _, fragment = target.partition("#")
        resolved = (path.parent / file_part).resolve() if file_part else path
        if root not in resolved.parents and resolved != root:
            problems.append(f"{where(path, line)}: {target}: outside the repository")
        elif not resolved.exists():
            problems.append(f"{where(path, line)}: {target}: no such file")
        elif fragment and resolved.suffix != ".md":
            problems.append(f"{where(path, line)}: {target}: an anchor into a non-Markdown file")
        elif fragment and fragment not in page(resolved).anchors:
            problems.append(
                f"{where(path, line)}: {target}: no heading with the anchor #{fragment} in "
                f"{page_id(resolved)}"
            )
    return problems


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_relative_links_reach_a_file_and_heading(path: Path) -> None:
    problems = link_problems(path)
    assert not problems, "dead links:\n" + "\n".join(problems)


# ----------------------------------------------------------------------------- commands


@cache
def parsers() -> dict[str, argparse.ArgumentParser]:
    """The real parser of ``ec-buildext``: "" for the top level, then each command's."""
    top = build_parser()
    commands = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    return {"": top, **commands.choices}


def option_name(token: str) -> str | None:
    """The option a token of a documented command line is, if it is one:
    ``[--compiler`` is ``--compiler``, ``--workflow=FILE`` is ``--workflow``."""
    word = token.strip("[](){},'\"").rstrip(".")
    if len(word) < 2 or not word.startswith("-") or word.startswith("---"):
        return None
    return word.split("=", 1)[0]


def command_problem(words: list[str]) -> str | None:
    """What is wrong with one documented ``ec-buildext`` command line, if anything."""
    tokens = []
    for word in words:
        if word in _SHELL_BREAKS or word.startswith("#") or word == "ec-buildext":
            break
        tokens.append(word)
    if not tokens:
        return None
    first = tokens[0].strip("[]")
    if first == "..." or first.isupper():  # a placeholder: `ec-buildext COMMAND --help`
        return None
    name = "" if first.startswith("-") else first
    known = parsers()
    if name not in known:
        return f"`ec-buildext {name}`: no such command (commands: {', '.join(sorted(known)[1:])})"
    options = known[name]._option_string_actions
    unknown = [o for o in map(option_name, tokens) if o is not None and o not in options]
    if unknown:
        return f"`ec-buildext {name}`".replace(" `", "`") + f" has no option {', '.join(unknown)}"
    return None


def cli_problems(path: Path) -> list[str]:
    problems = []
    for line, code in shell_lines(page(path)):
        for m in _COMMAND.finditer(code):
            problem = command_problem(code[m.end() :].split())
            if problem:
                problems.append(f"{where(path, line)}: {problem} (in `{code.strip()}`)")
    return problems


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_named_commands_and_options_exist(path: Path) -> None:
    problems = cli_problems(path)
    assert not problems, "commands or options the parser lacks:\n" + "\n".join(problems)


# ----------------------------------------------------------------------------- settings


@cache
def cmake_variables() -> frozenset[str]:
    """EC_BUILDEXT_* names the CMake files ec-buildext ships set or read."""
    texts = [p.read_text() for p in PACKAGE.rglob("*") if p.suffix in (".cmake", ".in")]
    return frozenset(n for t in texts for n in re.findall(r"\bEC_BUILDEXT_[A-Z0-9_]+", t))


def is_placeholder(value: str) -> bool:
    return "..." in value or "<" in value or value.isupper()


def setting_value_problem(name: str, value: str | None, source: str) -> str | None:
    spec = next((s for s in SETTINGS if s.name == name), None)
    if spec is None:
        return f"{source}: no setting '{name}' (settings: {', '.join(s.name for s in SETTINGS)})"
    if value is None or is_placeholder(value):
        return None
    for alternative in value.split("|"):  # arm64ec|arm64x|x64: any one of them
        try:
            spec.validate(alternative, source)
        except UserError as e:
            return f"{source}: {e}"
    return None


def env_problem(name: str, value: str | None, cmake: bool, source: str) -> str | None:
    """An environment variable the settings loader knows (a setting's, with its value,
    or one it lets through: EC_BUILDEXT_CACHE_DIR), or a CMake variable (``-D``, or
    named in ec-buildext's CMake files: EC_BUILDEXT_INCLUDE_DIR)."""
    if name.endswith("_"):  # a pattern: EC_BUILDEXT_<KEY>
        return None
    if cmake:
        ok = name in cmake_variables()
        return None if ok else f"{source}: no CMake variable {name} in ec-buildext's CMake files"
    spec = next((s for s in SETTINGS if s.env_var == name), None)
    if spec is not None:
        return setting_value_problem(spec.name, value, source)
    try:
        load_settings(ROOT / "docs", environ={name: "1"})
    except UserError as e:
        return None if name in cmake_variables() else f"{source}: {e}"
    return None


def toml_problem(lines: tuple[str, ...], source: str) -> str | None:
    """A TOML block with a [tool.ec-buildext] table, loaded by the real loader."""
    text = "\n".join(lines)
    if not _TOML_TABLE.search(text):
        return None
    with tempfile.TemporaryDirectory() as project:
        Path(project, "pyproject.toml").write_text(text)
        try:
            load_settings(Path(project), environ={})
        except UserError as e:
            return f"{source}: {str(e).replace(project, '<block>')}"
    return None


def settings_problems(path: Path) -> list[str]:
    problems: list[str | None] = []
    doc = page(path)
    block_lines = [(b.line + i, text) for b in doc.blocks for i, text in enumerate(b.lines)]
    for line, code in [*doc.spans, *block_lines]:
        source = where(path, line)
        for m in _CONFIG_SETTING.finditer(code):
            problems.append(setting_value_problem(m.group(1), m.group(2), source))
        for m in _ENV_NAME.finditer(code):
            problems.append(env_problem(m.group(2), m.group(3), bool(m.group(1)), source))
    for block in doc.blocks:
        problems.append(toml_problem(block.lines, where(path, block.line)))
    return sorted(set(p for p in problems if p))


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_named_settings_exist(path: Path) -> None:
    problems = settings_problems(path)
    assert not problems, "settings the loader refuses:\n" + "\n".join(problems)


# ----------------------------------------------------------------------------- the checks


def test_the_checks_find_what_is_wrong(tmp_path: Path) -> None:
    """The checks above catch each kind of mistake, and leave prose alone."""
    (tmp_path / "other.md").write_text("# Other page\n\n## Its `second` heading!\n")
    bad = tmp_path / "bad.md"
    bad.write_text(
        "# Bad\n\n"
        "See [other](other.md#its-second-heading), [missing](gone.md),\n"
        "[no anchor](other.md#nowhere) and [here](#bad).\n\n"
        "Run `ec-buildext toolchain --arch arm64ec --colour` or `ec-buildext frobnicate`;\n"
        "the ec-buildext frobnicate of prose is no command.\n\n"
        "```sh\n"
        "ec-buildext inspect \\\n    --jsn dist/x.whl  # a typo on a continued line\n"
        "pip wheel . -C ec-buildext.arc=arm64ec && ec-buildext audit x.whl\n"
        "EC_BUILDEXT_ARCH=arm65 pip wheel .\n"
        "```\n\n"
        '```toml\n[tool.ec-buildext]\narch = "arm64ec"\nllvm_root = "/x"\n```\n\n'
        '```toml\n[tool.ec-buildext.thunks]\nheader = "k.h"\nfunction = ["f"]\n```\n'
    )
    assert link_problems(bad, root=tmp_path) == [
        "bad.md:3: gone.md: no such file",
        "bad.md:4: other.md#nowhere: no heading with the anchor #nowhere in other.md",
    ]
    assert all("outside the repository" in p for p in link_problems(bad))
    assert anchors_of(["Setup", "Setup", "`ec-buildext inspect --json`: the format"]) == [
        "setup",
        "setup-1",
        "ec-buildext-inspect---json-the-format",
    ]
    cli = cli_problems(bad)
    assert len(cli) == 3, cli
    assert "--colour" in cli[0] and "frobnicate" in cli[1] and "--jsn" in cli[2]
    found = settings_problems(bad)
    assert any("'arc'" in p for p in found), found
    assert any("arm65" in p for p in found), found
    assert any("llvm_root" in p for p in found), found
    assert any("unknown key(s) function" in p for p in found), found
    assert len(found) == 4, found


# ----------------------------------------------------------------------------- what pages promise


def test_index_lists_every_page() -> None:
    index = ROOT / "docs" / "README.md"
    linked = {
        (index.parent / target.partition("#")[0]).resolve() for _, target in page(index).links
    }
    pages = [p for p in PAGES if p.parent == index.parent and p != index]
    unlisted = [page_id(p) for p in pages if p not in linked]
    assert not unlisted, f"docs/README.md does not link {', '.join(unlisted)}"
    readme = {target.partition("#")[0] for _, target in page(ROOT / "README.md").links}
    assert "docs/README.md" in readme


def quickstart_commands() -> list[str]:
    (block,) = [
        b for b in page(ROOT / "README.md").blocks if "scripts/quickstart.sh" in "\n".join(b.lines)
    ]
    return [line.split("#")[0].strip() for line in block.lines]


def test_readme_quickstart_is_what_ci_and_the_scripts_run() -> None:
    """The two commands stay these strings (.ci/run runs the second), and what README
    says the first one does is what scripts/quickstart.sh does."""
    assert quickstart_commands() == ["bash scripts/quickstart.sh", "bash scripts/test.sh"]
    assert (ROOT / ".ci" / "run").read_text().splitlines()[-1] == "exec bash scripts/test.sh"
    script = (ROOT / "scripts" / "quickstart.sh").read_text()
    readme = (ROOT / "README.md").read_text()
    for promise, does in [
        (
            "installs ec-buildext with its embedded LLVM (`[llvm]`) and\nLIEF (`[inspect]`)",
            "ensure_venv llvm,inspect",
        ),
        (
            "runs `pip wheel sample_projects/cmake_ctypes`",
            "pip wheel -v --find-links dist sample_projects/cmake_ctypes",
        ),
        ("`dist/ecsample-1.0-py3-none-win_arm64ec.whl`", "dist/ecsample-*-win_arm64ec.whl"),
        (
            "shows it with `ec-buildext inspect` and `ec-buildext audit`",
            'ec-buildext audit "$wheel"',
        ),
    ]:
        assert promise in readme and does in script, (promise, does)
    sample = (ROOT / "sample_projects" / "cmake_ctypes" / "pyproject.toml").read_text()
    for line in (
        'name = "ecsample"',
        'version = "1.0"',
        'wheel.py-api = "py3"',
        'arch = "arm64ec"',
    ):
        assert line in sample


def test_development_page_names_what_scripts_test_sh_installs() -> None:
    script = (ROOT / "scripts" / "test.sh").read_text()
    (apt,) = [line.split()[1:] for line in script.splitlines() if line.startswith("ensure_apt_")]
    text = (ROOT / "docs" / "development.md").read_text()
    installs = text[text.index("It installs") : text.index("then runs `ruff`")]
    named = {word for code in re.findall(r"`([^`]+)`", installs) for word in code.split()}
    assert named - {"llvm-readobj"} == set(apt)
