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
// It has a frame, so it has unwind data (.seh_*): exceptions unwind through it.
        .p2align 2
        .globl  __icall_helper_arm64ec
        .seh_proc __icall_helper_arm64ec
__icall_helper_arm64ec:
        stp     x29, x30, [sp, #-16]!
        .seh_save_fplr_x 16
        mov     x29, sp
        .seh_set_fp
        .seh_endprologue
        adrp    x16, __os_arm64x_check_icall
        ldr     x16, [x16, :lo12:__os_arm64x_check_icall]
        blr     x16
        .seh_startepilogue
        ldp     x29, x30, [sp], #16
        .seh_save_fplr_x 16
        .seh_endepilogue
        br      x11
        .seh_endproc
