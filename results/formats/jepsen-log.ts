import type { LinOp } from '../../checkers/linearizable/lin-op.js';
import { pairEvents, PairingError, type HistoryEvent } from '../../checkers/linearizable/pair-events.js';
import { FormatError } from './format-error.js';

const LINE = /^INFO\s+jepsen\.util\s+-\s+(\d+)\s+:(invoke|ok|fail|info)\s+:([a-z-]+)\s+(.*?)\s*$/;
const TIMED_OUT = Symbol('timed-out');

/**
 * Jepsen's etcd register log (MANIFEST.md grammar): one event per line in real-time order. Its
 * conventions: `:ok :read nil` means unset; `:info` (timed out) stays open; `:fail :read
 * :timed-out` is a read with an unknown result; `:fail :cas` is an observation, kept as `fail`.
 */
export function parseJepsenLog(text: string): LinOp[] {
  const events: HistoryEvent[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (raw.trim() === '') continue;
    const m = LINE.exec(raw);
    if (m === null) throw new FormatError('jepsen-log', i + 1, 'expected "INFO jepsen.util - PROC :TYPE :F VALUE"');
    const [, proc, type, f, valueText] = m as unknown as [string, string, HistoryEvent['type'], string, string];
    let value: unknown;
    try {
      value = parseValue(valueText);
    } catch (err) {
      throw new FormatError('jepsen-log', i + 1, (err as Error).message, { cause: err });
    }
    const unknownRead = type === 'fail' && value === TIMED_OUT;
    events.push({ process: Number(proc), type: unknownRead ? 'info' : type, f, value, at: i, line: i + 1 });
  }
  try {
    return pairEvents(events, {
      input: (inv) => (inv.f === 'read' ? undefined : inv.value),
      output: (inv, done) => (inv.f === 'read' ? done.value : undefined),
    });
  } catch (err) {
    if (err instanceof PairingError) throw new FormatError('jepsen-log', err.line, err.message.replace(/^line \d+: /, ''), { cause: err });
    throw err;
  }
}

function parseValue(t: string): unknown {
  if (t === 'nil') return null;
  if (t === ':timed-out') return TIMED_OUT;
  if (/^-?\d+$/.test(t)) return Number(t);
  const pair = /^\[\s*(-?\d+|nil)\s+(-?\d+|nil)\s*\]$/.exec(t);
  if (pair !== null) return [pair[1] === 'nil' ? null : Number(pair[1]), pair[2] === 'nil' ? null : Number(pair[2])];
  throw new Error(`cannot read the value ${JSON.stringify(t)}: expected nil, an integer, [a b] or :timed-out`);
}
