import type { Op } from '../../checkers/history.js';
import type { LinOp } from '../../checkers/linearizable/lin-op.js';
import { lockHistoryToLinOps } from '../../checkers/linearizable/lock-history.js';
import { pairEvents, PairingError, type HistoryEvent } from '../../checkers/linearizable/pair-events.js';
import { FormatError } from './format-error.js';

const TYPES = new Set(['invoke', 'ok', 'fail', 'info']);

/** fencecheck's history.jsonl: one Op per line (checkers/history.ts). A torn last line (a run
 * killed while writing) is ignored, as the run folder reader does. */
export function parseFencecheckOps(text: string): Op[] {
  const lines = text.split('\n');
  const ops: Op[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] as string).trim();
    if (raw === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch (err) {
      if (lines.slice(i + 1).every((l) => l.trim() === '')) break;
      throw new FormatError('fencecheck', i + 1, 'not a JSON object', { cause: err });
    }
    const op = v as Partial<Op>;
    if (typeof op !== 'object' || op === null || typeof op.time !== 'number' || !TYPES.has(op.type as string)
      || (typeof op.process !== 'number' && op.process !== 'nemesis') || typeof op.f !== 'string') {
      throw new FormatError('fencecheck', i + 1, 'expected {"index","time","type","process","f","value"} (see checkers/history.ts)');
    }
    ops.push({ ...op, index: typeof op.index === 'number' ? op.index : ops.length } as Op);
  }
  return ops;
}

/** The ops of a fencecheck history for a model: acquire / release per lock for the mutex, else
 * every client op with its invocation's value as input and its completion's as output. */
export function parseFencecheck(text: string, model: string): LinOp[] {
  const history = parseFencecheckOps(text);
  try {
    if (model === 'mutex') return lockHistoryToLinOps(history);
    const events: HistoryEvent[] = history.filter((op) => typeof op.process === 'number').map((op) => ({
      process: op.process as number, type: op.type, f: op.f, value: op.value ?? null, at: op.time, line: op.index + 1,
    }));
    return pairEvents(events);
  } catch (err) {
    if (err instanceof PairingError) throw new FormatError('fencecheck', err.line, err.message.replace(/^line \d+: /, ''), { cause: err });
    throw err;
  }
}
