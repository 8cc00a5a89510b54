# ec-buildext's shim for find_package(Python3): CMake's own FindPython3, searched so that a
# cross build's Interpreter component works (see ec_find_python.cmake).
set(_ec_python Python3)
include("${CMAKE_CURRENT_LIST_DIR}/ec_find_python.cmake")
unset(_ec_python)
