"""Plans made from fake folders: every command builder is pure, so nothing here runs.

The folders live under a test's tmp_path and hold no real tools; only the layouts that
code inspects (a sysroot's folders, a CPython's ``libs/``) are created.
"""

from __future__ import annotations

import platform
import sys
from dataclasses import replace
from pathlib import Path
from typing import Optional

from ec_buildext.arch import ARM64, X64, Arch
from ec_buildext.plan import BuildPlan, ClangCl, Compiler, HostSdk, Msvc
from ec_buildext.settings import ThunkSettings
from ec_buildext.setuptools_ext.driver import ExtensionSpec
from ec_buildext.target_python import CPythonFolder, TargetPython
from ec_buildext.toolchains.crtless import CrtlessSupport
from ec_buildext.toolchains.llvm import LlvmToolchain
from ec_buildext.toolchains.msvc import MsvcToolchain
from ec_buildext.toolchains.sysroot import Sysroot, open_sysroot

#: The compiler/runtime pairs the unit layer builds commands for.
COMPILER_KINDS = ("crtless", "sysroot-vs", "sysroot-xwin", "host-sdk", "msvc")
MSVC_VERSION = "14.40.33807"
SDK_VERSION = "10.0.22621.0"
PY_LIB = f"python{sys.version_info[0]}{sys.version_info[1]}.lib"


def fake_llvm(root: Path, version: tuple[int, int, int] = (22, 1, 8)) -> LlvmToolchain:
    """An LLVM whose tools are paths in ``root/llvm/bin`` (never run)."""
    names = ("clang", "clang-cl", "lld-link", "llvm-lib", "llvm-dlltool", "llvm-rc")
    return LlvmToolchain("a fake LLVM", {n: root / "llvm" / "bin" / n for n in names}, version)


def fake_crtless(root: Path, *, hybrid: bool = False) -> CrtlessSupport:
    support = root / "crtless"
    return CrtlessSupport(
        include_dir=support / "mingw-include",
        case_overlay=support / "overlay.yaml",
        lib_dir=support / "lib",
        runtime_object=support / "runtime.obj",
        native_runtime_object=support / "native-runtime.obj" if hybrid else None,
        crt_library=support / "ecrt.lib",
        native_crt_library=support / "native-ecrt.lib" if hybrid else None,
        lib_overlay=support / "lib-overlay.yaml",
    )


def _mkdirs(root: Path, *relative: str) -> None:
    for r in relative:
        (root / r).mkdir(parents=True, exist_ok=True)


def fake_sysroot(root: Path, layout: str) -> Sysroot:
    """An SDK/CRT tree in ``layout`` (``vs`` or ``xwin``) with empty folders, opened by
    the real layout detection."""
    tree = root / f"sysroot-{layout}"
    if layout == "xwin":  # `xwin splat` names folders by Rust-style arch
        _mkdirs(tree, "crt/include", "sdk/include/ucrt", "sdk/include/um", "sdk/include/shared")
        for arch in ("aarch64", "x86_64"):
            _mkdirs(tree, f"crt/lib/{arch}", f"sdk/lib/ucrt/{arch}", f"sdk/lib/um/{arch}")
    else:
        vc, kits = f"VC/Tools/MSVC/{MSVC_VERSION}", "Windows Kits/10"
        _mkdirs(tree, f"{vc}/include", *(f"{vc}/lib/{a}" for a in ("arm64ec", "arm64", "x64")))
        _mkdirs(tree, *(f"{kits}/Include/{SDK_VERSION}/{p}" for p in ("ucrt", "um", "shared")))
        for arch in ("arm64", "x64"):
            _mkdirs(
                tree, f"{kits}/Lib/{SDK_VERSION}/ucrt/{arch}", f"{kits}/Lib/{SDK_VERSION}/um/{arch}"
            )
    return open_sysroot(tree)


def fake_msvc(root: Path, arch: Arch) -> MsvcToolchain:
    return MsvcToolchain(
        root / "VS" / "VC" / "Tools" / "MSVC" / MSVC_VERSION,
        root / "Windows Kits" / "10",
        SDK_VERSION,
        arch,
    )


def msvc_host_folder() -> str:
    """``bin\\Host<host>\\<target>`` of MSVC: the host is the machine running cl.exe."""
    return "Hostarm64" if platform.machine().lower() in ("arm64", "aarch64") else "Hostx64"


def make_compiler(kind: str, arch: Arch, root: Path) -> Compiler:
    """One of COMPILER_KINDS for ``arch``, from fake folders under ``root``."""
    if kind == "msvc":
        return Msvc(fake_msvc(root, arch))
    llvm = fake_llvm(root)
    if kind == "crtless":
        return ClangCl(llvm, fake_crtless(root, hybrid=arch.is_hybrid))
    if kind.startswith("sysroot-"):
        return ClangCl(llvm, fake_sysroot(root, kind.split("-", 1)[1]))
    assert kind == "host-sdk", kind
    return ClangCl(llvm, HostSdk())


def make_plan(
    arch: Arch,
    compiler: Compiler,
    *,
    wheel_tag: Optional[str] = None,
    python_root: Optional[Path] = None,
    python_root_native: Optional[Path] = None,
    python_version: Optional[tuple[int, int]] = None,
    thunks: Optional[ThunkSettings] = None,
) -> BuildPlan:
    """A BuildPlan by keyword (the tests never build one positionally), its target CPython
    the running one (or ``python_version``) with the folders of python-root and, Arm64X,
    python-root-native."""
    folders: dict[Arch, CPythonFolder] = {}
    if python_root is not None:
        folders[X64 if arch.is_hybrid else arch.cpython] = CPythonFolder(python_root)
    if python_root_native is not None:
        folders[ARM64] = CPythonFolder(python_root_native, setting="python-root-native")
    python = replace(TargetPython.running(), folders=folders)
    if python_version is not None:
        python = replace(python, version=python_version)
    return BuildPlan(
        arch=arch,
        compiler=compiler,
        wheel_tag=wheel_tag or arch.wheel_tag,
        python=python,
        thunks=thunks,
    )


def make_spec(root: Path, *sources: str, **fields: object) -> ExtensionSpec:
    """An extension ``mod`` built in ``root/build`` from relative ``sources``."""
    return ExtensionSpec(
        name="mod",
        sources=tuple(Path(s) for s in sources or ("src/mod.c",)),
        output=root / "out" / "mod.pyd",
        temp_dir=root / "build",
        **fields,  # type: ignore[arg-type]
    )


def fake_python(root: Path, name: str) -> Path:
    """A Windows CPython layout: include/Python.h and an (empty) libs/pythonXY.lib."""
    folder = root / name
    (folder / "include").mkdir(parents=True)
    (folder / "include" / "Python.h").write_text("")
    (folder / "libs").mkdir()
    (folder / "libs" / PY_LIB).write_bytes(b"")
    return folder
