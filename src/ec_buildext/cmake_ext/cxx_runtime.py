"""The C++ runtime of a CRT-less CMake build, asked for at configure time.

A toolchain file is written before CMake knows the project's languages and targets;
the configure of a project that compiles C++ runs
``python -m ec_buildext.cmake_ext.cxx_runtime --arch ARCH --llvm JSON --output FILE``
(``templates/cxx-runtime.cmake.in``), which builds the library of each view on the
machine's first use (minutes) and writes ``<view>=<path>`` lines.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Optional

from ..arch import get_arch
from ..cache import write_text_atomic
from ..errors import UserError
from ..toolchains.crtless import cxx_runtime_library, cxx_runtime_unavailable
from ..toolchains.llvm import LlvmToolchain
from .text import cmake_path

__all__ = ["llvm_json", "main"]


def llvm_json(llvm: LlvmToolchain) -> str:
    """``llvm`` as the configure passes it back (the LLVM the toolchain file names)."""
    return json.dumps(
        {
            "origin": llvm.origin,
            "tools": {name: str(path) for name, path in llvm.tools.items()},
            "version": list(llvm.version),
            "direct": {name: list(words) for name, words in llvm.direct.items()},
        }
    )


def _llvm_of(text: str) -> LlvmToolchain:
    data = json.loads(text)
    major, minor, patch = data["version"]
    return LlvmToolchain(
        data["origin"],
        {name: Path(path) for name, path in data["tools"].items()},
        (major, minor, patch),
        {name: tuple(words) for name, words in data["direct"].items()},
    )


def _libraries(arch_name: str, llvm: LlvmToolchain) -> list[str]:
    """``<view>=<path>`` per view; none (with a note saying why) where this LLVM cannot
    build the runtime: a C++ link then says what is missing."""
    problem = cxx_runtime_unavailable(llvm)
    if problem:
        print(f"ec-buildext: no C++ runtime: {problem}", file=sys.stderr)
        return []
    arch = get_arch(arch_name)
    return [f"{v.name}={cmake_path(cxx_runtime_library(llvm, v))}" for v in arch.views]


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ec_buildext.cmake_ext.cxx_runtime")
    parser.add_argument("--arch", required=True)
    parser.add_argument("--llvm", required=True, help="the LLVM, as llvm_json() writes it")
    parser.add_argument("--output", required=True, help="file for the <view>=<path> lines")
    args = parser.parse_args(argv)
    try:
        lines = _libraries(args.arch, _llvm_of(args.llvm))
    except UserError as e:
        print(f"ec-buildext: {e}", file=sys.stderr)
        return 1
    write_text_atomic(Path(args.output), "".join(f"{line}\n" for line in lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
