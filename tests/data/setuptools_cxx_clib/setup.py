from setuptools import Extension, setup

# The module is C; its build_clib library is C++: the link takes the C++ runtime.
setup(
    libraries=[("helper", {"sources": ["helper.cpp"]})],
    ext_modules=[Extension("cxxclib", sources=["module.c"], export_symbols=["joined_length"])],
)
