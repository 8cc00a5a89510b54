# ec-buildext's shim for find_package(Python): CMake's own FindPython, searched so that a
# cross build's Interpreter component works (see ec_find_python.cmake).
set(_ec_python Python)
include("${CMAKE_CURRENT_LIST_DIR}/ec_find_python.cmake")
unset(_ec_python)
