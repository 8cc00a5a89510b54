/* ec-buildext: the TLS directory of CRT-less DLLs, for thread_local and
 * __declspec(thread) (libc++abi's exception globals among them).
 *
 * lld-link writes the image's TLS directory from the symbol _tls_used.  The
 * template of each thread's block is everything between _tls_start (.tls) and
 * _tls_end (.tls$ZZZ), the linker sorting the compiler's .tls$ sections between
 * (".tls$" sorts before any ".tls$AAA": the start must be plain .tls, whose start
 * is also where the compiler's section-relative offsets count from);
 * the loader stores the module's TLS slot in _tls_index, which compiled code reads.
 * The callback list (.CRT$XLA to .CRT$XLZ) is empty but for what objects add.
 */
#include <windows.h>

ULONG _tls_index = 0;

__attribute__((section(".tls"))) char _tls_start = 0;
__attribute__((section(".tls$ZZZ"))) char _tls_end = 0;
__attribute__((section(".CRT$XLA"))) PIMAGE_TLS_CALLBACK __xl_a = 0;
__attribute__((section(".CRT$XLZ"))) PIMAGE_TLS_CALLBACK __xl_z = 0;

const IMAGE_TLS_DIRECTORY _tls_used = {
    (ULONG_PTR)&_tls_start, (ULONG_PTR)&_tls_end, (ULONG_PTR)&_tls_index,
    (ULONG_PTR)(&__xl_a + 1), 0, 0,
};
