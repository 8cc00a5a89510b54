int both(int x) { return x + 1; }
int native_only(int x) { return x * 2; }
int ec_only(int x) { return x * 3; }
