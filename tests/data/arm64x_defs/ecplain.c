__declspec(dllexport) int plain(int x) { return x - 1; }
