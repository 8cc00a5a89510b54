from pathlib import Path

from setuptools import Extension, setup

# As frozenlist's setup.py: the extension only when its generated source is there.
generated = Path(__file__).parent / "src" / "generated.c"
setup(ext_modules=[Extension("generated", ["src/generated.c"])] if generated.is_file() else [])
