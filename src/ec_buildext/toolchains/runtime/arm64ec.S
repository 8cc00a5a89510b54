// ec-buildext Arm64EC runtime support for CRT-less links.
//
// The load config and CHPE metadata (loadcfg_arm64ec.S), plus the two helpers
// that compiler-generated Arm64EC code calls.  Assemble with
// clang --target=arm64ec-*.

#include "aarch64_chkstk.inc"
#include "loadcfg_arm64ec.S"

// ---- Helpers that compiler-generated Arm64EC code calls ---------------------
        .text
        .p2align 2
// Stack probe for frames larger than a page (EC name, same body as ARM64's).
        .globl  "#__chkstk_arm64ec"
"#__chkstk_arm64ec":
        aarch64_chkstk_body

// Import-call check: x11 = target, x10 = exit thunk.  The OS routine returns
// in x11 what to call (the target itself, or the exit thunk for x64 code);
// it preserves the argument registers.
        .p2align 2
        .globl  __icall_helper_arm64ec
__icall_helper_arm64ec:
        stp     x29, x30, [sp, #-16]!
        mov     x29, sp
        adrp    x16, __os_arm64x_check_icall
        ldr     x16, [x16, :lo12:__os_arm64x_check_icall]
        blr     x16
        ldp     x29, x30, [sp], #16
        br      x11
