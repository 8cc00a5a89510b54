// A read-only table in GNU assembly, assembled by clang once per view.
        .section .rdata,"dr"
        .globl  asm_table
        .p2align 2
asm_table:
        .word   2, 3, 5, 7, 11, 13, 17, 19
// Which view assembled this file: the C code reports it.
        .globl  asm_view
asm_view:
#if defined(__arm64ec__)
        .asciz  "asm:arm64ec"
#elif defined(__aarch64__)
        .asciz  "asm:arm64"
#else
        .asciz  "asm:x64"
#endif
