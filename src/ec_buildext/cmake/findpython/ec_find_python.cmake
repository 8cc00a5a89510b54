# ec-buildext: CMake's own FindPython or FindPython3 (``_ec_python``, set by the two
# shims beside this file), for a cross build whose Interpreter component is the
# interpreter running the build (ec-buildext's backend puts this folder first on
# CMAKE_MODULE_PATH).  CMake does not ask an interpreter about a cross build's modules
# unless CMAKE_CROSSCOMPILING_EMULATOR is set, and with policy CMP0190 NEW it refuses
# the Interpreter component outright; this interpreter runs here, so for the search it
# is launched through `env`.  The target's SOABI (hence the module suffix of
# <prefix>_add_library(... WITH_SOABI)) is then the one ec-buildext knows for certain.
set(_ec_had_emulator FALSE)
if(CMAKE_CROSSCOMPILING AND NOT CMAKE_CROSSCOMPILING_EMULATOR AND NOT CMAKE_HOST_WIN32)
  set(_ec_had_emulator TRUE)
  set(CMAKE_CROSSCOMPILING_EMULATOR env)
endif()
include("${CMAKE_ROOT}/Modules/Find${_ec_python}.cmake")
if(_ec_had_emulator)
  unset(CMAKE_CROSSCOMPILING_EMULATOR)
endif()
unset(_ec_had_emulator)
if(${_ec_python}_FOUND AND DEFINED EC_BUILDEXT_PYTHON_SOABI)
  set(${_ec_python}_SOABI "${EC_BUILDEXT_PYTHON_SOABI}")
  # A Windows CPython module links pythonXY.lib and nothing else.  With no pythonXY.dll
  # beside the import library FindPython takes it for a static libpython and adds the
  # build machine's libraries (python3.X-config --libs: -ldl -lm) to its targets.
  foreach(_ec_target Module SABIModule Python)
    if(TARGET ${_ec_python}::${_ec_target})
      set_property(TARGET ${_ec_python}::${_ec_target} PROPERTY INTERFACE_LINK_LIBRARIES "")
    endif()
  endforeach()
  unset(_ec_target)
endif()
