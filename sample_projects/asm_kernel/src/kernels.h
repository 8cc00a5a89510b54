/* The functions src/crc32_kernel.S implements. */
#include <stddef.h>
#include <stdint.h>

/* CRC-32 (the zlib/PNG one) of len bytes, continuing from crc (0 to start). */
uint32_t crc32_update(uint32_t crc, const uint8_t *data, size_t len);
