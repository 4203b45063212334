import type { LinOp } from './lin-op.js';

/**
 * The history of one partition as Lowe's doubly linked list of call and return entries, in
 * integer arrays. Entries are sorted by position, calls before returns at equal positions (closed
 * intervals); `info` ops return after everything. Ops are renumbered so that the `info` ones come
 * last (bits [infoBase, infoBase + infoCount) of the linearized set).
 */
export interface EntryList {
  /** Local op index → op. Non-info ops first, in call order. */
  readonly ops: readonly LinOp[];
  /** Count of non-info ops; local ops at or above it are `info`. */
  readonly definite: number;
  /** Entry → local op. Entries 0..2n-1; `head` and `tail` are sentinels. */
  readonly opOf: Int32Array;
  /** Call entry → its return entry; a return entry → -1. */
  readonly matchOf: Int32Array;
  readonly next: Int32Array;
  readonly prev: Int32Array;
  readonly head: number;
  readonly tail: number;
  /** Local op → the latest earlier-called `info` op with the same effect key, or -1: the search
   * linearizes an op only after its twin (Model.effectKey). */
  readonly twin: Int32Array;
}

/** `effectKey` (Model.effectKey) pairs `info` ops that step alike; without it no op has a twin. */
export function buildEntryList(partition: readonly LinOp[], effectKey?: (op: LinOp) => string | undefined): EntryList {
  const ops = callOrder(partition);
  let definite = 0;
  while (definite < ops.length && (ops[definite] as LinOp).status !== 'info') definite++;
  const n = ops.length;
  const at = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const op = ops[i] as LinOp;
    at[2 * i] = op.call;
    at[2 * i + 1] = i >= definite ? Infinity : Math.max(op.ret, op.call);
  }
  // Raw entry 2i is op i's call, 2i+1 its return; sort them into time order. Entries at Infinity
  // (returns of ops open to the end) sort apart: interleaved with the rest they would cut every
  // run of a history already in time order, which the sort otherwise takes in one pass.
  // Both lists are made at their size: on a million entries, arrays grown by push leave as much
  // again behind for the collector.
  const byTime = (a: number, b: number): number => (at[a] as number) - (at[b] as number) || (a & 1) - (b & 1) || a - b;
  let infinite = 0;
  for (let k = 0; k < 2 * n; k++) if (at[k] === Infinity) infinite++;
  const finite = new Array<number>(2 * n - infinite);
  const last = new Array<number>(infinite);
  for (let k = 0, f = 0, l = 0; k < 2 * n; k++) {
    if (at[k] === Infinity) last[l++] = k;
    else finite[f++] = k;
  }
  finite.sort(byTime);
  last.sort(byTime);
  const rawOf = (e: number): number => (e < finite.length ? finite[e] : last[e - finite.length]) as number;
  const entryOfRaw = new Int32Array(2 * n);
  for (let e = 0; e < 2 * n; e++) entryOfRaw[rawOf(e)] = e;
  const opOf = new Int32Array(2 * n);
  const matchOf = new Int32Array(2 * n);
  for (let e = 0; e < 2 * n; e++) {
    const raw = rawOf(e);
    opOf[e] = raw >> 1;
    matchOf[e] = (raw & 1) === 0 ? (entryOfRaw[raw + 1] as number) : -1;
  }
  const head = 2 * n;
  const tail = 2 * n + 1;
  const next = new Int32Array(2 * n + 2);
  const prev = new Int32Array(2 * n + 2);
  for (let e = 0; e < 2 * n; e++) {
    next[e] = e + 1;
    prev[e] = e === 0 ? head : e - 1;
  }
  next[head] = n === 0 ? tail : 0;
  prev[tail] = n === 0 ? head : 2 * n - 1;
  if (n > 0) next[2 * n - 1] = tail;
  next[tail] = -1;
  prev[head] = -1;
  return { ops, definite, opOf, matchOf, next, prev, head, tail, twin: twinsOf(ops, definite, effectKey) };
}

/** The ops by call (ties by id), the `info` ones after the rest. A history read in order is
 * mostly in call order already, and then, without `info` ops, it is the very array. */
function callOrder(partition: readonly LinOp[]): readonly LinOp[] {
  const before = (a: LinOp, b: LinOp): number => a.call - b.call || a.id - b.id;
  let ordered = true;
  let info = false;
  for (let i = 0; i < partition.length; i++) {
    const op = partition[i] as LinOp;
    if (op.status === 'info') info = true;
    if (i > 0 && before(partition[i - 1] as LinOp, op) > 0) ordered = false;
  }
  if (ordered && !info) return partition;
  const byCall = ordered ? partition : partition.slice().sort(before);
  return info ? [...byCall.filter((o) => o.status !== 'info'), ...byCall.filter((o) => o.status === 'info')] : byCall;
}

/** Info ops are in call order (ties in entry order), so a twin's call entry always comes first. */
function twinsOf(ops: readonly LinOp[], definite: number, effectKey?: (op: LinOp) => string | undefined): Int32Array {
  const twin = new Int32Array(ops.length).fill(-1);
  if (effectKey === undefined) return twin;
  const last = new Map<string, number>();
  for (let i = definite; i < ops.length; i++) {
    const key = effectKey(ops[i] as LinOp);
    if (key === undefined) continue;
    twin[i] = last.get(key) ?? -1;
    last.set(key, i);
  }
  return twin;
}
