# EcBuildExt.cmake: ec-buildext's CMake module (ec-buildext --cmake-dir prints its folder).
# Included by projects that want Arm64EC/Arm64X control by hand.  The functions
# ec_arm64x(), ec_add_pure_forwarder() and ec_add_thunks() arrive with the Arm64X
# and thunk features; today this module only reports what the toolchain targets.
include_guard(GLOBAL)
if(DEFINED EC_BUILDEXT_ARCH)
  message(STATUS "ec-buildext: target architecture ${EC_BUILDEXT_ARCH}")
endif()
