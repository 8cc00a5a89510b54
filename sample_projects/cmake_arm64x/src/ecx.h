/* ecx: a small library built as one Arm64X DLL. */
#ifndef ECX_H
#define ECX_H
#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32) && defined(ECX_BUILD)
#define ECX_API __declspec(dllexport)
#else
#define ECX_API
#endif

/* CRC-32 (the zlib/PNG polynomial) of a buffer. */
ECX_API uint32_t ecx_crc32(const uint8_t *data, size_t len);
/* Mean and population variance of n doubles; returns 0 for n == 0. */
ECX_API int ecx_mean_var(const double *xs, size_t n, double *mean, double *var);
/* Median of n doubles (sorts a copy with the C library's qsort); 0 for n == 0. */
ECX_API double ecx_median(const double *xs, size_t n);
/* Number of words (runs of non-blank characters) in a NUL-terminated string. */
ECX_API int ecx_word_count(const char *text);
/* Which view this code was compiled for: "arm64" (native) or "arm64ec". */
ECX_API const char *ecx_view(void);

/* Internal, from crc32.c and stats.c. */
uint32_t ecx_crc32_update(uint32_t crc, const uint8_t *data, size_t len);
double ecx_sum(const double *xs, size_t n);
#endif
