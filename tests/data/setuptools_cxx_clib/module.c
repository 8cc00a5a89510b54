/* No Python.h: the module's C calls the build_clib library's C++. */
int helper_length(const char *a, const char *b);

__declspec(dllexport) void *PyInit_cxxclib(void) { return 0; }

int joined_length(const char *a, const char *b) { return helper_length(a, b); }
