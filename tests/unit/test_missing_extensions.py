"""Which declared extension modules a wheel lacks, what the build says, how it is tagged."""

from __future__ import annotations

import pytest

from ec_buildext.backend import platform_tag
from ec_buildext.setuptools_ext.outcome import (
    ExtensionRecord,
    first_error,
    missing_modules,
    missing_paragraph,
    module_name,
)


@pytest.mark.parametrize(
    ("member", "name"),
    [
        ("pkg/_speedups.cp313-win_amd64.pyd", "pkg._speedups"),
        ("pkg/_speedups.pyd", "pkg._speedups"),
        ("_top.cp313-win_arm64.pyd", "_top"),
        ("pkg/sub/_c.abi3.pyd", "pkg.sub._c"),
        ("pkg/__init__.py", None),
        ("pkg/tool.exe", None),
    ],
)
def test_module_name_of_a_member(member: str, name: str | None) -> None:
    assert module_name(member) == name


def test_missing_modules_in_declared_order() -> None:
    members = ["pkg/__init__.py", "pkg/_b.cp313-win_amd64.pyd"]
    assert missing_modules(["pkg._c", "pkg._b", "pkg._a"], members) == ["pkg._c", "pkg._a"]
    assert missing_modules([], members) == []


def test_first_error_line() -> None:
    output = "In file included from a.c:1:\nsrc/a.c(2,10): fatal error: 'x.h' file not found\n"
    assert first_error(output) == "src/a.c(2,10): fatal error: 'x.h' file not found"
    linked = "lld-link: error: undefined symbol: slp_switch\n>>> referenced by a.obj"
    assert first_error(linked) == "lld-link: error: undefined symbol: slp_switch"
    assert first_error("", "compiling a.c failed\nmore") == "compiling a.c failed"
    assert first_error("") == "no error was reported"


def test_record_keeps_the_first_error_and_declares_once() -> None:
    record = ExtensionRecord()
    record.declare(["pkg._a", "pkg._b"])
    record.declare(["pkg._a"])
    record.failed("pkg._a", "first")
    record.failed("pkg._a", "second")
    assert record.declared == ["pkg._a", "pkg._b"]
    assert record.errors == {"pkg._a": "first"}


def test_missing_paragraph_names_each_module_and_the_fix() -> None:
    record = ExtensionRecord(["pkg._a", "pkg._b"], {"pkg._a": "a.c(1,1): error: boom"})
    text = missing_paragraph("w.whl", ["pkg._a", "pkg._b"], record, allowed=False)
    assert "2 extension module(s), and 2 of them are not in w.whl" in text
    assert "  - pkg._a: a.c(1,1): error: boom" in text
    assert "  - pkg._b: not built, and no compile or link of it failed" in text
    assert "EC_BUILDEXT_ALLOW_MISSING_EXTENSIONS=true" in text
    allowed = missing_paragraph("w.whl", ["pkg._b"], record, allowed=True)
    assert "so the wheel is written without them" in allowed


@pytest.mark.parametrize(
    ("name", "has_binary", "tag"),
    [
        # setuptools tagged a wheel with no binary for the build machine: the target's tag.
        ("p-1.0-cp313-cp313-linux_x86_64.whl", False, "win_arm64ec"),
        ("p-1.0-cp313-cp313-win_amd64.whl", False, "win_arm64ec"),
        # Truly pure: keeps its tag.
        ("p-1.0-py3-none-any.whl", False, None),
        # A binary: always the target's tag.
        ("p-1.0-cp313-cp313-linux_x86_64.whl", True, "win_arm64ec"),
        ("p-1.0-py3-none-any.whl", True, "win_arm64ec"),
    ],
)
def test_platform_tag_of_a_built_wheel(name: str, has_binary: bool, tag: str | None) -> None:
    assert platform_tag(name, has_binary, "win_arm64ec") == tag
