import { ILLEGAL, type Illegal, type Model } from '../model.js';
import { showKey, valueKey } from '../value-key.js';

type RegState = number | string | boolean | null;

/**
 * A read/write register, and with `cas` a compare-and-set register. The state is the canonical
 * key of the value (nil: unset). A read with no observed value matches any state; an `info` cas
 * is placed only where it takes effect (where it would not, leaving it unplaced is the same).
 * In the cas-register a failed cas is an observation: the value differed from `from`.
 */
export function registerModel(opts: { cas: boolean }): Model<RegState> {
  return {
    name: opts.cas ? 'cas-register' : 'register',
    init: (initial) => valueKey(initial),
    step(state, op): RegState | Illegal {
      switch (op.f) {
        case 'read':
          return op.output === undefined || valueKey(op.output) === state ? state : ILLEGAL;
        case 'write':
          return valueKey(op.input);
        case 'cas': {
          const args = op.input as readonly unknown[];
          const from = valueKey(args[0]);
          if (op.status === 'fail') return state === from ? ILLEGAL : state;
          return state === from ? valueKey(args[1]) : ILLEGAL;
        }
        default:
          return ILLEGAL;
      }
    },
    observesFailure: (op) => opts.cas && op.f === 'cas',
    isNoop: (op) => op.f === 'read' && (op.status === 'info' || op.output === undefined),
    // What step reads of an op that may be info: f, status and the canonical input.
    effectKey: (op) => {
      if (op.f === 'write') return JSON.stringify(['write', valueKey(op.input)]);
      if (op.f !== 'cas' || !Array.isArray(op.input)) return undefined;
      return JSON.stringify(['cas', op.status, valueKey(op.input[0]), valueKey(op.input[1])]);
    },
    describeState: (s) => showKey(s),
  };
}

export const REGISTER_FS = ['read', 'write'] as const;
export const CAS_REGISTER_FS = ['read', 'write', 'cas'] as const;
