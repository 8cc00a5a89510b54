"""The setuptools backend's compiler side.

``driver`` turns one extension (sources, flags, libraries) into compile, assemble and
link commands for a build plan and runs them; ``build_ext`` is the ``build_ext``
command that setuptools runs, built on top of the project's own subclass.
"""
