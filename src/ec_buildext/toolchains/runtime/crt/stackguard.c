/* ec-buildext: the stack protector of code compiled with /GS (-fstack-protector).
 *
 * clang's GNU mode checks a canary against __stack_chk_guard and calls
 * __stack_chk_fail on a mismatch.  The guard gets a per-process value before any
 * of the DLL's own code runs (the entry point calls ec_stack_guard_init first).
 */
#include <windows.h>

void *__stack_chk_guard = (void *)(ULONG_PTR)0x2B992DDFA232ULL;

void ec_stack_guard_init(void) {
  FILETIME time;
  LARGE_INTEGER counter;
  GetSystemTimeAsFileTime(&time);
  QueryPerformanceCounter(&counter);
  ULONG_PTR value = ((ULONG_PTR)time.dwHighDateTime << 32) ^ time.dwLowDateTime;
  value ^= (ULONG_PTR)counter.QuadPart ^ ((ULONG_PTR)GetCurrentProcessId() << 16);
  value ^= (ULONG_PTR)GetCurrentThreadId() ^ (ULONG_PTR)&value;
  __stack_chk_guard = (void *)(value & 0x0000FFFFFFFFFFFFULL); /* a zero top byte */
}

__declspec(noreturn) void __stack_chk_fail(void) {
  /* Windows' own answer to a broken stack cookie: end the process, no handlers. */
  __fastfail(FAST_FAIL_STACK_COOKIE_CHECK_FAILURE);
}
