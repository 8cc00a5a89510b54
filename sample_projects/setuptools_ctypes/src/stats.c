#include "ecst.h"

double ecst_mean(const double *xs, size_t n) {
    double total = 0.0;
    for (size_t i = 0; i < n; i++) total += xs[i];
    return n ? total / (double)n : 0.0;
}
