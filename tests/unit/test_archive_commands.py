"""Static-library (archive) commands of an Arm64X build, for lib.exe and llvm-lib.

[lib]: Microsoft, "Overview of LIB" / "Build Arm64X binaries": ``lib /MACHINE:ARM64X``
makes an Arm64X archive holding ARM64 and Arm64EC objects (llvm-lib accepts the same
option, ARM64EC.md section 3). CMake writes ``/machine:ARM64EC`` for the configured
Arm64EC target; the archive step replaces it and adds each object's native sidecar.
"""

from __future__ import annotations

import pytest

from ec_buildext.hybrid import hybrid_archive_command


@pytest.mark.parametrize("tool", ["lib.exe", "llvm-lib"])
def test_arm64x_archive(tool: str) -> None:
    argv = [tool, "/nologo", "/machine:ARM64EC", "/out:t.lib", "a.c.obj", "b.c.obj"]

    def compiled(path: str) -> bool:  # only a.c had a native compile (b.c: EC-only)
        return path == "a.c.arm64.obj"

    assert hybrid_archive_command(argv, compiled, machine="ARM64X") == [
        tool,
        "/nologo",
        "/out:t.lib",
        "a.c.obj",
        "a.c.arm64.obj",
        "b.c.obj",
        "/machine:ARM64X",
    ]


def test_machine_option_in_any_spelling_is_replaced() -> None:
    # [lib]: options are case-insensitive and take / or -: one /machine: remains.
    argv = ["llvm-lib", "-MACHINE:arm64ec", "/out:t.lib", "a.obj"]
    assert hybrid_archive_command(argv, lambda p: False, machine="ARM64X") == [
        "llvm-lib",
        "/out:t.lib",
        "a.obj",
        "/machine:ARM64X",
    ]
