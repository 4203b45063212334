import type { LinOp } from './lin-op.js';

/** Ops grouped by `key` (ops without a key form one group), groups in first-seen order. Ops of
 * one key are the very array given: a lock history of half a million ops is not copied. */
export function partitionByKey(ops: readonly LinOp[]): (readonly LinOp[])[] {
  if (ops.length === 0) return [];
  const first = (ops[0] as LinOp).key;
  if (ops.every((op) => op.key === first)) return [ops];
  const groups = new Map<string | undefined, LinOp[]>();
  for (const op of ops) {
    let g = groups.get(op.key);
    if (g === undefined) groups.set(op.key, (g = []));
    g.push(op);
  }
  return [...groups.values()];
}

/** Distinct keys in first-seen order (an op without a key counts as key ""). */
export function keysOf(ops: readonly LinOp[]): string[] {
  const keys = new Set<string>();
  for (const op of ops) keys.add(op.key ?? '');
  return [...keys];
}
