#!/usr/bin/env bash
# The whole test suite in one command: system toolchains, .venv, lint, pytest.
# Extra arguments go to pytest (e.g. scripts/test.sh -k retag).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_env.sh
# Debian's LLVM 22: the second toolchain the tests build with, and llvm-readobj,
# the independent reader.  LLVM 19: too old for Arm64X.  LLVM 14: too old for
# Arm64EC, and the oldest LLVM the architecture table claims for plain x64.
# wine64: runs the real Windows CPython that imports modules built here (tests/support/wine.py).
# zstd: reads what the zstandard module built here compressed (test_runtime_projects.py).
ensure_apt_packages clang-22 lld-22 llvm-22 clang-19 lld-19 clang-14 lld-14 clang-tools-14 wine64 zstd
ensure_venv llvm,test
echo "==> ruff"
.venv/bin/ruff check src tests bench
.venv/bin/ruff format --check src tests bench
echo "==> mypy (strict, src/ec_buildext)"
.venv/bin/mypy
echo "==> pytest"
.venv/bin/python -m pytest "$@"
