/* A plugin host: finds plugins in the folder its process can load them from. */
#include <ec_plugin_path.h>

#include <windows.h>

/* "plugins\\x64" or "plugins\\arm64" for this view; returns its length.  A plain
   byte loop (no memcpy) keeps it free of imports. */
__declspec(dllexport) int host_plugin_folder(char *buf, int size) {
    static const char prefix[] = "plugins\\";
    const char *arch = ec_plugin_subdir();
    int n = 0;
    for (const char *p = prefix; *p && n < size - 1; p++) ((volatile char *)buf)[n++] = *p;
    for (const char *p = arch; *p && n < size - 1; p++) ((volatile char *)buf)[n++] = *p;
    ((volatile char *)buf)[n] = '\0';
    return n;
}

/* What the process is at run time (Windows only): x64, arm64ec, arm64 or x86. */
__declspec(dllexport) const char *host_process_arch(void) { return ec_process_arch(); }

/* Load every plugins\<arch>\*.dll under base; returns how many loaded. */
__declspec(dllexport) int host_load_plugins(const char *base) {
    char pattern[MAX_PATH], folder[64];
    WIN32_FIND_DATAA found;
    int loaded = 0, n = 0;
    host_plugin_folder(folder, (int)sizeof folder);
    for (const char *p = base; *p && n < MAX_PATH - 80; p++) pattern[n++] = *p;
    pattern[n++] = '\\';
    for (const char *p = folder; *p; p++) pattern[n++] = *p;
    int dir_end = n;
    for (const char *p = "\\*.dll"; *p; p++) pattern[n++] = *p;
    pattern[n] = '\0';
    HANDLE search = FindFirstFileA(pattern, &found);
    if (search == INVALID_HANDLE_VALUE) return 0;
    do {
        char path[MAX_PATH];
        int m = 0;
        for (int i = 0; i < dir_end; i++) path[m++] = pattern[i];
        path[m++] = '\\';
        for (const char *p = found.cFileName; *p && m < MAX_PATH - 1; p++) path[m++] = *p;
        path[m] = '\0';
        if (LoadLibraryA(path)) loaded++;
    } while (FindNextFileA(search, &found));
    FindClose(search);
    return loaded;
}
