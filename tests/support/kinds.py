"""Every kind of PE file, built with the real LLVM toolchain from tests/data/kinds."""

from __future__ import annotations

from pathlib import Path

from ec_buildext.arch import get_arch
from ec_buildext.toolchains.crtless import crtless_support
from ec_buildext.toolchains.llvm import find_llvm

from .commands import ec, run
from .paths import TEST_DATA

DATA = TEST_DATA / "kinds"
KINDS = ("x86", "x64", "arm64", "arm64ec", "arm64x", "arm64x-forwarder")
EXPORTS = ["plug_add", "plug_name"]
_TRIPLES = {
    "x86": "i686-pc-windows-msvc",
    "x64": "x86_64-pc-windows-msvc",
    "arm64": "aarch64-pc-windows-msvc",
    "arm64ec": "arm64ec-pc-windows-msvc",
}
_MACHINES = {"x86": "X86", "x64": "X64", "arm64": "ARM64", "arm64ec": "ARM64EC"}


def build_kinds(out: Path) -> dict[str, Path]:
    """{kind: DLL} for every kind in KINDS."""
    llvm = find_llvm("ziglang")
    objects = {}
    for arch, triple in _TRIPLES.items():
        obj = out / f"plug-{arch}.obj"
        run(
            [
                str(llvm.tool("clang")),
                f"--target={triple}",
                "-O2",
                "-c",
                str(DATA / "plug.c"),
                "-o",
                str(obj),
            ]
        )
        objects[arch] = obj
    dlls = {}
    for arch in _TRIPLES:
        dll = out / arch / "plug.dll"
        dll.parent.mkdir()
        runtime = (
            [] if arch == "x86" else [str(crtless_support(llvm, get_arch(arch)).runtime_object)]
        )
        run(
            [
                str(llvm.tool("lld-link")),
                "/dll",
                "/noentry",
                "/nodefaultlib",
                f"/machine:{_MACHINES[arch]}",
                str(objects[arch]),
                *runtime,
                f"/out:{dll}",
            ]
        )
        dlls[arch] = dll
    hybrid = crtless_support(llvm, get_arch("arm64x"))
    dll = out / "arm64x" / "plug.dll"
    dll.parent.mkdir()
    run(
        [
            str(llvm.tool("lld-link")),
            "/dll",
            "/noentry",
            "/nodefaultlib",
            "/machine:arm64x",
            str(objects["arm64ec"]),
            str(objects["arm64"]),
            str(hybrid.runtime_object),
            str(hybrid.native_runtime_object),
            f"/out:{dll}",
        ]
    )
    dlls["arm64x"] = dll
    forwarder = out / "arm64x-forwarder" / "plug.dll"
    ec(
        "forwarder",
        "--native",
        str(DATA / "plug_native.def"),
        "--ec",
        str(DATA / "plug_x64.def"),
        "--llvm-root",
        "ziglang",
        "-o",
        str(forwarder),
    )
    dlls["arm64x-forwarder"] = forwarder
    return dlls
