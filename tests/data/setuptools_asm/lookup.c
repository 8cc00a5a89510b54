extern const int asm_table[8];
extern const char asm_view[];

int lookup(int i) { return asm_table[i & 7]; }
const char *view_name(void) { return asm_view; }
void PyInit_asmdemo(void) {}
