import { ILLEGAL, type Illegal, type Model, type State } from '../model.js';
import { Interner, TransitionMemo } from '../interner.js';

/**
 * The whole map as one state, for checking without P-compositionality: the state is the interned
 * id of the vector of every key's inner state. Transitions are memoized per (state, op).
 */
export function keyedModel(inner: Model, keys: readonly string[]): Model<number> {
  const index = new Map(keys.map((k, i) => [k, i]));
  const tuples = new Interner<readonly State[]>();
  const memo = new TransitionMemo();
  const intern = (t: readonly State[]): number => tuples.id(JSON.stringify(t), t);
  return {
    name: inner.name,
    init: (initial) => intern(keys.map(() => inner.init(initial))),
    step(state, op): number | Illegal {
      const known = memo.get(state, op.id);
      if (known !== undefined) return known < 0 ? ILLEGAL : known;
      const tuple = tuples.value(state);
      const k = index.get(op.key ?? '') ?? 0;
      const next = inner.step(tuple[k] as State, op);
      let to: number;
      if (next === ILLEGAL) to = -1;
      else if (next === tuple[k]) to = state;
      else {
        const t = tuple.slice();
        t[k] = next;
        to = intern(t);
      }
      memo.set(state, op.id, to);
      return to < 0 ? ILLEGAL : to;
    },
    observesFailure: inner.observesFailure,
    isNoop: inner.isNoop,
    effectKey: (op) => {
      const inside = inner.effectKey?.(op);
      return inside === undefined ? undefined : JSON.stringify([index.get(op.key ?? '') ?? 0, inside]);
    },
    partition: (ops) => [ops.slice()],
    describeState: (s) => `{${keys.map((k, i) => `${JSON.stringify(k)} ${inner.describeState(tuples.value(s)[i] as State)}`).join(', ')}}`,
  };
}
