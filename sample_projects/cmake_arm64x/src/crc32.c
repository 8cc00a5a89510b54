#include "ecx.h"

#ifndef ECX_CRC_POLY
#error "ECX_CRC_POLY comes from this file's own COMPILE_DEFINITIONS"
#endif

uint32_t ecx_crc32_update(uint32_t crc, const uint8_t *data, size_t len) {
    crc = ~crc;
    for (size_t i = 0; i < len; i++) {
        crc ^= data[i];
        for (int bit = 0; bit < 8; bit++)
            crc = (crc >> 1) ^ (ECX_CRC_POLY & (0u - (crc & 1u)));
    }
    return ~crc;
}
