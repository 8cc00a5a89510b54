from setuptools import Extension, setup

setup(ext_modules=[Extension("ecclinic", sources=["ecclinic.c"])])
