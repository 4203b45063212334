import type { LinOp } from '../../checkers/linearizable/lin-op.js';
import { pairEvents, PairingError, type HistoryEvent } from '../../checkers/linearizable/pair-events.js';
import { eventOf, readEdnOps } from './edn-ops.js';
import { FormatError } from './format-error.js';

/**
 * Porcupine's kv histories: one EDN map per line, `:f` get / put / append with a `:key`, order
 * by line. A get's result is its completion's value; put and append carry their value on the
 * invocation. A get completing with nil observed nothing.
 */
export function parsePorcupineKv(text: string): LinOp[] {
  const events: HistoryEvent[] = [];
  for (const op of readEdnOps(text, 'porcupine-kv')) {
    const ev = eventOf(op, op.line, 'porcupine-kv');
    if (ev === undefined) continue;
    if (ev.key === undefined) throw new FormatError('porcupine-kv', op.line, 'expected a :key (use --format jepsen-edn for maps without keys)');
    events.push(ev);
  }
  try {
    return pairEvents(events, {
      input: (inv) => (inv.f === 'get' ? undefined : inv.value),
      output: (inv, done) => (inv.f === 'get' && done.value !== null ? done.value : undefined),
    });
  } catch (err) {
    if (err instanceof PairingError) throw new FormatError('porcupine-kv', err.line, err.message.replace(/^line \d+: /, ''), { cause: err });
    throw err;
  }
}
