import { checkClockLibrary, clearClockOffset, resetClockOffset, setClockOffset } from './clock-offset.js';
import { processFaultKind } from './fault-kind.js';

/** How long the clock stays on each side of a strobe (Jepsen's strobe-time flips about this often). */
export const STROBE_PERIOD_MS = 10;

/**
 * The wall clock flips between true time and true time plus settings.clockOffsetMs every
 * STROBE_PERIOD_MS ms for the fault's duration. The library flips it by the monotonic clock at
 * each read, so no process in the container is needed to drive it.
 */
export const clockStrobeKind = processFaultKind({
  kind: 'clock-strobe',
  description: `flip the wall clock between true time and --clock-offset ms every ${STROBE_PERIOD_MS} ms for the fault duration`,
  apply: (target, ctx) => setClockOffset(target, ctx.settings.clockOffsetMs, STROBE_PERIOD_MS),
  undo: resetClockOffset,
  sweep: clearClockOffset,
  details: (ctx) => ({ offsetMs: ctx.settings.clockOffsetMs, periodMs: STROBE_PERIOD_MS }),
  setup: (ctx) => checkClockLibrary('clock-strobe', ctx),
});
