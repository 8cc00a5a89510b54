; CRC-32 (zlib's) with the AArch64 CRC32 instructions, in armasm64 syntax: the
; Arm64EC body |#crc32_update| (what ksarm64.h's A64NAME names it).  Its entry
; thunk and crc32_update itself come from
;   ec-buildext thunks kernels.h --function crc32_update --syntax armasm64
; (sample_projects/asm_kernel/src/kernels.h has the prototype).
        AREA |.text|,CODE,READONLY,ALIGN=4
        EXPORT |#crc32_update|
|#crc32_update| PROC
        ROUT
        mvn     w0, w0                  ; w0 = crc, x1 = data, x2 = len (AAPCS64)
        cbz     x2, %F3
1
        cmp     x2, #8
        blo     %F2
        ldr     x3, [x1], #8
        crc32x  w0, w0, x3
        sub     x2, x2, #8
        b       %B1
2
        cbz     x2, %F3
        ldrb    w3, [x1], #1
        crc32b  w0, w0, w3
        subs    x2, x2, #1
        bne     %B2
3
        mvn     w0, w0
        ret
        ENDP
        END
