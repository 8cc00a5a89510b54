"""What a setuptools cross build shows the project's setup.py, and where."""

from __future__ import annotations

import os
import platform
import select
import sys
import sysconfig
from dataclasses import replace
from pathlib import Path, PosixPath

import pytest
from setuptools.command.build_ext import build_ext

from ec_buildext.arch import get_arch
from ec_buildext.setuptools import shown_target
from ec_buildext.setuptools_ext import target_view
from ec_buildext.setuptools_ext.driver import (
    host_header_hint,
    host_path,
    left_out_flags,
    msvc_flags_for,
    object_views,
    prebuilt_objects_problem,
)
from ec_buildext.setuptools_ext.target_view import (
    TargetPlatform,
    TargetView,
    showing_host,
    showing_target,
    target_platform,
)

from .helpers import make_compiler, make_plan


@pytest.mark.parametrize(
    ("arch", "platform_name", "machine"),
    [
        ("arm64ec", "win-amd64", "AMD64"),
        ("x64", "win-amd64", "AMD64"),
        ("arm64", "win-arm64", "ARM64"),
        ("arm64x", "win-arm64", "ARM64"),
    ],
)
def test_target_platform_of_each_arch(arch: str, platform_name: str, machine: str) -> None:
    target = target_platform(get_arch(arch))
    assert target == TargetPlatform(platform_name, machine)
    assert target.compiler.endswith(f"64 bit ({machine})")


def test_view_is_shown_and_put_back(monkeypatch: pytest.MonkeyPatch) -> None:
    host = (sys.platform, os.name, sys.version, platform.uname(), sysconfig.get_platform())
    view = TargetView(TargetPlatform("win-arm64", "ARM64"))
    monkeypatch.setattr(target_view, "_ACTIVE", view)
    with showing_target():
        assert (sys.platform, os.name) == ("win32", "nt")
        assert sys.getwindowsversion().major == 10  # type: ignore[attr-defined]
        assert sys.getwindowsversion()[:2] == (10, 0)  # type: ignore[attr-defined]
        assert (platform.system(), platform.machine(), platform.release()) == (
            "Windows",
            "ARM64",
            "10",
        )
        assert platform.python_compiler().endswith("64 bit (ARM64)")
        assert sysconfig.get_platform() == "win-arm64"
        assert type(Path("x")) is PosixPath  # Path() keeps making this machine's paths
        assert not hasattr(select, "poll") and not hasattr(select, "epoll")
        assert callable(select.select) and select.error is OSError
        with showing_host():
            assert sys.platform == host[0] and not hasattr(sys, "getwindowsversion")
        assert sys.platform == "win32"
    assert (sys.platform, os.name, sys.version, platform.uname(), sysconfig.get_platform()) == host
    assert not hasattr(sys, "getwindowsversion")
    assert callable(select.poll)


def test_only_cross_builds_show_the_target(tmp_path: Path) -> None:
    arch = get_arch("arm64ec")
    plan = make_plan(arch, make_compiler("crtless", arch, tmp_path))
    assert shown_target(plan, "linux") == TargetPlatform("win-amd64", "AMD64")
    assert shown_target(plan, "win32") is None
    assert shown_target(replace(plan, target_view=False), "linux") is None


def test_project_methods_are_those_of_its_own_classes() -> None:
    class ProjectBase(build_ext):
        def run(self) -> None: ...

    class Project(ProjectBase):
        def build_extensions(self) -> None: ...

        def _helper(self) -> None: ...

    names = target_view._project_methods(Project)
    assert sorted(names) == ["_helper", "build_extensions", "run"]


@pytest.mark.parametrize(
    ("flags", "taken"),
    [
        (["/EHsr", "/W3"], ["/EHs", "/W3"]),  # greenlet's
        (["/EHsc"], ["/EHsc"]),
        (["-EHsr-"], ["-EHs"]),
        (["/Ox", "-Wall"], ["/Ox", "-Wall"]),
    ],
)
def test_msvc_flags_clang_cl_refuses(tmp_path: Path, flags: list[str], taken: list[str]) -> None:
    arch = get_arch("arm64ec")
    assert msvc_flags_for(make_compiler("crtless", arch, tmp_path), flags) == taken
    assert msvc_flags_for(make_compiler("msvc", arch, tmp_path), flags) == flags


def test_header_of_the_build_machine(tmp_path: Path) -> None:
    (tmp_path / "x86_64-linux-gnu").mkdir()
    (tmp_path / "x86_64-linux-gnu" / "ffi.h").touch()
    output = "src/c/malloc_closure.h(6,10): fatal error: 'ffi.h' file not found"
    hint = host_header_hint(output, [str(tmp_path)])
    assert f"ffi.h is the build machine's ({tmp_path}/x86_64-linux-gnu/ffi.h)" in hint
    assert host_header_hint(output.replace("ffi.h", "nothere.h"), [str(tmp_path)]) == ""
    assert host_header_hint("a.c(1,1): error: boom", [str(tmp_path)]) == ""


def _object(folder: Path, name: str, arch: str) -> Path:
    path = folder / name
    path.write_bytes(get_arch(arch).object_machine.to_bytes(2, "little") + bytes(18))
    return path


def test_prebuilt_objects_for_one_view_of_arm64x(tmp_path: Path) -> None:
    """greenlet's setup.py links one MASM object, chosen by platform.machine()."""
    arm64x, arm64ec = get_arch("arm64x"), get_arch("arm64ec")
    arm = _object(tmp_path, "switch_arm64_masm.obj", "arm64")
    x64 = _object(tmp_path, "switch_x64_masm.obj", "x64")
    assert object_views(arm64x, get_arch("x64").object_machine) == {"arm64ec"}
    problem = prebuilt_objects_problem(arm64x, [arm])
    assert problem is not None
    assert "(switch_arm64_masm.obj for arm64), made for another machine" in problem
    assert "none for the arm64ec view of this arm64x module" in problem
    assert prebuilt_objects_problem(arm64x, [arm, x64]) is None
    assert prebuilt_objects_problem(arm64ec, [x64]) is None
    assert prebuilt_objects_problem(arm64x, [tmp_path / "absent.obj"]) is None


def test_windows_paths_and_openmp_of_a_setup_py_that_sees_windows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """libsvm's Windows branch: -DEF:cpp-source\\svm.def and /openmp."""
    (tmp_path / "cpp-source").mkdir()
    (tmp_path / "cpp-source" / "svm.def").touch()
    monkeypatch.chdir(tmp_path)
    assert host_path("-DEF:cpp-source\\svm.def") == "-DEF:cpp-source/svm.def"
    assert host_path("cpp-source\\svm.def") == "cpp-source/svm.def"
    assert host_path("/DEF:absent\\x.def") == "/DEF:absent\\x.def"
    assert host_path("/DNAME=a\\b") == "/DNAME=a\\b"
    arch = get_arch("arm64ec")
    clang = make_compiler("crtless", arch, tmp_path)
    assert msvc_flags_for(clang, ["/openmp", "/O2", "-openmp:llvm"]) == ["/O2"]
    assert left_out_flags(clang, ["/openmp", "/O2"]) == ["/openmp"]
    msvc = make_compiler("msvc", arch, tmp_path)
    assert msvc_flags_for(msvc, ["/openmp"]) == ["/openmp"] and not left_out_flags(
        msvc, ["/openmp"]
    )
