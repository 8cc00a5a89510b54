"""The AVX-512 call sites of the ISA battery (softintrin_isa_battery.py), one group per
AVX-512 subset.

Every function softintrin's ``__ec_avx512.h`` defines is called: its prototype (read from
the preprocessed header, where the families' macros are expanded) gives the arguments:
the record's vectors, masks and scalars, small count vectors for the per-element shifts,
unaligned addresses for the unaligned loads and stores, and every immediate of a list
chosen by what the intrinsic does.  The few intrinsics that are macros have their sites
written out here.  A site's group is the clang header that defines its intrinsic: that
header says which CPU flag the real instruction needs.
"""

from __future__ import annotations

import functools
import re
import tempfile
from pathlib import Path

from .commands import run
from .llvm import DEBIAN_LLVM
from .softintrin_isa_battery import SOFTINTRIN, Group

CLANG = DEBIAN_LLVM / "bin" / "clang"
CLANG_HEADERS = DEBIAN_LLVM / "lib/clang/22/include"

#: clang header -> (group, /proc/cpuinfo flag, clang target features).
SUBSETS = {
    "avx512fintrin.h": ("avx512f", "avx512f", "avx512f"),
    "avx512bwintrin.h": ("avx512bw", "avx512bw", "avx512f,avx512bw"),
    "avx512dqintrin.h": ("avx512dq", "avx512dq", "avx512f,avx512dq"),
    "avx512cdintrin.h": ("avx512cd", "avx512cd", "avx512f,avx512cd"),
    "avx512vbmiintrin.h": ("avx512vbmi", "avx512vbmi", "avx512f,avx512bw,avx512vbmi"),
    "avx512vbmi2intrin.h": ("avx512vbmi2", "avx512_vbmi2", "avx512f,avx512bw,avx512vbmi2"),
    "avx512bitalgintrin.h": ("avx512bitalg", "avx512_bitalg", "avx512f,avx512bw,avx512bitalg"),
    "avx512vpopcntdqintrin.h": ("avx512vpopcntdq", "avx512_vpopcntdq", "avx512f,avx512vpopcntdq"),
}

_SHIFTS = "0 1 7 15 16 17 31 32 33 63 64 65 255 256"
_SHUFFLES = "0 0x1b 0xe4 0x4e 0xff 0x93 0x31 0xb1"
#: Immediates by intrinsic (the first pattern that matches its name).
_IMMEDIATES = [
    (r"_kshift", "0 1 7 8 15 16 31 32 63 64 255"),
    (r"bslli|bsrli", "0 1 7 15 16 17 255"),
    (r"rol|ror", "0 1 7 31 32 33 63 64 65 255"),
    (r"sll|srl|sra", _SHIFTS),
    (r"alignr_epi8", "0 1 5 15 16 17 31 32 255"),
    (r"alignr", "0 1 5 7 8 15 16 17"),
    (r"cmp_p[sd]", " ".join(str(i) for i in range(32))),
    (r"cmp_ep", "0 1 2 3 4 5 6 7"),
    (r"extract|insert", "0 1 2 3"),
    (r"shuffle|permutex_", _SHUFFLES),
]

#: The intrinsics that are macros, and the masked forms softintrin writes as macros.
MACRO_SITES = """
Z _mm512_ternarylogic_epi32(za, zb, zc, {}) | 0 1 0x96 0xe8 0xca 0xfe 0x80 0x5a 0xff 0x3c
Z _mm512_ternarylogic_epi64(za, zb, zc, {}) | 0 0x96 0xd2 0xff
Z _mm512_mask_ternarylogic_epi32(za, k16, zb, zc, {}) | 0x96 0xe8 0x01
Z _mm512_maskz_ternarylogic_epi32(k16, za, zb, zc, {}) | 0x96 0xe8 0x01
Z _mm512_mask_ternarylogic_epi64(za, k8, zb, zc, {}) | 0x96 0xe8 0x01
Z _mm512_maskz_ternarylogic_epi64(k8, za, zb, zc, {}) | 0x96 0xe8 0x01
Z _mm512_mask_alignr_epi8(zc, k64, za, zb, {}) | 0 5 16 17 32
Z _mm512_maskz_alignr_epi8(k64, za, zb, {}) | 0 5 16 17 32
Z _mm512_mask_alignr_epi32(zc, k16, za, zb, {}) | 0 5 15
Z _mm512_maskz_alignr_epi32(k16, za, zb, {}) | 0 5 15
Z _mm512_mask_alignr_epi64(zc, k8, za, zb, {}) | 0 3 7
Z _mm512_maskz_alignr_epi64(k8, za, zb, {}) | 0 3 7
Z _mm512_mask_shuffle_i32x4(zc, k16, za, zb, {}) | 0 0x1b 0xb1
Z _mm512_maskz_shuffle_i32x4(k16, za, zb, {}) | 0 0x1b 0xb1
Z _mm512_mask_shuffle_i64x2(zc, k8, za, zb, {}) | 0 0x1b 0xb1
Z _mm512_maskz_shuffle_i64x2(k8, za, zb, {}) | 0 0x1b 0xb1
Z _mm512_shuffle_epi32(za, (_MM_PERM_ENUM)_MM_PERM_CDAB)
"""

#: The names AVX-512 intrinsics have (the 512-bit vectors' and the mask registers').
AVX512_NAME = (
    r"_mm512_|_k(and|or|xor|xnor|not|add|shift|test|ortest)|_cvtmask|_cvtu(32|64)_mask"
    r"|_(load|store)_mask"
)

_KINDS = {
    "__m512i": "Z",
    "__m512": "P",
    "__m512d": "D",
    "__m128i": "I",
    "__m128": "I",
    "__m128d": "I",
    "int": "i",
    "float": "f",
    "double": "d",
    "void": "M",
}
_WIDTH = {"8": "epi8", "16": "epi16", "32": "epi32", "64": "epi64"}


def prototypes() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(return type, name, [(type, parameter)]) of each function __ec_avx512.h defines."""
    source = (
        "#include <stddef.h>\nvoid *_aligned_malloc(size_t, size_t);\n"
        "void _aligned_free(void *);\n#include <immintrin.h>\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "all.c"
        path.write_text(source)
        text = run([str(CLANG), "-E", "-P", "-I", str(SOFTINTRIN), str(path)]).stdout
    head = r"static __inline__ __attribute__\(\(__always_inline__, __nodebug__\)\) "
    out = []
    for ret, name, params in re.findall(head + r"([\w ]+?) (\w+)\(([^)]*)\)", text):
        if not re.match(AVX512_NAME, name):
            continue
        args = [] if params.strip() == "void" else [p.strip() for p in params.split(",")]
        split = [re.fullmatch(r"(.*?)\s*\b(\w+)", a) for a in args]
        out.append((ret, name, [(m[1], m[2]) for m in split if m]))
    return out


def _count_vector(name: str) -> str:
    """Small counts (0..127) for the per-element shifts: within and past the width."""
    width = re.search(r"epi(16|32|64)", name)
    bits = int(width[1]) if width else 32
    return f"_mm512_srli_epi{bits}(zb, {bits - 7})"


def _argument(name: str, ctype: str, param: str, used: dict[str, int]) -> str:
    order = used.setdefault(ctype, 0)
    used[ctype] += 1
    if ctype == "__m512i":
        if param == "count":
            return _count_vector(name)
        return ["za", "zb", "zc"][order]
    if ctype in ("__m512", "__m512d"):
        return ["pa", "pb", "pc"][order] if ctype == "__m512" else ["da", "db", "dc"][order]
    if ctype == "__m128i":
        return "_mm_set_epi64x(s64, cnt)" if param == "count" else ["ia", "ib"][order]
    if ctype in ("__m128", "__m128d"):
        return f"({ctype})ia"
    if ctype.startswith("__mmask") and ctype.endswith("*"):
        return f"({ctype})scratch" if "store" in name else f"({ctype})&k"
    if ctype.startswith("__mmask"):
        return f"k{ctype[7:]}"
    if ctype in ("int", "unsigned int") and not re.search(r"set|_cvtu32|int2mask", name):
        return "{}"  # every int operand of these intrinsics is an immediate
    if ctype == "void const *":
        return "mem + 3" if "loadu" in name else "mem"
    if ctype == "void *":
        return "scratch + 1" if "storeu" in name else "scratch"
    scalars = {"char": "(char)s32", "short": "(short)s32", "int": "s32", "long long": "s64"}
    scalars |= {
        "unsigned int": "(unsigned int)s32",
        "unsigned long long": "(unsigned long long)s64",
    }
    scalars |= {"float": "(float)s32", "double": "(double)s64"}
    if ctype in scalars:
        # Elements of a set: the scalar first, then constants that differ per element.
        return scalars[ctype] if order == 0 else f"({ctype})({order} * 0x01030507 - {order})"
    raise ValueError(f"no argument for {ctype} {param} of {name}")


def _site(ret: str, name: str, params: list[tuple[str, str]]) -> str:
    if any(ctype == "unsigned char *" for ctype, _ in params):  # the _ktest/_kortest pairs
        return f"i unsigned char o = 0; int z = {name}(k16, k8, &o); z * 2 + o".replace(
            "k16, k8", ", ".join(f"k{c[7:]}" for c, _ in params[:2])
        )
    used: dict[str, int] = {}
    args = ", ".join(_argument(name, ctype, param, used) for ctype, param in params)
    call = f"{name}({args})"
    widening = re.fullmatch(r"_mm512_cast(si|ps|pd)128_\w+", name)
    if widening:  # the upper elements are undefined: only the low 128 bits are compared
        back = {"si": "castsi512_si128", "ps": "castps512_ps128", "pd": "castpd512_pd128"}
        call = f"_mm512_{back[widening[1]]}({call})"
        ret = {"si": "__m128i", "ps": "__m128", "pd": "__m128d"}[widening[1]]
    kind = _KINDS.get(ret, "k" if ret.startswith(("__mmask", "unsigned")) else "l")
    if kind == "k":
        call = f"(unsigned long long){call}"
    elif kind == "I" and ret != "__m128i":
        call = f"(__m128i){call}"
    elif kind == "l":
        call = f"(long long){call}"
    line = f"{kind} {call}"
    if "{}" in args:
        imms = next(values for pattern, values in _IMMEDIATES if re.search(pattern, name))
        line += f" | {imms}"
    if kind in "PD" and re.search(r"_(add|sub|mul|div|sqrt|fn?m(add|sub))_p", name):
        line += " !nan"  # which NaN float arithmetic gives is not modelled
    return line


@functools.cache
def clang_names(header: str) -> frozenset[str]:
    """The intrinsics (functions and function-like macros) one of clang's headers
    defines."""
    text = (CLANG_HEADERS / header).read_text()
    names = set(re.findall(r"^#define (_mm\w*|_k\w+|_cvt\w+|_load_mask\w+|_store_mask\w+)\b",
                           text, re.M))  # fmt: skip
    names |= set(
        re.findall(
            r"\b(_mm\w*|_k\w+|_cvt\w+|_load_mask\w+|_store_mask\w+)\s*\([^;{()]*\)\s*\{", text
        )
    )
    return frozenset(names)


def _subset_of(code: str) -> str:
    name = re.search(r"\b(_mm512_\w+|_k\w+|_cvt\w+|_load_mask\w+|_store_mask\w+)\(", code)
    assert name, code
    for header in SUBSETS:
        if name[1] in clang_names(header):
            return header
    raise ValueError(f"{name[1]} is in none of clang's AVX-512 headers {sorted(SUBSETS)}")


def groups() -> list[Group]:
    """The AVX-512 groups: every function of __ec_avx512.h and the macro sites."""
    if not CLANG.is_file() or not Path(CLANG_HEADERS).is_dir():
        return []
    lines = [_site(*p) for p in prototypes()] + MACRO_SITES.strip().splitlines()
    by_header: dict[str, list[str]] = {h: [] for h in SUBSETS}
    for line in lines:
        by_header[_subset_of(line)].append(line)
    return [
        Group(group, frozenset({flag}), target, "\n".join(by_header[header]), wide=True)
        for header, (group, flag, target) in SUBSETS.items()
        if by_header[header]
    ]
