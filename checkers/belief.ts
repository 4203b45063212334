import { lockOf, pairField, tokenOf } from './lock-values.js';
import { pairedHistory, type OpPair, type PairedHistory } from './open-ops.js';
import type { History } from './history.js';
import type { Token } from './token.js';

/**
 * What a client believes (DESIGN.md section 7), the one definition every lock checker and the
 * report use.
 *
 * A process believes it holds lock L from its acquire's `ok` until it invokes its release of L,
 * whatever the release's answer. A process whose op ended `info`, or was still open when the
 * history ends, may have died at any moment after the invocation of the last op it answered (its
 * last proof of life): its belief may end there. Beliefs are per process and per lock, so a
 * process may hold several locks at once (nested locks).
 *
 * Why these bounds are certain (DESIGN.md section 4: invocations are stamped no later than an op
 * starts, completions no earlier than it ends): the acquire's ok was received by its stamp, and an
 * answered op proves the process was alive, still believing, when its request was sent, which is
 * no earlier than the invocation's stamp. So over [start, end) the process certainly believed it
 * held L; before or after, nothing is proven. A belief whose last proof of life is not after its
 * start (it died right after the grant, as far as the history shows) has no certain length.
 */
export interface Belief {
  readonly process: number;
  readonly lock: string;
  /** The token of the grant; null when the recipe gives none. */
  readonly token: Token | null;
  /** The lock node the acquire went through, when recorded. */
  readonly node: string | null;
  readonly acquire: OpPair;
  /** The release of L the process invoked, when it did (answered or not). */
  readonly release: OpPair | null;
  /** The acquire's ok time (ns). */
  readonly start: number;
  /** The last moment (ns) the process certainly still believed: its release's invocation when the
   * release was answered, otherwise its last proof of life; never before `start`. */
  readonly end: number;
  /** How the belief ended, as far as the history says. */
  readonly ending: BeliefEnding;
}

/**
 * - `released`: the release answered ok, and the lock was still the holder's.
 * - `lease-lost`: the release answered "no longer yours" (released: false): the service freed the
 *   lock under a living holder. A warning; a violation only if another belief overlaps this one.
 * - `release-failed`: the release answered fail. The belief ends at its invocation all the same:
 *   the client stops acting as the holder.
 * - `retired`: an op of the process ended info or stayed open (its release included): it may have
 *   died after its last proof of life, so the belief ends there.
 * - `cut-off`: the history stops while the process, still answering, believed it held L; the
 *   belief ends at its last proof of life.
 */
export type BeliefEnding = 'released' | 'lease-lost' | 'release-failed' | 'retired' | 'cut-off';

export interface Beliefs {
  /** Every belief, in the order of the acquires' completions per process, processes in order of
   * appearance. */
  beliefs: Belief[];
  /** Acquires that ended info or were left open: maybe granted, maybe not. They prove nothing: a
   * correct service may have freed such a grant right after the process's last proof of life. */
  possibleHolders: OpPair[];
}

/** Whether a belief has a certain length: only such beliefs can overlap another. */
export function isCertain(belief: Belief): boolean {
  return belief.end > belief.start;
}

/** A belief as processBeliefs makes it: small fields (a process, a lock name, positions), the
 * rest read from its ops when asked. An hour-long run has a quarter million beliefs, kept while
 * every checker runs; with both times as numbers (boxed) and a parsed Token each they were 60 MB,
 * now some 20. The lock and the start are fields all the same: the checkers group by the one and
 * sort by the other, a few million reads. */
class ProcessBelief implements Belief {
  release: OpPair | null = null;
  ending: BeliefEnding = 'cut-off';
  readonly process: number;
  readonly start: number;
  /** Where in the table `end` is: the acquire's ok, then the invocation of each answered op. */
  endAt: number;

  constructor(readonly acquire: OpPair, readonly lock: string) {
    this.process = acquire.process;
    this.start = acquire.completionTime as number;
    this.endAt = acquire.completionAt;
  }

  get node(): string | null {
    const t = this.acquire.history;
    return t.node(this.acquire.completionAt) ?? t.node(this.acquire.invokeAt) ?? null;
  }

  get token(): Token | null {
    return tokenOf(this.acquire);
  }

  get end(): number {
    return this.acquire.history.time(this.endAt);
  }

  /** A proof of life at the invocation at `at`: the belief lasts at least until then. */
  alive(at: number): void {
    const t = this.acquire.history;
    if (t.time(at) > t.time(this.endAt)) this.endAt = at;
  }
}

function endingOf(release: OpPair): BeliefEnding {
  if (release.type === 'fail') return 'release-failed';
  if (release.type !== 'ok') return 'retired';
  return pairField(release, 'released') === false ? 'lease-lost' : 'released';
}

/** The beliefs of one process, from its ops in order. */
function processBeliefs(ops: readonly OpPair[], into: Beliefs): void {
  // The beliefs the process holds now: a list, not a map, since a process holds one lock or a
  // few, and a loop over a list makes no iterator for each of a million ops.
  const held: ProcessBelief[] = [];
  for (const pair of ops) {
    const answered = pair.type !== 'info';
    // An answered op is a proof of life for every lock the process believes it holds.
    if (answered) for (let i = 0; i < held.length; i++) (held[i] as ProcessBelief).alive(pair.invokeAt);
    if (pair.f === 'acquire') {
      if (!answered) into.possibleHolders.push(pair);
      if (pair.type === 'ok' && !pair.open) {
        const lock = lockOf(pair);
        // A second grant of a lock the process already believes it holds continues that belief.
        if (heldOf(held, lock) === undefined) {
          const belief = new ProcessBelief(pair, lock);
          held.push(belief);
          into.beliefs.push(belief);
        }
      }
    } else if (pair.f === 'release') {
      const belief = heldOf(held, lockOf(pair));
      if (belief) {
        belief.release = pair;
        belief.ending = endingOf(pair);
        // The order of `held` means nothing: the last takes the place of the one that ends.
        held[held.indexOf(belief)] = held[held.length - 1] as ProcessBelief;
        held.pop();
      }
    }
    // A process retires at its first info op (or stops at an open one): every belief ends at its
    // last proof of life, already recorded in `end`.
    if (!answered) {
      for (const b of held) b.ending = 'retired';
      held.length = 0;
    }
  }
}

/** The belief of `lock` among those held: a loop, where `find` would make a closure per op. */
function heldOf(held: readonly ProcessBelief[], lock: string): ProcessBelief | undefined {
  for (let i = 0; i < held.length; i++) if ((held[i] as ProcessBelief).lock === lock) return held[i];
  return undefined;
}

/** Every belief of a paired history. */
export function beliefsOf(paired: PairedHistory): Beliefs {
  const out: Beliefs = { beliefs: [], possibleHolders: [] };
  for (const ops of paired.byProcess.values()) processBeliefs(ops, out);
  return out;
}

const cache = new WeakMap<History, Beliefs>();

/** beliefsOf the history, computed once per history array. Throws MalformedHistoryError for a
 * history that breaks the op contract. */
export function beliefs(history: History): Beliefs {
  let found = cache.get(history);
  if (!found) {
    found = beliefsOf(pairedHistory(history));
    cache.set(history, found);
  }
  return found;
}
