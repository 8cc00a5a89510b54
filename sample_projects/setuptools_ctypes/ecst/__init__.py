"""ecst: C routines built by setuptools, loaded with ctypes."""

from __future__ import annotations

import ctypes
import importlib.machinery
from pathlib import Path


def _load() -> ctypes.CDLL:
    here = Path(__file__).parent
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        candidate = here / f"_native{suffix}"
        if candidate.exists():
            return ctypes.CDLL(str(candidate))
    raise ImportError("ecst: the _native library for this Python is not installed")


_lib = _load()
_lib.ecst_adler32.restype = ctypes.c_uint32
_lib.ecst_crc32.restype = ctypes.c_uint32
_lib.ecst_fnv1a.restype = ctypes.c_uint64
_lib.ecst_version.restype = ctypes.c_char_p


def adler32(data: bytes) -> int:
    return _lib.ecst_adler32(data, len(data))


def crc32(data: bytes) -> int:
    return _lib.ecst_crc32(data, len(data))


def version() -> str:
    return _lib.ecst_version().decode()
