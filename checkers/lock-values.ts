import type { OpPair } from './open-ops.js';
import { parseToken, type Token } from './token.js';

// Op values are `unknown` in the history format: these read the lock workload's fields defensively,
// so that a field of the wrong type reads as absent instead of corrupting a verdict.

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

/** The completion's value merged over the invocation's (the completion knows more). Read-only: it
 * is one of the ops' own values whenever one side already holds the merge (the usual case: a
 * completion repeats its invocation's fields), so that checkers reading a million pairs make no
 * copies. */
export function pairValue(pair: OpPair): Readonly<Record<string, unknown>> {
  const invoked = pair.invoke.value;
  const completed = pair.completion?.value;
  if (typeof completed !== 'object' || completed === null) return typeof invoked === 'object' && invoked !== null ? (invoked as Record<string, unknown>) : EMPTY;
  if (typeof invoked !== 'object' || invoked === null || coversFields(completed as Record<string, unknown>, invoked as Record<string, unknown>)) return completed as Record<string, unknown>;
  return { ...(invoked as Record<string, unknown>), ...(completed as Record<string, unknown>) };
}

/** Whether every own field of `under` is an own field of `over` too (whose value then wins). */
function coversFields(over: Record<string, unknown>, under: Record<string, unknown>): boolean {
  for (const key in under) if (Object.hasOwn(under, key) && !Object.hasOwn(over, key)) return false;
  return true;
}

/** The token field, parsed (checkers/token.ts); throws on a field of the wrong type. */
export function tokenOf(value: Readonly<Record<string, unknown>>): Token | null {
  return parseToken(value.token);
}

export function lockOf(value: Readonly<Record<string, unknown>>): string {
  return typeof value.lock === 'string' ? value.lock : '';
}

export function elementOf(value: Readonly<Record<string, unknown>>): number | null {
  return typeof value.element === 'number' ? value.element : null;
}

export function listOf(value: unknown): number[] | null {
  const list = record(value).value;
  return Array.isArray(list) ? (list as number[]) : null;
}

export const nsToMs = (ns: number): number => ns / 1e6;
