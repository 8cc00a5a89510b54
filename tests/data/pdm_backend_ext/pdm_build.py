from setuptools import Extension


def pdm_build_update_setup_kwargs(context, setup_kwargs):
    setup_kwargs.update(ext_modules=[Extension("pdmext._native", ["pdmext/_native.c"])])
