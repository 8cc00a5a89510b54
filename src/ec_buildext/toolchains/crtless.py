"""CRT-less cross builds: what replaces the Windows SDK and CRT when there is none.

Without a sysroot, code is compiled in clang's GNU mode
(``--target=arm64ec-w64-windows-gnu``) against the mingw-w64 headers of the
ziglang wheel, and linked without the MSVC runtime's libraries (``/nodefaultlib:NAME``
for each that objects may ask for: MSVC_RUNTIME_DEFAULT_LIBS; every other
``#pragma comment(lib)`` is followed) against:

* ec-buildext's runtime-support object for the view (``runtime/<view>.S``): for
  Arm64EC the load config, CHPE metadata, loader slots, ``#__chkstk_arm64ec`` and
  ``__icall_helper_arm64ec``; for ARM64 and x64 the stack probe;
* the C runtime (crt.py: printf/scanf family, DLL entry point, TLS) and, for C++, the
  C++ runtime (cxx.py: libc++, libc++abi, libunwind), built from the ziglang wheel's
  sources;
* import libraries made with ``llvm-dlltool`` from mingw-w64's ``.def`` files
  (``kernel32.lib``, ``ucrtbase.lib``, ...), so ``memcpy``/``malloc``/Win32 calls
  resolve to the real system DLLs at run time.

Everything is built once per (LLVM, arch) into the user cache.

Windows finds ``#include <Windows.h>`` and ``<WinSock2.h>`` in any case; mingw-w64's
headers are lower-case (``windows.h``).  Lookups in the mingw-w64 folder go through a
clang VFS overlay declared case-insensitive, as on Windows: every header, in every
spelling, with no list of Windows SDK names to keep.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..arch import ARM64, ARM64EC, ARM64X, Arch, CEnvironment
from ..cache import cached_folder, key_of
from ..errors import UserError
from ..model import CompileFlags, LinkSetup, ViewRuntime
from ..peheader import archive_members, object_default_libraries
from ..runner import run_tool
from .crt import CRT_LIBRARY, DLL_ENTRY, c_runtime
from .cxx import CXX_LIBRARY, cxx_runtime, cxx_runtime_problem
from .cxx import MSVC_DIALECT as CXX_MSVC_PATHS
from .cxx import compile_flags as cxx_compile_flags
from .diagnose import (
    SymbolOrigin,
    link_failure_hint,
    mingw_msvc_flags,
    msvc_predefined_macros,
    softintrin_flags,
    symbol_name,
    takes_msvc_paths,
    undefined_symbols,
)
from .llvm import LlvmToolchain, mingw_root

__all__ = [
    "C_LIBRARY_HEADERS",
    "DEFAULT_LIBS",
    "IMPORT_LIBS",
    "MSVC_RUNTIME_DEFAULT_LIBS",
    "MSVC_RUNTIME_LIBS",
    "CrtlessSupport",
    "case_insensitive_overlay",
    "crtless_support",
    "cxx_runtime_library",
    "cxx_runtime_unavailable",
    "default_library_requests",
    "runtime_source",
]

#: Import libraries generated for every CRT-less target (link them by name), from
#: mingw-w64's lib-common .def files (every view: x64, Arm64EC, ARM64).  After the
#: Win32 core, those extension modules commonly name (psutil's Windows module names
#: psapi, pdh, netapi32 and powrprof; its #pragma comment(lib) asks for iphlpapi).
IMPORT_LIBS = (
    "kernel32",
    "ucrtbase",
    "user32",
    "advapi32",
    "ntdll",
    "shell32",
    "ole32",
    "oleaut32",
    "gdi32",
    "ws2_32",
    "bcrypt",
    "psapi",
    "iphlpapi",
    "pdh",
    "netapi32",
    "powrprof",
    "version",
    "shlwapi",
    "crypt32",
    "secur32",
    "userenv",
    "dbghelp",
    "winmm",
    "setupapi",
    "rpcrt4",
    "mswsock",
    "wtsapi32",
)
#: mingw-w64's C library headers (the UCRT's set): a name they declare that neither
#: ucrtbase.dll nor the C runtime has is a gap in ec-buildext's runtime
#: (tests/runtime/test_header_declarations.py checks every declaration in them).
C_LIBRARY_HEADERS = (
    "assert.h",
    "complex.h",
    "conio.h",
    "ctype.h",
    "direct.h",
    "dos.h",
    "errno.h",
    "fcntl.h",
    "fenv.h",
    "float.h",
    "inttypes.h",
    "io.h",
    "locale.h",
    "malloc.h",
    "math.h",
    "mbctype.h",
    "mbstring.h",
    "memory.h",
    "process.h",
    "search.h",
    "setjmp.h",
    "share.h",
    "signal.h",
    "stdio.h",
    "stdlib.h",
    "string.h",
    "sys/locking.h",
    "sys/stat.h",
    "sys/timeb.h",
    "sys/types.h",
    "sys/utime.h",
    "time.h",
    "uchar.h",
    "wchar.h",
    "wctype.h",
)
#: What every CRT-less DLL links by default (the C library and Win32 core).
DEFAULT_LIBS = ("kernel32.lib", "ucrtbase.lib")
#: MSVC's own names for its runtime's import libraries, which projects built for MSVC
#: link by name, and what stands in for each (None: an empty library).  cppy's
#: ``build_ext`` (kiwisolver 1.5.1 builds with it) links ``ucrt.lib`` and
#: ``vcruntime.lib`` beside ``/MT`` (the "hybrid CRT": the C++ runtime static, the
#: UCRT from the system).  ``ucrt.lib`` imports the UCRT: here ucrtbase.dll's import
#: library.  ``vcruntime.lib`` imports vcruntime140.dll, which a CRT-less DLL never
#: needs: ucrtbase.dll exports the C functions it has too (``memcpy``, ``memset``,
#: ``__C_specific_handler``, ``longjmp``), and C++ support is ec-buildext's C++ runtime.
MSVC_RUNTIME_LIBS: dict[str, Optional[str]] = {"ucrt": "ucrtbase", "vcruntime": None}

#: lld-link flags of every CRT-less link.  MinGW mode keeps the .pdata/.xdata of
#: GNU-style COMDAT functions (.text$name) with them (without it /opt:ref drops them
#: and exceptions cannot unwind through inline and template functions) and makes the
#: __CTOR_LIST__/__DTOR_LIST__ the entry point runs; auto-import and its run-time
#: pseudo relocations stay off (there is no MinGW runtime relocator): a data import
#: without dllimport is a link error, as with MSVC.
CRTLESS_LINK_FLAGS = ("/lldmingw", "/auto-import:no", "/runtime-pseudo-reloc:no")

#: The MSVC toolset's runtime libraries, which objects ask for by /DEFAULTLIB
#: (clang-cl writes libcmt and oldnames into every object, in GNU mode too, /MD
#: msvcrt, Arm64EC softintrin) and which CRT-less links leave out, because
#: ec-buildext's runtime stands in for each: the C runtime's static part and startup
#: (libcmt, msvcrt: ecrt.lib), the UCRT (libucrt, ucrt: ucrtbase.dll's import
#: library), vcruntime (ucrtbase.dll and ecrt.lib), the POSIX names (oldnames:
#: ucrtbase.dll's import library has them), the C++ standard library and concurrency
#: runtime (libcpmt, msvcprt, libconcrt, concrt: libc++), the printf family of
#: legacy_stdio_definitions (ecrt.lib) and softintrin (ec-buildext's headers); with
#: their debug variants.  Every other library an object asks for is looked up in the
#: library folders (the generated import libraries first), and one that is not there
#: stops the link.
MSVC_RUNTIME_DEFAULT_LIBS = (
    *(
        f"{name}{debug}"
        for name in (
            "libcmt",
            "msvcrt",
            "libucrt",
            "ucrt",
            "libvcruntime",
            "vcruntime",
            "libcpmt",
            "msvcprt",
            "libconcrt",
            "concrt",
        )
        for debug in ("", "d")
    ),
    "libcpmt1",
    "libcpmtd0",
    "libcpmtd1",
    "oldnames",
    "legacy_stdio_definitions",
    "legacy_stdio_wide_specifiers",
    "softintrin",
)

#: Flags of clang-cl in GNU mode standing in for an MSVC environment.  /GS- because
#: the stack-protector runtime lives in the CRT; _UCRT selects the UCRT flavour of
#: the mingw-w64 headers, matching ucrtbase.dll; -fms-extensions gives MSVC's language
#: extensions that GNU mode leaves off (``__try``/``__except``/``__finally``, whose
#: handler ``__C_specific_handler`` ucrtbase.dll exports; ``__declspec`` as a keyword).
#: ``__USE_MINGW_ANSI_STDIO=0``: a project that defines _GNU_SOURCE, _POSIX_C_SOURCE or
#: _XOPEN_SOURCE would otherwise have the headers call mingw-w64's own printf and strtod
#: (``__mingw_snprintf``, ``__mingw_strtod``: libmingwex, not a system DLL); on Windows
#: those defines change nothing and the UCRT's functions (C99-conforming) are called.
CRTLESS_COMPILE_FLAGS = ("/GS-", "-D_UCRT", "-D__USE_MINGW_ANSI_STDIO=0", "-fms-extensions")

#: C compiles only: MSVC's C compiler catches hardware exceptions (an access
#: violation) in a ``__try`` block; clang keeps such a block only with asynchronous
#: exceptions (without them an ``__except`` around a plain store is optimised away).
#: Not for C++, where the flag means /EHa for the MSVC C++ ABI, which libc++'s
#: exceptions do not use.
CRTLESS_C_FLAGS = ("-Xclang", "-fasync-exceptions")


#: The runtime-support assembly shipped with ec-buildext (one file per view, and the
#: load configs a pure forwarder links).
RUNTIME_DIR = Path(__file__).parent / "runtime"


def runtime_source(view: Arch) -> Path:
    """The runtime-support assembly shipped with ec-buildext for one view."""
    return RUNTIME_DIR / f"{view.name}.S"


@dataclass(frozen=True)
class CrtlessSupport:
    """Headers, libraries and objects a CRT-less link needs."""

    include_dir: Path
    #: clang VFS overlay: case-insensitive lookups in include_dir.
    case_overlay: Path
    lib_dir: Path
    #: The runtime-support object every link of the (EC, for Arm64X) view takes.
    runtime_object: Path
    #: Arm64X only: the native view's runtime-support object, added to hybrid links.
    native_runtime_object: Optional[Path] = None
    #: The C runtime library (crt.py) of the (EC) view: printf family, DLL entry point.
    crt_library: Optional[Path] = None
    #: Arm64X only: the native view's C runtime library.
    native_crt_library: Optional[Path] = None
    #: lld VFS overlay: case-insensitive lookups of library names in lib_dir (None:
    #: this lld has no /vfsoverlay).
    lib_overlay: Optional[Path] = None

    #: clang-cl compiles in GNU mode, on mingw-w64's headers.
    environment = CEnvironment.GNU
    #: What toolchain files call this runtime.
    mode_name = "CRT-less"

    def describe(self) -> str:
        return "CRT-less (mingw-w64 headers, ec-buildext runtime support)"

    def compile_flags(self, view: Arch) -> CompileFlags:
        """GNU mode standing in for MSVC's environment: the mingw-w64 headers found in
        any case, softintrin (Arm64EC), MSVC's macros of ``view`` (Arm64EC: the code
        paths of MSVC, ``_MSC_VER``, diagnose.py); C++ starts with libc++'s headers and
        configuration (cxx.py), C with asynchronous SEH.  clang-cl
        ignores /O2 in GNU mode: the optimisation is said in clang's words."""
        msvc_cxx = CXX_MSVC_PATHS if takes_msvc_paths(view) else ()
        return CompileFlags(
            c=CRTLESS_C_FLAGS,
            cxx=(*cxx_compile_flags(self.include_dir.parent.parent.parent), *msvc_cxx),
            common=(
                *self.include_flags(),
                *mingw_msvc_flags(view),
                *softintrin_flags(view),
                *CRTLESS_COMPILE_FLAGS,
                *msvc_predefined_macros(view),
            ),
            release=("/clang:-O2",),
            debug=("/clang:-O0",),
        )

    def include_flags(self) -> tuple[str, ...]:
        """clang-cl flags for the headers: system headers (searched after the
        project's own, which may also have a ``parser.h``), found in any case."""
        # -Xclang -ivfsoverlay, not the driver's -vfsoverlay: clang-cl before 16 lacks it.
        overlay = ("-Xclang", "-ivfsoverlay", "-Xclang", str(self.case_overlay))
        return (f"/external:I{self.include_dir}", *overlay)

    def link_setup(self, arch: Arch) -> LinkSetup:
        """The MSVC runtime's default libraries left out (/nodefaultlib:NAME each; every
        other #pragma comment(lib) followed); the C runtime's DLL entry point; the
        import libraries by name in any case, as on Windows (``libraries=["Ws2_32"]``,
        ``#pragma comment(lib, "IPHLPAPI.lib")``), through the overlay where lld takes
        one."""
        return LinkSetup(
            library_dirs=(self.lib_dir,),
            library_overlay=self.lib_overlay,
            flags=(*CRTLESS_LINK_FLAGS, *(f"/nodefaultlib:{n}" for n in MSVC_RUNTIME_DEFAULT_LIBS)),
            dll_entry=DLL_ENTRY,
            default_libraries=DEFAULT_LIBS,
        )

    def view_runtime(self, view: Arch) -> ViewRuntime:
        """The runtime-support object and C runtime library of ``view`` (Arm64X
        support holds both views': ``native_*`` are the ARM64 view's)."""
        if self.native_runtime_object is not None and view is ARM64:
            support, crt = self.native_runtime_object, self.native_crt_library
        else:
            support, crt = self.runtime_object, self.crt_library
        return ViewRuntime(view, (support,), (crt,) if crt is not None else ())

    def cxx_runtime(self, llvm: LlvmToolchain, view: Arch) -> tuple[Path, ...]:
        """The C++ runtime library of ``view``, built on first use."""
        return (cxx_runtime_library(llvm, view),)

    def explain_link_failure(self, output: str, inputs: Sequence[Path] = ()) -> str:
        """What a failed link's output means here ('' if nothing); ``inputs``: the
        link's objects and libraries, whose /DEFAULTLIB requests it names."""
        requests = default_library_requests(inputs)
        symbols = undefined_symbols(output)
        origin = self.symbol_origin(symbol_name(symbols[0])) if symbols else None
        ignored = MSVC_RUNTIME_DEFAULT_LIBS
        described = {p.name.split(".")[0] for p in self._mingw_defs()} - set(IMPORT_LIBS)
        return link_failure_hint(output, IMPORT_LIBS, ignored, requests, origin, described)

    def _mingw_defs(self) -> list[Path]:
        """mingw-w64's .def files of system DLLs (the ones every view shares)."""
        return sorted((self.include_dir.parent.parent / "mingw" / "lib-common").glob("*.def*"))

    def symbol_origin(self, name: str) -> Optional[SymbolOrigin]:
        """Where this runtime should have found ``name``: ucrtbase.dll's exports (its
        .def as generated), mingw-w64's C library headers, or another system DLL's
        mingw-w64 .def (None: none of them has it)."""
        # An Arm64X folder has the libraries alone; its views' .def files are alike.
        ucrtbase = self.lib_dir / "ucrtbase.def"
        exports = _def_exports(ucrtbase.read_text()) if ucrtbase.is_file() else {}
        if name in exports:
            return SymbolOrigin("ucrtbase", data=exports[name])
        word = re.compile(rf"(?<![\w$]){re.escape(name)}(?![\w$])")
        for header, text in _c_library_headers(self.include_dir).items():
            if word.search(text):
                return SymbolOrigin("header", header)
        entry = re.compile(rf"^\s*(?:\w+\()?{re.escape(name)}\b", re.M)
        for def_file in self._mingw_defs():
            dll = def_file.name.split(".")[0]
            if dll not in IMPORT_LIBS and entry.search(def_file.read_text(errors="replace")):
                return SymbolOrigin("dll", dll)
        return None


def default_library_requests(inputs: Sequence[Path]) -> dict[str, list[str]]:
    """The libraries the objects among ``inputs`` (and in its static libraries) ask for
    by /DEFAULTLIB, each (lower-case, ``.lib`` added) with the names of those asking."""
    requests: dict[str, list[str]] = {}
    for path in inputs:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        members = list(archive_members(data)) or [("", data)]
        for member, content in members:
            asker = f"{path.name}({member})" if member else path.name
            for name in object_default_libraries(content):
                key = name.lower() if "." in name else f"{name.lower()}.lib"
                askers = requests.setdefault(key, [])
                if asker not in askers:
                    askers.append(asker)
    return requests


_INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)


def _c_library_headers(include_dir: Path) -> dict[str, str]:
    """The text of mingw-w64's C library headers (C_LIBRARY_HEADERS and the headers
    they include: corecrt_*.h, sec_api/, pthread_time.h, ...), by include name."""
    texts: dict[str, str] = {}
    for name in C_LIBRARY_HEADERS:
        path = include_dir / name
        if path.is_file():
            texts[name] = path.read_text(errors="replace")
    for text in list(texts.values()):
        for name in _INCLUDE.findall(text):
            path = include_dir / name
            if name not in texts and path.is_file():
                texts[name] = path.read_text(errors="replace")
    return texts


def _def_exports(def_text: str) -> dict[str, bool]:
    """The names a (preprocessed) .def exports, each with whether it is DATA."""
    exports = {}
    for line in def_text.splitlines():
        words = line.split(";")[0].split()
        if words and words[0] not in ("LIBRARY", "EXPORTS"):
            exports[words[0]] = "DATA" in words[1:]
    return exports


def _run(argv: list[str], what: str) -> None:
    run_tool(argv, what, keep_last=2000, explain=lambda _: f"\n{_BROKEN_LLVM}")


_BROKEN_LLVM = "This LLVM may be broken or too old; choose another with the llvm-root setting."


def _def_template(mingw: Path, name: str, view: Arch) -> Path:
    for folder in view.mingw_def_folders:
        for suffix in (".def.in", ".def"):
            path = mingw / "mingw" / folder / f"{name}{suffix}"
            if path.is_file():
                return path
    raise UserError(f"mingw-w64 has no {name}.def for {view.name} under {mingw / 'mingw'}.")


def _undecorated(def_text: str) -> str:
    """The .def without x86 stdcall decorations (ws2_32's ``htons@4``): 64-bit names
    have none.  mingw-w64 strips them with GNU dlltool -k, which llvm-dlltool only
    applies to i386."""
    lines = []
    for line in def_text.splitlines():
        words = line.split()
        for i, word in enumerate(words):
            # The export's own name, and the one after = / == (never an @ordinal).
            if i == 0 or words[i - 1] in ("=", "=="):
                words[i] = re.sub(r"(?<=[^@])@\d+$", "", word)
        lines.append(" ".join(words))
    return "\n".join(lines) + "\n"


def _build_view_support(llvm: LlvmToolchain, view: Arch, mingw: Path, out: Path) -> None:
    lib_dir = out / "lib"
    lib_dir.mkdir()
    clang = str(llvm.tool("clang"))
    def_include = mingw / "mingw" / "def-include"
    for name in IMPORT_LIBS:
        template = _def_template(mingw, name, view)
        def_file = lib_dir / f"{name}.def"
        # .def.in files are C-preprocessed per architecture (mingw-w64's convention).
        _run(
            [
                clang,
                f"--target={view.gnu_triple}",
                "-E",
                "-P",
                "-x",
                "c",
                "-w",
                f"-I{def_include}",
                f"-I{template.parent}",
                str(template),
                "-o",
                str(def_file),
            ],
            f"preprocessing {template.name}",
        )
        def_file.write_text(_undecorated(def_file.read_text()))
        _run(
            [
                str(llvm.tool("llvm-dlltool")),
                "-m",
                view.dlltool_machine,
                "-d",
                str(def_file),
                "-l",
                str(lib_dir / f"{name}.lib"),
            ],
            f"making {name}.lib",
        )
    _msvc_runtime_libs(lib_dir)
    _run(
        [
            clang,
            f"--target={view.msvc_triple}",
            "-c",
            str(runtime_source(view)),
            "-o",
            str(out / "runtime.obj"),
        ],
        f"assembling the {view.name} runtime-support object",
    )


def _build_hybrid_libs(
    llvm: LlvmToolchain, ec: CrtlessSupport, native: CrtlessSupport, out: Path
) -> None:
    """Arm64X import libraries: the EC view's exports plus the native view's (-N)."""
    lib_dir = out / "lib"
    lib_dir.mkdir()
    for name in IMPORT_LIBS:
        _run(
            [
                str(llvm.tool("llvm-dlltool")),
                "-m",
                ARM64X.dlltool_machine,
                "-d",
                str(ec.lib_dir / f"{name}.def"),
                "-N",
                str(native.lib_dir / f"{name}.def"),
                "-l",
                str(lib_dir / f"{name}.lib"),
            ],
            f"making the Arm64X {name}.lib",
        )
    _msvc_runtime_libs(lib_dir)


def _msvc_runtime_libs(lib_dir: Path) -> None:
    """``lib_dir``'s stand-ins for MSVC's runtime import libraries (MSVC_RUNTIME_LIBS):
    a copy of the import library of the same DLL, or an empty archive (lld-link takes
    it, and it resolves nothing)."""
    for name, target in MSVC_RUNTIME_LIBS.items():
        data = (lib_dir / f"{target}.lib").read_bytes() if target else b"!<arch>\n"
        (lib_dir / f"{name}.lib").write_bytes(data)


def _mingw() -> Path:
    mingw = mingw_root()
    if mingw is None:
        raise UserError(
            "a CRT-less cross build needs the mingw-w64 headers and .def files of the "
            "ziglang wheel, which is not installed. Install it (pip install "
            'ec-buildext[llvm], or requires = ["ec-buildext[llvm]"] in the project), or '
            "give a Windows SDK/CRT tree with the sysroot setting."
        )
    return mingw


def _cache_key(llvm: LlvmToolchain, name: str, mingw: Path) -> str:
    """What the support files depend on: the LLVM version, the mingw-w64 files and
    ec-buildext's own sources.  Not their paths: every isolated pip build has a new
    copy of the ziglang wheel, and all of them share one cache entry."""
    windows_h = mingw / "include" / "any-windows-any" / "windows.h"
    return key_of(
        llvm.version,
        name,
        windows_h.stat().st_size,
        sorted(p.name for p in (mingw / "mingw" / "lib-common").glob("*.def*")),
        sorted((p.name, p.read_bytes()) for p in RUNTIME_DIR.iterdir() if p.is_file()),
        IMPORT_LIBS,
        Path(__file__).read_bytes(),  # a change in how the folder is made invalidates it
    )


def _overlay_entries(folder: Path) -> list[dict[str, object]]:
    entries: list[dict[str, object]] = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.is_dir():
            contents = _overlay_entries(Path(entry.path))
            entries.append({"name": entry.name, "type": "directory", "contents": contents})
        else:
            entries.append({"name": entry.name, "type": "file", "external-contents": entry.path})
    return entries


def case_insensitive_overlay(include_dir: Path) -> Path:
    """A clang VFS overlay (``-vfsoverlay``) listing every file under ``include_dir``
    with case-insensitive matching, cached per folder: it names absolute paths, and
    each isolated pip build has its own copy of the ziglang wheel."""
    entries = _overlay_entries(include_dir)
    overlay = {
        "version": 0,
        "case-sensitive": "false",
        "roots": [{"name": str(include_dir), "type": "directory", "contents": entries}],
    }
    text = json.dumps(overlay, indent=0)  # YAML, as clang reads it

    def fill(out: Path) -> None:
        (out / "overlay.yaml").write_text(text)

    return cached_folder(f"case-overlay-{key_of(text)}", fill) / "overlay.yaml"


def crtless_support(llvm: LlvmToolchain, arch: Arch) -> CrtlessSupport:
    """The (cached) CRT-less support files for ``arch`` (Arm64X: both views)."""
    mingw = _mingw()
    include_dir = mingw / "include" / "any-windows-any"
    overlay = case_insensitive_overlay(include_dir)
    if arch.is_hybrid:
        ec, native = (crtless_support(llvm, v) for v in (ARM64EC, ARM64))
        folder = cached_folder(
            f"crtless-{arch.name}-{_cache_key(llvm, arch.name, mingw)}",
            lambda out: _build_hybrid_libs(llvm, ec, native, out),
        )
        return CrtlessSupport(
            include_dir,
            overlay,
            folder / "lib",
            ec.runtime_object,
            native.runtime_object,
            ec.crt_library,
            native.crt_library,
            _lib_overlay(llvm, folder / "lib"),
        )
    folder = cached_folder(
        f"crtless-{arch.name}-{_cache_key(llvm, arch.name, mingw)}",
        lambda out: _build_view_support(llvm, arch, mingw, out),
    )
    crt = c_runtime(llvm, arch, mingw) / CRT_LIBRARY
    return CrtlessSupport(
        include_dir,
        overlay,
        folder / "lib",
        folder / "runtime.obj",
        crt_library=crt,
        lib_overlay=_lib_overlay(llvm, folder / "lib"),
    )


#: The first LLVM whose lld-link is known to take /vfsoverlay (checked: 19 and 22 do,
#: 14 does not).
_LLD_VFSOVERLAY = 19


def _lib_overlay(llvm: LlvmToolchain, lib_dir: Path) -> Optional[Path]:
    """The case-insensitive overlay of ``lib_dir``, when this lld can use one."""
    return case_insensitive_overlay(lib_dir) if llvm.version[0] >= _LLD_VFSOVERLAY else None


def cxx_runtime_unavailable(llvm: LlvmToolchain) -> str:
    """Why ``llvm`` cannot build the C++ runtime ("" when it can)."""
    return cxx_runtime_problem(llvm, _mingw().parent)


def cxx_runtime_library(llvm: LlvmToolchain, view: Arch) -> Path:
    """The C++ runtime library of ``view`` (a single-arch view), built on the first C++
    link of the machine: only links with C++ ask for it."""
    lib = _mingw().parent  # the ziglang wheel's lib/: libcxx, libcxxabi, libunwind
    return cxx_runtime(llvm, view, lib) / CXX_LIBRARY
