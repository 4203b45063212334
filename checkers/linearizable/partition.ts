import type { LinOp } from './lin-op.js';

/** Ops grouped by `key` (ops without a key form one group), groups in first-seen order. */
export function partitionByKey(ops: readonly LinOp[]): LinOp[][] {
  const groups = new Map<string | undefined, LinOp[]>();
  for (const op of ops) {
    let g = groups.get(op.key);
    if (g === undefined) groups.set(op.key, (g = []));
    g.push(op);
  }
  return [...groups.values()];
}

/** Distinct keys in first-seen order. */
export function keysOf(ops: readonly LinOp[]): string[] {
  return [...new Set(ops.map((o) => o.key ?? ''))];
}
