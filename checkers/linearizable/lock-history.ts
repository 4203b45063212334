import { beliefs, isCertain, type Belief } from '../belief.js';
import type { History } from '../history.js';
import type { LinOp } from './lin-op.js';

/**
 * The beliefs of a lock history (checkers/belief.ts) as acquire and release ops of a mutex per
 * lock, so that the mutex search and the exclusion checker judge the same thing.
 *
 * For a belief held over [start, end): the acquire is the grant, taken at `start` (the acquire's
 * ok); the release is the service freeing the lock, at any time after the belief's end (a correct
 * service may free it as soon as the holder's last proof of life is past, or much later), so it is
 * an `ok` op open to the end of the history. Acquires of unknown outcome and beliefs with no
 * certain length are left out: a correct service may have granted and freed them at once, so they
 * constrain nothing.
 *
 * Then the ops are linearizable exactly when no two beliefs of different processes overlap: if
 * [sA, eA) and [sB, eB) overlap with sA <= sB, B's grant precedes A's release (sB < eA) and A's
 * grant precedes B's release (sA < eB), so neither holder can have released before the other
 * acquired; if none overlap, granting at each `start` and freeing at each `end` is a legal order.
 * The grant could as well span the acquire's whole call, from its invocation (the argument holds
 * for any grant point up to `start`), but then every waiter is a candidate at every handover and
 * the search backtracks through the waiters that asked earlier but were served later: on a
 * valid hour-long run, 1.4 million dead configurations instead of none.
 */
export function beliefLinOps(all: readonly Belief[]): LinOp[] {
  let certain = 0;
  for (const b of all) if (isCertain(b)) certain++;
  // Made at its size (half a million ops on an hour-long run): a list grown by push leaves as much
  // again behind for the collector.
  const ops = new Array<LinOp>(2 * certain);
  const calls = new Float64Array(2 * certain);
  let id = 0;
  for (const b of all) {
    if (!isCertain(b)) continue;
    const [process, lock] = [b.process, b.lock];
    calls[id] = b.start;
    ops[id] = new BeliefOp(id, process, 'acquire', lock, (b.acquire.completionIndex ?? b.acquire.invokeIndex) + 1, calls);
    id++;
    calls[id] = b.end;
    ops[id] = new BeliefOp(id, process, 'release', lock, (b.release?.invokeIndex ?? b.acquire.invokeIndex) + 1, calls);
    id++;
  }
  return ops;
}

/** A belief's acquire or release as the search sees it: what differs from op to op in fields of
 * its own, what never does (no input, no output, status ok) once on the prototype, and its time
 * in a list of all the ops' times: a time in a field of its own is a boxed number, and half a
 * million ops are too many boxes. An acquire returns when it is called (the grant); a release
 * stays open to the end. */
class BeliefOp implements LinOp {
  declare readonly input: undefined;
  declare readonly output: undefined;
  declare readonly status: 'ok';

  constructor(readonly id: number, readonly process: number, readonly f: 'acquire' | 'release', readonly key: string, readonly line: number,
    private readonly calls: Float64Array) {}

  get call(): number {
    return this.calls[this.id] as number;
  }

  get ret(): number {
    return this.f === 'acquire' ? this.calls[this.id] as number : Infinity;
  }
}
Object.defineProperties(BeliefOp.prototype, { input: { value: undefined }, output: { value: undefined }, status: { value: 'ok' } });

/** The mutex ops of a fencecheck lock history. Throws MalformedHistoryError for a history that
 * breaks the op contract. */
export function lockHistoryToLinOps(history: History): LinOp[] {
  return beliefLinOps(beliefs(history).beliefs);
}
