from Cython.Build import cythonize
from setuptools import setup

setup(ext_modules=cythonize(["ecy.pyx"], language_level=3))
