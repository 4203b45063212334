import type { Op } from '../checkers/history.js';
import type { TestClock } from './clock.js';
import type { JsonlWriter } from './jsonl-writer.js';

/** Stamps ops with index and time, appends them to history.jsonl and keeps them for the checkers. */
export interface HistoryRecorder {
  record(op: Omit<Op, 'index' | 'time'>): Op;
  readonly ops: readonly Op[];
}

export function createHistoryRecorder(opts: { clock: TestClock; writer: JsonlWriter }): HistoryRecorder {
  const ops: Op[] = [];
  return {
    ops,
    record(partial) {
      const op: Op = { index: ops.length, time: opts.clock.now(), ...partial };
      ops.push(op);
      opts.writer.append(op);
      return op;
    },
  };
}
