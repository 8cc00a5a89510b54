"""The CMake backend end to end: toolchain files, Arm64X in one configure, FindPython,
the build frontends."""
