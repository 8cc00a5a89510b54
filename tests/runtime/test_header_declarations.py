"""Every function mingw-w64's C library headers declare, as a CRT-less compile sees them
(the build model's own compile flags and macros, read by clang's AST dump), is
importable from the generated ucrtbase.lib or defined by ec-buildext's C runtime
(ecrt.lib), both read with llvm-nm: a project that calls one links.  Static and inline
definitions are left out (they need nothing); GNU ``extern inline`` ones are not (a
debug build calls their out-of-line definition).  What a declaration needs is its
symbol: ``__imp_NAME`` when it is ``dllimport``, the ``asm`` label's name when the
header renames it (``time`` -> ``_time64``)."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from ec_buildext.toolchains.crtless import C_LIBRARY_HEADERS

from ..support import wine
from ..support.crtless import Crtless, crtless
from ..support.llvm import find_tool
from ..support.small_dll import small_dll
from ..support.wine import Wine, windows_path

pytestmark = pytest.mark.slow


def _words(text: str) -> list[str]:
    return text.split()


#: The headers of the C library (the UCRT's set, as mingw-w64 has them).
HEADERS = C_LIBRARY_HEADERS


@dataclass(frozen=True)
class Declared:
    """One function the headers declare, merged over its declarations."""

    name: str
    #: The linker's name for it (its asm label, if the header gives one).
    symbol: str
    dllimport: bool
    #: Defined in the header and needing nothing else (static, or a plain inline
    #: definition; GNU extern inline needs its out-of-line one).
    self_contained: bool

    @property
    def needs(self) -> str:
        return f"__imp_{self.symbol}" if self.dllimport else self.symbol


def declared_functions(toolchain: Crtless, folder: Path) -> list[Declared]:
    """The functions HEADERS declare under the model's flags for the toolchain's view."""
    source = folder / "headers.c"
    source.write_text("".join(f"#include <{h}>\n" for h in HEADERS))
    argv = [*toolchain.compile_flags(), "/Zs", "-Xclang", "-ast-dump=json", str(source)]
    dump = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    merged: dict[str, dict[str, object]] = {}
    for node in json.loads(dump)["inner"]:
        if node["kind"] != "FunctionDecl" or node.get("isImplicit"):
            continue
        kinds = {inner["kind"] for inner in node.get("inner", [])}
        found = merged.setdefault(
            node["name"],
            {"symbol": node["name"], "dllimport": False, "static": False, "body": False},
        )
        found["static"] = found["static"] or node.get("storageClass") == "static"
        found["dllimport"] = found["dllimport"] or "DLLImportAttr" in kinds
        gnu_body = "CompoundStmt" in kinds and "GNUInlineAttr" not in kinds
        found["body"] = found["body"] or gnu_body
        if "AsmLabelAttr" in kinds:
            found["symbol"] = node["mangledName"]
    return [
        Declared(name, str(f["symbol"]), bool(f["dllimport"]), bool(f["static"] or f["body"]))
        for name, f in sorted(merged.items())
    ]


def symbols(library: Path, defined_only: bool = False) -> set[str]:
    """The symbols of ``library`` (Arm64EC's ``#name`` as ``name``)."""
    argv = [find_tool("llvm-nm"), "--format=just-symbols", str(library)]
    if defined_only:
        argv.insert(1, "--defined-only")
    listed = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    return {s.removeprefix("#") for s in listed.split() if not s.endswith(":")}


def ucrtbase_exports(def_file: Path) -> set[str]:
    """The names mingw-w64's ucrtbase.def (as generated) says ucrtbase.dll exports."""
    names = set()
    for line in def_file.read_text().splitlines():
        words = line.split()
        if words and words[0] not in ("LIBRARY", "EXPORTS") and not words[0].startswith(";"):
            names.add(words[0])
    return names


#: Declared, and neither importable nor defined: why, by group.  Each is checked to be
#: missing (fixing one fails the test until it leaves this list) and, but for x64's long
#: double complex ones, to be absent from ucrtbase.dll's exports (its mingw-w64 .def).
MSVCRT_ONLY = (
    "the old msvcrt.dll's, which mingw-w64's headers declare whatever the CRT: "
    "ucrtbase.dll does not export them and the UCRT's own headers do not declare them"
)
UCRT_INLINE = (
    "not yet: the _l string functions mingw-w64 declares dllimport (msvcr80's), which "
    "ucrtbase.dll does not export"
)
#: x64's 80-bit long double complex functions that need compiler-rt's __mulxc3 and
#: __divxc3 (ucrtbase.dll has them for ARM64 and Arm64EC, where long double is double).
X64_GAPS = dict.fromkeys(("cpowl", "ctanl", "ctanhl"), "not yet: needs __mulxc3/__divxc3")
KNOWN_GAPS = {
    **dict.fromkeys(
        _words(
            "__create_locale __free_locale __get_current_locale __iob_func __lock_fhandle "
            "_unlock_fhandle __p__amblksiz __p__osplatform __p__osver __p__winmajor "
            "__p__winminor __p__winver _filbuf _flsbuf _get_amblksiz _set_amblksiz "
            "_get_osplatform _get_osver _get_output_format _set_output_format "
            "_get_sbh_threshold _set_sbh_threshold _get_winmajor _get_winminor _get_winver "
            "_getdcwd_nolock _wgetdcwd_nolock _heapadd _heapset _heapused "
            "_set_malloc_crt_max_wait cgets"
        ),
        MSVCRT_ONLY,
    ),
    **dict.fromkeys(
        _words(
            "_strncat_s_l _strncpy_s_l _strnset_l _strset_l _strtok_s_l "
            "_wcsncat_s_l _wcsncpy_l _wcsncpy_s_l _wcsnset_s_l _wcsset_s_l _wcstok_s_l"
        ),
        UCRT_INLINE,
    ),
}


def known_gaps(arch: str) -> dict[str, str]:
    return {**KNOWN_GAPS, **(X64_GAPS if arch == "x64" else {})}


#: Declared functions the DLL leaves out: clang's builtins, always expanded in place
#: (their address cannot be taken; ucrtbase.dll exports them too), and an inline
#: function whose body calls a known gap (__mingw_setusermatherr).
NOT_REFERENCED = {"_rotl", "_rotr", "_lrotl", "_lrotr", "_rotl64", "_rotr64", "__setusermatherr"}


@pytest.fixture(autouse=True)
def _shared_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EC_BUILDEXT_CACHE_DIR", str(wine.tests_cache() / "runtime-cache"))


@pytest.mark.parametrize("arch", ["x64", "arm64ec", "arm64"])
def test_every_declared_function_links(arch: str, tmp_path: Path) -> None:
    toolchain = crtless(arch)
    support = toolchain.support
    assert support.crt_library is not None
    have = symbols(support.lib_dir / "ucrtbase.lib") | symbols(support.crt_library, True)
    declared = declared_functions(toolchain, tmp_path)
    assert len(declared) > 1000  # the dump is the headers', not an empty file's
    missing = sorted(d.name for d in declared if not d.self_contained and d.needs not in have)
    known = known_gaps(arch)
    unexplained = [n for n in missing if n not in known]
    assert unexplained == [], f"{len(unexplained)} declared, neither importable nor defined"
    assert sorted(known) == missing  # a gap closed leaves KNOWN_GAPS
    exports = ucrtbase_exports(support.lib_dir / "ucrtbase.def")
    assert not {n for n, why in known.items() if why in (MSVCRT_ONLY, UCRT_INLINE)} & exports


@pytest.mark.parametrize("arch", ["x64", "arm64ec", "arm64"])
def test_a_dll_calling_every_declared_function_links(arch: str, tmp_path: Path) -> None:
    """Every declared function but the known gaps, referenced through the headers'
    own declarations (dllimport, asm labels) by one DLL: the link resolves all of them,
    and what the C runtime's members need in turn."""
    toolchain = crtless(arch)
    declared = declared_functions(toolchain, tmp_path)
    wanted = [
        d.name
        for d in declared
        if not (d.self_contained or d.name in known_gaps(arch) or d.name in NOT_REFERENCED)
    ]
    source = tmp_path / "calls.c"
    source.write_text(
        "".join(f"#include <{h}>\n" for h in HEADERS)
        + "void *ec_every_function[] = {\n"
        + "".join(f"  (void *)&({name}),\n" for name in wanted)
        + "};\n"
    )
    obj = tmp_path / "calls.obj"
    toolchain.compile(source, obj, "-Wno-everything")
    linked = toolchain.link([obj], tmp_path / "calls.dll")
    assert linked.returncode == 0, (linked.stdout + linked.stderr)[-4000:]


OWN_STRTOK_R = """
#include <string.h>
#include <stdlib.h>
char *strtok_r(char *s, const char *separators, char **rest) { return s ? s : *rest; }
__declspec(dllexport) char *copy(const char *s) { return strndup(s, 4); }
"""


@pytest.mark.parametrize("arch", ["x64", "arm64ec"])
def test_a_projects_own_definition_wins(arch: str, tmp_path: Path) -> None:
    """The C runtime's definitions of what mingw-w64's headers declare are weak: a
    project that defines its own strtok_r (portable code does, under _WIN32) and calls
    strndup, which the same runtime object defines, links."""
    toolchain = crtless(arch)
    source = tmp_path / "own.c"
    source.write_text(OWN_STRTOK_R)
    obj = tmp_path / "own.obj"
    toolchain.compile(source, obj)
    linked = toolchain.link([obj], tmp_path / "own.dll")
    assert linked.returncode == 0, linked.stdout + linked.stderr


#: Functions the C runtime gained from this check, compiled -O0 so the headers' extern
#: inline ones (fpclassify's __fpclassify, wcsnlen_s, wmemcpy) are called, not inlined.
CALLS = r"""
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timeb.h>
#include <time.h>
#include <wchar.h>
static int scan(const wchar_t *s, const wchar_t *format, ...) {
  va_list args;
  va_start(args, format);
  int found = vswscanf(s, format, args);
  va_end(args);
  return found;
}
__declspec(dllexport) int probe(char *out, int n) {
  char text[] = "a,b;;c", *rest, *parts[4];
  int k = 0, number = 0;
  for (char *p = strtok_r(text, ",;", &rest); p != NULL; p = strtok_r(NULL, ",;", &rest))
    parts[k++] = p;
  char *dup = strndup("abcdef", 3);
  wchar_t w[4];
  wmemcpy(w, L"xyz", 4);
  double s, c;
  sincos(0.5, &s, &c);
  struct timeb now;
  ftime(&now);
  struct timespec real, mono1, mono2, nap = {0, 1000000};
  int clocks = clock_gettime(CLOCK_REALTIME, &real) + clock_gettime(CLOCK_MONOTONIC, &mono1) +
               nanosleep(&nap, NULL) + clock_gettime(CLOCK_MONOTONIC, &mono2);
  long long slept = (mono2.tv_sec - mono1.tv_sec) * 1000000000LL + (mono2.tv_nsec - mono1.tv_nsec);
  char mingw[16];
  __mingw_snprintf(mingw, sizeof mingw, "%d-%s", 7, "x");
  double parsed = __mingw_strtod("2.5", NULL);
  int scanned = scan(L"42", L"%d", &number), first3 = 0;
  _snwscanf(L"12345", 3, L"%d", &first3);
  snprintf(out, n, "%d %s %s %s|%s|%ls|%.6f %.6f|%d %d|%d|%zu|%d %d %d|%d %d %d", k,
           parts[0], parts[1], parts[2], dup, w, s, c, fpclassify(1e-310) == FP_SUBNORMAL,
           isnan(NAN) != 0, now.time > 1000000000, wcsnlen_s(L"hello", 3), scanned, number,
           first3, clocks, real.tv_sec > 1000000000, slept >= 1000000);
  size_t used = strlen(out);
  snprintf(out + used, n - used, "|%s %.2f", mingw, parsed);
  free(dup);
  return k;
}
"""


def test_added_functions_run(tmp_path: Path, windows_cpython313: Path, wine_runner: Wine) -> None:
    cache = wine.tests_cache() / "runtime-cache"
    dll = small_dll(tmp_path, CALLS, "x64", cache, extra_compile_args=["/clang:-O0"])
    code = f"""
import ctypes
d = ctypes.CDLL({windows_path(dll)!r})
out = ctypes.create_string_buffer(160)
print(d.probe(out, 160), out.value.decode())
"""
    out = wine_runner.python(windows_cpython313, code, path=tmp_path).stdout.strip()
    assert out == "3 3 a b c|abc|xyz|0.479426 0.877583|1 1|1|3|1 42 123|0 1 1|7-x 2.50"
