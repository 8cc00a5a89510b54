#include "ecsample.h"

#include <stdlib.h>
#include <string.h>

uint32_t ecs_adler32(const uint8_t *data, size_t len) {
    uint32_t a = 1, b = 0;
    for (size_t i = 0; i < len; i++) {
        a = (a + data[i]) % 65521u;
        b = (b + a) % 65521u;
    }
    return (b << 16) | a;
}

char *ecs_reversed(const char *text) {
    size_t n = strlen(text);
    char *copy = malloc(n + 1);
    if (!copy) return NULL;
    memcpy(copy, text, n + 1);
    for (size_t i = 0; i < n / 2; i++) {
        char t = copy[i];
        copy[i] = copy[n - 1 - i];
        copy[n - 1 - i] = t;
    }
    return copy;
}

void ecs_free(void *p) { free(p); }

int ecs_distinct_bytes(const uint8_t *data, size_t len) {
    /* 256 counters of 64 bytes each: a 16 KiB frame, so the compiler emits a
       stack probe (__chkstk) as it must for frames over one page. */
    struct { size_t count; char pad[56]; } seen[256];
    memset(seen, 0, sizeof seen);
    for (size_t i = 0; i < len; i++) seen[data[i]].count++;
    int distinct = 0;
    for (int v = 0; v < 256; v++) distinct += seen[v].count != 0;
    return distinct;
}

const char *ecs_compiled_for(void) {
    /* Arm64EC defines _M_X64 too: test for it first, as ARM64EC.md warns. */
#if defined(_M_ARM64EC) || defined(__arm64ec__)
    return "arm64ec";
#elif defined(_M_ARM64) || defined(__aarch64__)
    return "arm64";
#elif defined(_M_X64) || defined(__x86_64__)
    return "x64";
#else
    return "other";
#endif
}
