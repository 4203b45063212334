import { checkClockLibrary, clearClockOffset, resetClockOffset, setClockOffset } from './clock-offset.js';
import { processFaultKind } from './fault-kind.js';

/** A jump of the wall clock by settings.clockOffsetMs (negative: back), undone after the fault duration. */
export const clockBumpKind = processFaultKind({
  kind: 'clock-bump',
  description: 'jump the wall clock (CLOCK_REALTIME) by --clock-offset ms, back to true time after the fault duration',
  apply: (target, ctx) => setClockOffset(target, ctx.settings.clockOffsetMs),
  undo: resetClockOffset,
  sweep: clearClockOffset,
  details: (ctx) => ({ offsetMs: ctx.settings.clockOffsetMs }),
  setup: (ctx) => checkClockLibrary('clock-bump', ctx),
});
