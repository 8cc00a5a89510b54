void PyInit_nothunk(void) {}
