from distutils.errors import CCompilerError

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


class optional_build_ext(build_ext):
    def run(self):
        try:
            super().run()
        except CCompilerError:
            print("fallback: no C speedups, using the pure Python code")


setup(
    ext_modules=[Extension("fallback._speedups", ["src/speedups.c"])],
    cmdclass={"build_ext": optional_build_ext},
)
