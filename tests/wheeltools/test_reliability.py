"""One paragraph, never a traceback, for outputs that cannot be written; nothing left
behind by a build killed with SIGKILL once the next one has run."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ec_buildext.cache import remove_stale, temp_prefix

from ..support.commands import ec, run
from ..support.paths import SAMPLES
from ..support.wheels import GOOD, make_wheel

pytestmark = pytest.mark.slow  # real builds, pip and killed processes

LLVM = {"EC_BUILDEXT_LLVM_ROOT": "ziglang"}


def read_only(folder: Path, argv: list[str], env: dict[str, str] | None = None) -> list[str]:
    """``argv`` run with ``folder`` not writable: as root (who may write anywhere)
    a read-only file system mounted there in a private mount namespace; else 0555."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return argv
    if shutil.which("unshare") is None:
        pytest.skip("running as root without unshare: no way to make a folder read-only")
    mount = 'mount -t tmpfs -o ro none "$0" && exec "$@"'
    return ["unshare", "-m", "sh", "-c", mount, str(folder), *argv]


def assert_one_paragraph(proc: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    for text in expected:
        assert text in proc.stderr, proc.stderr


EC = [sys.executable, "-m", "ec_buildext"]


def test_outputs_in_read_only_folders(tmp_path: Path) -> None:
    wheel = make_wheel(tmp_path / "in", [m for m in GOOD if not m[0].endswith(".dll")])
    ro = tmp_path / "ro"
    proc = run(
        read_only(ro, [*EC, "retag", str(wheel), "--platform", "x", "-d", str(ro)]), check=False
    )
    assert_one_paragraph(proc, f"cannot write {ro}/evil-1.0-py3-none-x.whl")
    proc = run(read_only(ro, [*EC, "repair", str(wheel), "-w", str(ro)]), check=False)
    assert_one_paragraph(proc, f"cannot write {ro}/{wheel.name}")
    argv = [*EC, "toolchain", "--arch", "arm64ec", "--llvm-root", "ziglang", "-o", f"{ro}/t.cmake"]
    proc = run(read_only(ro, argv), check=False)
    assert_one_paragraph(proc, f"cannot write {ro}/t.cmake")


def test_retag_into_a_missing_folder_makes_it(tmp_path: Path) -> None:
    wheel = make_wheel(tmp_path / "in", GOOD)
    out = tmp_path / "not" / "yet"
    proc = ec("retag", str(wheel), "--platform", "win_arm64", "-d", str(out))
    assert proc.stdout.strip() == str(out / "evil-1.0-py3-none-win_arm64.whl")
    assert [p.name for p in out.iterdir()] == ["evil-1.0-py3-none-win_arm64.whl"]


def test_build_into_a_read_only_folder(tmp_path: Path, cache_dir: Path) -> None:
    project = tmp_path / "proj"
    shutil.copytree(SAMPLES / "cmake_ctypes", project)
    ro = tmp_path / "ro"
    build = [
        sys.executable,
        "-m",
        "build",
        "--wheel",
        "--no-isolation",
        str(project),
        "-o",
        str(ro),
    ]
    proc = run(read_only(ro, build), env={**os.environ, **LLVM}, check=False)
    assert proc.returncode != 0
    text = proc.stdout + proc.stderr
    assert f"ec-buildext: error: cannot write {ro}" in text and "Traceback" not in text


def test_inspect_into_a_closed_pipe_exits_quietly(msvc_runtime_wheel: Path) -> None:
    """``ec-buildext inspect W | head -1``: the reader leaves after one line."""
    proc = subprocess.Popen(
        [*EC, "inspect", str(msvc_runtime_wheel)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait() == 141
    assert first.startswith(b"msvc_runtime") and stderr == ""


def _dead_process_prefix(base: str) -> str:
    """The temporary-name prefix of a process that has exited."""
    code = f"from ec_buildext.cache import temp_prefix; print(temp_prefix({base!r}))"
    return run([sys.executable, "-c", code]).stdout.strip()


def test_remove_stale_only_ours_only_stale(tmp_path: Path) -> None:
    dead = tmp_path / f"{_dead_process_prefix('.w.whl.')}abcd1234.tmp"
    dead_dir = tmp_path / f"{_dead_process_prefix('ec-buildext-')}abcd1234"
    live = tmp_path / f"{temp_prefix('.w.whl.')}abcd1234.tmp"
    other_host = tmp_path / ".w.whl.ecb-zzzzzz-1-abcd1234.tmp"  # not hex: never ours
    foreign = tmp_path / ".w.whl.abcd1234.tmp"
    old_foreign_host = tmp_path / ".w.whl.ecb-000000-1-abcd1234.tmp"
    old_version = tmp_path / ".w-1.0-py3-none-any.whl.k2j_3h9z.tmp"  # before the tag
    old_not_wheel = tmp_path / ".w.cmake.k2j_3h9z.tmp"
    for path in (dead, live, other_host, foreign, old_foreign_host, old_version, old_not_wheel):
        path.write_bytes(b"x")
    dead_dir.mkdir()
    (dead_dir / "half.whl").write_bytes(b"x")
    a_day_ago = time.time() - 2 * 24 * 3600
    for path in (old_foreign_host, old_version, old_not_wheel):
        os.utime(path, (a_day_ago, a_day_ago))
    assert sorted(remove_stale(tmp_path)) == sorted([dead, dead_dir, old_foreign_host, old_version])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in (live, other_host, foreign, old_not_wheel)
    )


def _ours(folder: Path) -> list[str]:
    try:
        return sorted(str(p.relative_to(folder)) for p in folder.rglob("*ecb-*"))
    except OSError:  # a folder removed while listed: look again
        return []


def _kill_when_staged(build: list[str], env: dict[str, str], tmpdir: Path) -> None:
    """Start ``build`` and SIGKILL it (and its children) once its staging folder exists."""
    proc = subprocess.Popen(
        build, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 600
        while not _ours(tmpdir):
            assert proc.poll() is None, "the build ended before it could be killed"
            assert time.monotonic() < deadline, "no staging folder appeared"
            time.sleep(0.02)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        with contextlib.suppress(ProcessLookupError):  # until the backend is gone too
            for _ in range(200):
                os.killpg(proc.pid, 0)
                time.sleep(0.05)


def test_a_killed_build_leaves_nothing_after_the_next(tmp_path: Path) -> None:
    """SIGKILL a real build once it has staged; add what SIGKILL leaves at the other
    moments (a retag's temporary wheel, half-filled cache entries: named as a dead
    process names them); the next build removes all of it and writes only its wheel."""
    project = tmp_path / "proj"
    shutil.copytree(SAMPLES / "cmake_ctypes", project)
    tmpdir, cache, dist = tmp_path / "tmp", tmp_path / "cache", tmp_path / "dist"
    tmpdir.mkdir()
    env = {**os.environ, **LLVM, "TMPDIR": str(tmpdir), "EC_BUILDEXT_CACHE_DIR": str(cache)}
    build = [sys.executable, "-m", "build", "--wheel", "--no-isolation", str(project), "-o"]

    reference = tmp_path / "reference"  # which cache entries a build fills
    run([*build, str(reference)], env={**env, "EC_BUILDEXT_CACHE_DIR": str(reference / "c")})
    filled = [
        p.relative_to(reference / "c")
        for p in (reference / "c").rglob("*")
        if p.parent.name in {"c", "toolchains"}
    ]
    assert any(p.name.startswith("crtless-") for p in filled), filled

    _kill_when_staged([*build, str(dist)], env, tmpdir)
    assert _ours(tmpdir), "SIGKILL left no staging folder"
    dead = _dead_process_prefix("")
    for entry in filled:
        leftover = cache / entry.parent / f".{entry.name}.{dead}a1b2c3d4"
        leftover.mkdir(parents=True)
        (leftover / "half.obj").write_bytes(b"x")
    (dist / f".ecsample-1.0-py3-none-win_arm64ec.whl.{dead}x1y2z3w4.tmp").write_bytes(b"half")
    foreign = dist / ".someone-elses.tmp"
    foreign.write_bytes(b"not ours")

    run([*build, str(dist)], env=env)
    assert _ours(cache) == [] and _ours(tmpdir) == [] and _ours(dist) == []
    assert sorted(p.name for p in dist.iterdir()) == sorted(
        ["ecsample-1.0-py3-none-win_arm64ec.whl", foreign.name]
    )


def test_concurrent_builds_share_output_and_cache(tmp_path: Path) -> None:
    """Two builds at once, one output folder, one fresh cache: each one's cleaning of
    stale temporaries leaves the other's live ones alone; both wheels are whole."""
    tmpdir, cache, dist = tmp_path / "tmp", tmp_path / "cache", tmp_path / "dist"
    tmpdir.mkdir()
    env = {**os.environ, **LLVM, "TMPDIR": str(tmpdir), "EC_BUILDEXT_CACHE_DIR": str(cache)}
    procs = []
    for sample in ("cmake_ctypes", "setuptools_ctypes"):
        project = tmp_path / sample
        shutil.copytree(SAMPLES / sample, project)
        argv = [sys.executable, "-m", "build", "--wheel", "--no-isolation", str(project)]
        procs.append(
            subprocess.Popen(
                [*argv, "-o", str(dist)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
            )
        )
    for proc in procs:
        out, _ = proc.communicate(timeout=900)
        assert proc.returncode == 0, out.decode()
    assert _ours(cache) == [] and _ours(tmpdir) == [] and _ours(dist) == []
    wheels = sorted(dist.iterdir())
    assert len(wheels) == 2
    for wheel in wheels:  # whole: audit checks every member against RECORD first
        ec("audit", str(wheel))


def test_failing_second_arch_leaves_no_wheel(tmp_path: Path, cache_dir: Path) -> None:
    """arch = ["x64", "arm64ec"] where the Arm64EC compile fails: python -m build's output
    folder holds neither wheel (the x64 one, built first, waited beside it)."""
    project = tmp_path / "project"
    (project / "src").mkdir(parents=True)
    (project / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["ec-buildext"]\nbuild-backend = "ec_buildext.setuptools"\n'
        '[project]\nname = "twoarch"\nversion = "1.0"\n'
        '[tool.ec-buildext]\narch = ["x64", "arm64ec"]\n'
    )
    (project / "setup.py").write_text(
        "from setuptools import Extension, setup\n"
        'setup(ext_modules=[Extension("twoarch", ["src/twoarch.c"])])\n'
    )
    (project / "src" / "twoarch.c").write_text(
        "#ifdef _M_ARM64EC\n#error this module does not build for Arm64EC\n#endif\n"
        "void *PyInit_twoarch(void) { return 0; }\n"
    )
    out = tmp_path / "dist"
    argv = [
        sys.executable,
        "-m",
        "build",
        "--wheel",
        "--no-isolation",
        str(project),
        "-o",
        str(out),
    ]
    proc = run(argv, env={**os.environ, **LLVM}, check=False)
    log = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "this module does not build for Arm64EC" in log and "Traceback" not in log
    assert list(out.iterdir()) == [], log[-2000:]
