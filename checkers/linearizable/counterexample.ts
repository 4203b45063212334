import type { EntryList } from './entry-list.js';
import { describeLinOp, type LinOp } from './lin-op.js';
import { ILLEGAL, type Model, type State } from './model.js';

/** What a person reads on `false`: how far the history linearizes and what cannot follow. */
export interface Counterexample {
  /** The partition (key or lock) that is not linearizable, when the model splits by key. */
  key?: string;
  /** Length of the longest linearizable prefix found, and its last ops with the state after each. */
  prefixLength: number;
  prefix: { op: string; id: number; state: string }[];
  /** The model state after that prefix. */
  state: string;
  /** The op that had to be linearized next (its completion came before anything else could be)
   * but could not be, and the pending ops that were tried there, with why each failed. */
  blocked: { op: string; id: number } | null;
  tried: { op: string; id: number; why: string }[];
}

const SHOWN = 20;

/** Rebuilds the configuration at the end of the longest prefix and describes it. */
export function buildCounterexample(model: Model, list: EntryList, order: readonly number[], initial: State, key?: string): Counterexample {
  const { ops } = list;
  let state = initial;
  const prefix: Counterexample['prefix'] = [];
  const placed = new Set<number>();
  order.forEach((local, i) => {
    const op = ops[local] as LinOp;
    const after = model.step(state, op);
    state = after === ILLEGAL ? state : after;
    placed.add(local);
    if (i >= order.length - SHOWN) prefix.push({ op: describeLinOp(op), id: op.id, state: model.describeState(state) });
  });
  let blockedAt = Infinity;
  let blocked: LinOp | undefined;
  for (let i = 0; i < list.definite; i++) {
    const op = ops[i] as LinOp;
    if (!placed.has(i) && Math.max(op.ret, op.call) < blockedAt) {
      blockedAt = Math.max(op.ret, op.call);
      blocked = op;
    }
  }
  const tried: Counterexample['tried'] = [];
  ops.forEach((op, local) => {
    if (placed.has(local) || op.call > blockedAt) return;
    const illegal = model.step(state, op) === ILLEGAL;
    const why = illegal ? `cannot happen in state ${model.describeState(state)}` : 'possible here, but every continuation fails';
    if (tried.length < SHOWN) tried.push({ op: describeLinOp(op), id: op.id, why });
  });
  return {
    ...(key === undefined ? {} : { key }),
    prefixLength: order.length,
    prefix,
    state: model.describeState(state),
    blocked: blocked === undefined ? null : { op: describeLinOp(blocked), id: blocked.id },
    tried,
  };
}
