import type { Op } from '../history.js';
import type { LinOp } from './lin-op.js';
import { pairEvents, type HistoryEvent } from './pair-events.js';

/**
 * The acquire and release ops of a fencecheck lock history, keyed by lock name, for the mutex
 * model. Positions are the history's times (conservative: invocations no later, completions no
 * earlier than the real ones). A process retired by an `info` op while it held a lock never
 * releases it in the history, yet the lock service frees it sooner or later: it gets an `info`
 * release invoked where its unknown op was invoked, so its hold may end at any time after the last
 * moment it is known to have acted, and the check raises no alarm the history cannot prove.
 */
export function lockHistoryToLinOps(history: readonly Op[]): LinOp[] {
  const events: HistoryEvent[] = [];
  const holding = new Map<number, string>();
  const invokedAt = new Map<number, Op>();
  for (const op of history) {
    if (typeof op.process !== 'number') continue;
    const p = op.process;
    const lock = lockOf(op.value);
    if (op.type === 'invoke') invokedAt.set(p, op);
    if (op.f === 'acquire' || op.f === 'release') {
      if (lock === undefined) continue;
      events.push({ process: p, type: op.type, f: op.f, value: op.value, at: op.time, line: op.index + 1, key: lock });
      if (op.f === 'acquire' && op.type === 'ok') holding.set(p, lock);
      if (op.f === 'release' && op.type === 'invoke') holding.delete(p);
      continue;
    }
    const held = holding.get(p);
    if (op.type === 'info' && held !== undefined) {
      const since = invokedAt.get(p) ?? op;
      events.push({ process: p, type: 'invoke', f: 'release', value: { lock: held, implicit: true }, at: since.time, line: op.index + 1, key: held });
      holding.delete(p);
    }
  }
  return pairEvents(events);
}

function lockOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const lock = (value as { lock?: unknown }).lock;
  return typeof lock === 'string' ? lock : undefined;
}
