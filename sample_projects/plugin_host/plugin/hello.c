/* A plugin, built once for x64 and once for ARM64. */
#include <ec_plugin_path.h>

__declspec(dllexport) const char *hello_arch(void) { return EC_PLUGIN_BUILD_ARCH; }
