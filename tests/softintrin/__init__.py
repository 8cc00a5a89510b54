"""softintrin: x86 intrinsics and CPU queries for Arm64EC code, against the real CPU."""
