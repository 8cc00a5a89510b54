/* ctypes-style: no Python.h.  The answers of setup.py's probes end up in the DLL. */
#include "parser.h"
#include "probe_config.h"

#ifndef FROM_BUILD_EXTENSION
#error the project's build_extension() did not run
#endif
#ifdef SHOW_COMMAND
#error asked to fail, to show the compile command
#endif

#define STR2(x) #x
#define STR(x) STR2(x)

__declspec(dllexport) const char probe_answers[] =
    "win64=" STR(PROBE_WIN64) " mman=" STR(PROBE_MMAN) " compiler=" PROBE_COMPILER;

__declspec(dllexport) int probes_parser_version(void) { return parser_version(); }

void PyInit_probes(void) {}
