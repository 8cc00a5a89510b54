// ec-buildext runtime support for CRT-less native ARM64 links.
//
// clang's GNU mode calls __chkstk for frames larger than a page, as MSVC code
// does; the CRT normally provides it.  Assemble with clang --target=aarch64-*.

        .text
        .p2align 2
// Stack probe: x15 = frame size / 16.  Touches each page from the top down;
// preserves x15 (the caller subtracts it from sp next) and every other
// register but x16/x17 (intra-procedure-call scratch).
        .globl  __chkstk
__chkstk:
        lsl     x16, x15, #4
        mov     x17, sp
1:      sub     x17, x17, #1, lsl #12
        subs    x16, x16, #1, lsl #12
        ldr     xzr, [x17]
        b.gt    1b
        ret
