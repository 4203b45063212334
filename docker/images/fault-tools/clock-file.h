/*
 * The clock offset file shared by the preload library (which maps it read-only in every process
 * of the container) and fencecheck-clock (which the nemesis runs to rewrite it). Both map the same
 * page, so a change is seen at the next clock call, with no restart. The file always exists in
 * images built FROM fault-tools; the nemesis never truncates it (a mapped page past the end of a
 * file would kill the reader with SIGBUS).
 */
#ifndef FENCECHECK_CLOCK_FILE_H
#define FENCECHECK_CLOCK_FILE_H
#include <stdint.h>

#define CLOCK_FILE_PATH "/var/lib/fencecheck/clock"
#define CLOCK_FILE_SIZE 4096

struct clock_file {
  /* Added to CLOCK_REALTIME and CLOCK_REALTIME_COARSE; negative moves the clock back. */
  int64_t offset_ns;
  /* When positive, the offset applies only in every other period of the monotonic clock, so
   * the wall clock flips back and forth (clock-strobe). */
  int64_t strobe_period_ns;
};
#endif
