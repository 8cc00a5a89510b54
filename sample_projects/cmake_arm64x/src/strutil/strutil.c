#include "strutil.h"

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int strutil_word_count(const char *text) {
    int words = 0, in_word = 0;
    for (; *text; text++) {
        if (is_blank(*text)) in_word = 0;
        else if (!in_word) { in_word = 1; words++; }
    }
    return words;
}
