import { ILLEGAL, type Illegal, type Model } from '../model.js';
import { Interner, TransitionMemo } from '../interner.js';
import { showKey, valueKey } from '../value-key.js';

type Elem = number | string | boolean | null;

/**
 * A set: `add` inserts an element, `read` returns all elements (any order, duplicates ignored).
 * States are interned ids of the sorted element list. `initial` may be a list of elements.
 */
export function setModel(): Model<number> {
  const sets = new Interner<readonly Elem[]>();
  const adds = new TransitionMemo();
  const elems = new Interner<Elem>();
  const intern = (members: readonly Elem[]): number => {
    const sorted = [...new Set(members)].sort(compareElems);
    return sets.id(JSON.stringify(sorted), sorted);
  };
  return {
    name: 'set',
    init: (initial) => intern(Array.isArray(initial) ? initial.map(valueKey) : []),
    step(state, op): number | Illegal {
      if (op.f === 'add') {
        const e = valueKey(op.input);
        const eid = elems.id(JSON.stringify(e), e);
        let to = adds.get(state, eid);
        if (to === undefined) {
          to = intern([...sets.value(state), e]);
          adds.set(state, eid, to);
        }
        return to;
      }
      if (op.f === 'read') {
        if (op.output === undefined) return state;
        if (!Array.isArray(op.output)) return ILLEGAL;
        return intern(op.output.map(valueKey)) === state ? state : ILLEGAL;
      }
      return ILLEGAL;
    },
    isNoop: (op) => op.f === 'read' && (op.status === 'info' || op.output === undefined),
    effectKey: (op) => (op.f === 'add' ? JSON.stringify(['add', valueKey(op.input)]) : undefined),
    describeState: (s) => `#{${sets.value(s).map(showKey).join(' ')}}`,
  };
}

export const SET_FS = ['add', 'read'] as const;

function compareElems(a: Elem, b: Elem): number {
  const ta = typeof a;
  const tb = typeof b;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return (a as never) < (b as never) ? -1 : (a as never) > (b as never) ? 1 : 0;
}
