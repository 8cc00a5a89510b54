int nothunk_stub(void) { return 0; }
