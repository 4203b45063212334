import type { History } from './history.js';
import type { OpPair } from './open-ops.js';
import { ABSENT, tableOf } from './op-table.js';
import { keyOf } from './register-versions.js';
import { parseToken, type Token } from './token.js';

// Op values are `unknown` in the history format: these read the lock workload's fields defensively,
// so that a field of the wrong type reads as absent instead of corrupting a verdict.

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** One field of the pair's value: the completion's when its value has that field (it knows more),
 * else the invocation's, else undefined. Read from the history's columns: checkers going over a
 * million pairs make no value objects. */
export function pairField(pair: OpPair, name: string): unknown {
  const t = pair.history;
  if (pair.completionAt >= 0) {
    const done = t.valueField(pair.completionAt, name);
    if (done !== ABSENT) return done;
  }
  const asked = t.valueField(pair.invokeAt, name);
  return asked === ABSENT ? undefined : asked;
}

/** The pair's token field, parsed (checkers/token.ts); throws on a field of the wrong type. */
export function tokenOf(pair: OpPair): Token | null {
  return parseToken(pairField(pair, 'token'));
}

export function lockOf(pair: OpPair): string {
  const lock = pairField(pair, 'lock');
  return typeof lock === 'string' ? lock : '';
}

export function elementOf(pair: OpPair): number | null {
  const element = pairField(pair, 'element');
  return typeof element === 'number' ? element : null;
}

/** The pair's register key (register-versions.ts keyOf). */
export function keyOfPair(pair: OpPair): number {
  return keyOf({ key: pairField(pair, 'key') });
}

export function listOf(value: unknown): number[] | null {
  const list = record(value).value;
  return Array.isArray(list) ? (list as number[]) : null;
}

const CLIENT_LOCK_FS: ReadonlySet<string> = new Set(['acquire', 'read', 'write', 'release']);

/** Whether a client acquired, read, wrote or released (the final read is the harness's): a lock
 * history without any proves nothing. */
export function hasClientLockOp(history: History): boolean {
  const t = tableOf(history);
  for (let i = 0; i < t.length; i++) if (!t.isNemesis(i) && CLIENT_LOCK_FS.has(t.f(i))) return true;
  return false;
}

export const nsToMs = (ns: number): number => ns / 1e6;
