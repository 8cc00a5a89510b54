#include "ecx.h"
#include "strutil.h"

uint32_t ecx_crc32(const uint8_t *data, size_t len) { return ecx_crc32_update(0, data, len); }

int ecx_mean_var(const double *xs, size_t n, double *mean, double *var) {
    if (n == 0) return 0;
    double m = ecx_sum(xs, n) / (double)n, acc = 0.0;
    for (size_t i = 0; i < n; i++) acc += (xs[i] - m) * (xs[i] - m);
    *mean = m;
    *var = acc / (double)n;
    return 1;
}

int ecx_word_count(const char *text) { return strutil_word_count(text); }

const char *ecx_view(void) {
    /* Arm64EC also defines _M_X64/_M_AMD64: test it before anything x64. */
#if defined(_M_ARM64EC) || defined(__arm64ec__)
    return "arm64ec";
#elif defined(_M_ARM64) || defined(__aarch64__)
    return "arm64";
#else
    return "other";
#endif
}
