from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "eckernel._kernel",
            sources=["src/crc32_kernel.S", "src/glue.c"],
            include_dirs=["src"],
            export_symbols=["crc32_update"],
        )
    ]
)
