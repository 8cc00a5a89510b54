"""Decides by the machine it runs on, as many setup.py files do."""

import os
import platform
import sys
import sysconfig

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

if sys.platform == "win32":
    sources, macros, args = ["src/native_win32.c"], [], ["/W3"]
else:
    sources, macros, args = (
        ["src/native_posix.c"],
        [("HAVE_SYS_PRCTL_H", "1")],
        ["-Wall", "-Werror"],
    )
seen = [sys.platform, os.name, platform.system(), platform.machine(), sysconfig.get_platform()]
seen.append(str(sys.getwindowsversion().major) if hasattr(sys, "getwindowsversion") else "-")
macros.append(("SETUP_PY_SAW", '"{}"'.format(" ".join(seen))))


class build_ext_by_platform(build_ext):
    def build_extensions(self):
        # Flags chosen by build_ext's plat_name and the compiler, as projects do.
        saw = f"{self.plat_name} {self.compiler.compiler_type}"
        for ext in self.extensions:
            ext.define_macros.append(("BUILD_EXT_SAW", f'"{saw}"'))
            if not self.plat_name.startswith("win"):
                ext.extra_compile_args += ["-Wall", "-Wextra"]
        super().build_extensions()


setup(
    ext_modules=[
        Extension("targetview._native", sources, define_macros=macros, extra_compile_args=args)
    ],
    cmdclass={"build_ext": build_ext_by_platform},
)
