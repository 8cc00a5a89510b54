"""Real PyPI projects that need the C or C++ runtime, built unchanged but for
[build-system], as Arm64EC and Arm64X with no SDK.

brotli (C) needed only ``snprintf``; ujson is C with a C++ library (double-conversion);
libsvm-official is C++ loaded with ctypes; pycryptodome builds despite its x86 paths.
Levenshtein (Cython C++ through scikit-build-core) takes rapidfuzz's SSE2 path by the
x64 macros Arm64EC defines, as with MSVC, whose softintrin emulates it; ec-buildext's
softintrin headers do that for clang. zstandard takes SSE2 the same way in C, after its
setup.py preprocessed zstd.h for cffi with the compiler object, detects the CPU on its
_MSC_VER path (the Arm64EC view takes MSVC's paths), and then stops at x86 assembly it
keeps for __GNUC__ (its x64 build, C and cffi backends, runs in Windows CPython under
Wine). crc32c's x64 build keeps its GNU paths and runs under Wine; rapidfuzz (C++,
scikit-build-core) builds as Arm64EC on its _MSC_VER paths; xxhash builds as Arm64EC
with its AVX2 and AVX-512 dispatch variants (softintrin) and its x64 build runs.
The build interpreter is CPython 3.13 (the synthesized target CPython is the
build's own); the runtimes come from the tests' persistent cache.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ..support import wine
from ..support.commands import ec, run
from ..support.pe import read_pe
from ..support.pypi_projects import CMAKE, SETUPTOOLS, build_sdist
from ..support.wine import Wine, windows_path

pytestmark = pytest.mark.slow
SYSTEM_DLLS = {"ucrtbase.dll", "kernel32.dll", "python313.dll"}


@pytest.fixture(scope="session")
def py313_build_deps(py313: Path) -> Path:
    """CPython 3.13 with what the projects' own builds import (no build isolation)."""
    deps = ["setuptools>=80", "setuptools-scm[simple]>=9.2", "cffi", "packaging", "Cython"]
    run([str(py313), "-m", "pip", "install", "-q", *deps])
    return py313


def assert_system_imports_only(tmp_path: Path, readobj_tool: str) -> list[str]:
    """Every binary of the one wheel built imports only system DLLs (both views)."""
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as z:
        members = [n for n in z.namelist() if n.endswith((".pyd", ".dll"))]
        z.extractall(tmp_path / "x")
    assert members
    for member in members:
        main, ec_view = read_pe(readobj_tool, tmp_path / "x" / member).views()
        for view in [main] + ([ec_view] if ec_view is not None else []):
            assert {d.lower() for d in view.imported_dlls} <= SYSTEM_DLLS, member
    return members


PROJECTS = [
    ("brotli", "1.1.0", SETUPTOOLS),
    ("ujson", "6.1.0", SETUPTOOLS),
    ("libsvm-official", "3.37.0", SETUPTOOLS),
]


@pytest.mark.parametrize("arch", ["arm64ec", "arm64x"])
@pytest.mark.parametrize(("name", "version", "backend"), PROJECTS, ids=[p[0] for p in PROJECTS])
def test_project_builds(
    name: str,
    version: str,
    backend: str,
    arch: str,
    tmp_path: Path,
    py313_build_deps: Path,
    readobj_tool: str,
) -> None:
    proc = build_sdist(py313_build_deps, name, version, backend, arch, tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert_system_imports_only(tmp_path, readobj_tool)


def test_pycryptodome_builds(tmp_path: Path, py313_build_deps: Path, readobj_tool: str) -> None:
    # x86 paths chosen by the x64 macros Arm64EC defines: none reaches this build.
    proc = build_sdist(py313_build_deps, "pycryptodome", "4.4.0", SETUPTOOLS, "arm64ec", tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert_system_imports_only(tmp_path, readobj_tool)


@pytest.mark.parametrize("arch", ["arm64ec", "arm64x"])
def test_levenshtein_takes_sse2_as_msvc_would(
    arch: str, tmp_path: Path, py313_build_deps: Path, readobj_tool: str
) -> None:
    # rapidfuzz-cpp picks SSE2 by _M_AMD64/_M_X64, which Arm64EC defines (as MSVC does,
    # whose softintrin emulates SSE2): ec-buildext's softintrin headers compile it for
    # the EC view; Arm64X's native view takes rapidfuzz's portable path.
    proc = build_sdist(py313_build_deps, "levenshtein", "0.27.5", CMAKE, arch, tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    members = assert_system_imports_only(tmp_path, readobj_tool)
    assert any("levenshtein_cpp" in m for m in members), members
    # Loadable where the tag promises, PyInit_ with its entry thunk (every view).
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    audit = ec("audit", "--strict", str(wheel), check=False)
    assert audit.returncode == 0, audit.stdout + audit.stderr


#: diagnose.py's paragraph after an Arm64EC compile that met x86 code (its first words
#: and its last).
X86_PARAGRAPH = (
    "c-ext/backend_c.c reached x86 code (AVX intrinsics, x86 assembly or __cpuid) in an "
    "arm64ec compile: ec-buildext emulates SSE to SSE4.2 intrinsics in Arm64EC code",
    "or build on Windows with MSVC.",
)


@pytest.mark.parametrize("arch", ["arm64ec", "arm64x"])
def test_zstandard_stops_at_x86_assembly_with_the_x86_paragraph(
    arch: str, tmp_path: Path, py313_build_deps: Path
) -> None:
    # setup.py runs: make_cffi.py preprocessed zstd.h with the compiler's preprocessor.
    # Then zstd.c (included by backend_c.c) defines ZSTD_ARCH_X86_SSE2 by _M_X64, which
    # Arm64EC defines, and includes <emmintrin.h>: softintrin compiles that, and its CPU
    # detection takes the _MSC_VER path (__cpuid, softintrin's), not x86 assembly; but
    # ZSTD_selectAddr has x86 assembly for __GNUC__ && __x86_64__, both of which the EC
    # view defines (mingw-w64's headers need them): the EC compile fails there (Arm64X's
    # native view, on the NEON path, compiles), and the failure ends with the paragraph.
    proc = build_sdist(py313_build_deps, "zstandard", "0.25.0", SETUPTOOLS, arch, tmp_path)
    assert proc.returncode != 0
    # pip shows a failed build's output on standard error.
    lines = [line.strip() for line in proc.stderr.splitlines()]
    assert "ec-buildext: zstandard.backend_c: " in proc.stderr  # past setup.py, make_cffi.py
    failed = lines.index("error: compiling c-ext/backend_c.c (arm64ec) failed:")
    (paragraph,) = [i for i, line in enumerate(lines) if "reached x86 code" in line]
    errors = lines[failed:paragraph]
    assert any(
        line.startswith("zstd/zstd.c(19790,10): error: unrecognized instruction mnemonic")
        for line in errors
    )
    assert not any("invalid output constraint" in line for line in errors)  # cpuid: __cpuid
    assert not any("emmintrin.h" in line for line in errors)  # SSE2: softintrin's
    assert lines[paragraph].startswith(X86_PARAGRAPH[0])
    assert lines[paragraph].endswith(X86_PARAGRAPH[1])
    assert "test _M_ARM64EC first" in lines[paragraph]
    # The paragraph ends the build's output: pip's own lines follow.
    assert lines[paragraph + 1] == "error: subprocess-exited-with-error"
    assert not list((tmp_path / "dist").glob("*.whl"))


def windows_wheel(name: str, version: str) -> Path:
    """A project's win_amd64 wheel for CPython 3.13 from the index, kept in the tests'
    cache."""
    dest = wine.tests_cache() / "win-wheels"
    dest.mkdir(parents=True, exist_ok=True)
    pattern = f"{name}-{version}-cp313-cp313-win_amd64.whl"
    if not list(dest.glob(pattern)):
        argv = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary"]
        argv += [":all:", "--platform", "win_amd64", "--python-version", "3.13"]
        argv += [f"{name}=={version}", "-d", str(dest)]
        subprocess.run(argv, capture_output=True, check=False)
    found = list(dest.glob(pattern))
    if not found:
        pytest.skip(f"pip could not download {pattern}")
    return found[0]


def test_zstandard_x64_runs_both_backends_in_windows_cpython(
    tmp_path: Path,
    py313_build_deps: Path,
    readobj_tool: str,
    windows_cpython313: Path,
    wine_runner: Wine,
) -> None:
    # x64: the C backend and the cffi backend (its cdef preprocessed by the compiler's
    # preprocessor, zstd.c compiled and linked by the driver) both build; Windows
    # CPython runs them with cffi's own win_amd64 runtime (_cffi_backend), and Debian's
    # zstd reads what they compressed.
    zstd = shutil.which("zstd")
    if zstd is None:
        pytest.skip("Debian's zstd is not installed (scripts/test.sh installs it)")
    proc = build_sdist(py313_build_deps, "zstandard", "0.25.0", SETUPTOOLS, "x64", tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    members = assert_system_imports_only(tmp_path, readobj_tool)
    assert sorted(members) == [
        "zstandard/_cffi.cp313-win_amd64.pyd",
        "zstandard/backend_c.cp313-win_amd64.pyd",
    ]
    cffi_version = run([str(py313_build_deps), "-c", "import cffi; print(cffi.__version__)"])
    with zipfile.ZipFile(windows_wheel("cffi", cffi_version.stdout.strip())) as z:
        z.extractall(tmp_path / "x")
    payload = b"ec-buildext zstandard " * 2000
    (tmp_path / "payload.bin").write_bytes(payload)
    run([zstd, "-q", "-19", str(tmp_path / "payload.bin"), "-o", str(tmp_path / "cli.zst")])
    frames = {name: windows_path(tmp_path / f"{name}.zst") for name in ("c", "cffi")}
    code = f"""
import zstandard, zstandard.backend_c as c, zstandard.backend_cffi as f
payload = open({windows_path(tmp_path / "payload.bin")!r}, "rb").read()
cli = open({windows_path(tmp_path / "cli.zst")!r}, "rb").read()
frames = {frames!r}
print(zstandard.backend, c.ZSTD_VERSION, f.ZSTD_VERSION)
for name, backend in (("c", c), ("cffi", f)):
    frame = backend.ZstdCompressor(level=3).compress(payload)
    open(frames[name], "wb").write(frame)
    print(name, backend.ZstdDecompressor().decompress(cli) == payload, len(frame) < 1000)
"""
    lines = wine_runner.python(windows_cpython313, code, path=tmp_path / "x").stdout.splitlines()
    assert lines == ["cext (1, 5, 7) (1, 5, 7)", "c True True", "cffi True True"]
    for name in ("c", "cffi"):
        out = subprocess.run([zstd, "-d", "-c", str(tmp_path / f"{name}.zst")], capture_output=True)
        assert out.returncode == 0 and out.stdout == payload, name


def test_crc32c_x64_keeps_its_gnu_path_and_runs_in_windows_cpython(
    tmp_path: Path,
    py313_build_deps: Path,
    readobj_tool: str,
    windows_cpython313: Path,
    wine_runner: Wine,
) -> None:
    # x64 keeps the GNU paths (no _MSC_VER): crc32c's SSE4.2 code with GCC's builtins
    # and its <cpuid.h> probe compile for x64 and choose the hardware path on this CPU
    # under Wine; its _MSC_VER path would not compile with clang (common.h's uint32_t).
    proc = build_sdist(py313_build_deps, "crc32c", "2.9.post0", SETUPTOOLS, "x64", tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert assert_system_imports_only(tmp_path, readobj_tool) == [
        "crc32c/_crc32c.cp313-win_amd64.pyd"
    ]
    code = """
import crc32c
print(hex(crc32c.crc32c(b"123456789")), crc32c.hardware_based)
print(hex(crc32c.crc32c(b"\\x00" * 32)), hex(crc32c.crc32c(b"\\xff" * 32)))
"""
    lines = wine_runner.python(windows_cpython313, code, path=tmp_path / "x").stdout.splitlines()
    # The CRC-32C check value, and RFC 3720's (iSCSI) test vectors B.4: 32 bytes of
    # zeros and of ones.
    assert lines == ["0xe3069283 True", "0x8a9136aa 0x62a8ab43"]


def test_rapidfuzz_arm64ec_builds_on_its_msvc_paths(
    tmp_path: Path, py313_build_deps: Path, readobj_tool: str
) -> None:
    # C++ through scikit-build-core (its minimum-version reads build-system.requires, so
    # scikit-build-core stays listed there). The Arm64EC view takes MSVC's paths:
    # taskflow's tf::pause() calls _mm_pause() (softintrin's) under _MSC_VER, where its
    # GCC path called __builtin_ia32_pause and the project fell back to a pure wheel.
    proc = build_sdist(
        py313_build_deps,
        "rapidfuzz",
        "3.14.6",
        CMAKE,
        "arm64ec",
        tmp_path,
        requires=("scikit-build-core>=0.11",),
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    members = assert_system_imports_only(tmp_path, readobj_tool)
    names = sorted(m.rsplit("/", 1)[-1].split(".")[0] for m in members)
    assert names == [
        "_feature_detector_cpp",
        "_initialize_cpp",
        "fuzz_cpp",
        "fuzz_cpp_avx2",
        "metrics_cpp",
        "metrics_cpp_avx2",
        "process_cpp_impl",
        "utils_cpp",
    ]
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    assert wheel.name.endswith("-cp313-cp313-win_arm64ec.whl")
    audit = ec("audit", "--strict", str(wheel), check=False)
    assert audit.returncode == 0, audit.stdout + audit.stderr


def test_xxhash_arm64ec_builds_its_avx2_and_avx512_variants(
    tmp_path: Path, py313_build_deps: Path, readobj_tool: str
) -> None:
    # xxh_x86dispatch.c compiles the scalar, SSE2, AVX2 and AVX-512 variants of XXH3 and
    # picks one by __cpuidex/_xgetbv at run time: in the Arm64EC view (MSVC's paths)
    # softintrin emulates every one, and reports a CPU that chooses SSE2.
    proc = build_sdist(py313_build_deps, "xxhash", "4.1.0", SETUPTOOLS, "arm64ec", tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    (setup_py,) = (tmp_path / "src").glob("*/setup.py")
    assert "xxh_x86dispatch.c" in setup_py.read_text()  # added when the target is x86
    assert "_xxhash: 3 compiles for arm64ec" in proc.stderr + proc.stdout
    (member,) = assert_system_imports_only(tmp_path, readobj_tool)
    view = read_pe(readobj_tool, tmp_path / "x" / member)
    assert "COFF-ARM64EC" in view.text and view.exports == ["PyInit__xxhash"]


def test_xxhash_x64_dispatches_under_wine(
    tmp_path: Path,
    py313_build_deps: Path,
    readobj_tool: str,
    windows_cpython313: Path,
    wine_runner: Wine,
) -> None:
    proc = build_sdist(py313_build_deps, "xxhash", "4.1.0", SETUPTOOLS, "x64", tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert_system_imports_only(tmp_path, readobj_tool)
    code = """
import xxhash
print(xxhash.xxh32_hexdigest(b"abc"), xxhash.xxh64_hexdigest(b"abc"))
print(xxhash.xxh3_64_hexdigest(b"a" * 1000), xxhash.xxh3_64_hexdigest(bytes(range(256)) * 7))
"""
    lines = wine_runner.python(windows_cpython313, code, path=tmp_path / "x").stdout.splitlines()
    # XXH32 and XXH64 of "abc", seed 0: the values xxHash's own sanity checks list; XXH3
    # of 1000 and 1792 bytes (its long-input path, the dispatched one): what PyPI's
    # manylinux wheel of xxhash 4.1.0 gives on Linux.
    assert lines == ["32d153ff 44bc2cf5ad770999", "b3e7af627147db7c 405a3ca3de24204f"]


def test_cffi_arm64ec_links_its_bundled_libffi_with_x64_code(
    tmp_path: Path, py313_build_deps: Path, readobj_tool: str
) -> None:
    # On Windows cffi builds CPython's bundled libffi, found by a probe for _MSC_VER (the
    # Arm64EC view takes MSVC's paths), with its prebuilt x64 win64.obj (ffi_call_AMD64):
    # x64 code in the Arm64EC image, whose stack probe (x64 __chkstk) the Arm64EC C
    # runtime library holds; _cffi_errors.h's #pragma comment(lib, "user32.lib") is
    # followed (MessageBoxW).
    proc = build_sdist(py313_build_deps, "cffi", "2.1.1", SETUPTOOLS, "arm64ec", tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    pyd = tmp_path / "x" / "_cffi_backend.cp313-win_amd64.pyd"
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as z:
        z.extractall(tmp_path / "x")
    text = run([readobj_tool, "--coff-load-config", "--coff-imports", str(pyd)]).stdout
    code_map = text.split("CodeMap [", 1)[1].split("]", 1)[0]
    assert "ARM64EC" in code_map and "X64" in code_map
    assert "Name: USER32.dll" in text
    assert "OK" in ec("audit", "--strict", str(wheel)).stdout
