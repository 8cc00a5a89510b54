/* ec_plugin_path.h: which plugin folder a C/C++ plugin host must search.
 *
 * The rule: an x64-ABI process on Windows on Arm (emulated x64 code and Arm64EC
 * code) loads x64, Arm64EC and Arm64X DLLs, never plain ARM64 ones; a native
 * ARM64 process loads ARM64 and Arm64X DLLs.  So an Arm64EC host searches the
 * folder its x64 build searches.  An Arm64X host compiles this header once per
 * view, so each view gets its own answer.
 *
 *   #include <ec_plugin_path.h>        (folder: ec_buildext.get_include())
 *   ec_plugin_subdir()   -> "x64", "arm64" or "x86"  (compile time, per view)
 *   ec_process_arch()    -> "x64", "arm64ec", "arm64" or "x86"  (run time, Windows)
 *
 * Define EC_PLUGIN_PATH_NO_RUNTIME before including it to leave out the run-time
 * query (and <windows.h>).
 *
 * Compile-time test order matters: Arm64EC also defines _M_X64/_M_AMD64, and it
 * is tested first; _M_ARM64EC counts as x64 for plugins.
 */
#ifndef EC_PLUGIN_PATH_H
#define EC_PLUGIN_PATH_H

#if defined(_M_ARM64EC) || defined(__arm64ec__)
#define EC_PLUGIN_ARCH "x64"
#define EC_PLUGIN_BUILD_ARCH "arm64ec"
#elif defined(_M_X64) || defined(_M_AMD64) || defined(__x86_64__)
#define EC_PLUGIN_ARCH "x64"
#define EC_PLUGIN_BUILD_ARCH "x64"
#elif defined(_M_ARM64) || defined(__aarch64__)
#define EC_PLUGIN_ARCH "arm64"
#define EC_PLUGIN_BUILD_ARCH "arm64"
#elif defined(_M_IX86) || defined(__i386__)
#define EC_PLUGIN_ARCH "x86"
#define EC_PLUGIN_BUILD_ARCH "x86"
#else
#error "ec_plugin_path.h: unknown target architecture"
#endif

/* The plugin subfolder for this build (this view, in an Arm64X image). */
static inline const char *ec_plugin_subdir(void) { return EC_PLUGIN_ARCH; }

#if defined(_WIN32) && !defined(EC_PLUGIN_PATH_NO_RUNTIME)
#include <windows.h>

/* What the running process really is.  x64 code built as x64 may be running
 * emulated on an ARM64 machine: that process is "arm64ec" (it can load Arm64EC
 * and Arm64X DLLs, and x64 ones). */
static inline const char *ec_process_arch(void) {
    typedef BOOL(WINAPI * is_wow64_process2_t)(HANDLE, USHORT *, USHORT *);
    USHORT process = 0, native = 0;
    HMODULE kernel32 = GetModuleHandleW(L"kernel32.dll");
    is_wow64_process2_t query =
        kernel32 ? (is_wow64_process2_t)(void *)GetProcAddress(kernel32, "IsWow64Process2") : 0;
    if (!query || !query(GetCurrentProcess(), &process, &native)) return EC_PLUGIN_BUILD_ARCH;
    if (process != 0 /* IMAGE_FILE_MACHINE_UNKNOWN: not WOW64 */) return "x86";
#if defined(_M_ARM64EC) || defined(__arm64ec__) || defined(_M_X64) || defined(__x86_64__)
    return native == 0xAA64 /* IMAGE_FILE_MACHINE_ARM64 */ ? "arm64ec" : "x64";
#else
    return EC_PLUGIN_BUILD_ARCH;
#endif
}
#endif /* _WIN32 && !EC_PLUGIN_PATH_NO_RUNTIME */

#endif /* EC_PLUGIN_PATH_H */
