#include "parser.h"
int parser_version(void) { return 9; }
