"""The target Python, not the build machine's: SOABI, module name, headers, pythonXY.lib."""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

import pytest

from ec_buildext.arch import ARM64, ARM64EC
from ec_buildext.toolchains.llvm import find_llvm

from ..support.commands import assert_build_refused, pip_wheel, run
from ..support.paths import TEST_DATA
from ..support.pe import raw_machine, read_pe

pytestmark = pytest.mark.slow
PYXY = f"{sys.version_info[0]}{sys.version_info[1]}"


def make_python_layout(root: Path, machine: str, guard: str = "") -> Path:
    """A Windows CPython folder as FindPython and setuptools read it: include/ and libs/.

    No Windows CPython can be downloaded here, so the headers are a few lines
    declaring what the extension uses (``guard``: a preprocessor check that fails
    the compile when these headers reach the wrong view); the import library is a
    real COFF import library for python3XY.dll, made by llvm-dlltool for ``machine``
    ("i386:x86-64" or "arm64").
    """
    (root / "include").mkdir(parents=True)
    (root / "libs").mkdir()
    major, minor = sys.version_info[:2]
    (root / "include" / "patchlevel.h").write_text(
        f"#define PY_MAJOR_VERSION {major}\n#define PY_MINOR_VERSION {minor}\n"
        f'#define PY_MICRO_VERSION 0\n#define PY_VERSION "{major}.{minor}.0"\n'
    )
    (root / "include" / "pyconfig.h").write_text(f"#define MS_WIN32\n#define MS_WIN64\n{guard}")
    (root / "include" / "Python.h").write_text(
        '#include "pyconfig.h"\ntypedef struct _object PyObject;\n'
        "__declspec(dllimport) PyObject *PyLong_FromLong(long v);\n"
        "#define PyMODINIT_FUNC __declspec(dllexport) PyObject *\n"
    )
    def_file = root / f"python{PYXY}.def"
    def_file.write_text(f"LIBRARY python{PYXY}.dll\nEXPORTS\nPyLong_FromLong\n")
    dlltool = find_llvm("ziglang").tool("llvm-dlltool")
    lib = root / "libs" / f"python{PYXY}.lib"
    run([str(dlltool), "-m", machine, "-d", str(def_file), "-l", str(lib)])
    return root


@pytest.fixture
def windows_python_layout(tmp_path: Path, cache_dir: Path) -> Path:
    """An x64 CPython folder."""
    return make_python_layout(tmp_path / "Python", "i386:x86-64")


def test_extension_links_the_x64_python_of_python_root(
    windows_python_layout: Path, tmp_path: Path, readobj_tool: str
) -> None:
    project = tmp_path / "pyext"
    shutil.copytree(TEST_DATA / "pyext", project)
    out = tmp_path / "dist"
    pip_wheel(
        project,
        out,
        {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_PYTHON_ROOT": str(windows_python_layout)},
    )
    (wheel,) = out.iterdir()
    assert wheel.name == f"answer-0.1-cp{PYXY}-cp{PYXY}-win_arm64ec.whl"
    with zipfile.ZipFile(wheel) as z:
        module = f"answer.cp{PYXY}-win_amd64.pyd"  # what x64 CPython imports
        assert module in z.namelist()
        z.extract(module, tmp_path)
    found = (project / "build").glob("**/found-python.txt")
    include_dirs, libraries = next(iter(found)).read_text().splitlines()
    assert include_dirs == str(windows_python_layout / "include")
    assert libraries == str(windows_python_layout / "libs" / f"python{PYXY}.lib")
    pyd = tmp_path / module
    view = read_pe(readobj_tool, pyd)
    assert raw_machine(pyd) == 0x8664 and view.chpe_version == 2
    assert view.exports == ["PyInit_answer"]
    assert f"python{PYXY}.dll" in view.imported_dlls


def test_python_root_without_import_library_is_refused(
    windows_python_layout: Path, tmp_path: Path
) -> None:
    (windows_python_layout / "libs" / f"python{PYXY}.lib").unlink()
    project = tmp_path / "pyext"
    shutil.copytree(TEST_DATA / "pyext", project)
    out = tmp_path / "dist"
    out.mkdir()
    proc = pip_wheel(
        project,
        out,
        {"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_PYTHON_ROOT": str(windows_python_layout)},
        check=False,
    )
    assert proc.returncode != 0
    assert f"has no libs/python{PYXY}.lib" in proc.stdout + proc.stderr
    assert list(out.iterdir()) == []


def test_python_root_of_another_version_is_refused(
    windows_python_layout: Path, tmp_path: Path
) -> None:
    """A CPython folder of another X.Y than the interpreter running the build: one
    paragraph naming both versions and the ways out, nothing in the output folder."""
    other = "python399.lib"  # no such CPython: only its name says the version
    libs = windows_python_layout / "libs"
    (libs / f"python{PYXY}.lib").rename(libs / other)
    project = tmp_path / "pyext"
    shutil.copytree(TEST_DATA / "pyext", project)
    env = {
        "EC_BUILDEXT_LLVM_ROOT": "ziglang",
        "EC_BUILDEXT_PYTHON_ROOT": str(windows_python_layout),
    }
    text = assert_build_refused(project, tmp_path / "dist", env, f"({other} in libs/)")
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    assert f"this build runs Python {version} and builds for it (python{PYXY}.lib)" in text
    assert "or unset it: ec-buildext then makes the target CPython" in text


# Arm64X: x64 CPython's headers must only reach the EC view, ARM64 CPython's only the
# native one; a compile that mixes them up stops here.
X64_GUARD = (
    "#if defined(__aarch64__) && !defined(__arm64ec__)\n#error x64 headers, native view\n#endif\n"
)
ARM64_GUARD = "#if defined(__arm64ec__)\n#error ARM64 headers, EC view\n#endif\n"


@pytest.mark.parametrize("native_from", ["setting", "DIST_EXTRA_CONFIG"])
@pytest.mark.parametrize("project_data", ["setuptools_pyext", "pyext"])
def test_arm64x_extension_links_each_views_python(
    project_data: str, native_from: str, tmp_path: Path, readobj_tool: str
) -> None:
    """setuptools and CMake (an unchanged FindPython project): the native compile gets
    ARM64 CPython's include folder, the one link both import libraries.  The ARM64
    CPython is python-root-native, or the one cibuildwheel names in DIST_EXTRA_CONFIG
    when it cross-compiles for ARM64 (its libs folder)."""
    x64 = make_python_layout(tmp_path / "Python-x64", "i386:x86-64", X64_GUARD)
    arm64 = make_python_layout(tmp_path / "Python-arm64", "arm64", ARM64_GUARD)
    project = tmp_path / "pyext"
    shutil.copytree(TEST_DATA / project_data, project)
    out = tmp_path / "dist"
    env = {
        "EC_BUILDEXT_LLVM_ROOT": "ziglang",
        "EC_BUILDEXT_ARCH": "arm64x",
        "EC_BUILDEXT_PYTHON_ROOT": str(x64),
    }
    if native_from == "setting":
        env["EC_BUILDEXT_PYTHON_ROOT_NATIVE"] = str(arm64)
        expected = f"(native view: {arm64})"
    else:
        config = tmp_path / "extra-setup.cfg"
        config.write_text(
            f"[build]\nplat_name=win-arm64\n[build_ext]\nlibrary_dirs={arm64 / 'libs'}\n"
            "plat_name=win-arm64\n[bdist_wheel]\nplat_name=win-arm64\n"
        )
        env["DIST_EXTRA_CONFIG"] = str(config)
        expected = f"python-root-native: {arm64} (from DIST_EXTRA_CONFIG={config}"
    proc = pip_wheel(project, out, env)
    assert expected in proc.stdout + proc.stderr
    (wheel,) = out.iterdir()
    assert wheel.name.endswith("-win_arm64.whl")
    with zipfile.ZipFile(wheel) as z:
        z.extract("answer.pyd", tmp_path)
    pyd = tmp_path / "answer.pyd"
    assert raw_machine(pyd) == 0xAA64
    native, ec = read_pe(readobj_tool, pyd).views()
    assert ec is not None
    for view in (native, ec):
        assert view.exports == ["PyInit_answer"]
        # Its own CPython's DLL, and system DLLs only (the C runtime's entry point).
        dlls = {d.lower() for d in view.imported_dlls}
        assert f"python{PYXY}.dll" in dlls
        assert dlls - {f"python{PYXY}.dll"} <= {"kernel32.dll", "ucrtbase.dll"}


def test_arm64x_python_pair_from_the_environment(tmp_path: Path, cache_dir: Path) -> None:
    """Unset CPython folders of an Arm64X build come from the environment, each by its
    import library's machine; what the environment does not offer is made from the
    running CPython (a lone offer is used for its view, the other view's is made)."""
    from ec_buildext.plan import make_plans
    from ec_buildext.settings import load_settings

    x64 = make_python_layout(tmp_path / "Python-x64", "i386:x86-64")
    arm64 = make_python_layout(tmp_path / "Python-arm64", "arm64")
    config = tmp_path / "extra-setup.cfg"
    config.write_text(f"[build_ext]\nlibrary_dirs={arm64 / 'libs'}\nplat_name=win-arm64\n")
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text('[tool.ec-buildext]\narch = "arm64x"\n')
    settings = load_settings(project, environ={"EC_BUILDEXT_LLVM_ROOT": "ziglang"})
    environ = {"DIST_EXTRA_CONFIG": str(config)}
    (plan,) = make_plans(settings, environ=environ, running_python=x64)
    assert (plan.python.root(ARM64EC), plan.python.root(ARM64)) == (x64, arm64)
    assert plan.python.notes == (
        f"python-root: {x64} (from the CPython running this build)",
        f"python-root-native: {arm64} (from DIST_EXTRA_CONFIG={config} (library_dirs))",
    )
    (plan,) = make_plans(settings, environ=environ)
    made_root = plan.python.root(ARM64EC)
    assert plan.python.root(ARM64) == arm64
    assert made_root is not None and made_root.parent == cache_dir
    made, offered = sorted(plan.python.notes, key=lambda note: note.startswith("python-root-"))
    assert made.startswith(f"python-root: {made_root} (x64 CPython, made from ")
    assert (
        offered == f"python-root-native: {arm64} (from DIST_EXTRA_CONFIG={config} (library_dirs))"
    )
    # The running CPython is the ARM64 one (a native build): it is the native view's.
    (plan,) = make_plans(
        load_settings(
            project,
            environ={"EC_BUILDEXT_LLVM_ROOT": "ziglang", "EC_BUILDEXT_PYTHON_ROOT": str(x64)},
        ),
        environ={},
        running_python=arm64,
    )
    assert (plan.python.root(ARM64EC), plan.python.root(ARM64)) == (x64, arm64)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("x64-as-native", "is an import library for x64, but the native view links against"),
        ("native-for-arm64ec", "python-root-native (environment"),
        ("no-native-lib", "python-root-native"),
    ],
)
def test_arm64x_python_roots_bad_input(case: str, expected: str, tmp_path: Path) -> None:
    x64 = make_python_layout(tmp_path / "Python-x64", "i386:x86-64")
    arm64 = make_python_layout(tmp_path / "Python-arm64", "arm64")
    env = {
        "EC_BUILDEXT_LLVM_ROOT": "ziglang",
        "EC_BUILDEXT_PYTHON_ROOT": str(x64),
        "EC_BUILDEXT_PYTHON_ROOT_NATIVE": str(arm64),
    }
    if case == "x64-as-native":
        env["EC_BUILDEXT_PYTHON_ROOT_NATIVE"] = str(x64)
    elif case == "native-for-arm64ec":
        env["EC_BUILDEXT_ARCH"] = "arm64ec"
    else:
        (arm64 / "libs" / f"python{PYXY}.lib").unlink()
        expected = f"python-root-native {str(arm64)!r} has no libs/python{PYXY}.lib"
    project = tmp_path / "pyext"
    shutil.copytree(TEST_DATA / "setuptools_pyext", project)
    assert_build_refused(project, tmp_path / "dist", env, expected)


def test_archive_machines_reads_import_and_static_libraries(tmp_path: Path) -> None:
    """The machine check behind the python-root messages, on libraries LLVM made."""
    from ec_buildext.peheader import archive_machines

    x64 = make_python_layout(tmp_path / "x64", "i386:x86-64") / "libs" / f"python{PYXY}.lib"
    arm64 = make_python_layout(tmp_path / "arm64", "arm64") / "libs" / f"python{PYXY}.lib"
    assert archive_machines(x64.read_bytes()) == {0x8664}
    assert archive_machines(arm64.read_bytes()) == {0xAA64}
    llvm = find_llvm("ziglang")
    source = tmp_path / "s.c"
    source.write_text("int f(void) { return 1; }\n")
    obj = tmp_path / "s.obj"
    clang = str(llvm.tool("clang"))
    run([clang, "--target=aarch64-pc-windows-msvc", "-c", str(source), "-o", str(obj)])
    static = tmp_path / "static.lib"
    run([str(llvm.tool("llvm-lib")), f"/out:{static}", str(obj)])
    assert archive_machines(static.read_bytes()) == {0xAA64}
    assert archive_machines(b"MZ not an archive") == set()
    assert archive_machines(b"!<arch>\n" + b"x" * 30) == set()  # truncated: nothing, no error
