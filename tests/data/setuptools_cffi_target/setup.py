"""cffi's API mode: setup() runs build_demo.py (the cffi_modules keyword)."""

from setuptools import setup

setup(cffi_modules=["build_demo.py:ffi"])
