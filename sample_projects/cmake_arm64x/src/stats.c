#include "ecx.h"

double ecx_sum(const double *xs, size_t n) {
    double total = 0.0;
    for (size_t i = 0; i < n; i++) total += xs[i];
    return total;
}
