// ec-buildext: Arm64EC load config, CHPE metadata and loader slots.
//
// An Arm64EC image is told apart from an x64 one only by the CHPE metadata
// that its load config points at; the MSVC CRT normally provides both.  Written
// from the documented layouts (IMAGE_LOAD_CONFIG_DIRECTORY64,
// IMAGE_ARM64EC_METADATA version 2); every __hybrid_*/__x64_*/__arm64x_* symbol
// below is synthesized by lld-link at link time.  Data only: linked alone into
// pure-forwarder DLLs, and #included by arm64ec.S for everything else.

// ---- IMAGE_ARM64EC_METADATA (version 2), fields in layout order ----------
        .section .rdata,"dr"
        .p2align 2
        .globl  __chpe_metadata
__chpe_metadata:
        .word   2                                       // Version
        .rva    __hybrid_code_map                       // CodeMap
        .word   __hybrid_code_map_count                 // CodeMapCount
        .rva    __x64_code_ranges_to_entry_points       // CodeRangesToEntryPoints
        .rva    __arm64x_redirection_metadata           // RedirectionMetadata
        .rva    __os_arm64x_dispatch_call_no_redirect   // loader-filled slots ...
        .rva    __os_arm64x_dispatch_ret
        .rva    __os_arm64x_check_call
        .rva    __os_arm64x_check_icall
        .rva    __os_arm64x_check_icall_cfg
        .rva    __arm64x_native_entrypoint              // AlternateEntryPoint
        .rva    __hybrid_auxiliary_iat                  // AuxiliaryIAT
        .word   __x64_code_ranges_to_entry_points_count
        .word   __arm64x_redirection_metadata_count
        .rva    __os_arm64x_get_x64_information
        .rva    __os_arm64x_set_x64_information
        .rva    __arm64x_extra_rfe_table                // ExtraRFETable
        .word   __arm64x_extra_rfe_table_size
        .rva    __os_arm64x_dispatch_fptr
        .rva    __hybrid_auxiliary_iat_copy             // AuxiliaryIATCopy
        .rva    __hybrid_auxiliary_delayload_iat
        .rva    __hybrid_auxiliary_delayload_iat_copy
        .word   __hybrid_image_info_bitfield
        .rva    __os_arm64x_helper3
        .rva    __os_arm64x_helper4
        .rva    __os_arm64x_helper5
        .rva    __os_arm64x_helper6
        .rva    __os_arm64x_helper7
        .rva    __os_arm64x_helper8

// ---- Slots the OS loader fills with its dispatch routines ------------------
        .section .00cfg,"dr"
        .p2align 3
        .irp    slot, dispatch_call_no_redirect, dispatch_ret, check_call, check_icall, check_icall_cfg, get_x64_information, set_x64_information, dispatch_fptr, helper3, helper4, helper5, helper6, helper7, helper8
        .globl  __os_arm64x_\slot
__os_arm64x_\slot:
        .xword  0
        .endr

// ---- IMAGE_LOAD_CONFIG_DIRECTORY64 (0x140 bytes) ---------------------------
// All zero but Size and CHPEMetadataPointer (offset 0xC8); lld-link fills in
// the dynamic value relocation table fields itself when it writes one.
        .section .rdata,"dr"
        .p2align 3
        .globl  _load_config_used
_load_config_used:
        .word   0x140                                   // Size
        .fill   0xC8 - 4, 1, 0
        .xword  __chpe_metadata                         // CHPEMetadataPointer
        .fill   0x140 - 0xD0, 1, 0
