from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "ecabi3",
            sources=["src/ecabi3.c"],
            define_macros=[("Py_LIMITED_API", "0x03090000")],
            py_limited_api=True,
        )
    ],
    options={"bdist_wheel": {"py_limited_api": "cp39"}},
)
