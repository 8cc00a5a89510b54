// CRC-32 with the AArch64 CRC32 instructions: one body for ARM64 and Arm64EC.
// EC_FUNC_BEGIN names it "#crc32_update" (COMDAT) under Arm64EC, crc32_update
// otherwise; ec-buildext generates its entry thunk from src/kernels.h.
#include <ec_thunks.h>

        .arch   armv8-a+crc
        EC_FUNC_BEGIN crc32_update
        // w0 = crc, x1 = data, x2 = len (AAPCS64; x13/x14/x23/x24/x28 untouched)
        mvn     w0, w0
        cbz     x2, 3f
1:      cmp     x2, #8
        b.lo    2f
        ldr     x3, [x1], #8
        crc32x  w0, w0, x3
        sub     x2, x2, #8
        b       1b
2:      cbz     x2, 3f
        ldrb    w3, [x1], #1
        crc32b  w0, w0, w3
        subs    x2, x2, #1
        b.ne    2b
3:      mvn     w0, w0
        ret
