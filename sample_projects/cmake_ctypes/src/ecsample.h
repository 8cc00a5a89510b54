/* ecsample: a small C library exercising what real code needs from a C runtime. */
#ifndef ECSAMPLE_H
#define ECSAMPLE_H
#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32) && defined(ECSAMPLE_BUILD)
#define ECSAMPLE_API __declspec(dllexport)
#elif defined(_WIN32)
#define ECSAMPLE_API __declspec(dllimport)
#else
#define ECSAMPLE_API
#endif

/* Adler-32 of a buffer (as zlib computes it). */
ECSAMPLE_API uint32_t ecs_adler32(const uint8_t *data, size_t len);
/* A newly allocated reversed copy of a NUL-terminated string; free with ecs_free. */
ECSAMPLE_API char *ecs_reversed(const char *text);
ECSAMPLE_API void ecs_free(void *p);
/* Number of distinct byte values in data (uses a frame larger than one page). */
ECSAMPLE_API int ecs_distinct_bytes(const uint8_t *data, size_t len);
/* The architecture the library was compiled for, as a static string. */
ECSAMPLE_API const char *ecs_compiled_for(void);
#endif
