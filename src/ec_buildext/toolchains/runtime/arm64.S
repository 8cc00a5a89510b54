// ec-buildext runtime support for CRT-less native ARM64 links.
//
// The stack probe clang's GNU mode calls for frames larger than a page, and the
// load config (loadcfg_arm64.S); the MSVC CRT normally provides both.
// Assemble with clang --target=aarch64-*.

#include "aarch64_chkstk.inc"
#include "loadcfg_arm64.S"

        .text
        .p2align 2
        .globl  __chkstk
__chkstk:
        aarch64_chkstk_body
