"""The samples' real code, run in an emulator in every view, against Python's answers.

This proves more than the readers can: the CRT-less runtime support works when
executed (#__chkstk_arm64ec / __chkstk / ___chkstk_ms probing a 16 KiB frame,
__icall_helper_arm64ec routing Arm64EC import calls), and each view of an
Arm64X DLL computes what it should.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from ..support.cmake_builds import cmake_build_for
from ..support.emulate import DATA, Machine, call, read_c_string
from ..support.paths import SAMPLES

# Builds the samples with CMake first: not in the quick loop (-m "not slow").
pytestmark = pytest.mark.slow

TEXT = b"the quick brown fox jumps over the lazy dog, twice: the quick brown fox\0"


def c_imports(called: list[str]) -> dict:
    """The C library functions the samples import, in Python; ``called`` records calls.
    malloc hands out the upper half of the data page, so results can be read back."""
    heap = [DATA + 2048]

    def record(name: str, impl):  # type: ignore[no-untyped-def]
        def run(m: Machine, a: list[int]) -> int:
            called.append(name)
            return impl(m, a)

        return run

    def memset(m: Machine, a: list[int]) -> int:
        m.write(a[0], bytes([a[1] & 0xFF]) * a[2])
        return a[0]

    def memcpy(m: Machine, a: list[int]) -> int:
        m.write(a[0], m.read(a[1], a[2]))
        return a[0]

    def malloc(m: Machine, a: list[int]) -> int:
        address, heap[0] = heap[0], heap[0] + ((a[0] + 15) & ~15)
        return address

    impls = {
        "memset": memset,
        "memcpy": memcpy,
        "malloc": malloc,
        "free": lambda m, a: 0,
        "strlen": lambda m, a: len(m.c_string(a[0])),
    }
    return {name: record(name, impl) for name, impl in impls.items()}


@pytest.fixture(scope="module")
def dlls(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("emulated")
    out = {}
    for arch, sample, dll in (
        ("arm64ec", "cmake_ctypes", "ecsample_native.dll"),
        ("arm64", "cmake_ctypes", "ecsample_native.dll"),
        ("x64", "cmake_ctypes", "ecsample_native.dll"),
        ("arm64x", "cmake_arm64x", "ecx.dll"),
    ):
        cmake_build_for(arch, SAMPLES / sample, work / arch)
        out[arch] = work / arch / dll
    return out


@pytest.mark.parametrize("arch", ["arm64ec", "arm64", "x64"])
def test_ctypes_sample_runs_in_its_view(arch: str, dlls: dict[str, Path], cache_dir: Path) -> None:
    dll, view = dlls[arch], arch
    data = TEXT + b"\0" * (4096 - len(TEXT))
    n = len(TEXT) - 1
    adler, _ = call(dll, "ecs_adler32", view, [DATA, n], data)
    assert adler == zlib.adler32(TEXT[:-1])
    # A 16 KiB frame: the runtime support's stack probe runs first.
    called: list[str] = []
    distinct, _ = call(dll, "ecs_distinct_bytes", view, [DATA, n], data, c_imports(called))
    assert distinct == len(set(TEXT[:-1]))
    # strlen and malloc through the import table (Arm64EC: the auxiliary IAT and
    # __icall_helper_arm64ec), the string reversed into what malloc returned.
    called.clear()
    pointer, memory = call(dll, "ecs_reversed", view, [DATA], data, c_imports(called))
    assert {"strlen", "malloc"} <= set(called)
    offset = pointer - DATA
    assert memory[offset : offset + n] == TEXT[:-1][::-1]
    compiled_for, _ = call(dll, "ecs_compiled_for", view, [])
    assert read_c_string(dll, compiled_for) == arch


@pytest.mark.parametrize("view", ["arm64", "arm64ec"])
def test_each_view_of_the_arm64x_sample_computes_the_same(
    view: str, dlls: dict[str, Path], cache_dir: Path
) -> None:
    dll = dlls["arm64x"]
    data = TEXT + b"\0" * (4096 - len(TEXT))
    crc, _ = call(dll, "ecx_crc32", view, [DATA, len(TEXT) - 1], data)
    assert crc == zlib.crc32(TEXT[:-1])
    words, _ = call(dll, "ecx_word_count", view, [DATA], data)
    assert words == len(TEXT[:-1].split())
    name, _ = call(dll, "ecx_view", view, [])
    assert read_c_string(dll, name) == view
