import type { NemesisValue, Op } from './history.js';
import type { Interval } from './intervals.js';

/** A fault in force from its start op to its stop op (or to the end of the history). */
export interface FaultWindow extends Interval {
  fault: string;
  targets: string[];
  startIndex: number;
  /** Null when the history has no matching stop: the fault was never seen healed. */
  stopIndex: number | null;
}

function nemesisValue(op: Op): { fault: string; targets: string[] } {
  const v = (typeof op.value === 'object' && op.value !== null ? op.value : {}) as Partial<NemesisValue>;
  return { fault: typeof v.fault === 'string' ? v.fault : op.f, targets: Array.isArray(v.targets) ? v.targets : [] };
}

/**
 * Fault windows from nemesis ops: a `stop` closes the earliest open `start` of the same fault and
 * targets (or, failing that, of the same fault). Any other nemesis op is an instant fault (a window of
 * length zero at its time). A start never stopped lasts to `end`.
 */
export function faultWindows(nemesis: readonly Op[], end: number): FaultWindow[] {
  const windows: FaultWindow[] = [];
  const open: FaultWindow[] = [];
  for (const op of nemesis) {
    const { fault, targets } = nemesisValue(op);
    if (op.f === 'start') {
      const w: FaultWindow = { fault, targets, startIndex: op.index, stopIndex: null, start: op.time, end };
      windows.push(w);
      open.push(w);
    } else if (op.f === 'stop') {
      const key = targets.join(',');
      let at = open.findIndex((w) => w.fault === fault && w.targets.join(',') === key);
      if (at < 0) at = open.findIndex((w) => w.fault === fault);
      const w = open[at];
      if (w) {
        w.end = op.time;
        w.stopIndex = op.index;
        open.splice(at, 1);
      }
    } else {
      windows.push({ fault, targets, startIndex: op.index, stopIndex: op.index, start: op.time, end: op.time });
    }
  }
  return windows;
}

/** Indices of nemesis ops that could explain something seen over [start, end]: every nemesis op
 * within `lookbackNs` before `start` up to `end`, and the start of any fault still in force then.
 * `nemesis` and `windows` are in time order. */
export function nemesisAround(opts: { nemesis: readonly Op[]; windows: readonly FaultWindow[]; start: number; end: number; lookbackNs: number }): number[] {
  const from = opts.start - opts.lookbackNs;
  const found = new Set<number>();
  for (const w of opts.windows) {
    if (w.start > opts.end) break;
    if (w.end >= from) found.add(w.startIndex);
  }
  // Every op in the range, stops included: a fault healed just before the overlap may explain it.
  let lo = 0;
  let hi = opts.nemesis.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((opts.nemesis[mid] as Op).time < from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < opts.nemesis.length && (opts.nemesis[i] as Op).time <= opts.end; i++) found.add((opts.nemesis[i] as Op).index);
  return [...found].sort((a, b) => a - b);
}
