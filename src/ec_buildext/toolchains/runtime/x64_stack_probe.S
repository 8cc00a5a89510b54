// ec-buildext: the x64 stack probe, under GNU's name (___chkstk_ms: clang's GNU mode
// calls it for frames larger than a page; mingw-w64's libgcc normally provides it) and
// MSVC's (__chkstk: what MSVC-built x64 objects call, such as the prebuilt MASM
// objects projects link).  x64.S includes it for x64 links; the Arm64EC C runtime
// library holds it assembled for x64 too, for the x64 objects an Arm64EC image may
// link (cffi's win64.obj): x64 code cannot call the ARM probe, __chkstk_arm64ec.
// Assemble with clang --target=x86_64-*.

        .text
        .p2align 4
// Stack probe: rax = frame size.  Touches each page below the caller's stack
// pointer down to rsp - rax; changes no register (the caller subtracts rax).
        .globl  ___chkstk_ms
        .globl  __chkstk
___chkstk_ms:
__chkstk:
        pushq   %rcx
        pushq   %rax
        leaq    24(%rsp), %rcx          // the caller's rsp, above our two pushes and the return address
1:      cmpq    $0x1000, %rax
        jb      2f
        subq    $0x1000, %rcx
        orq     $0, (%rcx)
        subq    $0x1000, %rax
        jmp     1b
2:      subq    %rax, %rcx
        orq     $0, (%rcx)
        popq    %rax
        popq    %rcx
        retq
