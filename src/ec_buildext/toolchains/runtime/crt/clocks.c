/* ec-buildext: the POSIX clocks mingw-w64's <time.h> declares (through <pthread_time.h>)
 * and winpthreads defines: clock_gettime, clock_getres, clock_settime, nanosleep and
 * clock_nanosleep, in their 64-bit (time_t) and 32-bit forms, on Win32's clocks.
 * CLOCK_REALTIME is the system time (precise), CLOCK_REALTIME_COARSE its tick value,
 * CLOCK_MONOTONIC the performance counter, the CPU-time clocks the kernel and user
 * time of the process or thread.  Weak: a project's own definition wins. */
#define _WIN32_WINNT 0x0A00
#include <errno.h>
#include <time.h>
#include <windows.h>

#define EC_WEAK __attribute__((weak))

/* 100 ns intervals between 1601-01-01 (FILETIME) and 1970-01-01 (the Unix epoch). */
#define EC_UNIX_EPOCH 116444736000000000LL

static long long ec_filetime(FILETIME t) {
  return (long long)(((unsigned long long)t.dwHighDateTime << 32) | t.dwLowDateTime);
}

static void ec_from_100ns(long long ticks, struct _timespec64 *tp) {
  tp->tv_sec = ticks / 10000000;
  tp->tv_nsec = (long)(ticks % 10000000) * 100;
}

static int ec_invalid(void) {
  errno = EINVAL;
  return -1;
}

EC_WEAK int __cdecl clock_gettime64(clockid_t id, struct _timespec64 *tp) {
  FILETIME now, created, exited, kernel, user;
  LARGE_INTEGER count, frequency;
  switch (id) {
  case CLOCK_REALTIME:
  case CLOCK_REALTIME_COARSE:
    (id == CLOCK_REALTIME ? GetSystemTimePreciseAsFileTime : GetSystemTimeAsFileTime)(&now);
    ec_from_100ns(ec_filetime(now) - EC_UNIX_EPOCH, tp);
    return 0;
  case CLOCK_MONOTONIC:
    QueryPerformanceCounter(&count);
    QueryPerformanceFrequency(&frequency);
    tp->tv_sec = count.QuadPart / frequency.QuadPart;
    tp->tv_nsec =
        (long)((count.QuadPart % frequency.QuadPart) * 1000000000LL / frequency.QuadPart);
    return 0;
  case CLOCK_PROCESS_CPUTIME_ID:
  case CLOCK_THREAD_CPUTIME_ID:
    if (!(id == CLOCK_PROCESS_CPUTIME_ID
              ? GetProcessTimes(GetCurrentProcess(), &created, &exited, &kernel, &user)
              : GetThreadTimes(GetCurrentThread(), &created, &exited, &kernel, &user)))
      return ec_invalid();
    ec_from_100ns(ec_filetime(kernel) + ec_filetime(user), tp);
    return 0;
  default:
    return ec_invalid();
  }
}

EC_WEAK int __cdecl clock_getres64(clockid_t id, struct _timespec64 *res) {
  LARGE_INTEGER frequency;
  if (id < CLOCK_REALTIME || id > CLOCK_REALTIME_COARSE)
    return ec_invalid();
  res->tv_sec = 0;
  res->tv_nsec = 100;
  if (id == CLOCK_MONOTONIC) {
    QueryPerformanceFrequency(&frequency);
    long long step = 1000000000LL / frequency.QuadPart;
    res->tv_nsec = (long)(step > 0 ? step : 1);
  } else if (id == CLOCK_REALTIME_COARSE) {
    res->tv_nsec = 15625000; /* the default 64 Hz system tick */
  }
  return 0;
}

/* Setting the system clock is the system's business, not an extension module's. */
EC_WEAK int __cdecl clock_settime64(clockid_t id, const struct _timespec64 *tp) {
  (void)tp;
  if (id != CLOCK_REALTIME)
    return ec_invalid();
  errno = EPERM;
  return -1;
}

/* Sleep whole milliseconds, rounded up, so that at least the request passes. */
static void ec_sleep(long long seconds, long nanoseconds) {
  long long ms = seconds * 1000 + (nanoseconds + 999999) / 1000000;
  while (ms > 0) {
    DWORD step = ms > 0x7FFFFFFF ? 0x7FFFFFFF : (DWORD)ms;
    Sleep(step);
    ms -= step;
  }
}

EC_WEAK int __cdecl clock_nanosleep64(clockid_t id, int flags, const struct _timespec64 *request,
                                      struct _timespec64 *remain) {
  if (request->tv_nsec < 0 || request->tv_nsec >= 1000000000 || request->tv_sec < 0)
    return EINVAL;
  long long seconds = request->tv_sec;
  long nanoseconds = request->tv_nsec;
  if (flags & TIMER_ABSTIME) {
    struct _timespec64 now;
    if (clock_gettime64(id, &now) != 0)
      return EINVAL;
    long long left = (seconds - now.tv_sec) * 1000000000LL + (nanoseconds - now.tv_nsec);
    if (left <= 0)
      return 0;
    seconds = left / 1000000000LL;
    nanoseconds = (long)(left % 1000000000LL);
  } else if (id != CLOCK_REALTIME && id != CLOCK_MONOTONIC) {
    return EINVAL;
  }
  ec_sleep(seconds, nanoseconds);
  if (remain != NULL && !(flags & TIMER_ABSTIME)) {
    remain->tv_sec = 0;
    remain->tv_nsec = 0;
  }
  return 0;
}

EC_WEAK int __cdecl nanosleep64(const struct _timespec64 *request, struct _timespec64 *remain) {
  int error = clock_nanosleep64(CLOCK_REALTIME, 0, request, remain);
  if (error == 0)
    return 0;
  errno = error;
  return -1;
}

/* The 32-bit time_t forms. */
static struct _timespec64 ec_widen(const struct _timespec32 *t) {
  struct _timespec64 wide = {t->tv_sec, t->tv_nsec};
  return wide;
}

static void ec_narrow(const struct _timespec64 *t, struct _timespec32 *out) {
  out->tv_sec = (__time32_t)t->tv_sec;
  out->tv_nsec = t->tv_nsec;
}

EC_WEAK int __cdecl clock_gettime32(clockid_t id, struct _timespec32 *tp) {
  struct _timespec64 wide;
  int result = clock_gettime64(id, &wide);
  if (result == 0)
    ec_narrow(&wide, tp);
  return result;
}

EC_WEAK int __cdecl clock_getres32(clockid_t id, struct _timespec32 *res) {
  struct _timespec64 wide;
  int result = clock_getres64(id, &wide);
  if (result == 0)
    ec_narrow(&wide, res);
  return result;
}

EC_WEAK int __cdecl clock_settime32(clockid_t id, const struct _timespec32 *tp) {
  struct _timespec64 wide = ec_widen(tp);
  return clock_settime64(id, &wide);
}

EC_WEAK int __cdecl clock_nanosleep32(clockid_t id, int flags, const struct _timespec32 *request,
                                      struct _timespec32 *remain) {
  struct _timespec64 wide = ec_widen(request), left = {0, 0};
  int result = clock_nanosleep64(id, flags, &wide, &left);
  if (remain != NULL)
    ec_narrow(&left, remain);
  return result;
}

EC_WEAK int __cdecl nanosleep32(const struct _timespec32 *request, struct _timespec32 *remain) {
  struct _timespec64 wide = ec_widen(request), left = {0, 0};
  int result = nanosleep64(&wide, &left);
  if (remain != NULL)
    ec_narrow(&left, remain);
  return result;
}
