"""A damaged cache is made again, not trusted: the runtime a CRT-less build links, the
LLVM version memo and the generated toolchain files (real builds, real LLVM)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from ec_buildext.cache import MANIFEST, entry_problem
from ec_buildext.toolchains.llvm import find_llvm

from ..support.commands import run
from ..support.llvm import find_tool
from ..support.paths import SAMPLES, TEST_DATA
from ..support.pe import read_pe

pytestmark = pytest.mark.slow


def _wheel_dll(project: Path, out: Path, cache: Path) -> tuple[bytes, str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(
        EC_BUILDEXT_LLVM_ROOT="ziglang",
        EC_BUILDEXT_CACHE_DIR=str(cache),
        EC_BUILDEXT_ARCH="arm64ec",
        EC_BUILDEXT_REPRODUCIBLE="true",
    )
    argv = [sys.executable, "-m", "build", "--wheel", "--no-isolation", str(project)]
    proc = run([*argv, "-o", str(out)], env=env)
    (wheel,) = out.glob("*.whl")
    with zipfile.ZipFile(wheel) as z:
        name = next(n for n in z.namelist() if n.endswith((".dll", ".pyd")))
        return z.read(name), proc.stdout + proc.stderr


def test_damaged_runtime_library_is_made_again(tmp_path: Path) -> None:
    """One flipped byte in the cached C runtime library: the next build says so, makes
    it again, and links the same DLL as a build from a clean cache."""
    cache = tmp_path / "cache"
    project = tmp_path / "project"
    shutil.copytree(SAMPLES / "setuptools_ctypes", project)
    clean, _ = _wheel_dll(project, tmp_path / "clean", cache)
    (crt_entry,) = cache.glob("crt-arm64ec-*")
    (library,) = crt_entry.glob("*.lib")
    data = bytearray(library.read_bytes())
    data[len(data) // 2] ^= 0x40
    library.write_bytes(bytes(data))
    assert entry_problem(crt_entry) == f"{library.name} is not the file that was written"
    again, log = _wheel_dll(project, tmp_path / "again", cache)
    assert f"cache entry {crt_entry} is damaged" in log
    assert entry_problem(crt_entry) is None
    assert again == clean


def test_damaged_runtime_object_is_made_again(tmp_path: Path) -> None:
    """A truncated runtime-support object (the load config and CHPE metadata) and a
    deleted import library: made again, not sent to lld."""
    cache = tmp_path / "cache"
    project = tmp_path / "project"
    shutil.copytree(SAMPLES / "setuptools_ctypes", project)
    clean, _ = _wheel_dll(project, tmp_path / "clean", cache)
    (entry,) = cache.glob("crtless-arm64ec-*")
    (entry / "runtime.obj").write_bytes((entry / "runtime.obj").read_bytes()[:64])
    (entry / "lib" / "kernel32.lib").unlink()
    again, log = _wheel_dll(project, tmp_path / "again", cache)
    assert f"cache entry {entry} is damaged" in log
    assert again == clean
    assert (entry / MANIFEST).is_file() and entry_problem(entry) is None


@pytest.mark.parametrize("garbage", ["22.x", "", "\x00\xff", "1.2.3.4"])
def test_garbage_version_memo_is_asked_again(
    garbage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EC_BUILDEXT_CACHE_DIR", str(tmp_path / "cache"))
    first = find_llvm("ziglang")
    (memo,) = (tmp_path / "cache" / "probes").iterdir()
    memo.write_text(garbage)
    again = find_llvm("ziglang")
    assert again.version == first.version
    assert memo.read_text() == first.version_text


def test_damaged_toolchain_file_is_written_again(tmp_path: Path) -> None:
    """The CMake toolchain file a build hands scikit-build-core is named by its content:
    one that no longer has that content is written again before CMake reads it."""
    cache = tmp_path / "cache"
    env = {**os.environ, "EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_CACHE_DIR": str(cache)}
    env["EC_BUILDEXT_ARCH"] = "arm64ec"
    project = tmp_path / "project"
    shutil.copytree(SAMPLES / "cmake_ctypes", project)
    argv = [sys.executable, "-m", "build", "--wheel", "--no-isolation", str(project)]
    run([*argv, "-o", str(tmp_path / "one")], env=env)
    (toolchain,) = (cache / "toolchains").glob("*.cmake")
    text = toolchain.read_text()
    toolchain.write_text(text.replace("arm64ec", "arm64", 1)[:-200])
    run([*argv, "-o", str(tmp_path / "two")], env=env)
    assert toolchain.read_text() == text


def _in_small_tmpfs(folder: Path, size: str, argv: list[str]) -> list[str]:
    """``argv`` run with a ``size`` tmpfs mounted on ``folder`` in a private mount
    namespace (root only: the disk of a build cache that fills up)."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("needs root and unshare to mount a small tmpfs privately")
    folder.mkdir(parents=True, exist_ok=True)
    mount = f'mount -t tmpfs -o size={size} none "$0" && exec "$@"'
    return ["unshare", "-m", "sh", "-c", mount, str(folder), *argv]


@pytest.mark.parametrize("size", ["64k", "400k", "3m"])
def test_full_cache_disk_is_named(size: str, tmp_path: Path) -> None:
    """Whatever the size at which the cache's disk fills, the build ends with
    `cannot write PATH: No space left on device`, neither a traceback nor a paragraph
    that blames the LLVM."""
    cache = tmp_path / "cache"
    project = tmp_path / "project"
    shutil.copytree(SAMPLES / "setuptools_ctypes", project)
    env = {**os.environ, "EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_CACHE_DIR": str(cache)}
    env["EC_BUILDEXT_ARCH"] = "arm64ec"
    argv = [sys.executable, "-m", "build", "--wheel", "--no-isolation", str(project)]
    proc = run(
        _in_small_tmpfs(cache, size, [*argv, "-o", str(tmp_path / "out")]), env=env, check=False
    )
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert f"cannot write {cache}/" in log and "No space left on device" in log, log[-3000:]
    assert "Traceback" not in log
    assert "LLVM" not in log.split("cannot write", 1)[1].split("\n\n", 1)[0]


def test_relative_cache_folder_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(SAMPLES / "cmake_ctypes", project)
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    env = {**os.environ, "EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_CACHE_DIR": "ec-cache"}
    env["EC_BUILDEXT_ARCH"] = "arm64ec"
    argv = [sys.executable, "-m", "build", "--wheel", "--no-isolation", str(project)]
    proc = run([*argv, "-o", str(tmp_path / "out")], env=env, check=False)
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "EC_BUILDEXT_CACHE_DIR is a relative path ('ec-cache')" in log
    assert "Traceback" not in log
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


#: A folder name with every character a POSIX shell treats specially in a path.
ODD = "we'ird $(HOME) `id` (x) & y"


def test_cache_path_with_shell_characters(tmp_path: Path) -> None:
    """Every command line keeps a cache path with quotes, $, backticks, parentheses and
    spaces as one word."""
    cache = tmp_path / ODD / "cache"
    project = tmp_path / "project"
    shutil.copytree(SAMPLES / "setuptools_ctypes", project)
    dll, log = _wheel_dll(project, tmp_path / "out", cache)
    assert dll[:2] == b"MZ" and "Traceback" not in log


def test_ziglang_in_a_venv_with_shell_characters(tmp_path: Path) -> None:
    """The wrapper scripts that run ziglang's LLVM from a venv whose path has quotes, $,
    backticks, parentheses and spaces run it."""
    from importlib.metadata import version

    venv = tmp_path / ODD / "venv"
    run([sys.executable, "-m", "venv", str(venv)])
    python = str(venv / "bin" / "python")
    run([python, "-m", "pip", "install", "-q", f"ziglang=={version('ziglang')}"])
    env = {**os.environ, "PYTHONPATH": str(Path(find_llvm.__code__.co_filename).parents[2])}
    env["EC_BUILDEXT_CACHE_DIR"] = str(tmp_path / "cache")
    ask = (
        "from ec_buildext.toolchains.llvm import find_llvm; print(find_llvm('ziglang').describe())"
    )
    described = run([python, "-c", ask], env=env).stdout
    assert "22." in described or "clang-cl" in described
    (wrappers,) = (tmp_path / "cache").glob("zig-llvm-*")
    for tool in ("clang-cl", "lld-link"):
        assert "22." in run([str(wrappers / tool), "--version"]).stdout


_BUILD_RUNTIME = """
import sys
from ec_buildext.arch import get_arch
from ec_buildext.toolchains.llvm import find_llvm, mingw_root
from ec_buildext.toolchains.{module} import {function}
root = mingw_root()
print({function}(find_llvm("ziglang"), get_arch(sys.argv[1]), {where}), flush=True)
"""
C_RUNTIME = _BUILD_RUNTIME.format(module="crt", function="c_runtime", where="root")
CXX_RUNTIME = _BUILD_RUNTIME.format(module="cxx", function="cxx_runtime", where="root.parent")


def _runtime_env(cache: Path) -> dict[str, str]:
    return {
        **os.environ,
        "EC_BUILDEXT_CACHE_DIR": str(cache),
        "PYTHONPATH": str(Path(find_llvm.__code__.co_filename).parents[2]),
    }


@pytest.mark.parametrize("arch", ["arm64ec", "x64"])
def test_runtime_archive_is_reproducible(arch: str, tmp_path: Path) -> None:
    """Two clean builds of the C runtime give the same bytes: members are named by the
    object alone, not the temporary folder it was compiled in."""
    archives = []
    for name in ("one", "two"):
        folder = run(
            [sys.executable, "-c", C_RUNTIME, arch], env=_runtime_env(tmp_path / name)
        ).stdout.strip()
        archives.append(Path(folder) / "ecrt.lib")
    assert archives[0].read_bytes() == archives[1].read_bytes()
    members = run([find_tool("llvm-ar"), "t", str(archives[0])]).stdout.split()
    assert members and all("/" not in m and "ecb-" not in m for m in members), members[:5]


def _our_compiles(marker: str) -> list[str]:
    """Processes still running whose command line names ``marker``."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            argv = (proc / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if proc.name.isdigit() and marker in argv and "clang" in argv:
            found.append(argv.replace("\0", " ")[:200])
    return found


def test_interrupted_runtime_build_stops_at_once(tmp_path: Path) -> None:
    """Ctrl-C (SIGINT) during the first C++ runtime build: the process ends within
    seconds, no compile is left running, the progress lines counted objects, and the
    next build starts again from nothing left behind."""
    cache = tmp_path / "cache"
    proc = subprocess.Popen(
        [sys.executable, "-c", CXX_RUNTIME, "arm64ec"],
        env=_runtime_env(cache),
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    lines = []
    for line in proc.stderr:  # wait for the first progress line
        lines.append(line)
        if " objects" in line:
            break
    proc.send_signal(signal.SIGINT)
    stopped = time.monotonic()
    _, rest = proc.communicate(timeout=60)
    took = time.monotonic() - stopped
    assert took < 10, f"went on for {took:.0f} s after Ctrl-C"
    assert "KeyboardInterrupt" in rest and proc.returncode != 0
    assert _our_compiles(str(cache)) == []
    assert "first time on this machine" in lines[0] and "sources" in lines[0]
    assert any(" of " in line and " objects" in line for line in lines)
    assert not list(cache.glob("cxx-*")), "no entry after an interrupted build"


#: ODD without '$', which CMake cannot pass through Ninja or Make in flags (refused).
ODD_FOR_CMAKE = ODD.replace("$", "")


def _cmake_wheel(
    sample: str, arch: str, cache: Path, out: Path
) -> subprocess.CompletedProcess[str]:
    project = out.parent / f"project-{sample}"
    shutil.copytree(SAMPLES / sample, project)
    env = {**os.environ, "EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_CACHE_DIR": str(cache)}
    env["EC_BUILDEXT_ARCH"] = arch
    argv = [sys.executable, "-m", "build", "--wheel", "--no-isolation", str(project)]
    return run([*argv, "-o", str(out)], env=env, check=False)


@pytest.mark.parametrize(
    ("sample", "arch"), [("cmake_ctypes", "arm64ec"), ("cmake_arm64x", "arm64x")]
)
def test_cmake_build_with_shell_characters_in_cache_path(
    sample: str, arch: str, tmp_path: Path
) -> None:
    """A CRT-less CMake build whose cache path has quotes, backticks, parentheses, & and
    spaces: the library overlay flag, the Arm64X wrapper scripts and the target
    interpreter shim keep it one word (sh failed with 'Syntax error: "(" unexpected')."""
    proc = _cmake_wheel(sample, arch, tmp_path / ODD_FOR_CMAKE / "cache", tmp_path / "out")
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-4000:]
    (wheel,) = (tmp_path / "out").glob("*.whl")
    with zipfile.ZipFile(wheel) as z:
        assert any(n.endswith((".dll", ".pyd")) for n in z.namelist())


def test_cmake_build_with_dollar_in_cache_path_is_refused(tmp_path: Path) -> None:
    """'$' in the cache path of a CMake build: one paragraph saying why and what to do."""
    cache = tmp_path / "a$b" / "cache"
    proc = _cmake_wheel("cmake_ctypes", "arm64ec", cache, tmp_path / "out")
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0 and "Traceback" not in log
    assert "has a '$', which CMake passes on to Ninja or Make" in log
    assert "set EC_BUILDEXT_CACHE_DIR to such a folder" in log
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_damaged_synthesized_cpython_is_made_again(tmp_path: Path) -> None:
    """pythonXY.dll renamed inside the synthesized pythonXY.lib: the next build makes the
    target CPython again (with a line, never the python-root advice the user did not
    ask for), and the module imports the real DLL name."""
    cache = tmp_path / "cache"
    project = tmp_path / "project"
    shutil.copytree(TEST_DATA / "setuptools_pyext", project)
    _wheel_dll(project, tmp_path / "clean", cache)
    dll = f"python{sys.version_info[0]}{sys.version_info[1]}.dll".encode()
    (entry,) = cache.glob("cpython-*-x64-*")
    (library,) = (entry / "libs").glob(f"python{sys.version_info[0]}{sys.version_info[1]}.lib")
    assert dll in library.read_bytes()
    library.write_bytes(library.read_bytes().replace(dll, dll.replace(b"python", b"pythoo")))
    module, log = _wheel_dll(project, tmp_path / "again", cache)
    assert (
        f"cache entry {entry} is damaged" in log
        and "python-root" not in log.split("is damaged", 1)[1].split("\n", 1)[0]
    )
    built = tmp_path / "module.pyd"
    built.write_bytes(module)
    assert dll.decode() in read_pe(find_tool("llvm-readobj"), built).imported_dlls
