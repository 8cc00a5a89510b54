"""Child builds (child_builds.py): the environment that points a setup.py's CMake or make
at the cross toolchain, and the link's refusal of objects made for the build machine
(real objects: the build machine's cc and ar, and clang for a COFF one)."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from ec_buildext.arch import ARM64EC, ARM64X, X64, Arch
from ec_buildext.child_builds import (
    CHILD_BUILD_VARIABLES,
    child_build_environment,
    host_made_inputs,
    library_files,
    refuse_host_objects,
)
from ec_buildext.cmake_ext.findpython import python_block
from ec_buildext.cmake_ext.toolchain import toolchain_file
from ec_buildext.errors import UserError

from ..support.llvm import find_tool
from .helpers import make_compiler, make_plan

HOST_CC = shutil.which("cc")
HOST_AR = shutil.which("ar")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("EC_BUILDEXT_CACHE_DIR", str(folder))
    return folder


def script_words(script: str) -> list[str]:
    """What a generated tool script runs (its exec line, without "$@")."""
    (line,) = [w for w in Path(script).read_text().splitlines() if w.startswith("exec ")]
    return shlex.split(line)[1:-1]


@pytest.mark.parametrize("arch", [ARM64EC, ARM64X, X64], ids=lambda a: a.name)
def test_environment_names_the_plans_toolchain(arch: Arch, root: Path, cache: Path) -> None:
    plan = make_plan(arch, make_compiler("crtless", arch, root))
    env = child_build_environment(plan, environ={})
    # The fake LLVM has no llvm-ar (AR is set only where the LLVM has one).
    assert set(env) == set(CHILD_BUILD_VARIABLES) - {"AR"}
    toolchain = Path(env["CMAKE_TOOLCHAIN_FILE"]).read_text()
    assert toolchain == toolchain_file(plan) + python_block(plan)
    assert "set(CMAKE_SYSTEM_NAME Windows)" in toolchain
    # CC compiles the configured view (Arm64X: the EC view), with the runtime's flags.
    view = plan.arch.ec_view or plan.arch
    cc = script_words(env["CC"])
    assert cc[0].endswith("clang-cl") and f"--target={view.triple(plan.compiler.environment)}" in cc
    assert plan.compiler.compile_flags(view).common[0] in cc
    assert script_words(env["LD"])[0].endswith("lld-link")


def test_a_chosen_generator_is_kept(root: Path, cache: Path) -> None:
    plan = make_plan(ARM64EC, make_compiler("crtless", ARM64EC, root))
    env = child_build_environment(plan, environ={"CMAKE_GENERATOR": "Unix Makefiles"})
    assert "CMAKE_GENERATOR" not in env


@pytest.mark.skipif(HOST_CC is None or HOST_AR is None, reason="no cc/ar on this machine")
def test_host_objects_and_archives_are_refused(root: Path) -> None:
    (root / "a_source_with_a_long_name.c").write_text("int f(void) { return 1; }\n")
    obj = root / "a_source_with_a_long_name.o"
    subprocess.run([str(HOST_CC), "-c", obj.with_suffix(".c").name, "-o", obj.name], check=True)
    archive = root / "lib" / "libbundled.a"
    archive.parent.mkdir()
    subprocess.run([str(HOST_AR), "rcs", str(archive), obj.name], check=True)
    coff = root / "coff.obj"
    clang = [find_tool("clang"), "--target=x86_64-pc-windows-msvc", "-c"]
    subprocess.run([*clang, obj.with_suffix(".c").name, "-o", coff.name], check=True)

    libraries = library_files(["bundled", "missing"], [str(archive.parent)])
    assert libraries == [archive]
    found = dict(host_made_inputs([obj, coff, *libraries, root / "absent.obj"]))
    assert found == {
        obj: "an ELF object",
        archive: "an archive of ELF objects (a_source_with_a_long_name.o)",
    }
    plan = make_plan(ARM64EC, make_compiler("crtless", ARM64EC, root))
    with pytest.raises(UserError) as refused:
        refuse_host_objects([coff, archive], "mod.pyd", plan)
    text = str(refused.value)
    assert text.startswith("mod.pyd was not linked for arm64ec: ")
    assert f"{archive} is an archive of ELF objects" in text and "CMAKE_TOOLCHAIN_FILE" in text
    refuse_host_objects([coff], "mod.pyd", plan)  # COFF alone: nothing to say
