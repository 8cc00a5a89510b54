// ec-buildext runtime support for CRT-less x64 links.
//
// clang's GNU mode (x86_64-w64-windows-gnu) calls ___chkstk_ms for frames larger
// than a page; mingw-w64's libgcc normally provides it.  Assemble with
// clang --target=x86_64-*.

        .text
        .p2align 4
// Stack probe: rax = frame size.  Touches each page below the caller's stack
// pointer down to rsp - rax; changes no register (the caller subtracts rax).
        .globl  ___chkstk_ms
___chkstk_ms:
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
