import type { LinOp, LinStatus } from './lin-op.js';

/** One line of a history: an invocation or a completion of a process's operation. */
export interface HistoryEvent {
  process: number;
  type: 'invoke' | LinStatus;
  f: string;
  value: unknown;
  /** Position on the history's clock (file position or time). */
  at: number;
  /** 1-based line in the file, for messages. */
  line: number;
  key?: string;
}

/** How a format turns an invocation and its completion into the op's input and output. */
export interface PairRules {
  input(invoke: HistoryEvent): unknown;
  /** The observed result; undefined when nothing was observed (matches anything). */
  output(invoke: HistoryEvent, completion: HistoryEvent): unknown;
}

export class PairingError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
  }
}

const PLAIN: PairRules = { input: (i) => i.value, output: (_i, c) => c.value };

/**
 * Pairs each invocation with the next completion of the same process. `info` completions, and
 * invocations with no completion, give `info` ops (open until the end). Ops are numbered in
 * invocation order.
 */
export function pairEvents(events: Iterable<HistoryEvent>, rules: PairRules = PLAIN): LinOp[] {
  const open = new Map<number, { ev: HistoryEvent; op: LinOp }>();
  const ops: LinOp[] = [];
  for (const ev of events) {
    const pending = open.get(ev.process);
    if (ev.type === 'invoke') {
      if (pending !== undefined) {
        throw new PairingError(ev.line, `process ${ev.process} invokes ${ev.f} while its ${pending.ev.f} of line ${pending.ev.line} has not completed`);
      }
      const op: LinOp = { id: ops.length, process: ev.process, f: ev.f, input: rules.input(ev), output: undefined, status: 'info', call: ev.at, ret: Infinity, line: ev.line };
      if (ev.key !== undefined) op.key = ev.key;
      ops.push(op);
      open.set(ev.process, { ev, op });
      continue;
    }
    if (pending === undefined) throw new PairingError(ev.line, `process ${ev.process} completes ${ev.f} that it never invoked`);
    if (pending.ev.f !== ev.f) throw new PairingError(ev.line, `process ${ev.process} completes ${ev.f} but invoked ${pending.ev.f} (line ${pending.ev.line})`);
    open.delete(ev.process);
    const op = pending.op;
    op.status = ev.type;
    if (ev.type !== 'info') {
      op.ret = ev.at;
      op.output = rules.output(pending.ev, ev);
    }
  }
  return ops;
}
