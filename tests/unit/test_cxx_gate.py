"""Which LLVM may build the C++ runtime: the clang of the libc++ release in the ziglang
wheel (libc++ is written for its own clang), read from libc++'s own version macro."""

from __future__ import annotations

import re
from pathlib import Path

from ec_buildext.toolchains.cxx import cxx_runtime_problem, libcxx_major
from ec_buildext.toolchains.llvm import LlvmToolchain, mingw_root


def _wheel_lib() -> Path:
    mingw = mingw_root()
    assert mingw is not None, "the ziglang wheel is a test requirement"
    return mingw.parent


def _llvm(major: int) -> LlvmToolchain:
    return LlvmToolchain("test", {"clang-cl": Path("/x/clang-cl")}, (major, 1, 0))


def test_libcxx_major_is_the_wheels_llvm() -> None:
    config = (_wheel_lib() / "libcxx" / "include" / "__config").read_text()
    (version,) = re.findall(r"#\s*define _LIBCPP_VERSION (\d+)", config)
    assert libcxx_major(_wheel_lib()) == int(version[:-4])


def test_an_older_clang_is_told_why() -> None:
    major = libcxx_major(_wheel_lib())
    assert cxx_runtime_problem(_llvm(major), _wheel_lib()) == ""
    problem = cxx_runtime_problem(_llvm(14), _wheel_lib())
    assert f"needs clang >= {major}" in problem and "this LLVM is 14.1.0" in problem
    assert "llvm-root = 'ziglang'" in problem
