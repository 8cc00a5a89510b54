#include "ecst.h"

#include <string.h>

int ecst_distinct(const uint8_t *data, size_t len) {
    /* ECST_HISTOGRAM_BINS comes from define_macros; a frame over one page. */
    size_t counts[ECST_HISTOGRAM_BINS][8];
    memset(counts, 0, sizeof counts);
    for (size_t i = 0; i < len; i++) counts[data[i]][0]++;
    int distinct = 0;
    for (int v = 0; v < ECST_HISTOGRAM_BINS; v++) distinct += counts[v][0] != 0;
    return distinct;
}
