"""Unchanged PyPI projects built from their sdists and run in Windows CPython."""
