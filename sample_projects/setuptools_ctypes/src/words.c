#include "ecst.h"

int ecst_words(const char *text) {
    int words = 0, in_word = 0;
    for (; *text; text++) {
        int blank = *text == ' ' || *text == '\t' || *text == '\n';
        if (blank) in_word = 0;
        else if (!in_word) { in_word = 1; words++; }
    }
    return words;
}
