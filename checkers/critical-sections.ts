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
   * certainly known to be still inside (see criticalSections). */
  end: number;
  /** False when the process was retired (an op ended info) or the history stops inside the section:
   * it may have held the lock longer than `end`, up to the end of the history. */
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
 * A section with no release is certain only up to the last event showing the process still inside:
 * the completion time of an op that ended ok or fail, or the invocation time of one whose outcome is
 * unknown (info, or open because the history was cut short). After that the process may have
 * crashed, stopped, or kept going: unknown, so it is not counted.
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
      if (pair.f === 'release') {
        open.end = pair.invoke.time;
        open.endKnown = true;
        open.releaseIndex = pair.invoke.index;
        open = null;
      } else if (pair.type === 'info') {
        open.end = Math.max(open.end, pair.invoke.time);
        open = null;
      } else if (pair.completion) {
        open.end = Math.max(open.end, pair.completion.time);
      }
    }
  }
  return { sections, possibleHolders };
}
