/* ec-buildext: the DLL entry point of CRT-less builds (one object per view).
 *
 * What a C runtime's DLL startup does, for images linked against ucrtbase.dll
 * alone: run the static constructors at load, call the project's DllMain with the
 * reason the loader gave, and at unload run the atexit/_onexit/__cxa_atexit
 * handlers (C++ global destructors among them) and the static destructors.
 *
 * Constructors: clang's GNU mode puts them in .ctors (.ctors.NNNNN by priority);
 * lld-link in MinGW mode (/lldmingw, which CRT-less links use so that the .pdata
 * of GNU-style COMDAT functions stays with them) gathers them, sorted, between
 * __CTOR_LIST__ (a -1 sentinel) and a 0 it appends; GCC's convention runs them
 * from the last to the first.  In an Arm64X image both views' entries share that
 * list, so each view runs only the entries that point into its own code, as the
 * CHPE code map says.
 */
#include <stdlib.h>
#include <windows.h>

typedef void (*ec_ctor_fn)(void);
typedef void (*ec_cxa_fn)(void *);

extern IMAGE_DOS_HEADER __ImageBase;
BOOL WINAPI DllMain(HINSTANCE, DWORD, LPVOID);
BOOL WINAPI _DllMainCRTStartup(HINSTANCE, DWORD, LPVOID);

void *__dso_handle = &__ImageBase;

static char *image_base(void) { return (char *)&__ImageBase; }

static IMAGE_NT_HEADERS *nt_headers(void) {
  return (IMAGE_NT_HEADERS *)(image_base() + __ImageBase.e_lfanew);
}

/* The lists lld-link makes in MinGW mode: {-1, entries..., 0}. */
extern ec_ctor_fn __CTOR_LIST__[];
extern ec_ctor_fn __DTOR_LIST__[];

/* The code-map kind this view's code has: 0 native ARM64, 1 Arm64EC. */
#if defined(__arm64ec__)
#define EC_OWN_KIND 1u
#else
#define EC_OWN_KIND 0u
#endif

/* IMAGE_ARM64EC_METADATA's first fields and a code-map range (winnt.h layouts). */
typedef struct { DWORD Version, CodeMap, CodeMapCount; } ec_chpe_head;
typedef struct { DWORD StartOffset, Length; } ec_code_range;

static const ec_chpe_head *chpe_metadata(void) {
  IMAGE_DATA_DIRECTORY *dir =
      &nt_headers()->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_LOAD_CONFIG];
  /* CHPEMetadataPointer, a VA, is at 0xC8 of IMAGE_LOAD_CONFIG_DIRECTORY64. */
  if (dir->VirtualAddress == 0 || dir->Size < 0xD0) return NULL;
  const char *config = image_base() + dir->VirtualAddress;
  if (*(const DWORD *)config < 0xD0) return NULL;
  return *(const ec_chpe_head *const *)(config + 0xC8);
}

/* Whether this view runs `fn`: always, except in a hybrid image where the code
 * map says it is the other view's code. */
static int is_own_code(const ec_chpe_head *chpe, ec_ctor_fn fn) {
  if (chpe == NULL) return 1;
  DWORD rva = (DWORD)((char *)fn - image_base());
  const ec_code_range *map = (const ec_code_range *)(image_base() + chpe->CodeMap);
  for (DWORD i = 0; i < chpe->CodeMapCount; i++) {
    DWORD start = map[i].StartOffset & ~3u;
    if (rva >= start && rva - start < map[i].Length) return (map[i].StartOffset & 3u) == EC_OWN_KIND;
  }
  return 0;
}

static void run_entries(ec_ctor_fn *list, int backwards) {
  ec_ctor_fn *begin = list + 1, *end = begin;
  while (*end != NULL) end++;
  const ec_chpe_head *chpe = chpe_metadata();
  ptrdiff_t n = end - begin;
  for (ptrdiff_t i = 0; i < n; i++) {
    ec_ctor_fn fn = backwards ? begin[n - 1 - i] : begin[i];
    /* -1: a sentinel of a list made for GNU ld, inside an object. */
    if (fn != (ec_ctor_fn)(INT_PTR)-1 && is_own_code(chpe, fn)) fn();
  }
}

/* ---- atexit, _onexit, __cxa_atexit: one list, run last-in first-out ---------- */
typedef struct { ec_cxa_fn fn; void *arg; int with_arg; } ec_exit_entry;

static SRWLOCK exit_lock = SRWLOCK_INIT;
static ec_exit_entry *exit_entries;
static size_t exit_count, exit_capacity;

static int push_exit(ec_cxa_fn fn, void *arg, int with_arg) {
  int ok = 1;
  AcquireSRWLockExclusive(&exit_lock);
  if (exit_count == exit_capacity) {
    size_t capacity = exit_capacity ? exit_capacity * 2 : 32;
    void *grown = realloc(exit_entries, capacity * sizeof(ec_exit_entry));
    if (grown != NULL) {
      exit_entries = grown;
      exit_capacity = capacity;
    }
  }
  if (exit_count < exit_capacity) {
    exit_entries[exit_count].fn = fn;
    exit_entries[exit_count].arg = arg;
    exit_entries[exit_count].with_arg = with_arg;
    exit_count++;
  } else {
    ok = 0;
  }
  ReleaseSRWLockExclusive(&exit_lock);
  return ok;
}

static void run_exit_entries(void) {
  for (;;) {
    ec_exit_entry entry;
    AcquireSRWLockExclusive(&exit_lock);
    if (exit_count == 0) {
      ReleaseSRWLockExclusive(&exit_lock);
      break;
    }
    entry = exit_entries[--exit_count];
    ReleaseSRWLockExclusive(&exit_lock);
    if (entry.with_arg) entry.fn(entry.arg);
    else ((ec_ctor_fn)entry.fn)();
  }
  free(exit_entries);
  exit_entries = NULL;
  exit_capacity = 0;
}

int __cdecl atexit(void (__cdecl *fn)(void)) { return push_exit((ec_cxa_fn)fn, NULL, 0) ? 0 : -1; }

_onexit_t __cdecl _onexit(_onexit_t fn) { return push_exit((ec_cxa_fn)fn, NULL, 0) ? fn : NULL; }

int __cxa_atexit(ec_cxa_fn fn, void *arg, void *dso) {
  (void)dso; /* one image: its own handlers */
  return push_exit(fn, arg, 1) ? 0 : -1;
}

/* ---- The entry point ---------------------------------------------------------- */
/* Set by thread_atexit.c's __cxa_thread_atexit on its first call: linked only where
 * code has thread_local objects with destructors, so other DLLs get no TLS for it. */
void (*ec_thread_exits_hook)(void);

static void run_thread_exits(void) {
  void (*hook)(void) = ec_thread_exits_hook;
  if (hook != NULL) hook();
}

static void unload(void) {
  run_thread_exits(); /* the unloading thread's thread_local objects first */
  run_exit_entries();
  run_entries(__DTOR_LIST__, 0);
}

void ec_stack_guard_init(void); /* stackguard.c */

BOOL WINAPI _DllMainCRTStartup(HINSTANCE instance, DWORD reason, LPVOID reserved) {
  if (reason == DLL_PROCESS_ATTACH) {
    ec_stack_guard_init();
    run_entries(__CTOR_LIST__, 1);
    if (!DllMain(instance, reason, reserved)) {
      unload();
      return FALSE;
    }
    return TRUE;
  }
  BOOL result = DllMain(instance, reason, reserved);
  if (reason == DLL_THREAD_DETACH) run_thread_exits();
  if (reason == DLL_PROCESS_DETACH) unload();
  return result;
}
