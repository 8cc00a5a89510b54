"""The plan's decisions: which compiler and runtime, which refusals, what a build prints.

Only cases that need no real toolchain, or the ziglang wheel's LLVM (version probe only),
are here. Each refusal is one paragraph (no line break) naming what is wrong and the fix.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from ec_buildext.arch import ARM64, ARM64EC, ARM64X, X64, Arch
from ec_buildext.errors import UserError
from ec_buildext.plan import BuildPlan, ClangCl, HostSdk, choose_compiler, make_plans
from ec_buildext.settings import load_settings
from ec_buildext.toolchains.llvm import LlvmToolchain
from ec_buildext.toolchains.sysroot import Sysroot

from .helpers import fake_crtless, fake_llvm, fake_python, fake_sysroot, make_plan


def refusal(error: pytest.ExceptionInfo[UserError], *phrases: str) -> str:
    """The message of a refusal: one paragraph holding every phrase."""
    text = str(error.value)
    assert "\n" not in text, text
    for phrase in phrases:
        assert phrase in text, (phrase, text)
    return text


def plans_for(root: Path, environ: Mapping[str, str]) -> list[object]:
    """make_plans for settings given as EC_BUILDEXT_* variables, with no CPython offered
    by the environment (no cibuildwheel, not a Windows CPython)."""
    settings = load_settings(root, {}, environ)
    return list(make_plans(settings, host_platform="linux", environ={}, running_python=None))


def test_msvc_needs_windows() -> None:
    with pytest.raises(UserError) as e:
        choose_compiler(ARM64EC, toolchain="msvc", host_platform="linux")
    refusal(e, "toolchain = 'msvc' needs Windows; this is linux", "toolchain = 'clang-cl'")


def test_msvc_with_a_sysroot_is_refused(root: Path) -> None:
    # MSVC brings its own SDK and CRT: a sysroot would be silently ignored.
    with pytest.raises(UserError) as e:
        choose_compiler(ARM64EC, toolchain="msvc", sysroot=root, host_platform="win32")
    refusal(e, "the sysroot setting would be ignored", "Unset sysroot")


@pytest.mark.skipif(sys.platform == "win32", reason="Windows may have Visual Studio")
def test_msvc_without_visual_studio() -> None:
    with pytest.raises(UserError) as e:
        choose_compiler(ARM64EC, toolchain="msvc", host_platform="win32")
    refusal(e, "no Visual Studio with the ARM64 build tools was found", "toolchain = 'clang-cl'")


def test_llvm_root_without_clang_cl(root: Path) -> None:
    with pytest.raises(UserError) as e:
        choose_compiler(ARM64EC, toolchain="clang-cl", llvm_root=str(root))
    refusal(e, f"no clang-cl in {root} or {root / 'bin'}", "llvm-root")


@pytest.mark.parametrize(
    ("arch", "too_old"),
    # Arm64EC codegen is usable from LLVM 18 (Rust's arm64ec-pc-windows-msvc platform
    # page); lld 19 cannot link Arm64X (ARM64EC.md section 3: use >= 21).
    [(ARM64EC, (17, 0, 6)), (ARM64X, (19, 1, 7)), (ARM64X, (20, 1, 8))],
    ids=["arm64ec-17", "arm64x-19", "arm64x-20"],
)
def test_old_llvm_is_refused(root: Path, arch: Arch, too_old: tuple[int, int, int]) -> None:
    with pytest.raises(UserError) as e:
        fake_llvm(root, too_old).check_arch(arch)
    text = refusal(e, f"is too old to build {arch.name}", "llvm-root")
    assert ("older lld cannot link Arm64X images" in text) == arch.is_hybrid


@pytest.mark.parametrize(
    ("arch", "enough"),
    [(ARM64EC, (18, 1, 8)), (ARM64X, (21, 1, 0)), (ARM64, (14, 0, 6)), (X64, (14, 0, 6))],
    ids=["arm64ec", "arm64x", "arm64", "x64"],
)
def test_new_enough_llvm_is_accepted(root: Path, arch: Arch, enough: tuple[int, int, int]) -> None:
    fake_llvm(root, enough).check_arch(arch)


def test_clang_cl_runtime_choice_with_ziglang(root: Path, cache_dir: Path) -> None:
    """The real ziglang LLVM (only its version is asked): a Windows host uses its own
    SDK/CRT, a sysroot setting its tree."""
    on_windows = choose_compiler(
        ARM64X, toolchain="clang-cl", llvm_root="ziglang", host_platform="win32"
    )
    assert isinstance(on_windows, ClangCl) and on_windows.runtime == HostSdk()
    assert on_windows.llvm.version >= (21, 0, 0)
    sysroot = fake_sysroot(root, "xwin").root
    with_sysroot = choose_compiler(ARM64EC, llvm_root="ziglang", sysroot=sysroot)
    assert isinstance(with_sysroot, ClangCl) and isinstance(with_sysroot.runtime, Sysroot)
    assert (with_sysroot.runtime.root, with_sysroot.runtime.layout) == (sysroot, "xwin")


def test_sysroot_that_is_no_sdk_tree(root: Path, cache_dir: Path) -> None:
    with pytest.raises(UserError) as e:
        choose_compiler(ARM64EC, llvm_root="ziglang", sysroot=root)
    refusal(e, "is neither an xwin splat tree", "leave sysroot empty")


def test_auto_is_plain_delegation(root: Path) -> None:
    assert plans_for(root, {}) == []


def test_one_wheel_tag_for_several_arches(root: Path) -> None:
    environ = {"EC_BUILDEXT_ARCH": "arm64ec,arm64", "EC_BUILDEXT_WHEEL_TAG": "win_arm64"}
    with pytest.raises(UserError) as e:
        plans_for(root, environ)
    refusal(
        e,
        "wheel-tag (environment variable EC_BUILDEXT_WHEEL_TAG) names one tag",
        "arch lists 2 arches",
        "Leave wheel-tag empty",
    )


@pytest.mark.parametrize(
    ("arches", "tag"), [("arm64,arm64x", "win_arm64"), ("arm64x,arm64", "win_arm64")]
)
def test_two_arches_of_one_tag(root: Path, arches: str, tag: str) -> None:
    """arm64 and arm64x wheels both get win_arm64: one would replace the other."""
    with pytest.raises(UserError) as e:
        plans_for(root, {"EC_BUILDEXT_ARCH": arches})
    first, second = arches.split(",")
    refusal(
        e,
        "arch (environment variable EC_BUILDEXT_ARCH)",
        f"lists {first} and {second}",
        f"the platform tag {tag}",
        "separate runs",
    )


@pytest.mark.parametrize("arch", ["arm64ec", "arm64", "x64"])
def test_python_root_native_is_for_arm64x_only(root: Path, arch: str) -> None:
    environ = {"EC_BUILDEXT_ARCH": arch, "EC_BUILDEXT_PYTHON_ROOT_NATIVE": str(root)}
    with pytest.raises(UserError) as e:
        plans_for(root, environ)
    refusal(
        e,
        "python-root-native (environment variable EC_BUILDEXT_PYTHON_ROOT_NATIVE)",
        f"arch = 'arm64x' only; this build is {arch}",
    )


@pytest.mark.parametrize("given", ["PYTHON_ROOT", "PYTHON_ROOT_NATIVE"])
def test_arm64x_needs_both_python_roots(
    root: Path, given: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One of the pair is set and the other cannot be made (this interpreter has no C
    headers): refused, since one view would compile without its CPython."""
    from ec_buildext.toolchains import cpython

    monkeypatch.setattr(cpython.sysconfig, "get_path", lambda name: str(root / "no-headers"))
    python = fake_python(root, "Python")
    environ = {"EC_BUILDEXT_ARCH": "arm64x", f"EC_BUILDEXT_{given}": str(python)}
    with pytest.raises(UserError) as e:
        plans_for(root, environ)
    setting = given.lower().replace("_", "-")
    refusal(e, "needs two CPython folders", f"Only {setting} is set")


def test_no_target_python_when_none_can_be_made(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The interpreter running the build has no C headers: the plan goes on without a
    target CPython (a project without Python.h needs none), says why at the start, and
    a compile that then misses Python.h says it again."""
    from ec_buildext.setuptools_ext.driver import _python_h_hint
    from ec_buildext.toolchains import cpython

    monkeypatch.setattr(cpython.sysconfig, "get_path", lambda name: str(root / "no-headers"))
    (plan,) = plans_for(root, {"EC_BUILDEXT_ARCH": "arm64ec", "EC_BUILDEXT_LLVM_ROOT": "ziglang"})
    assert isinstance(plan, BuildPlan) and plan.python.main is None
    assert "has no C headers" in plan.python.problem and "-dev" in plan.python.problem
    assert any("python-root: none, and none could be made" in n for n in plan.summary())
    assert plan.python.problem in _python_h_hint(plan)


def test_python_root_without_python_h(root: Path) -> None:
    environ = {"EC_BUILDEXT_ARCH": "arm64ec", "EC_BUILDEXT_PYTHON_ROOT": str(root)}
    with pytest.raises(UserError) as e:
        plans_for(root, environ)
    refusal(e, f"python-root '{root}' has no include/Python.h", "Windows CPython installation")


def test_msvc_refused_through_make_plans(root: Path) -> None:
    environ = {"EC_BUILDEXT_ARCH": "arm64ec", "EC_BUILDEXT_TOOLCHAIN": "msvc"}
    with pytest.raises(UserError) as e:
        plans_for(root, environ)
    refusal(e, "toolchain = 'msvc' needs Windows")


def test_summary_lines(root: Path) -> None:
    x64, arm64 = fake_python(root, "Python-x64"), fake_python(root, "Python-arm64")
    llvm = LlvmToolchain("the ziglang wheel in /z", {"clang-cl": Path("/z/clang-cl")}, (22, 1, 8))
    plan = make_plan(
        ARM64X,
        ClangCl(llvm, fake_crtless(root, hybrid=True)),
        python_root=x64,
        python_root_native=arm64,
    )
    # What docs/cmake.md's "What the build prints" shows, line for line.
    assert plan.summary() == [
        "arch: arm64x",
        "toolchain: clang-cl 22.1.8 from the ziglang wheel in /z (/z/clang-cl)",
        "runtime: CRT-less (mingw-w64 headers, ec-buildext runtime support)",
        "wheel tag: win_arm64",
        f"target python: {x64} (native view: {arm64})",
    ]
    plain = make_plan(ARM64EC, ClangCl(llvm, HostSdk()), wheel_tag="win_arm64.win_arm64ec")
    assert plain.summary()[2:] == [
        "runtime: Windows SDK/CRT of this machine",
        "wheel tag: win_arm64.win_arm64ec",
        "target python: none (a module with Python.h would need one)",
    ]


def test_views_and_their_python(root: Path) -> None:
    # An Arm64X build is the native ARM64 view plus the Arm64EC view; each view compiles
    # against its own CPython (ARM64EC.md section 6).
    x64, arm64 = root / "x64", root / "arm64"
    plan = make_plan(
        ARM64X, ClangCl(fake_llvm(root), HostSdk()), python_root=x64, python_root_native=arm64
    )
    assert [v.name for v in plan.arch.views] == ["arm64", "arm64ec"]
    assert (plan.python.root(ARM64), plan.python.root(ARM64EC)) == (arm64, x64)
    single = make_plan(ARM64, ClangCl(fake_llvm(root), HostSdk()), python_root=arm64)
    assert single.python.root(ARM64) == arm64
