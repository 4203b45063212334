import type { LinOp } from '../lin-op.js';
import { ILLEGAL, type Illegal, type Model } from '../model.js';
import { Interner, TransitionMemo } from '../interner.js';

/**
 * A string register per key (checked per key, or wrapped by keyedModel for a whole map):
 * `get` returns the string, `put` sets it, `append` concatenates. An unset key reads as "" (the
 * convention of Porcupine's kv histories), unless --initial gives another string. States are
 * interned string ids, so long appended strings are compared and hashed as numbers.
 */
export function kvModel(): Model<number> {
  const strings = new Interner<string>();
  const appends = new TransitionMemo();
  const valueIds: number[] = [];
  const valueId = (op: LinOp, v: unknown): number => {
    let id = valueIds[op.id];
    if (id === undefined) {
      const s = typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
      id = strings.id(s, s);
      valueIds[op.id] = id;
    }
    return id;
  };
  return {
    name: 'kv',
    init: (initial) => {
      const s = typeof initial === 'string' ? initial : initial === null || initial === undefined ? '' : String(initial);
      return strings.id(s, s);
    },
    step(state, op): number | Illegal {
      switch (op.f) {
        case 'get':
          return op.output === undefined || valueId(op, op.output) === state ? state : ILLEGAL;
        case 'put':
          return valueId(op, op.input);
        case 'append': {
          const add = valueId(op, op.input);
          let to = appends.get(state, add);
          if (to === undefined) {
            const s = strings.value(state) + strings.value(add);
            to = strings.id(s, s);
            appends.set(state, add, to);
          }
          return to;
        }
        default:
          return ILLEGAL;
      }
    },
    isNoop: (op) => op.f === 'get' && (op.status === 'info' || op.output === undefined),
    describeState: (s) => JSON.stringify(strings.value(s)),
  };
}

export const KV_FS = ['get', 'put', 'append'] as const;
