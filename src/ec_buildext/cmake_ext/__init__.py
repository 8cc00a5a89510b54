"""The CMake side of ec-buildext (the PEP 517 backends ``ec_buildext.build`` and
``ec_buildext.cmake`` hand scikit-build-core what these make):

- :mod:`.toolchain`: toolchain files, rendered from the build model (``templates/``);
- :mod:`.launcher`: the Arm64X launcher wiring (``ec_buildext.hybrid`` around each step);
- :mod:`.findpython`: the cache entries that point FindPython at the target CPython;
- :mod:`.interpreter`: the interpreter shim that answers ``sysconfig`` for the target;
- :mod:`.cxx_runtime`: the C++ runtime, asked for at configure time by C++ builds;
- :mod:`.text`: CMake text: template files, paths, lists and flag strings.
"""
