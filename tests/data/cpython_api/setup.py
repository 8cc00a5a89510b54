from setuptools import Extension, setup

setup(ext_modules=[Extension("ecapi", sources=["ecapi.c"])])
