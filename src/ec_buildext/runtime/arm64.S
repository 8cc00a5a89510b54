// ec-buildext runtime support for CRT-less native ARM64 links.
//
// clang's GNU mode calls __chkstk for frames larger than a page, as MSVC code
// does; the CRT normally provides it.  Assemble with clang --target=aarch64-*.

#include "aarch64_chkstk.inc"

        .text
        .p2align 2
        .globl  __chkstk
__chkstk:
        aarch64_chkstk_body
