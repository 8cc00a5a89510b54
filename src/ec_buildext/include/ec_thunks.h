/* ec_thunks.h: name a hand-written assembly function for both ARM64 and Arm64EC.
 *
 *   #include <ec_thunks.h>          (folder: ec_buildext.get_include())
 *           EC_FUNC_BEGIN dot_f32   // the body: AArch64 code, AAPCS64 parameters
 *           ...
 *           ret
 *
 * Under Arm64EC (clang --target=arm64ec-...) the body is "#dot_f32" in a COMDAT
 * section of its own, as the hybrid map requires; `ec-buildext thunks` then gives
 * the entry thunk, the map entry and the dot_f32 -> "#dot_f32" alias.  For native
 * ARM64 it is plain dot_f32 in .text.  (Like Microsoft's A64NAME for armasm64.)
 */
#ifndef EC_THUNKS_H
#define EC_THUNKS_H
#if defined(__arm64ec__)
        .macro EC_FUNC_BEGIN name
        .section .text$\name,"xr",discard,"#\name"
        .globl  "#\name"
        .p2align 2
"#\name":
        .endm
#else
        .macro EC_FUNC_BEGIN name
        .text
        .globl  \name
        .p2align 2
\name:
        .endm
#endif
#endif
