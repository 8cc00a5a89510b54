__declspec(dllimport) int dep_scale(int x);
__declspec(dllexport) int main_value(int x) { return dep_scale(x) + 1; }
