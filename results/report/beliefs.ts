import type { History } from '../../checkers/history.js';
import { beliefs } from '../../checkers/belief.js';

// The one place the report learns what a client believed: the checkers' own definition of a
// critical section (DESIGN.md section 7), so the bars drawn are exactly what the verdict judged.
// When the checkers' definition moves, only this adapter changes.

/** A span over which a process certainly believed it held a lock. Times in ns. */
export interface Belief {
  process: number;
  lock: string;
  acquireIndex: number;
  start: number;
  end: number;
  /** False when the process may have believed longer than `end` (an `info` tail). */
  endKnown: boolean;
}

/** An acquire of unknown outcome: from its invocation on, the process may have held the lock. */
export interface PossibleHolder { process: number; index: number; start: number }

export interface Beliefs { beliefs: Belief[]; possible: PossibleHolder[] }

export function beliefsOf(history: History): Beliefs {
  const found = beliefs(history);
  return {
    beliefs: found.beliefs.map((b) => ({ process: b.process, lock: b.lock, acquireIndex: b.acquire.completionIndex ?? b.acquire.invokeIndex, start: b.start, end: b.end,
      endKnown: b.ending !== 'retired' && b.ending !== 'cut-off' })),
    possible: found.possibleHolders.map((p) => ({ process: p.process, index: p.invokeIndex, start: p.invokeTime })),
  };
}
