#!/usr/bin/env bash
# The main job in one command: set up .venv and build a real Arm64EC wheel from
# sample_projects/cmake_ctypes with pip, exactly as a user's pip would (build
# isolation, build requirements from an index), on the embedded LLVM.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_env.sh
ensure_venv llvm,inspect

echo "==> building ec-buildext itself into dist/ (the sample's build requirement)"
rm -rf dist && mkdir -p dist
.venv/bin/python -m pip wheel -q --no-deps . -w dist

echo "==> pip wheel sample_projects/cmake_ctypes (arch = \"arm64ec\" in its pyproject.toml)"
.venv/bin/python -m pip wheel -v --find-links dist sample_projects/cmake_ctypes -w dist 2>&1 \
  | grep -E "ec-buildext: |Linking|Successfully|ERROR|error" || true
wheel=$(ls dist/ecsample-*-win_arm64ec.whl)
echo "==> $wheel"
.venv/bin/python -m zipfile -l "$wheel"
echo "==> what is inside, read back with LIEF: ec-buildext inspect / audit"
.venv/bin/ec-buildext inspect "$wheel"
.venv/bin/ec-buildext audit "$wheel"
