import { ILLEGAL, type Illegal, type Model } from '../model.js';

/** Holder process, or nil when free. */
type MutexState = number | null;

/**
 * A mutex per lock (ops keyed by lock name): `acquire` takes a free lock for its process;
 * `release` frees the lock its process holds. A release whose output says `released: false` is an
 * observation that the process did not hold the lock then. `initial` may name a holder process.
 */
export function mutexModel(): Model<MutexState> {
  return {
    name: 'mutex',
    init: (initial) => (typeof initial === 'number' ? initial : null),
    step(state, op): MutexState | Illegal {
      if (op.f === 'acquire') return state === null ? op.process : ILLEGAL;
      if (op.f === 'release') {
        if (op.status === 'ok' && isNotReleased(op.output)) return state === op.process ? ILLEGAL : state;
        return state === op.process ? null : ILLEGAL;
      }
      return ILLEGAL;
    },
    describeState: (s) => (s === null ? 'free' : `held by process ${s}`),
  };
}

export const MUTEX_FS = ['acquire', 'release'] as const;

function isNotReleased(output: unknown): boolean {
  return typeof output === 'object' && output !== null && (output as { released?: unknown }).released === false;
}
