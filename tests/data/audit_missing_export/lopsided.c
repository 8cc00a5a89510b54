int both(int x) { return x + 1; }
int only_native(int x) { return x * 2; }
