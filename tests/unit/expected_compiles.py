"""The compiler command each compiler/runtime pair should start with, written out by hand
from the tools' documentation (the sources in brackets are listed in
test_compile_commands.py's docstring)."""

from __future__ import annotations

from pathlib import Path

import ec_buildext
from ec_buildext.arch import ARM64EC, X64, Arch

from .helpers import MSVC_VERSION, SDK_VERSION, msvc_host_folder

# clang target triples [notes]: the MSVC environment for a real SDK/CRT, mingw-w64's
# GNU environment (w64 vendor) for CRT-less builds on mingw-w64 headers.
MSVC_TRIPLES = {
    "arm64ec": "arm64ec-pc-windows-msvc",
    "arm64": "aarch64-pc-windows-msvc",
    "x64": "x86_64-pc-windows-msvc",
}
GNU_TRIPLES = {
    "arm64ec": "arm64ec-w64-windows-gnu",
    "arm64": "aarch64-w64-windows-gnu",
    "x64": "x86_64-w64-windows-gnu",
}


def msvc_bin(root: Path, arch: Arch) -> Path:
    # [arm64ec-build]: Arm64EC (and Arm64X) is built with the ARM64 toolset, x64 with x64.
    target = "x64" if arch is X64 else "arm64"
    return root / "VS/VC/Tools/MSVC" / MSVC_VERSION / "bin" / msvc_host_folder() / target


#: [softintrin]: where the wheel ships the headers.
SOFTINTRIN = Path(ec_buildext.__file__).parent / "toolchains" / "softintrin"
#: [msvc-macros]: mingw-w64's _mingw.h fitted to _MSC_VER, for the Arm64EC view.
MINGW_MSVC = Path(ec_buildext.__file__).parent / "toolchains" / "mingw_msvc"


def softintrin(view: Arch) -> list[str]:
    """[softintrin]: the headers' folder, for the Arm64EC view only, and its intrin.h
    alone as a plain include folder (/I: searched before every system folder, so before
    mingw-w64's intrin.h) [clang-cl]."""
    if view is not ARM64EC:
        return []
    return [f"/external:I{SOFTINTRIN.as_posix()}", f"/I{(SOFTINTRIN / 'intrin').as_posix()}"]


def expected_compiler(kind: str, root: Path, arch: Arch, view: Arch) -> list[str]:
    """The compiler and its runtime's flags, as the documentation spells them."""
    clang_cl = str(root / "llvm/bin/clang-cl")
    if kind == "crtless":
        # GNU mode on mingw-w64's headers as system headers (/external:I: searched
        # after the project's own, warnings off), looked up through a case-insensitive
        # VFS overlay (-ivfsoverlay) as Windows finds <Windows.h> [clang-cl]; clang-cl
        # ignores /O2 in GNU mode, so the optimisation is given in clang's own words
        # through /clang: [clang-cl]. /GS-: the stack-protector runtime is in the CRT;
        # -D_UCRT: ucrtbase's flavour of the headers; -fms-extensions: MSVC's language
        # extensions (__try/__except), which clang's GNU mode leaves off [clang: "MSVC
        # compatibility"]. MSVC's architecture macros, which GNU mode lacks (Arm64EC:
        # _M_ARM64EC with _M_X64/_M_AMD64, never _M_ARM64, and no __ARM_NEON beside
        # them), and in the Arm64EC view MSVC's compiler macros: the _MSC_VER paths a
        # Windows build takes (_PID_T_: pyconfig.h's pid_t, not mingw-w64's), with the
        # folder of a _mingw.h that keeps mingw-w64's inline functions inline there
        # [msvc-macros].
        compiler = ["-D_MSC_VER=1940", "-D_MSC_FULL_VER=194033811", "-D_MSC_EXTENSIONS=1"]
        msvc_macros = {
            "arm64ec": [
                *compiler,
                "-D_PID_T_",
                "-D_M_ARM64EC=1",
                "-D_M_X64=100",
                "-D_M_AMD64=100",
                "-D_ARM64EC_=1",
                "-U__ARM_NEON",
            ],
            "arm64": ["-D_M_ARM64=1", "-D_ARM64_=1"],
            "x64": ["-D_M_X64=100", "-D_M_AMD64=100"],
        }[view.name]
        # x64 and ARM64 take softintrin's intrin.h folder alone (MSVC's intrinsics that
        # mingw-w64's intrin.h lacks there).
        intrin = MINGW_MSVC if view is ARM64EC else SOFTINTRIN / "intrin"
        mingw_msvc = [f"/I{intrin.as_posix()}"]
        return [
            clang_cl,
            f"--target={GNU_TRIPLES[view.name]}",
            "/nologo",
            # C only: asynchronous SEH, so that __try catches an access violation as
            # MSVC's C compiler does [clang: -fasync-exceptions, "/EHa"].
            "-Xclang",
            "-fasync-exceptions",
            f"/external:I{root / 'crtless/mingw-include'}",
            "-Xclang",
            "-ivfsoverlay",
            "-Xclang",
            str(root / "crtless/overlay.yaml"),
            *mingw_msvc,
            *softintrin(view),
            "/GS-",
            "-D_UCRT",
            "-D__USE_MINGW_ANSI_STDIO=0",
            "-fms-extensions",
            *msvc_macros,
            "/clang:-O2",
        ]
    if kind == "msvc":
        kits = root / "Windows Kits/10/Include" / SDK_VERSION
        # [arm64ec-build]: /arm64EC selects Arm64EC on the ARM64 toolset; the plain
        # ARM64 toolset builds ARM64 and the x64 toolset x64, with no extra flag.
        flag = ["/arm64EC"] if view is ARM64EC else []
        includes = [root / "VS/VC/Tools/MSVC" / MSVC_VERSION / "include"]
        includes += [kits / "ucrt", kits / "um", kits / "shared"]
        cl = str(msvc_bin(root, arch) / "cl.exe")
        return [cl, "/nologo", *flag, *(f"/I{d}" for d in includes), "/O2", "/MD"]
    target = [clang_cl, f"--target={MSVC_TRIPLES[view.name]}", "/nologo"]
    if kind == "sysroot-vs":
        kits = root / "sysroot-vs/Windows Kits/10/Include" / SDK_VERSION
        crt = root / "sysroot-vs/VC/Tools/MSVC" / MSVC_VERSION / "include"
        system = [crt, kits / "ucrt", kits / "um", kits / "shared"]
    elif kind == "sysroot-xwin":
        tree = root / "sysroot-xwin"
        system = [
            tree / "crt/include",
            *(tree / "sdk/include" / p for p in ("ucrt", "um", "shared")),
        ]
    else:  # host-sdk: clang-cl finds this Windows machine's SDK/CRT by itself
        system = []
    # /imsvc: system include folders, as if in %INCLUDE% [clang-cl].
    return [*target, *(f"/imsvc{d}" for d in system), *softintrin(view), "/O2", "/MD"]
