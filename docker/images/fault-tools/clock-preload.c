/*
 * LD_PRELOAD library: adds the offset in CLOCK_FILE_PATH to the wall clock (CLOCK_REALTIME and
 * CLOCK_REALTIME_COARSE) as clock_gettime, gettimeofday and time report it. Monotonic clocks are
 * left alone, so the history's timestamps never move.
 *
 * Everything goes through raw syscalls: no dlsym and no allocation. libfaketime's dlsym allocates,
 * and under Debian's redis-server (jemalloc) that allocation reads the clock again and recurses
 * until the process dies.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "clock-file.h"

#define NS_PER_S 1000000000LL

enum { UNTRIED = 0, MAPPED = 1, ABSENT = 2 };
static int state = UNTRIED;
static const struct clock_file *file;

static const struct clock_file *mapped(void) {
  int s = __atomic_load_n(&state, __ATOMIC_ACQUIRE);
  if (s == MAPPED) return file;
  if (s == ABSENT) return NULL;
  const struct clock_file *p = NULL;
  /*
   * Opened for writing although only read: on overlayfs the first open for writing copies the file
   * up from the image layer, and a mapping of the image layer's copy would never see the nemesis's
   * writes (they land in the copied-up file). Read-only is the fallback for a read-only filesystem.
   */
  long fd = syscall(SYS_openat, AT_FDCWD, CLOCK_FILE_PATH, O_RDWR | O_CLOEXEC);
  if (fd < 0) fd = syscall(SYS_openat, AT_FDCWD, CLOCK_FILE_PATH, O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    long addr = syscall(SYS_mmap, NULL, CLOCK_FILE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
    syscall(SYS_close, fd);
    if (addr != -1) p = (const struct clock_file *)addr;
  }
  /* Two threads may race here; both mappings stay valid, the last one is kept. */
  file = p;
  __atomic_store_n(&state, p ? MAPPED : ABSENT, __ATOMIC_RELEASE);
  return p;
}

static long long offset_ns(void) {
  const struct clock_file *f = mapped();
  if (!f) return 0;
  long long offset = __atomic_load_n(&f->offset_ns, __ATOMIC_RELAXED);
  if (offset == 0) return 0;
  long long period = __atomic_load_n(&f->strobe_period_ns, __ATOMIC_RELAXED);
  if (period > 0) {
    struct timespec m;
    if (syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &m) == 0 && ((m.tv_sec * NS_PER_S + m.tv_nsec) / period) % 2 == 1) return 0;
  }
  return offset;
}

static void shift(struct timespec *ts, long long offset) {
  if (offset == 0) return;
  long long ns = ts->tv_nsec + offset % NS_PER_S;
  long long s = ts->tv_sec + offset / NS_PER_S;
  if (ns < 0) { ns += NS_PER_S; s -= 1; }
  if (ns >= NS_PER_S) { ns -= NS_PER_S; s += 1; }
  ts->tv_sec = (time_t)s;
  ts->tv_nsec = (long)ns;
}

static int wall_clock(clockid_t id, struct timespec *ts) {
  if (syscall(SYS_clock_gettime, id, ts) != 0) return -1;
  shift(ts, offset_ns());
  return 0;
}

__attribute__((visibility("default"))) int clock_gettime(clockid_t id, struct timespec *ts) {
  if (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE) return wall_clock(id, ts);
  return (int)syscall(SYS_clock_gettime, id, ts);
}

/* glibc declares tv non-null, but callers do pass NULL (the kernel accepts it): keep the check. */
#pragma GCC diagnostic ignored "-Wnonnull-compare"
__attribute__((visibility("default"))) int gettimeofday(struct timeval *restrict tv, void *restrict tz) {
  struct timespec ts;
  if (wall_clock(CLOCK_REALTIME, &ts) != 0) return -1;
  if (tv) {
    tv->tv_sec = ts.tv_sec;
    tv->tv_usec = ts.tv_nsec / 1000;
  }
  if (tz) {
    struct timezone *zone = tz;
    zone->tz_minuteswest = 0;
    zone->tz_dsttime = 0;
  }
  return 0;
}

__attribute__((visibility("default"))) time_t time(time_t *out) {
  struct timespec ts;
  if (wall_clock(CLOCK_REALTIME, &ts) != 0) return (time_t)-1;
  if (out) *out = ts.tv_sec;
  return ts.tv_sec;
}
