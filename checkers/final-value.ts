import type { CheckInput, RegisterEntry } from './history.js';
import { listOf } from './lock-values.js';
import type { PairedHistory } from './open-ops.js';

/** Where the final value of the register came from, most trusted first. */
export type FinalValueSource = 'final-read' | 'register-final-read' | 'register-last-write' | 'none';

export interface FinalValue {
  source: FinalValueSource;
  value: number[] | null;
  /** History index of the final read, or register seq of the entry the value was taken from. */
  at: number | null;
}

/** The register's value at the end: the last final read that completed ok; failing that (a history
 * cut short), the register log's own final read, or the value of its last accepted write. */
export function finalValue(paired: PairedHistory, register: CheckInput['register']): FinalValue {
  for (let i = paired.pairs.length - 1; i >= 0; i--) {
    const pair = paired.pairs[i];
    const value = pair?.f === 'final-read' && pair.type === 'ok' ? listOf(pair.completion?.value) : null;
    if (value && pair?.completion) return { source: 'final-read', value, at: pair.completion.index };
  }
  const log = sortedLog(register);
  for (let i = log.length - 1; i >= 0; i--) {
    const entry = log[i] as RegisterEntry;
    if (entry.decision !== 'accepted' || entry.op === 'read') continue;
    return { source: entry.op === 'final-read' ? 'register-final-read' : 'register-last-write', value: entry.value, at: entry.seq };
  }
  return { source: 'none', value: null, at: null };
}

/** The register log in seq order (it is written in order; sorting costs nothing then). */
export function sortedLog(register: CheckInput['register']): readonly RegisterEntry[] {
  if (!register) return [];
  for (let i = 1; i < register.length; i++) {
    if ((register[i] as RegisterEntry).seq < (register[i - 1] as RegisterEntry).seq) return [...register].sort((a, b) => a.seq - b.seq);
  }
  return register;
}
