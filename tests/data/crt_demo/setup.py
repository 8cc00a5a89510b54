from setuptools import Extension, setup

EXPORTS = [
    "crt_ctor_value",
    "crt_attach_order",
    "crt_format",
    "crt_sprintf",
    "crt_parse",
    "crt_register_exit",
    "PyInit_crtdemo",
]
setup(ext_modules=[Extension("crtdemo", sources=["crtdemo.c"], export_symbols=EXPORTS)])
