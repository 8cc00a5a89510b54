import os

from setuptools import Extension, setup

# ASM_SOURCE picks the assembly file: table.S (GNU syntax) or table.asm (armasm64).
asm = os.environ.get("ASM_SOURCE", "table.S")
setup(ext_modules=[Extension("asmdemo", sources=[asm, "lookup.c"], export_symbols=["lookup"])])
