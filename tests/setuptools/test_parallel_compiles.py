"""Parallel compiles: the default job count, the user's -j, and both Arm64X views at once.

The views of one source compile at the same time (setuptools: one job pool; CMake: the
Arm64X launcher starts both).  Each test source spells a different symbol per view and
per folder, so an object built from another compile's preprocessed text is caught.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ec_buildext.arch import ARM64, ARM64EC, CEnvironment
from ec_buildext.plan import make_plan
from ec_buildext.settings import load_settings
from ec_buildext.setuptools_ext.driver import ExtensionSpec, compile_objects, object_path
from ec_buildext.toolchains.llvm import find_llvm

from ..support.commands import pip_wheel, run
from ..support.paths import SAMPLES

pytestmark = pytest.mark.slow
ROUNDS = 6
MACHINES = {ARM64EC.name: "IMAGE_FILE_MACHINE_ARM64EC", ARM64.name: "IMAGE_FILE_MACHINE_ARM64"}


def _source(folder: Path, name: str, tag: str) -> Path:
    """A source whose object says which view and which file it was built from (the
    filler widens the window in which a preprocessed temporary could be shared)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    filler = "".join(f"    .word {i}\n" for i in range(3000))
    if name.endswith(".S"):
        body = (
            "#ifdef __arm64ec__\n"
            f"    .globl {tag}_ec\n{tag}_ec:\n"
            "#else\n"
            f"    .globl {tag}_native\n{tag}_native:\n"
            f"#endif\n    .data\n{filler}"
        )
    else:
        body = f"#ifdef __arm64ec__\nint {tag}_ec = 1;\n#else\nint {tag}_native = 1;\n#endif\n"
    path.write_text(body)
    return path


def _assert_object(readobj: str, obj: Path, view: str, tag: str) -> None:
    out = run([readobj, "--file-headers", "--symbols", str(obj)]).stdout
    assert MACHINES[view] + " " in out, out[:400]
    names = set(re.findall(r"Name: (\w+)", out))
    wanted, other = ("ec", "native") if view == ARM64EC.name else ("native", "ec")
    assert f"{tag}_{wanted}" in names and f"{tag}_{other}" not in names, (obj, view, names)
    assert not {n for n in names if n.endswith(("_ec", "_native")) and not n.startswith(tag)}


def test_setuptools_driver_compiles_both_views_at_once(
    tmp_path: Path, readobj_tool: str, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Arm64X objects of both views, C and .S (zig's clang), several files of one name,
    compiled 8 at a time, ROUNDS times: every object has its own view's symbols."""
    monkeypatch.setenv("EC_BUILDEXT_ARCH", "arm64x")
    monkeypatch.setenv("EC_BUILDEXT_LLVM_ROOT", "ziglang")
    monkeypatch.chdir(tmp_path)
    plan = make_plan(load_settings(tmp_path, {}))
    assert plan is not None
    tags = {f"d{i}": _source(tmp_path / f"d{i}", "k.S", f"d{i}") for i in range(3)}
    tags["c0"] = _source(tmp_path / "c0", "k.c", "c0")
    spec = ExtensionSpec(
        name="k", sources=tuple(tags.values()), output=tmp_path / "k.pyd", temp_dir=tmp_path / "o"
    )
    for _ in range(ROUNDS):
        shutil.rmtree(tmp_path / "o", ignore_errors=True)
        compile_objects(plan, spec, jobs=8, log=lambda _: None)
        for tag, source in tags.items():
            for view in plan.arch.views:
                _assert_object(readobj_tool, object_path(spec, view, source), view.name, tag)


def _launcher_compile(source: Path, obj: Path, clang_cl: str) -> list[str]:
    """What CMake's ASM rule runs for an Arm64X build: the launcher, then clang-cl with
    CMake's own arguments (depfile flags, /Fo, `-c -- source`)."""
    return [
        sys.executable,
        "-m",
        "ec_buildext.hybrid",
        "compile",
        f"--native-target={ARM64.triple(CEnvironment.GNU)}",
        "--",
        clang_cl,
        "-target",
        ARM64EC.triple(CEnvironment.GNU),
        "/nologo",
        "-clang:-MD",
        f"-clang:-MT{obj}",
        f"-clang:-MF{obj}.d",
        f"/Fo{obj}",
        "-c",
        "--",
        str(source),
    ]


def test_cmake_launcher_assembles_both_views_at_once(
    tmp_path: Path, readobj_tool: str, cache_dir: Path
) -> None:
    """Two same-named .S files in one build folder, each through the Arm64X launcher,
    all four compiles at the same time, ROUNDS times (clang-cl given /Fo would
    preprocess each into <build folder>/k.asm)."""
    clang_cl = str(find_llvm("ziglang").tool("clang-cl"))
    build = tmp_path / "build"
    build.mkdir()
    sources = {f"s{i}": _source(tmp_path / f"s{i}", "k.S", f"s{i}") for i in range(2)}
    for _ in range(ROUNDS):
        objects = {tag: build / f"{tag}.k.S.obj" for tag in sources}
        procs = [
            subprocess.Popen(
                _launcher_compile(sources[tag], objects[tag], clang_cl),
                cwd=build,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
            for tag in sources
        ]
        for proc in procs:
            out, _ = proc.communicate()
            assert proc.returncode == 0, out.decode()
        for tag, obj in objects.items():
            _assert_object(readobj_tool, obj, ARM64EC.name, tag)
            _assert_object(readobj_tool, obj.with_suffix(".arm64.obj"), ARM64.name, tag)
            assert obj.with_suffix(".obj.d").is_file()  # the EC compile's depfile
            obj.unlink()
    assert not list(build.glob("*.asm"))


def _ctypes_project(tmp_path: Path) -> Path:
    project = tmp_path / "setuptools_ctypes"
    shutil.copytree(
        SAMPLES / "setuptools_ctypes", project, ignore=shutil.ignore_patterns("build", "*.egg-info")
    )
    return project


def _compiles_line(proc: subprocess.CompletedProcess[str]) -> str:
    found = re.search(r"ecst\._native: \d+ compiles for [^\n]*", proc.stdout + proc.stderr)
    assert found, proc.stdout[-2000:]
    return found[0]


@pytest.mark.parametrize("pinned", [False, True], ids=["all-cores", "pinned-to-one-core"])
def test_default_is_one_compile_per_core(pinned: bool, tmp_path: Path, cache_dir: Path) -> None:
    """One compile per core the build may use: a build pinned to one core (taskset, a
    container's cpuset) runs one at a time, though the machine has more."""
    project = _ctypes_project(tmp_path)
    env = {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_ARCH": "arm64x"}
    allowed = os.sched_getaffinity(0)
    if pinned:
        os.sched_setaffinity(0, {min(allowed)})  # pip and the backend inherit it
    try:
        proc = pip_wheel(project, tmp_path / "dist", env)
    finally:
        os.sched_setaffinity(0, allowed)
    jobs = 1 if pinned else min(len(allowed), 16)
    assert _compiles_line(proc) == (
        f"ecst._native: 16 compiles for arm64+arm64ec, {jobs} at a time (one per core)"
    )


@pytest.mark.parametrize(
    ("how", "jobs"),
    [
        ("build_ext -j 1", 1),
        ("build_ext --parallel=3", 3),
        ("setup.cfg [build_ext] parallel = 1", 1),
        ("DIST_EXTRA_CONFIG [build_ext] parallel = 3", 3),
    ],
)
def test_the_users_job_count_wins(how: str, jobs: int, tmp_path: Path, cache_dir: Path) -> None:
    project = _ctypes_project(tmp_path)
    env = {"EC_BUILDEXT_LLVM_ROOT": "ziglang"}
    extra: list[str] = []
    if how.startswith("build_ext"):
        # PEP 517 config settings: `bdist_wheel --dist-dir D build_ext -j 1`.
        extra = [f"-C--build-option={word}" for word in how.split()]
    elif how.startswith("setup.cfg"):
        (project / "setup.cfg").write_text(f"[build_ext]\nparallel = {jobs}\n")
    else:
        config = tmp_path / "extra.cfg"
        config.write_text(f"[build_ext]\nparallel = {jobs}\n")
        env["DIST_EXTRA_CONFIG"] = str(config)
    proc = pip_wheel(project, tmp_path / "dist", env, *extra)
    assert _compiles_line(proc) == (
        f"ecst._native: 8 compiles for arm64ec, {jobs} at a time (build_ext -j/parallel)"
    )
