import { lockOf, pairValue, tokenOf } from './lock-values.js';
import type { OpPair, PairedHistory } from './open-ops.js';

/** The span over which a process certainly believed it held a lock. */
export interface CriticalSection {
  process: number;
  lock: string;
  token: number | null;
  node?: string;
  /** Index of the acquire's ok. */
  acquireIndex: number;
  /** The acquire's ok time. */
  start: number;
  /** The release's invocation time when `endKnown`; otherwise the last moment the process is
   * certainly known to be still inside, which may be `start` (see criticalSections). */
  end: number;
  /** False when the release was not answered (it or an earlier op ended info, or the history stops
   * inside the section): the process may have held the lock longer than `end`, or not. */
  endKnown: boolean;
  /** Index of the release's invocation, when there is one. */
  releaseIndex: number | null;
}

export interface SectionsResult {
  sections: CriticalSection[];
  /** Acquires that ended info or were left open: the lock may have been granted, or not. */
  possibleHolders: OpPair[];
}

/**
 * Each process's critical sections: from its acquire's `ok` to its release's invocation. Invocations
 * are stamped no later than the op starts and completions no earlier than it ends, so this span lies
 * inside what the process really believed: an overlap of two such spans is a real double holder.
 *
 * The end rests on proof that the process was alive and inside: it answered a request, so it was
 * inside when it got that request, which was no earlier than the request's invocation. A section
 * whose release was answered (ok or fail) ends at the release's invocation. Otherwise (the release
 * or another op ended info, or the history was cut short) it ends at the invocation of the last op
 * the process answered inside it, or has no certain length at all: after that the process may have
 * crashed, stopped, or kept going, which is unknown, so it is not counted.
 */
export function criticalSections(paired: PairedHistory): SectionsResult {
  const sections: CriticalSection[] = [];
  const possibleHolders: OpPair[] = [];
  for (const ops of paired.byProcess.values()) {
    let open: CriticalSection | null = null;
    for (const pair of ops) {
      if (pair.f === 'acquire') {
        if (pair.type === 'info') possibleHolders.push(pair);
        // A second acquire inside a section does not end it: the process still believes it holds.
        if (open && pair.type !== 'info') open.end = Math.max(open.end, pair.invoke.time);
        if (pair.type === 'ok' && !open && pair.completion) {
          const value = pairValue(pair);
          const node = pair.completion.node ?? pair.invoke.node;
          open = {
            process: pair.process, lock: lockOf(value), token: tokenOf(value), ...(node === undefined ? {} : { node }),
            acquireIndex: pair.completion.index, start: pair.completion.time, end: pair.completion.time,
            endKnown: false, releaseIndex: null,
          };
          sections.push(open);
        }
        continue;
      }
      if (!open) continue;
      const answered = pair.type !== 'info';
      if (pair.f === 'release') {
        if (answered) {
          open.end = pair.invoke.time;
          open.endKnown = true;
          open.releaseIndex = pair.invoke.index;
        }
        open = null;
      } else if (answered) {
        open.end = Math.max(open.end, pair.invoke.time);
      } else {
        open = null;
      }
    }
  }
  return { sections, possibleHolders };
}
