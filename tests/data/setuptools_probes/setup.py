"""Probes the compiler the way pycryptodome's compiler_opt.py does, and adds vendored
folders in build_extensions() the way httptools does.  Nothing here knows about
Arm64EC."""

import os
import sys
import sysconfig
from distutils import ccompiler
from distutils.errors import CCompilerError

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))


def compiles_and_links(name):
    """pycryptodome's test_compilation: compile a snippet, link an executable."""
    compiler = ccompiler.new_compiler()
    sysconfig_module = __import__("distutils.sysconfig", fromlist=["customize_compiler"])
    sysconfig_module.customize_compiler(compiler)
    preargs = ["/MANIFEST"] if compiler.compiler_type == "msvc" else []
    source = os.path.join("probes", name + ".c")
    try:
        objects = compiler.compile([source], output_dir="build/probes")
        compiler.link_executable(
            objects, os.path.join("build", "probes", name), extra_preargs=preargs
        )
    except (CCompilerError, OSError):
        return 0
    return 1


def write_config():
    os.makedirs("build", exist_ok=True)
    answers = {name: compiles_and_links(name) for name in ("win64", "mman")}
    with open(os.path.join("build", "probe_config.h"), "w") as f:
        for name, value in answers.items():
            f.write(f"#define PROBE_{name.upper()} {value}\n")
        f.write(f'#define PROBE_COMPILER "{ccompiler.new_compiler().compiler_type}"\n')


class build_ext_vendored(build_ext):
    def build_extensions(self):
        # httptools: the vendored parser's folders and sources are added here.
        for ext in self.extensions:
            ext.include_dirs.append(os.path.join("vendor", "include"))
            ext.sources.append(os.path.join("vendor", "parser.c"))
        super().build_extensions()

    def build_extension(self, ext):
        ext.define_macros.append(("FROM_BUILD_EXTENSION", "1"))
        super().build_extension(ext)


write_config()
version = "python{}.{}".format(*sys.version_info[:2])
host_includes = [
    sysconfig.get_paths()["include"],
    os.path.join(sys.prefix, "include"),
    os.path.join(sys.prefix, "include", "site", version),
]
setup(
    ext_modules=[
        Extension(
            "probes",
            sources=["src/probes.c"],
            include_dirs=["build", *host_includes],
            define_macros=[("SHOW_COMMAND", None)] if os.environ.get("PROBES_FAIL") else [],
        )
    ],
    cmdclass={"build_ext": build_ext_vendored},
)
