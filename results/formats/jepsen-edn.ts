import type { LinOp } from '../../checkers/linearizable/lin-op.js';
import { pairEvents, PairingError, type HistoryEvent } from '../../checkers/linearizable/pair-events.js';
import { eventOf, readEdnOps } from './edn-ops.js';
import { FormatError } from './format-error.js';

const READS = new Set(['read', 'get']);

/**
 * Jepsen's history.edn as Knossos reads it: op maps `{:type :f :value :process :time}`, order is
 * the position in the file; ops of a non-integer process (the nemesis) are ignored; a `:fail`
 * op did not happen and is dropped; `:info` stays open; a read whose value is nil matches any
 * state. Writes and cas take their argument from the invocation, reads their result from the
 * completion.
 */
export function parseJepsenEdn(text: string): LinOp[] {
  const events: HistoryEvent[] = [];
  const ops = readEdnOps(text, 'jepsen-edn');
  ops.forEach((op, i) => {
    const ev = eventOf(op, i, 'jepsen-edn');
    if (ev !== undefined) events.push(ev);
  });
  let paired: LinOp[];
  try {
    paired = pairEvents(events, {
      input: (inv) => (READS.has(inv.f) ? undefined : inv.value),
      output: (inv, done) => (READS.has(inv.f) && done.value !== null ? done.value : undefined),
    });
  } catch (err) {
    if (err instanceof PairingError) throw new FormatError('jepsen-edn', err.line, err.message.replace(/^line \d+: /, ''), { cause: err });
    throw err;
  }
  return paired.filter((op) => op.status !== 'fail').map((op, id) => ({ ...op, id }));
}
