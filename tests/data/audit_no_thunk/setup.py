from setuptools import Extension, setup

setup(ext_modules=[Extension("nothunk", sources=["bare.S", "stub.c"], export_symbols=["bare_add"])])
