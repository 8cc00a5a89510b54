/* ec-buildext: __cxa_thread_atexit, which clang calls for each thread_local object with
 * a destructor (C++) the first time a thread uses it.  Each thread keeps its own list,
 * run last-in first-out when the thread ends (DLL_THREAD_DETACH) and, for the thread
 * that unloads the DLL, before the atexit handlers and static destructors, as the C++
 * standard orders them.  mingw-w64 has this in libmingwex; MSVC's C++ runtime in its
 * own TLS callbacks. */
#include <stdlib.h>

typedef void (*ec_dtor_fn)(void *);
typedef struct ec_thread_exit {
  ec_dtor_fn fn;
  void *obj;
  struct ec_thread_exit *next;
} ec_thread_exit;

static _Thread_local ec_thread_exit *thread_exits;

void ec_run_thread_exits(void);
extern void (*ec_thread_exits_hook)(void); /* dllentry.c runs it */

int __cxa_thread_atexit(ec_dtor_fn fn, void *obj, void *dso) {
  (void)dso; /* one image: its own destructors */
  ec_thread_exits_hook = ec_run_thread_exits;
  ec_thread_exit *entry = malloc(sizeof *entry);
  if (entry == NULL) return -1;
  entry->fn = fn;
  entry->obj = obj;
  entry->next = thread_exits;
  thread_exits = entry;
  return 0;
}

/* Called by the DLL entry point (dllentry.c) as a thread ends or the DLL unloads. */
void ec_run_thread_exits(void) {
  ec_thread_exit *entry;
  /* A destructor may create thread_local objects of its own: take the list anew. */
  while ((entry = thread_exits) != NULL) {
    thread_exits = entry->next;
    entry->fn(entry->obj);
    free(entry);
  }
}
