"""The setuptools backend's compiler side.

``driver`` turns one extension (sources, flags, libraries) into compile, assemble and
link commands for a build plan and runs them; ``compiler`` is the distutils compiler
object every ``new_compiler()`` returns during a build, over the driver; ``build_ext``
is the ``build_ext`` command that setuptools runs, built on top of the project's own
subclass.
"""
