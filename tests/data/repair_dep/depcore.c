__declspec(dllexport) int dep_scale(int x) { return 3 * x; }
