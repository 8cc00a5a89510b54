/* Builds for a 64-bit Windows target only. */
#if !defined(_WIN64)
#error not a Windows target
#endif
int main(void) { return 0; }
