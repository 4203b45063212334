import type { Budget } from './budget.js';
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
 */
export function searchPartition(model: Model, list: EntryList, initial: State, budget: Budget, seed: number): PartitionSearch {
  const { ops, definite, opOf, matchOf, next, prev, head, tail } = list;
  const n = ops.length;
  const hashOf = model.hash ?? hashState;
  const set = new LinearizedSet(definite, n - definite, seed);
  const bitOf = new Int32Array(n);
  for (let i = 0; i < n; i++) bitOf[i] = LinearizedSet.bitOf(i, definite);
  const dead = new ConfigStore();
  const stackEntry = new Int32Array(n);
  const stackState: State[] = new Array<State>(n);
  const best = new Int32Array(n);
  let bestLen = 0;
  let synced = 0;
  let depth = 0;
  let infoLeft = n - definite;
  let state = initial;
  let entry = next[head] as number;
  let infoPhase = false;
  let steps = 0;

  const finish = (verdict: true | false | 'unknown', reason?: string): PartitionSearch => {
    const order = verdict === true ? Array.from(stackEntry.subarray(0, depth), (e) => opOf[e] as number)
      : Array.from(best.subarray(0, bestLen), (e) => opOf[e] as number);
    return { verdict, order, configs: dead.size, ...(reason === undefined ? {} : { reason }) };
  };

  while (true) {
    if ((++steps & 0x3fff) === 0) {
      const reason = budget.exceeded(dead.bytes() + 24 * n);
      if (reason !== undefined) return finish('unknown', reason);
    }
    if (entry === tail) return finish(true);
    const ret = matchOf[entry] as number;
    if (ret >= 0) {
      const op = opOf[entry] as number;
      if ((op >= definite) === infoPhase) {
        const after = model.step(state, ops[op] as never);
        if (after !== ILLEGAL) {
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
      if ((opOf[entry] as number) >= definite) return finish(true);
      if (infoLeft > 0) {
        infoPhase = true;
        entry = next[head] as number;
        continue;
      }
    }
    if (depth === 0) return finish(false);
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
}
