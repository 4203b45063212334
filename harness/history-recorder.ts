import type { Op } from '../checkers/history.js';
import type { TestClock } from './clock.js';
import type { JsonlWriter } from './jsonl-writer.js';

/**
 * Stamps ops with index and time and appends them to history.jsonl. It keeps no copy of the
 * history (an hour-long run would hold it all): the checkers read the file, and the harness's
 * own needs are counters.
 */
export interface HistoryRecorder {
  record(op: Omit<Op, 'index' | 'time'>): Op;
  /** Ops recorded so far. */
  readonly count: number;
  /** The time (ns on the test clock) of the first client op, or null before it. */
  readonly firstClientOpTime: number | null;
}

export function createHistoryRecorder(opts: { clock: TestClock; writer: JsonlWriter }): HistoryRecorder {
  let count = 0;
  let firstClientOpTime: number | null = null;
  return {
    get count() { return count; },
    get firstClientOpTime() { return firstClientOpTime; },
    record(partial) {
      const op: Op = { index: count++, time: opts.clock.now(), ...partial };
      if (firstClientOpTime === null && op.process !== 'nemesis') firstClientOpTime = op.time;
      opts.writer.append(op);
      return op;
    },
  };
}
