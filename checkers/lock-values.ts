import type { OpPair } from './open-ops.js';
import { parseToken, type Token } from './token.js';

// Op values are `unknown` in the history format: these read the lock workload's fields defensively,
// so that a field of the wrong type reads as absent instead of corrupting a verdict.

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** The completion's value merged over the invocation's (the completion knows more). */
export function pairValue(pair: OpPair): Record<string, unknown> {
  return { ...record(pair.invoke.value), ...record(pair.completion?.value) };
}

/** The token field, parsed (checkers/token.ts); throws on a field of the wrong type. */
export function tokenOf(value: Record<string, unknown>): Token | null {
  return parseToken(value.token);
}

export function lockOf(value: Record<string, unknown>): string {
  return typeof value.lock === 'string' ? value.lock : '';
}

export function elementOf(value: Record<string, unknown>): number | null {
  return typeof value.element === 'number' ? value.element : null;
}

export function listOf(value: unknown): number[] | null {
  const list = record(value).value;
  return Array.isArray(list) ? (list as number[]) : null;
}

export const nsToMs = (ns: number): number => ns / 1e6;
