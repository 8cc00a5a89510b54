// Arm64EC functions written in assembly and exported, with no entry thunk and
// no .hybmp$x entry: lld links them without a word.  x64 CPython calls
// PyInit_nothunk on import and would crash: `ec-buildext audit` fails.  Whether
// an x64 caller ever calls bare_add the image cannot show: a warning.
        .section .text$bare,"xr",discard,"#bare_add"
        .globl  "#bare_add"
        .p2align 2
"#bare_add":
        add     w0, w0, w1
        ret
        .weak_anti_dep bare_add
        .set    bare_add, "#bare_add"

        .section .text$init,"xr",discard,"#PyInit_nothunk"
        .globl  "#PyInit_nothunk"
        .p2align 2
"#PyInit_nothunk":
        mov     x0, #0
        ret
        .weak_anti_dep PyInit_nothunk
        .set    PyInit_nothunk, "#PyInit_nothunk"
