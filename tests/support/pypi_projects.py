"""Unchanged PyPI projects: their sdists downloaded once, unpacked with only
[build-system] replaced, built, and their wheels checked with llvm-readobj."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from . import wine
from .llvm import find_tool
from .pe import assert_arm64ec_dll, assert_arm64x, raw_machine, read_pe

SETUPTOOLS = "ec_buildext.setuptools"
CMAKE = "ec_buildext.build"


@dataclass(frozen=True)
class Project:
    """A PyPI project at one version, and the extension modules its wheel holds."""

    name: str
    version: str
    #: The extension modules' dotted names.
    modules: tuple[str, ...]

    @property
    def requirement(self) -> str:
        return f"{self.name}=={self.version}"


def sdist_cache() -> Path:
    """Where sdists are kept between sessions (outside the repository)."""
    return wine.tests_cache() / "sdists"


def _sdist_files(folder: Path, project: Project) -> list[Path]:
    """The project's sdist in ``folder``, however its file is spelled (Brotli-1.1.0,
    libsvm_official-3.37.0: the name's case, and "-" as "_")."""
    wanted = {
        f"{n}-{project.version}.tar.gz" for n in (project.name, project.name.replace("-", "_"))
    }
    return sorted(p for p in folder.iterdir() if p.name.lower() in {w.lower() for w in wanted})


def download_sdist(project: Project) -> Path:
    """The project's sdist from PyPI, cached outside the repository (downloaded into
    a temporary folder and moved: concurrent sessions are safe)."""
    cache = sdist_cache()
    cache.mkdir(parents=True, exist_ok=True)
    found = _sdist_files(cache, project)
    if found:
        return found[0]
    with tempfile.TemporaryDirectory(dir=cache, prefix=".download.") as tmp:
        argv = [sys.executable, "-m", "pip", "download", "-q", "--no-deps"]
        argv += ["--no-binary", ":all:", project.requirement, "-d", tmp]
        proc = subprocess.run(argv, capture_output=True, text=True, check=False)
        got = _sdist_files(Path(tmp), project)
        if not got:
            pytest.skip(f"pip could not download the {project.requirement} sdist: {proc.stderr}")
        target = cache / got[0].name
        got[0].replace(target)
    return target


def unpack(
    archive: Path, dest: Path, backend: str, tool_table: str = "", requires: tuple[str, ...] = ()
) -> Path:
    """The sdist unpacked, its [build-system] table replaced (nothing else changes but
    ``tool_table``, a ``[tool.ec-buildext]`` table's body, appended when given);
    ``requires``: what the table requires beside ec-buildext (a project whose
    scikit-build-core ``minimum-version`` reads it)."""
    with tarfile.open(archive) as tar:
        tar.extractall(dest, filter="data")
    (project,) = dest.iterdir()
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text() if pyproject.exists() else ""
    listed = ", ".join(f'"{r}"' for r in ("ec-buildext[llvm]", *requires))
    table = f'[build-system]\nrequires = [{listed}]\nbuild-backend = "{backend}"\n\n'
    found = re.search(r"(?ms)^\[build-system\]\n.*?(?=^\[|\Z)", text)
    text = text[: found.start()] + table + text[found.end() :] if found else table + text
    if tool_table:
        text += f"\n[tool.ec-buildext]\n{tool_table}"
    pyproject.write_text(text)
    return project


def build_sdist(
    python: Path,
    name: str,
    version: str,
    backend: str,
    arch: str,
    tmp_path: Path,
    tool_table: str = "",
    requires: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    """`pip wheel` of the sdist unpacked for ``backend`` (and ``tool_table``,
    ``requires``) on ``python`` (no build isolation) for ``arch``, with the runtimes
    from the tests' persistent cache."""
    sdist = download_sdist(Project(name, version, ()))
    project = unpack(sdist, tmp_path / "src", backend, tool_table, requires)
    env = {**os.environ, "EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_ARCH": arch}
    env["EC_BUILDEXT_CACHE_DIR"] = str(wine.tests_cache() / "runtime-cache")
    pip = [str(python), "-m", "pip", "wheel", "--no-build-isolation", "--no-deps", "-v"]
    argv = [*pip, str(project), "-w", str(tmp_path / "dist")]
    return subprocess.run(argv, env=env, capture_output=True, text=True, check=False)


def unpacked_modules(wheel: Path, dest: Path) -> dict[str, Path]:
    """{dotted module name: file} of the wheel's .pyd files, unpacked into dest."""
    with zipfile.ZipFile(wheel) as z:
        z.extractall(dest)
    modules = {}
    for pyd in dest.rglob("*.pyd"):
        dotted = ".".join(pyd.relative_to(dest).with_suffix("").parts)
        modules[dotted.split(".cp313-")[0]] = pyd
    return modules


def check_arch(wheel: Path, arch: str, modules: tuple[str, ...], dest: Path) -> None:
    """Tag, module names and, read by llvm-readobj, each module's kind, its one export
    PyInit_<name> and its python313.dll imports (in each view of an Arm64X module)."""
    readobj = find_tool("llvm-readobj")
    found = unpacked_modules(wheel, dest)
    assert sorted(found) == sorted(modules)
    tag = {"arm64ec": "win_arm64ec", "arm64x": "win_arm64", "x64": "win_amd64"}[arch]
    assert wheel.name.endswith(f"-cp313-cp313-{tag}.whl")
    for dotted, pyd in found.items():
        init = [f"PyInit_{dotted.rsplit('.', 1)[-1]}"]
        if arch == "arm64x":
            assert pyd.name == dotted.rsplit(".", 1)[-1] + ".pyd"
            views = list(assert_arm64x(pyd, readobj))
        elif arch == "arm64ec":
            assert pyd.name.endswith(".cp313-win_amd64.pyd")
            views = [assert_arm64ec_dll(pyd, readobj, init)]
        else:
            assert pyd.name.endswith(".cp313-win_amd64.pyd")
            assert raw_machine(pyd) == 0x8664
            views = [read_pe(readobj, pyd)]
            assert views[0].chpe_version is None
        for view in views:
            assert view.exports == init
            assert "python313.dll" in view.imported_dlls
