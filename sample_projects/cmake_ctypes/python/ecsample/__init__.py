"""ecsample: Python wrappers over a C library loaded with ctypes."""

from __future__ import annotations

import ctypes
from pathlib import Path

_lib = ctypes.CDLL(str(Path(__file__).with_name("ecsample_native.dll")))
_lib.ecs_adler32.restype = ctypes.c_uint32
_lib.ecs_adler32.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
_lib.ecs_reversed.restype = ctypes.c_void_p
_lib.ecs_reversed.argtypes = [ctypes.c_char_p]
_lib.ecs_free.argtypes = [ctypes.c_void_p]
_lib.ecs_distinct_bytes.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
_lib.ecs_compiled_for.restype = ctypes.c_char_p


def adler32(data: bytes) -> int:
    return _lib.ecs_adler32(data, len(data))


def reversed_text(text: str) -> str:
    ptr = _lib.ecs_reversed(text.encode())
    try:
        return ctypes.string_at(ptr).decode()
    finally:
        _lib.ecs_free(ptr)


def distinct_bytes(data: bytes) -> int:
    return _lib.ecs_distinct_bytes(data, len(data))


def compiled_for() -> str:
    return _lib.ecs_compiled_for().decode()
