"""The typed vocabularies of the arch table: process kinds, binary kinds, what a wheel's
platform tags promise, and the per-arch facts moved into the rows."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ec_buildext.arch import (
    ARCHES,
    ARM64,
    ARM64EC,
    ARM64X,
    BINARY_KIND_LOADERS,
    PROCESSES,
    WHEEL_TAG_PROCESSES,
    X64,
    BinaryKind,
    ProcessKind,
    arch_of_code_range,
    promised_processes,
)
from ec_buildext.toolchains.diagnose import msvc_predefined_macros


@pytest.mark.parametrize("word", [*ProcessKind, *BinaryKind])
def test_a_word_round_trips_through_its_value(word: ProcessKind | BinaryKind) -> None:
    """Parsed back from its value, equal to and hashed as its value, and printed, formatted
    and serialised as exactly that value (so CLI and JSON output stay byte-identical)."""
    assert type(word)(word.value) is word
    assert word == word.value and hash(word) == hash(word.value)
    assert {word.value: 1}[word] == 1
    assert str(word) == f"{word}" == word.value
    assert f"{word:>20}" == f"{word.value:>20}"
    assert json.dumps([word]) == json.dumps([word.value])
    assert ", ".join([word, word]) == f"{word.value}, {word.value}"


def test_unknown_values_are_refused() -> None:
    with pytest.raises(ValueError):
        ProcessKind("arm64x")  # a binary kind, never a process
    with pytest.raises(ValueError):
        BinaryKind("riscv64")


def test_every_arch_is_a_binary_kind_and_every_kind_has_loaders() -> None:
    assert {a.name for a in ARCHES.values()} <= {k.value for k in BinaryKind}
    assert set(BINARY_KIND_LOADERS) == set(BinaryKind)
    assert set(PROCESSES) == set(ProcessKind)
    for loaders in BINARY_KIND_LOADERS.values():
        assert loaders and all(isinstance(p, ProcessKind) for p in loaders)
    assert BINARY_KIND_LOADERS[BinaryKind.ARM64X_FORWARDER] == ARM64X.loadable_by
    assert BINARY_KIND_LOADERS[BinaryKind.X86] == (ProcessKind.X86,)


@pytest.mark.parametrize(
    ("tags", "promised"),
    [
        (["win_amd64"], {"x64", "arm64ec"}),
        (["win_arm64"], {"arm64"}),
        (["win_arm64ec"], {"arm64ec"}),
        (["win32"], {"x86"}),
        (["win_amd64", "win_arm64"], {"x64", "arm64ec", "arm64"}),
        (["any"], set()),
        (["linux_x86_64", "win_arm64ec"], {"arm64ec"}),
        ([], set()),
    ],
)
def test_promised_processes(tags: list[str], promised: set[str]) -> None:
    got = promised_processes(tags)
    assert got == promised
    assert all(isinstance(p, ProcessKind) for p in got)


def test_promised_processes_agree_with_the_table() -> None:
    for tag, processes in WHEEL_TAG_PROCESSES.items():
        assert promised_processes([tag]) == set(processes)


def test_code_range_kinds_name_the_single_views() -> None:
    # The low two bits of a CHPE code-map entry: 0 ARM64, 1 Arm64EC, 2 x64.
    assert [arch_of_code_range(k) for k in range(4)] == [ARM64, ARM64EC, X64, None]
    assert ARM64X.code_range_kind is None


def test_msvc_macros_come_from_the_rows() -> None:
    # Arm64EC takes MSVC's code paths (_MSC_VER); x64 and ARM64 keep the GNU ones.
    compiler = ("-D_MSC_VER=1940", "-D_MSC_FULL_VER=194033811", "-D_MSC_EXTENSIONS=1", "-D_PID_T_")
    assert msvc_predefined_macros(ARM64EC) == (
        *compiler,
        "-D_M_ARM64EC=1",
        "-D_M_X64=100",
        "-D_M_AMD64=100",
        "-D_ARM64EC_=1",
        "-U__ARM_NEON",
    )
    assert msvc_predefined_macros(ARM64) == ("-D_M_ARM64=1", "-D_ARM64_=1")
    assert msvc_predefined_macros(X64) == ("-D_M_X64=100", "-D_M_AMD64=100")
    assert msvc_predefined_macros(ARM64X) == ()


def test_plugins_imports_only_the_standard_library() -> None:
    """Applications import ec_buildext.plugins at run time, without build dependencies."""
    if sys.version_info < (3, 10):
        pytest.skip("sys.stdlib_module_names is Python 3.10+")
    code = (
        "import sys; before = set(sys.modules); import ec_buildext.plugins; "
        "new = {m.split('.')[0] for m in set(sys.modules) - before}; "
        "print(sorted(new - set(sys.stdlib_module_names) - {'ec_buildext'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
