"""Where the repository's inputs are, wherever a test module sits."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLES = ROOT / "sample_projects"
#: The tests' own projects and inputs (tests/data).
TEST_DATA = ROOT / "tests" / "data"
#: What sample_projects/cmake_ctypes exports, sorted.
SAMPLE_EXPORTS = [
    "ecs_adler32",
    "ecs_compiled_for",
    "ecs_distinct_bytes",
    "ecs_free",
    "ecs_reversed",
]
