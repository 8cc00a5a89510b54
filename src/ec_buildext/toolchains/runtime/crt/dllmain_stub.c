/* ec-buildext: the DllMain a project without one gets (a separate archive member,
 * so the project's own DllMain, when it has one, is linked instead). */
#include <windows.h>

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved) {
  (void)instance;
  (void)reason;
  (void)reserved;
  return TRUE;
}
