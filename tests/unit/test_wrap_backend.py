"""wrap-backend and wrap-backend-path: the settings, and the backend imported as a
PEP 517 frontend imports one (its folders first on sys.path)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from ec_buildext.backend import import_backend
from ec_buildext.errors import UserError
from ec_buildext.settings import load_settings


def write_pyproject(folder: Path, table: str) -> None:
    (folder / "pyproject.toml").write_text(f"[tool.ec-buildext]\n{table}\n")


def test_settings_take_a_module_and_folders(tmp_path: Path) -> None:
    write_pyproject(tmp_path, 'wrap-backend = "pkg.hooks:backend"\nwrap-backend-path = ["a", "b"]')
    options = load_settings(tmp_path, environ={}).options()
    assert options.wrap_backend == "pkg.hooks:backend"
    assert options.wrap_backend_path == (Path("a"), Path("b"))
    empty = load_settings(tmp_path, {"ec-buildext.wrap-backend": ""}, environ={}).options()
    assert empty.wrap_backend is None


def test_a_backend_name_that_is_no_module_name_is_refused(tmp_path: Path) -> None:
    write_pyproject(tmp_path, 'wrap-backend = "pdm backend"')
    with pytest.raises(UserError, match="setting 'wrap-backend' has the value 'pdm backend'"):
        load_settings(tmp_path, environ={})


@pytest.fixture
def in_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An in-tree backend package ``treebackend`` under ``tmp_path/backend``."""
    package = tmp_path / "backend" / "treebackend"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    hooks = "def build_wheel(d, c=None, m=None):\n    return 'x.whl'\nclass Holder:\n    pass\n"
    (package / "hooks.py").write_text(hooks)
    monkeypatch.setattr(sys, "path", list(sys.path))
    for name in [m for m in sys.modules if m.startswith("treebackend")]:
        monkeypatch.delitem(sys.modules, name)
    return tmp_path


def test_an_in_tree_backend_is_imported_from_its_folder(in_tree: Path) -> None:
    backend = import_backend("treebackend.hooks", (Path("backend"),), in_tree)
    assert backend.build_wheel("out") == "x.whl"
    assert sys.path[0] == str((in_tree / "backend").resolve())


@pytest.mark.parametrize(
    ("name", "paths", "expected"),
    [
        ("treebackend.hooks", (), "cannot import the backend wrap-backend = 'treebackend.hooks'"),
        ("treebackend.hooks:Missing", ("backend",), "cannot import the backend"),
        ("treebackend.hooks:Holder", ("backend",), "has no build_wheel hook"),
        ("ec_buildext.setuptools", (), "names ec-buildext itself"),
    ],
)
def test_unusable_backends_are_refused(
    name: str, paths: tuple[str, ...], expected: str, in_tree: Path
) -> None:
    with pytest.raises(UserError, match=re.escape(expected)):
        import_backend(name, tuple(map(Path, paths)), in_tree)
