/* A C DLL that needs the C runtime: a static constructor, DllMain, atexit and the
 * printf/scanf family (mingw-w64 implements those statically, not in ucrtbase). */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

static volatile int ctor_value;
static int attach_order; /* 2: DllMain saw DLL_PROCESS_ATTACH after the constructor */
static char exit_path[MAX_PATH];

/* Not foldable at compile time (clang evaluates constant constructors itself). */
__attribute__((constructor)) static void crt_init(void) { ctor_value = GetCurrentProcessId() ? 42 : 41; }

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved) {
  (void)instance;
  (void)reserved;
  if (reason == DLL_PROCESS_ATTACH) attach_order = ctor_value == 42 ? 2 : 1;
  return TRUE;
}

int crt_ctor_value(void) { return ctor_value; }
int crt_attach_order(void) { return attach_order; }

int crt_format(char *out, int size, int number, const char *word) {
  return snprintf(out, (size_t)size, "n=%05d w=%s x=%#x", number, word, number);
}

int crt_sprintf(char *out, int number) { return sprintf(out, "[%-4d|%4s]", number, "ab"); }

int crt_parse(const char *text) {
  int a = 0, b = 0;
  return sscanf(text, "%d,%d", &a, &b) == 2 ? a * b : -1;
}

static void at_unload(void) {
  FILE *f = fopen(exit_path, "w");
  if (f != NULL) {
    fprintf(f, "atexit ran, ctor=%d", ctor_value);
    fclose(f);
  }
}

int crt_register_exit(const char *path) {
  snprintf(exit_path, sizeof exit_path, "%s", path);
  return atexit(at_unload);
}

/* setuptools exports PyInit_<name>; this DLL is loaded with ctypes, not imported. */
void *PyInit_crtdemo(void) { return NULL; }
