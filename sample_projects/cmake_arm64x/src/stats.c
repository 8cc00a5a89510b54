#include "ecx.h"

#include <stdlib.h>
#include <string.h>

double ecx_sum(const double *xs, size_t n) {
    double total = 0.0;
    for (size_t i = 0; i < n; i++) total += xs[i];
    return total;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double ecx_median(const double *xs, size_t n) {
    if (n == 0) return 0.0;
    double *copy = malloc(n * sizeof *copy);
    if (!copy) return 0.0;
    memcpy(copy, xs, n * sizeof *copy);
    /* qsort lives in ucrtbase.dll: x64 code in an x64 process, native in an ARM64 one. */
    qsort(copy, n, sizeof *copy, compare_doubles);
    double median = n % 2 ? copy[n / 2] : (copy[n / 2 - 1] + copy[n / 2]) / 2.0;
    free(copy);
    return median;
}
