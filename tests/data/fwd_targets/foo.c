__declspec(dllexport) int foo_open(void) { return 1; }
__declspec(dllexport) void foo_close(int h) { (void)h; }
#if defined(__aarch64__) && !defined(__arm64ec__)
__declspec(dllexport) int foo_native_fast_path(void) { return 2; }
#endif
