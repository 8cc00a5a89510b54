from setuptools import Extension, setup

setup(ext_modules=[Extension("caseheaders", sources=["src/caseheaders.c"], libraries=["ws2_32"])])
