"""The setuptools backend end to end: unchanged setup.py files, parallel compiles."""
