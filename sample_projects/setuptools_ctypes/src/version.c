#include "ecst.h"
#include "ecst_config.h" /* written by setup.py's own build_ext */

const char *ecst_version(void) { return ECST_VERSION; }

/* setuptools exports PyInit_<name> from every Extension; this module is loaded
   with ctypes, not imported, so the symbol only has to exist. */
void PyInit__native(void) {}
