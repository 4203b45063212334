import type { Op } from '../../checkers/history.js';
import { criticalSections } from '../../checkers/critical-sections.js';
import { pairedHistory } from '../../checkers/open-ops.js';

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

export function beliefsOf(history: readonly Op[]): Beliefs {
  const { sections, possibleHolders } = criticalSections(pairedHistory(history));
  return {
    beliefs: sections.map((s) => ({ process: s.process, lock: s.lock, acquireIndex: s.acquireIndex, start: s.start, end: s.end, endKnown: s.endKnown })),
    possible: possibleHolders.map((p) => ({ process: p.process, index: p.invoke.index, start: p.invoke.time })),
  };
}
