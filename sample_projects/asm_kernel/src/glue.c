/* setuptools exports PyInit_<name> from every Extension; this one is loaded with
   ctypes, so the symbol only has to exist. */
void PyInit__kernel(void) {}
