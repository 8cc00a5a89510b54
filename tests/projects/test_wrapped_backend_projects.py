"""An unchanged PyPI project whose own in-tree PEP 517 backend runs Cython before
setuptools (propcache's ``pep517_backend.hooks``), kept and wrapped by ec-buildext
(``wrap-backend``, docs/setuptools.md): only ``[build-system]`` changed (its
``backend-path`` moved to ``wrap-backend-path``).  Arm64EC and Arm64X modules read with
llvm-readobj; the x64 module run by the real Windows CPython 3.13 under Wine."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ..support.commands import run
from ..support.pypi_projects import SETUPTOOLS, Project, build_sdist, check_arch
from ..support.wine import Wine, run_in_windows

pytestmark = pytest.mark.slow
#: What propcache's backend imports at build time (no build isolation).
BUILD_DEPS = ["setuptools>=80", "expandvars", "Cython>=3.1"]
PROPCACHE = Project("propcache", "0.5.4", ("propcache._helpers_c",))
WRAP = 'wrap-backend = "pep517_backend.hooks"\nwrap-backend-path = ["packaging"]\n'


@pytest.fixture(scope="module")
def wheel(py313: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Path]]:
    """wheel(arch) -> propcache's wheel for arch, built once per module."""
    run([str(py313), "-m", "pip", "install", "-q", *BUILD_DEPS])
    root = tmp_path_factory.mktemp("wrapped")
    built: dict[str, Path] = {}

    def one(arch: str) -> Path:
        if arch not in built:
            folder = root / arch
            p = PROPCACHE
            proc = build_sdist(py313, p.name, p.version, SETUPTOOLS, arch, folder, WRAP)
            assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
            (built[arch],) = (folder / "dist").glob("*.whl")
        return built[arch]

    yield one


@pytest.mark.parametrize("arch", ["arm64ec", "arm64x"])
def test_cython_module_built_through_the_projects_backend(
    arch: str, wheel: Callable[[str], Path], tmp_path: Path
) -> None:
    check_arch(wheel(arch), arch, PROPCACHE.modules, tmp_path)


def test_x64_module_runs_in_windows_cpython(
    wheel: Callable[[str], Path], windows_cpython313: Path, wine_runner: Wine, tmp_path: Path
) -> None:
    code = """
import propcache._helpers_c as c
calls = []
class A:
    def __init__(self):
        self._cache = {}
    @c.under_cached_property
    def x(self):
        calls.append(1)
        return 42
    @c.cached_property
    def y(self):
        calls.append(2)
        return "y"
a = A()
print(c.__file__.endswith(".pyd"), a.x, a.x, a.y, a.y, calls, a._cache)
"""
    out = run_in_windows(wine_runner, windows_cpython313, [wheel("x64")], code, tmp_path)
    assert out == ["True 42 42 y y [1, 2] {'x': 42}"], out
