// ec-buildext: native ARM64 load config.
//
// A plain ARM64 DLL does not need one; the native view of an Arm64X DLL does
// (lld-link warns without it), and lld points it at the image's CHPE metadata
// itself.  Data only: linked alone into pure-forwarder DLLs, and #included by
// arm64.S for everything else.

// ---- IMAGE_LOAD_CONFIG_DIRECTORY64 (0x140 bytes), all zero but Size --------
        .section .rdata,"dr"
        .p2align 3
        .globl  _load_config_used
_load_config_used:
        .word   0x140                                   // Size
        .fill   0x140 - 4, 1, 0
