// An Arm64EC function written in assembly and exported, with no entry thunk
// and no .hybmp$x entry: lld links it without a word, and an x64 caller
// would crash.  `ec-buildext audit` must catch it.
        .section .text$bare,"xr",discard,"#bare_add"
        .globl  "#bare_add"
        .p2align 2
"#bare_add":
        add     w0, w0, w1
        ret
        .weak_anti_dep bare_add
        .set    bare_add, "#bare_add"
