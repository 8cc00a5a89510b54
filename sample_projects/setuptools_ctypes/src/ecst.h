/* ecst: small C routines loaded from Python with ctypes. */
#ifndef ECST_H
#define ECST_H
#include <stddef.h>
#include <stdint.h>

uint32_t ecst_adler32(const uint8_t *data, size_t len);
uint32_t ecst_crc32(const uint8_t *data, size_t len);
uint64_t ecst_fnv1a(const uint8_t *data, size_t len);
char *ecst_reverse(const char *text);            /* malloc'd; free with ecst_free */
void ecst_free(void *p);
int ecst_words(const char *text);
int ecst_distinct(const uint8_t *data, size_t len);
double ecst_mean(const double *xs, size_t n);
const char *ecst_version(void);
#endif
