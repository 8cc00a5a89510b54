"""Answers computed here, independently of the code under test."""

from __future__ import annotations

import struct


def murmur3_32(data: bytes, seed: int = 0) -> int:
    """MurmurHash3_x86_32 (Austin Appleby's public-domain algorithm) as a signed int,
    as mmh3.hash returns it."""
    mask = 0xFFFFFFFF
    c1, c2 = 0xCC9E2D51, 0x1B873593
    h = seed & mask

    def rotl(x: int, r: int) -> int:
        return ((x << r) | (x >> (32 - r))) & mask

    tail_start = len(data) - len(data) % 4
    for (k,) in struct.iter_unpack("<I", data[:tail_start]):
        k = rotl((k * c1) & mask, 15) * c2 & mask
        h = (rotl(h ^ k, 13) * 5 + 0xE6546B64) & mask
    k = int.from_bytes(data[tail_start:], "little")  # the tail (0 when there is none)
    h ^= rotl((k * c1) & mask, 15) * c2 & mask
    h ^= len(data)
    for shift, mult in ((16, 0x85EBCA6B), (13, 0xC2B2AE35)):
        h = ((h ^ (h >> shift)) * mult) & mask
    h ^= h >> 16
    return h - (1 << 32) if h & 0x80000000 else h
