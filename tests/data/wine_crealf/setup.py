from setuptools import Extension, setup

setup(ext_modules=[Extension("wineprobe", ["wineprobe.c"])])
