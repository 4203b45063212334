import type { LinOp } from './lin-op.js';

/** Returned by `step` when the op could not have returned what it returned from that state. */
export const ILLEGAL: unique symbol = Symbol('illegal');
export type Illegal = typeof ILLEGAL;

/** The primitive states models use: cheap to compare and hash. */
export type State = number | string | boolean | null;

/**
 * A sequential specification, as a few pure functions. States are primitives so the search can
 * compare them with `===`; a model whose natural state is a structure interns it (the interning
 * table is a memo, so the functions stay pure in meaning). Create one model per check.
 */
export interface Model<S extends State = State> {
  readonly name: string;
  /** The state before any op; `initial` is the user's --initial (undefined: nil, unset). */
  init(initial: unknown): S;
  /** The state after `op` from `state`, or ILLEGAL. `info` ops have no output to match. */
  step(state: S, op: LinOp): S | Illegal;
  /** Whether a `fail` op is kept as an observation (a failed CAS saw another value). Default: no. */
  observesFailure?(op: LinOp): boolean;
  /** Whether an op is legal from every state and changes none (an unanswered read): dropped. */
  isNoop?(op: LinOp): boolean;
  /** Independent parts; default: by `op.key`. */
  partition?(ops: readonly LinOp[]): LinOp[][];
  /** A text that is equal for two `info` ops only if they step alike from every state (the same
   * change, the same legality), or undefined for no claim. The search then never linearizes the
   * later-called of two such ops before the earlier one: swapping them changes nothing, so the
   * pruned orders are renamings of explored ones (symmetry reduction). Default: no claim. */
  effectKey?(op: LinOp): string | undefined;
  /** 32-bit hash; equal states must hash equal. Default: hashState. */
  hash?(state: S): number;
  describeState(state: S): string;
}

/** A 32-bit hash of a primitive state. */
export function hashState(s: State): number {
  if (typeof s === 'number') {
    if ((s | 0) === s) return Math.imul(s ^ (s >>> 16), 0x45d9f3b) ^ 0x5bd1e995;
    return hashString(String(s));
  }
  if (typeof s === 'string') return hashString(s);
  if (s === null) return 0x2545f491;
  return s ? 0x9e3779b9 : 0x7f4a7c15;
}

export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}
