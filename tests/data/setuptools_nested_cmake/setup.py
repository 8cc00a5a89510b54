"""A setup.py that builds its bundled C library with CMake before the extension (as
pycares does with c-ares) and links the static library into the module.

NESTED_HOST_COMPILER=1: the CMake call ignores the environment and names the build
machine's compiler, as a project hard-wiring its own toolchain would."""

import os
import subprocess
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).parent.resolve()


class build_bundled_then_ext(build_ext):
    def build_extensions(self):
        build = Path(self.build_temp).resolve() / "bundled"
        env = dict(os.environ)
        configure = ["cmake", "-S", str(HERE / "bundled"), "-B", str(build)]
        if os.environ.get("NESTED_HOST_COMPILER"):
            for name in ("CMAKE_TOOLCHAIN_FILE", "CMAKE_GENERATOR", "CC", "CXX", "AR", "LD"):
                env.pop(name, None)
            configure.append("-DCMAKE_C_COMPILER=cc")
        configure.append("-DCMAKE_BUILD_TYPE=Release")
        subprocess.check_call(configure, env=env)
        subprocess.check_call(["cmake", "--build", str(build)], env=env)
        (library,) = [p for p in build.iterdir() if p.name in ("bundled.lib", "libbundled.a")]
        for ext in self.extensions:
            ext.include_dirs.append(str(build))
            ext.extra_objects.append(str(library))
        super().build_extensions()


setup(
    ext_modules=[Extension("nested", ["src/nested.c"], include_dirs=[str(HERE / "bundled")])],
    cmdclass={"build_ext": build_bundled_then_ext},
)
