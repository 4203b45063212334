import { ConfigStore } from './config-store.js';
import type { EntryList } from './entry-list.js';
import { LinearizedSet } from './linearized-set.js';
import { ILLEGAL, hashState, type Model, type State } from './model.js';

export interface PartitionSearch {
  verdict: true | false | 'unknown';
  /** Local op indices: the whole linearization on true, the longest linearizable prefix otherwise. */
  order: number[];
  reason?: string;
  /** Configurations found dead and stored. */
  configs: number;
}

/**
 * The WGL search (Wing & Gong, Lowe, Porcupine) over one partition. From the head of the entry
 * list it tries to linearize each pending call in turn, lifting it out of the list; reaching a
 * return entry means that op had to be linearized already, so it backtracks. A configuration
 * (linearized set, state) found dead is stored and never explored again. Two departures from
 * Porcupine, both only reorder or shrink the same search: calls of `info` ops are tried only
 * after every definite call has failed, and the search succeeds once every definite op is
 * linearized (an `info` op may never take effect); dead configurations are stored on backtrack,
 * which prunes exactly as storing on first visit does, since a path never revisits one.
 * Two reductions keep `info` ops from multiplying the configurations, and keep every verdict
 * (each rule depends only on the configuration, so a stored dead one stays dead): an `info` op
 * that leaves the state as it is is never linearized (the shortest linearization has none:
 * dropping one changes no state and frees no entry), and of two `info` ops with the same effect
 * (EntryList.twin) the later-called one goes only after the earlier (renaming them in call order
 * turns any linearization into one that obeys this). On Porcupine's etcd_002 they take the dead
 * configurations from 125,044 to none.
 * The search is resumable (`run` a slice at a time) so that partitions can be interleaved.
 */
export class PartitionSearchTask {
  private readonly set: LinearizedSet;
  private readonly bitOf: Int32Array;
  private readonly dead = new ConfigStore();
  private readonly stackEntry: Int32Array;
  private readonly stackState: State[];
  private readonly best: Int32Array;
  private readonly hashOf: (s: State) => number;
  private bestLen = 0;
  private synced = 0;
  private depth = 0;
  private infoLeft: number;
  private state: State;
  private entry: number;
  private infoPhase = false;
  /** Loop iterations so far. */
  steps = 0;

  constructor(private readonly model: Model, private readonly list: EntryList, initial: State, seed: number) {
    const n = list.ops.length;
    this.hashOf = model.hash ?? hashState;
    this.set = new LinearizedSet(list.definite, n - list.definite, seed);
    this.bitOf = new Int32Array(n);
    for (let i = 0; i < n; i++) this.bitOf[i] = LinearizedSet.bitOf(i, list.definite);
    this.stackEntry = new Int32Array(n);
    this.stackState = new Array<State>(n);
    this.best = new Int32Array(n);
    this.infoLeft = n - list.definite;
    this.state = initial;
    this.entry = list.next[list.head] as number;
  }

  /** Bytes the search holds, for the memory budget. */
  bytes(): number {
    return this.dead.bytes() + 40 * this.list.ops.length;
  }

  /** Runs at most about `limit` iterations; the outcome, or undefined when not finished yet. */
  run(limit: number): PartitionSearch | undefined {
    const { model, set, bitOf, dead, stackEntry, stackState, best, hashOf } = this;
    const { ops, definite, opOf, matchOf, next, prev, head, tail, twin } = this.list;
    let { bestLen, synced, depth, infoLeft, state, entry, infoPhase } = this;
    const stop = this.steps + limit;
    let steps = this.steps;
    let outcome: true | false | undefined;
    while (true) {
      if (++steps > stop) break;
      if (entry === tail) { outcome = true; break; }
      const ret = matchOf[entry] as number;
      if (ret >= 0) {
        const op = opOf[entry] as number;
        const t = twin[op] as number;
        if ((op >= definite) === infoPhase && (t < 0 || set.has(bitOf[t] as number))) {
          const after = model.step(state, ops[op] as never);
          if (after !== ILLEGAL && !(infoPhase && after === state)) {
            const bit = bitOf[op] as number;
            set.add(bit);
            if (!dead.has(set.hash ^ Math.imul(hashOf(after), 0x9e3779b1), set, after)) {
              stackEntry[depth] = entry;
              stackState[depth] = state;
              depth++;
              if (op >= definite) infoLeft--;
              state = after;
              // Lift the call and its return out of the list.
              next[prev[entry] as number] = next[entry] as number;
              prev[next[entry] as number] = prev[entry] as number;
              next[prev[ret] as number] = next[ret] as number;
              prev[next[ret] as number] = prev[ret] as number;
              entry = next[head] as number;
              infoPhase = false;
              continue;
            }
            set.remove(bit);
          }
        }
        entry = next[entry] as number;
        continue;
      }
      if (!infoPhase) {
        if ((opOf[entry] as number) >= definite) { outcome = true; break; }
        if (infoLeft > 0) {
          infoPhase = true;
          entry = next[head] as number;
          continue;
        }
      }
      if (depth === 0) { outcome = false; break; }
      if (depth > bestLen) {
        best.set(stackEntry.subarray(synced, depth), synced);
        bestLen = depth;
        synced = depth;
      }
      dead.add(set.hash ^ Math.imul(hashOf(state), 0x9e3779b1), set, state);
      depth--;
      if (synced > depth) synced = depth;
      const top = stackEntry[depth] as number;
      const op = opOf[top] as number;
      set.remove(bitOf[op] as number);
      state = stackState[depth] as State;
      if (op >= definite) infoLeft++;
      // Unlift: put the return back, then the call.
      const r = matchOf[top] as number;
      next[prev[r] as number] = r;
      prev[next[r] as number] = r;
      next[prev[top] as number] = top;
      prev[next[top] as number] = top;
      infoPhase = op >= definite;
      entry = next[top] as number;
    }
    Object.assign(this, { bestLen, synced, depth, infoLeft, state, entry, infoPhase, steps });
    if (outcome === undefined) return undefined;
    return this.outcome(outcome);
  }

  /** The outcome so far: on true the linearization, otherwise the longest prefix found. */
  outcome(verdict: true | false | 'unknown', reason?: string): PartitionSearch {
    const { opOf } = this.list;
    const [entries, length] = verdict === true ? [this.stackEntry, this.depth] : [this.best, this.bestLen];
    // Made at its size: a whole linearization is half a million ops on an hour-long lock run.
    const order = new Array<number>(length);
    for (let k = 0; k < length; k++) order[k] = opOf[entries[k] as number] as number;
    return { verdict, order, configs: this.dead.size, ...(reason === undefined ? {} : { reason }) };
  }
}
