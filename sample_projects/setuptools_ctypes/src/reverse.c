#include "ecst.h"

#include <stdlib.h>
#include <string.h>

char *ecst_reverse(const char *text) {
    size_t n = strlen(text);
    char *out = malloc(n + 1);
    if (!out) return NULL;
    for (size_t i = 0; i < n; i++) out[i] = text[n - 1 - i];
    out[n] = '\0';
    return out;
}

void ecst_free(void *p) { free(p); }
