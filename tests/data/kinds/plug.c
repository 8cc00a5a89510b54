/* One small plugin, built as every kind of PE file the tests need. */
__declspec(dllexport) int plug_add(int a, int b) { return a + b; }
__declspec(dllexport) const char *plug_name(void) { return "plug"; }
