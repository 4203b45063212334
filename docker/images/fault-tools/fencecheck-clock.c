/*
 * Sets or shows the clock offset every process of this container sees through the preload
 * library: `fencecheck-clock set OFFSET_MS [STROBE_PERIOD_MS]`, `fencecheck-clock get` (prints
 * `OFFSET_MS STROBE_PERIOD_MS`). Writes in place through a shared mapping, never truncating.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "clock-file.h"

#define NS_PER_MS 1000000LL

static struct clock_file *map_file(int writable) {
  int fd = open(CLOCK_FILE_PATH, writable ? O_RDWR : O_RDONLY);
  if (fd < 0) {
    fprintf(stderr, "fencecheck-clock: cannot open %s: %s\n", CLOCK_FILE_PATH, strerror(errno));
    exit(2);
  }
  void *p = mmap(NULL, CLOCK_FILE_SIZE, writable ? PROT_READ | PROT_WRITE : PROT_READ, MAP_SHARED, fd, 0);
  close(fd);
  if (p == MAP_FAILED) {
    fprintf(stderr, "fencecheck-clock: cannot map %s: %s\n", CLOCK_FILE_PATH, strerror(errno));
    exit(2);
  }
  return p;
}

static long long parse_ms(const char *text) {
  char *end;
  errno = 0;
  long long v = strtoll(text, &end, 10);
  if (errno || *end || end == text) {
    fprintf(stderr, "fencecheck-clock: not a whole number of milliseconds: %s\n", text);
    exit(2);
  }
  return v;
}

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "get") == 0) {
    struct clock_file *f = map_file(0);
    printf("%lld %lld\n", (long long)(__atomic_load_n(&f->offset_ns, __ATOMIC_RELAXED) / NS_PER_MS),
           (long long)(__atomic_load_n(&f->strobe_period_ns, __ATOMIC_RELAXED) / NS_PER_MS));
    return 0;
  }
  if ((argc == 3 || argc == 4) && strcmp(argv[1], "set") == 0) {
    long long offset = parse_ms(argv[2]) * NS_PER_MS;
    long long period = argc == 4 ? parse_ms(argv[3]) * NS_PER_MS : 0;
    struct clock_file *f = map_file(1);
    /* Readers see either the old or the new offset, never a torn one. */
    __atomic_store_n(&f->strobe_period_ns, period, __ATOMIC_SEQ_CST);
    __atomic_store_n(&f->offset_ns, offset, __ATOMIC_SEQ_CST);
    if (msync(f, CLOCK_FILE_SIZE, MS_SYNC) != 0) {
      fprintf(stderr, "fencecheck-clock: msync: %s\n", strerror(errno));
      return 2;
    }
    return 0;
  }
  fprintf(stderr, "usage: fencecheck-clock set OFFSET_MS [STROBE_PERIOD_MS] | fencecheck-clock get\n");
  return 2;
}
