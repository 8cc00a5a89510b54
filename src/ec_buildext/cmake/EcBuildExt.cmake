# EcBuildExt.cmake: Arm64X by hand in CMake projects.
#
#   include(EcBuildExt)      # folder: `ec-buildext --cmake-dir`; toolchain files
#                            # from ec-buildext add it to CMAKE_MODULE_PATH
#
#   ec_arm64x(<target> [NATIVE_DEF <file.def>] [EC_DEF <file.def>])
#       Build <target> as Arm64X.  With both .def files the native view exports
#       what NATIVE_DEF lists and the EC (x64-visible) view what EC_DEF lists;
#       without them __declspec(dllexport) drives both views.  Needs an Arm64X
#       configure (`ec-buildext toolchain --arch arm64x`, or arch = "arm64x");
#       with -DEC_BUILDEXT_ARM64X_ALL=OFF only the targets given here (and the
#       static libraries you also give here) are built as Arm64X.
#
#   ec_add_thunks(<target> HEADER <file.h> [FUNCTIONS <name>...] [CALLS <name>...]
#                 [INCLUDE_DIRECTORIES <dir>...])
#       Arm64EC thunks for functions written in assembly (`ec-buildext thunks`):
#       entry thunks for the FUNCTIONS the target's assembly implements (bodies
#       named with EC_FUNC_BEGIN from ec_thunks.h, in EC_BUILDEXT_INCLUDE_DIR),
#       exit thunks for the functions it CALLS.  Generated and assembled at
#       build time for the EC view; in ARM64 and x64 configures it does nothing.
#       With clang-cl toolchain files: GNU syntax, assembled by clang.  With MSVC
#       ones: armasm64 syntax, assembled by armasm64 -machine ARM64EC (bodies
#       |#NAME|, as ksarm64.h's A64NAME names them; see docs/thunks.md, "armasm64 syntax").
#
#   ec_add_pure_forwarder(<name> NATIVE <dll-or-def> EC <dll-or-def>
#                         [OUTPUT_NAME <file.dll>])
#       An Arm64X pure-forwarder DLL: no code; its native view forwards every
#       export of NATIVE (e.g. foo_arm64.dll) and its EC view every export of EC
#       (e.g. foo_x64.dll).  Export lists come from .def files or existing DLLs.
include_guard(GLOBAL)

function(_ec_require_arm64x what)
  if(NOT EC_BUILDEXT_ARCH STREQUAL "arm64x")
    message(FATAL_ERROR "${what} needs an Arm64X configure: use the toolchain file of "
      "`ec-buildext toolchain --arch arm64x` (or arch = \"arm64x\" in [tool.ec-buildext]); "
      "this configure targets '${EC_BUILDEXT_ARCH}'.")
  endif()
endfunction()

function(ec_arm64x target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "NATIVE_DEF;EC_DEF" "")
  _ec_require_arm64x("ec_arm64x(${target})")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "ec_arm64x(${target}): unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "ec_arm64x(${target}): no such target")
  endif()
  foreach(lang C CXX)
    set_property(TARGET ${target} PROPERTY ${lang}_COMPILER_LAUNCHER
                 "${EC_BUILDEXT_HYBRID_COMPILE_LAUNCHER_${lang}}")
    set_property(TARGET ${target} PROPERTY ${lang}_LINKER_LAUNCHER
                 "${EC_BUILDEXT_HYBRID_LINK_LAUNCHER}")
  endforeach()
  foreach(kind EC NATIVE)
    if(ARG_${kind}_DEF)
      get_filename_component(def "${ARG_${kind}_DEF}" ABSOLUTE)
      if(kind STREQUAL "EC")
        target_link_options(${target} PRIVATE "/DEF:${def}")
      else()
        target_link_options(${target} PRIVATE "/defArm64Native:${def}")
      endif()
      set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${def}")
    endif()
  endforeach()
endfunction()

function(ec_add_pure_forwarder name)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "NATIVE;EC;OUTPUT_NAME" "")
  _ec_require_arm64x("ec_add_pure_forwarder(${name})")
  if(NOT ARG_NATIVE OR NOT ARG_EC)
    message(FATAL_ERROR "ec_add_pure_forwarder(${name}): give NATIVE <dll-or-def> and EC <dll-or-def>")
  endif()
  if(NOT ARG_OUTPUT_NAME)
    set(ARG_OUTPUT_NAME "${name}.dll")
  endif()
  get_filename_component(native "${ARG_NATIVE}" ABSOLUTE)
  get_filename_component(ec "${ARG_EC}" ABSOLUTE)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${ARG_OUTPUT_NAME}")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND "${EC_BUILDEXT_PYTHON}" -m ec_buildext forwarder --native "${native}" --ec "${ec}"
            --llvm-root "${EC_BUILDEXT_LLVM_ROOT}" -o "${out}"
    DEPENDS "${native}" "${ec}"
    COMMENT "Arm64X pure forwarder ${ARG_OUTPUT_NAME}"
    VERBATIM)
  add_custom_target(${name} ALL DEPENDS "${out}")
  set_property(TARGET ${name} PROPERTY EC_BUILDEXT_FORWARDER "${out}")
endfunction()

function(ec_add_thunks target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "HEADER" "FUNCTIONS;CALLS;INCLUDE_DIRECTORIES")
  if(NOT ARG_HEADER OR (NOT ARG_FUNCTIONS AND NOT ARG_CALLS))
    message(FATAL_ERROR "ec_add_thunks(${target}): give HEADER <file.h> and FUNCTIONS and/or CALLS")
  endif()
  if(NOT EC_BUILDEXT_EC_TRIPLE AND NOT EC_BUILDEXT_ARMASM64)
    message(STATUS "ec_add_thunks(${target}): no Arm64EC view in this configure, no thunks needed")
    return()
  endif()
  get_filename_component(header "${ARG_HEADER}" ABSOLUTE)
  set(args "")
  foreach(name IN LISTS ARG_FUNCTIONS)
    list(APPEND args --function "${name}")
  endforeach()
  foreach(name IN LISTS ARG_CALLS)
    list(APPEND args --calls "${name}")
  endforeach()
  foreach(dir IN LISTS ARG_INCLUDE_DIRECTORIES)
    get_filename_component(dir "${dir}" ABSOLUTE)
    list(APPEND args -I "${dir}")
  endforeach()
  set(object "${CMAKE_CURRENT_BINARY_DIR}/${target}_ec_thunks.obj")
  if(EC_BUILDEXT_EC_TRIPLE)
    set(source "${CMAKE_CURRENT_BINARY_DIR}/${target}_ec_thunks.S")
    set(assemble "${EC_BUILDEXT_CLANG}" "--target=${EC_BUILDEXT_EC_TRIPLE}" -c "${source}" -o "${object}")
  else()
    set(source "${CMAKE_CURRENT_BINARY_DIR}/${target}_ec_thunks.asm")
    list(APPEND args --syntax armasm64)
    set(assemble "${EC_BUILDEXT_ARMASM64}" -nologo -machine ARM64EC -o "${object}" "${source}")
  endif()
  add_custom_command(
    OUTPUT "${object}"
    COMMAND "${EC_BUILDEXT_PYTHON}" -m ec_buildext thunks "${header}" ${args} -o "${source}"
    COMMAND ${assemble}
    DEPENDS "${header}"
    COMMENT "Arm64EC thunks for ${target}"
    VERBATIM)
  set_source_files_properties("${object}" PROPERTIES EXTERNAL_OBJECT TRUE GENERATED TRUE)
  target_sources(${target} PRIVATE "${object}")
endfunction()
