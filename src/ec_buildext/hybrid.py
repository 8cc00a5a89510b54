"""One-configure Arm64X: compile twice, archive and link once, from CMake's launchers.

CMake has no notion of Arm64X.  Microsoft's recipe configures and builds the
project twice and splices the link lines together.  ec-buildext needs one
configure: the project is configured for Arm64EC, and three small hooks turn
each step into its Arm64X form, whatever the project's own flags are:

* ``compile`` (``CMAKE_<LANG>_COMPILER_LAUNCHER``): runs the compile as given
  (the EC object) and, beside it, the same command for native ARM64 (the last
  ``--target`` wins for clang-cl; ``/arm64EC`` removed for cl.exe; CMake's
  ``/D_AMD64_ /D_ARM64EC_`` removed; the toolchain file's EC-only arguments, such
  as MSVC's Arm64EC macros and the softintrin include folder, replaced by the
  native ones) writing a sidecar object ``name.arm64.obj`` next to ``name.obj``.
  Same flags, same definitions, same include folders, same per-source
  properties, by construction.
* ``archive`` (``CMAKE_AR``, through a wrapper script): static libraries get
  both object sets and ``/machine:arm64x``.
* ``link`` (``CMAKE_<LANG>_LINKER_LAUNCHER``): DLL links get ``/machine:arm64x``,
  each object's sidecar, the native runtime-support object, and a ``.def`` file
  for both views; lld warnings about a missing load config fail the link.

A user's own compiler launcher (ccache, sccache) still runs: it is chained.
"""

from __future__ import annotations

import os
import sys

# Imports cost start-up time on every compile: typing, collections.abc and re are left
# out of the compile step (re is loaded by the link and archive steps, which need it).
TYPE_CHECKING = False
if TYPE_CHECKING:
    import subprocess
    from collections.abc import Sequence
    from typing import Callable, Optional, Union

    Process = Union[int, subprocess.Popen[bytes]]  # a POSIX pid, or a Popen elsewhere

__all__ = [
    "NATIVE_TAG",
    "hybrid_archive_command",
    "hybrid_link_command",
    "main",
    "native_compile_command",
    "sidecar",
]

#: Sidecar objects: ``foo.c.obj`` (EC) has ``foo.c.arm64.obj`` (native) beside it.
NATIVE_TAG = ".arm64"
#: Definitions CMake adds for an ARM64EC target, wrong for the native object set.
_EC_ONLY_DEFINES = frozenset({"_AMD64_", "_ARM64EC_"})
#: clang-cl depfile flags: the EC compile writes the depfile; the native one must not.
_DEPFILE_PREFIXES = ("-clang:-MD", "-clang:-MT", "-clang:-MF", "/showIncludes", "-showIncludes")
#: lld warnings that mean a view of the image would not load.
_FATAL_LINK_WARNING = r"warning: .*(_load_config_used|CHPE|chpe)"


def sidecar(path: str) -> str:
    """The native object (or PDB) beside an EC one: ``x.c.obj`` -> ``x.c.arm64.obj``."""
    root, ext = os.path.splitext(path)
    return f"{root}{NATIVE_TAG}{ext}"


_OPTION = r"^[/-][A-Za-z][\w-]*(:|$)"


def _flag(arg: str) -> Optional[str]:
    """A linker/archiver option (``/dll``, ``-machine:x``) lower-cased, without its
    ``/`` or ``-``; None for inputs, absolute POSIX paths (``/tmp/a.obj``) included."""
    import re  # here: the compile step never needs it

    return arg[1:].lower() if re.match(_OPTION, arg) else None


def native_compile_command(
    argv: Sequence[str],
    native_target: str = "",
    include_swap: tuple[str, str] = ("", ""),
    ec_only: Sequence[str] = (),
    native_only: Sequence[str] = (),
) -> tuple[list[str], str]:
    """The native ARM64 twin of an EC compile command, and the object it writes.

    ``argv`` is the compiler and its arguments exactly as CMake ran them;
    ``native_target`` is the clang triple for clang-cl (empty for cl.exe);
    ``include_swap`` (EC folder, native folder): an include folder to replace, in
    whatever include option CMake spelled it (x64 CPython's headers -> ARM64's);
    ``ec_only``: arguments the native compile leaves out, ``native_only`` taking the
    place of the first of them (MSVC's ARM64 macros for its Arm64EC ones).
    """
    ec_include, native_include = include_swap
    out: list[str] = []
    obj = ""
    skip = 0
    replaced = False
    for i, arg in enumerate(argv):
        if skip:
            skip -= 1
            continue
        if arg in ec_only:
            if not replaced:
                out += native_only
                replaced = True
            continue
        # clang's GNU driver (assembly): -o OBJ, and -MD -MT X -MF Y depfile options.
        if arg == "-o" and i + 1 < len(argv):
            obj = argv[i + 1]
            out += ["-o", sidecar(obj)]
            skip = 1
            continue
        if arg in ("-MT", "-MF", "-MQ"):
            skip = 1
            continue
        if arg in ("-MD", "-MMD"):
            continue
        # The native target replaces the EC one: drivers do not agree on which of
        # two --target options wins for every step.
        if native_target and arg in ("-target", "--target") and i + 1 < len(argv):
            skip = 1
            continue
        if native_target and arg.startswith(("--target=", "-target=")):
            continue
        # cl.exe options are case-sensitive; matching them exactly keeps absolute
        # POSIX paths (/foo/bar.c) from passing for options.
        if arg in ("/arm64EC", "-arm64EC") or (
            arg[2:] in _EC_ONLY_DEFINES and arg[:2] in ("/D", "-D")
        ):
            continue
        if arg.startswith(_DEPFILE_PREFIXES):
            continue
        if arg.startswith(("/Fo", "-Fo")):
            obj = arg[3:]
            out.append(arg[:3] + sidecar(obj))
        elif arg.startswith(("/Fd", "-Fd")) and arg.lower().endswith(".pdb"):
            out.append(arg[:3] + sidecar(arg[3:]))  # cl.exe locks its PDB
        elif ec_include and arg.endswith(ec_include):
            out.append(arg[: -len(ec_include)] + native_include)
        else:
            out.append(arg)
    if not obj:
        raise ValueError("compile command has no /Fo<object> or -o <object>: " + " ".join(argv))
    if native_target:
        # Before any "--" (sources follow it); clang-cl takes the last --target.
        at = out.index("--") if "--" in out else len(out)
        out.insert(at, f"--target={native_target}")
    return out, sidecar(obj)


def _is_object(arg: str) -> bool:
    return _flag(arg) is None and arg.lower().endswith((".obj", ".o"))


def _with_sidecars(args: Sequence[str], exists: Callable[[str], bool]) -> list[str]:
    """Each object input followed by its native sidecar, where one was compiled."""
    out: list[str] = []
    for arg in args:
        out.append(arg)
        if _is_object(arg) and exists(sidecar(arg)):
            out.append(sidecar(arg))
    return out


def _set_machine(args: list[str], machine: str) -> list[str]:
    out = [a for a in args if not (_flag(a) or "").startswith("machine:")]
    return [*out, f"/machine:{machine}"]


def hybrid_link_command(
    argv: Sequence[str],
    exists: Callable[[str], bool],
    extra_inputs: Sequence[str] = (),
    *,
    machine: str,
) -> list[str]:
    """The Arm64X form of a DLL link (``machine``: the Arm64X ``/machine:`` value, from
    the arch table through the toolchain file); other links (EXEs) are returned unchanged."""
    if not any(_flag(a) == "dll" for a in argv):
        return list(argv)
    args = _with_sidecars(argv, exists)
    flags = [_flag(a) or "" for a in args]
    if not any(f.startswith("defarm64native:") for f in flags):
        # One .def for both views unless the project gave a native one.
        args += [f"/defArm64Native:{a[5:]}" for a, f in zip(args, flags) if f.startswith("def:")]
    return _set_machine([*args, *extra_inputs], machine)


def hybrid_archive_command(
    argv: Sequence[str], exists: Callable[[str], bool], *, machine: str
) -> list[str]:
    """A static library holding both object sets: an Arm64X archive."""
    return _set_machine(_with_sidecars(argv, exists), machine)


def _split_rsp(text: str) -> list[str]:
    """Split a response file as MSVC tools do: blanks separate, double quotes group."""
    import re

    return [
        m.group(1) if m.group(1) is not None else m.group(2)
        for m in re.finditer(r'"([^"]*)"|(\S+)', text)
    ]


def _expand_response_files(args: Sequence[str]) -> list[str]:
    out: list[str] = []
    for arg in args:
        if arg.startswith("@") and os.path.isfile(arg[1:]):
            with open(arg[1:], encoding="utf-8", errors="replace") as f:
                out += _split_rsp(f.read())
        else:
            out.append(arg)
    return out


def _exists(path: str) -> bool:
    return os.path.isfile(path)


def _as_invocation(original: Sequence[str], command: list[str]) -> list[str]:
    """Where the tool was given a response file, give it one again (command-line limits)."""
    rsp = next((a[1:] for a in original if a.startswith("@")), None)
    if rsp is None:
        return command
    path = f"{rsp}.arm64x.rsp"
    with open(path, "w", encoding="utf-8") as f:
        f.write(" ".join(f'"{a}"' if " " in a else a for a in command[1:]))
    return [command[0], f"@{path}"]


def _gnu_assembly_output(argv: list[str]) -> list[str]:
    """clang-cl given ``/Fo`` writes a ``.S`` file's preprocessed text to
    ``<current folder>/<source name>.asm``, one name for both views' compiles run at
    once (and for same-named sources): given ``-o``, it writes a fresh temporary file."""
    if not argv[-1].lower().endswith(".s"):
        return argv
    return [
        part
        for arg in argv
        for part in (["-o", arg[3:]] if arg.startswith(("/Fo", "-Fo")) and arg[3:] else [arg])
    ]


def _start(argv: list[str], env: dict[str, str], output: str = "") -> Process:
    """Start ``argv`` (stdout and stderr to the file ``output`` when given).  POSIX:
    ``os.posix_spawnp``, as importing subprocess costs more than the spawn."""
    if hasattr(os, "posix_spawnp"):
        actions = []
        if output:
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
            actions = [(os.POSIX_SPAWN_OPEN, 1, output, flags, 0o600), (os.POSIX_SPAWN_DUP2, 1, 2)]
        return os.posix_spawnp(argv[0], argv, env, file_actions=actions)
    import subprocess

    if not output:
        return subprocess.Popen(argv, env=env)
    with open(output, "wb") as sink:
        return subprocess.Popen(argv, env=env, stdout=sink, stderr=subprocess.STDOUT)


def _wait(process: Process) -> int:
    if isinstance(process, int):
        return os.waitstatus_to_exitcode(os.waitpid(process, 0)[1])
    return process.wait()


def _private_temp(folder: str) -> dict[str, str]:
    """The environment of one compile, with ``folder`` as its temporary folder."""
    os.makedirs(folder, exist_ok=True)
    return {**os.environ, "TMPDIR": folder, "TMP": folder, "TEMP": folder}


def _remove_folder(folder: str) -> None:
    try:
        os.rmdir(folder)
    except OSError:  # something left in it: rare, so the import is paid only then
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


def _run_compile(
    chain: list[str],
    argv: list[str],
    native_target: str,
    include_swap: tuple[str, str],
    ec_only: list[str],
    native_only: list[str],
) -> int:
    try:
        native_argv, native_obj = native_compile_command(
            argv, native_target, include_swap, ec_only, native_only
        )
    except ValueError:  # no object written (--version, CMake's probes): nothing to twin
        return _wait(_start([*chain, *argv], dict(os.environ)))
    if native_target:
        argv, native_argv = _gnu_assembly_output(argv), _gnu_assembly_output(native_argv)
    # Both compiles at once; only the EC one talks to the build tool (depfiles,
    # /showIncludes), the native one's output is shown only if it fails.
    # Temporary folders named after the native object: one object, one compile.
    ec_env, native_env = _private_temp(f"{native_obj}.ec.tmp"), _private_temp(f"{native_obj}.tmp")
    log = os.path.join(native_env["TMPDIR"], "output.txt")
    native = _start([*chain, *native_argv], native_env, log)
    ec_code = _wait(_start([*chain, *argv], ec_env))
    native_code = _wait(native)
    with open(log, "rb") as f:
        native_out = f.read()
    os.remove(log)
    _remove_folder(ec_env["TMPDIR"])
    _remove_folder(native_env["TMPDIR"])
    if ec_code:
        return ec_code
    if native_code:
        sys.stderr.write(
            "ec-buildext: the native ARM64 compile of this Arm64X build failed:\n  "
            + " ".join(native_argv)
            + "\n"
        )
        sys.stderr.write(native_out.decode(errors="replace"))
        return native_code
    return 0


def _run_link(argv: list[str], extra: list[str], machine: str) -> int:
    command = hybrid_link_command(_expand_response_files(argv), _exists, extra, machine=machine)
    import re
    import subprocess

    proc = subprocess.run(
        _as_invocation(argv, command), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False
    )
    output = proc.stdout.decode(errors="replace")
    sys.stdout.write(output)
    fatal = [line for line in output.splitlines() if re.search(_FATAL_LINK_WARNING, line)]
    if fatal and proc.returncode == 0:
        sys.stderr.write(
            "ec-buildext: a view of this Arm64X image lacks its load config or CHPE "
            "metadata, so Windows would not load it that way:\n  " + "\n  ".join(fatal) + "\n"
        )
        for output_file in (a[5:] for a in command if (_flag(a) or "").startswith("out:")):
            if os.path.exists(output_file):
                os.remove(output_file)
        return 1
    return proc.returncode


_USAGE = """usage: python -m ec_buildext.hybrid {compile,link,archive} [options] -- COMMAND...

Arm64X steps that CMake runs around the compiler, the linker and the archiver
(see the module documentation). Options:
  --native-target=T  clang triple of the native view (compile, clang-cl only)
  --chain=N          the first N words of COMMAND are the user's own launcher (compile)
  --add=OBJ          extra input for hybrid DLL links (link; repeatable)
  --machine=M        the Arm64X /machine: value (link, archive; required there)
  --ec-include=DIR --native-include=DIR
                     the native compile uses the second include folder where the EC
                     one uses the first (compile: the two views' CPython headers)
  --ec-only=ARG      an argument the native compile leaves out (compile; repeatable)
  --native-only=ARG  an argument the native compile has in place of the first
                     --ec-only one found (compile; repeatable)
"""


def main(argv: Optional[Sequence[str]] = None) -> int:
    # No argparse: this runs once per compile, and its start-up time counts.
    argv = list(sys.argv[1:] if argv is None else argv)
    split = argv.index("--") if "--" in argv else len(argv)
    options, command = argv[:split], argv[split + 1 :]
    if not options or options[0] not in ("compile", "link", "archive") or not command:
        sys.stderr.write(_USAGE)
        return 2
    step = options[0]
    values = {
        "--native-target": "",
        "--chain": "0",
        "--ec-include": "",
        "--native-include": "",
        "--machine": "",
    }
    lists: dict[str, list[str]] = {"--add": [], "--ec-only": [], "--native-only": []}
    for option in options[1:]:
        name, _, value = option.partition("=")
        if name in lists:
            lists[name].append(value)
        elif name in values:
            values[name] = value
        else:
            sys.stderr.write(f"unknown option {option}\n{_USAGE}")
            return 2
    chain_length = int(values["--chain"])
    chain, command = command[:chain_length], command[chain_length:]
    if step == "compile":
        swap = (values["--ec-include"], values["--native-include"])
        return _run_compile(
            chain,
            command,
            values["--native-target"],
            swap,
            lists["--ec-only"],
            lists["--native-only"],
        )
    if not values["--machine"]:
        sys.stderr.write(f"{step} needs --machine=M\n{_USAGE}")
        return 2
    if step == "link":
        return _run_link(command, lists["--add"], values["--machine"])
    import subprocess

    archive = hybrid_archive_command(
        _expand_response_files(command), _exists, machine=values["--machine"]
    )
    return subprocess.call(_as_invocation(command, archive))


if __name__ == "__main__":
    raise SystemExit(main())
