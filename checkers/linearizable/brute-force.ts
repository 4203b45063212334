import type { LinOp } from './lin-op.js';
import { ILLEGAL, type Model, type State } from './model.js';

/**
 * The definition of linearizability, enumerated: some order of the definite ops and of any subset
 * of the `info` ops, respecting real time (a before b when a returned before b was invoked), is a
 * legal sequence of the model. No memoization, no pruning beyond illegal steps: the reference the
 * search is tested against, for histories of a handful of ops.
 */
export function bruteForceLinearizable(model: Model, ops: readonly LinOp[], initial: unknown): boolean {
  const kept = ops.filter((op) => (op.status !== 'fail' || model.observesFailure?.(op) === true));
  const n = kept.length;
  const end = (op: LinOp): number => (op.status === 'info' ? Infinity : op.ret);
  const placed = new Array<boolean>(n).fill(false);
  const definite = kept.filter((op) => op.status !== 'info').length;
  const go = (state: State, placedDefinite: number): boolean => {
    if (placedDefinite === definite) return true;
    for (let i = 0; i < n; i++) {
      if (placed[i]) continue;
      const op = kept[i] as LinOp;
      // Every unplaced op that returned before this one was invoked must come first.
      if (kept.some((o, j) => !placed[j] && j !== i && end(o) < op.call)) continue;
      const next = model.step(state, op);
      if (next === ILLEGAL) continue;
      placed[i] = true;
      const ok = go(next, placedDefinite + (op.status === 'info' ? 0 : 1));
      placed[i] = false;
      if (ok) return true;
    }
    return false;
  };
  return go(model.init(initial), 0);
}
