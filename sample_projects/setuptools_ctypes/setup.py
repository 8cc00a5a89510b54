"""An ordinary setup.py: nothing here knows about Arm64EC."""

import os

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

SOURCES = ["adler32", "crc32", "fnv1a", "reverse", "words", "histogram", "stats", "version"]
EXPORTS = ["ecst_adler32", "ecst_crc32", "ecst_fnv1a", "ecst_reverse", "ecst_words",
           "ecst_distinct", "ecst_mean", "ecst_version", "ecst_free"]


class build_ext_with_config(build_ext):
    """The project's own build_ext: writes a generated header before compiling."""

    def run(self):
        gen = os.path.join(self.build_temp, "generated")
        os.makedirs(gen, exist_ok=True)
        with open(os.path.join(gen, "ecst_config.h"), "w") as f:
            f.write('#define ECST_VERSION "%s"\n' % self.distribution.get_version())
        for ext in self.extensions:
            ext.include_dirs.append(gen)
        super().run()


setup(
    ext_modules=[
        Extension(
            "ecst._native",
            sources=[f"src/{name}.c" for name in SOURCES],
            include_dirs=["src"],
            define_macros=[("ECST_BUILD", None), ("ECST_HISTOGRAM_BINS", "256")],
            export_symbols=EXPORTS,
        )
    ],
    cmdclass={"build_ext": build_ext_with_config},
)
