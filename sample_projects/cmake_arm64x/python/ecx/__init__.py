"""ecx: one Arm64X DLL serving native ARM64 and x64 (Arm64EC) Python, through ctypes."""

from __future__ import annotations

import ctypes
from pathlib import Path

_lib = ctypes.CDLL(str(Path(__file__).with_name("ecx.dll")))
_lib.ecx_crc32.restype = ctypes.c_uint32
_lib.ecx_crc32.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
_lib.ecx_mean_var.argtypes = [
    ctypes.POINTER(ctypes.c_double), ctypes.c_size_t,
    ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_double),
]
_lib.ecx_median.restype = ctypes.c_double
_lib.ecx_median.argtypes = [ctypes.POINTER(ctypes.c_double), ctypes.c_size_t]
_lib.ecx_word_count.argtypes = [ctypes.c_char_p]
_lib.ecx_view.restype = ctypes.c_char_p


def crc32(data: bytes) -> int:
    return _lib.ecx_crc32(data, len(data))


def mean_var(values: list[float]) -> tuple[float, float]:
    arr = (ctypes.c_double * len(values))(*values)
    mean, var = ctypes.c_double(), ctypes.c_double()
    if not _lib.ecx_mean_var(arr, len(values), ctypes.byref(mean), ctypes.byref(var)):
        raise ValueError("mean_var of no values")
    return mean.value, var.value


def median(values: list[float]) -> float:
    arr = (ctypes.c_double * len(values))(*values)
    return _lib.ecx_median(arr, len(values))


def word_count(text: str) -> int:
    return _lib.ecx_word_count(text.encode())


def view() -> str:
    """'arm64' in native ARM64 Python, 'arm64ec' in x64 Python: the same file."""
    return _lib.ecx_view().decode()
