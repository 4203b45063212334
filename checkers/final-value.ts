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
  /** When the final read began (its invocation, or the register log's time for it): a write
   * acknowledged at or after this was concurrent with it and may not be in its value. Null when
   * the value is the register's last write (every write the log accepted is in it or overwritten). */
  since: number | null;
  /** The register log's own final read, when it holds other elements than the history's final
   * read: two accounts of one read that contradict each other. */
  conflict: { registerSeq: number; onlyInHistory: number[]; onlyInLog: number[] } | null;
}

/**
 * The register's value at the end, by one rule (README, "Exit codes and verdicts"):
 * 1. the history's last final read that completed ok;
 * 2. else (the harness died before recording it) the register log's record of its final read;
 * 3. else the value of the register log's last accepted write: the register's value when the run
 *    stopped, since the log is the resource's own account, written before each answer;
 * 4. else none, and lost updates are unknown.
 * When both the history and the log recorded the final read and they disagree, `conflict` says
 * how; the lost-updates verdict is then unknown.
 */
export function finalValue(paired: PairedHistory, register: CheckInput['register']): FinalValue {
  const log = sortedLog(register);
  const logFinal = [...log].reverse().find((e) => e.op === 'final-read' && e.decision === 'accepted');
  for (let i = paired.pairs.length - 1; i >= 0; i--) {
    const pair = paired.pairs[i];
    const value = pair?.f === 'final-read' && pair.type === 'ok' ? listOf(pair.completion?.value) : null;
    if (value && pair?.completion) return { source: 'final-read', value, at: pair.completion.index, since: pair.invoke.time, conflict: conflictOf(value, logFinal) };
  }
  if (logFinal) return { source: 'register-final-read', value: logFinal.value, at: logFinal.seq, since: logFinal.time, conflict: null };
  for (let i = log.length - 1; i >= 0; i--) {
    const entry = log[i] as RegisterEntry;
    if (entry.decision === 'accepted' && entry.op === 'write') return { source: 'register-last-write', value: entry.value, at: entry.seq, since: null, conflict: null };
  }
  return { source: 'none', value: null, at: null, since: null, conflict: null };
}

function conflictOf(value: readonly number[], logFinal: RegisterEntry | undefined): FinalValue['conflict'] {
  if (!logFinal) return null;
  const history = new Set(value);
  const logged = new Set(logFinal.value);
  const onlyInHistory = [...history].filter((e) => !logged.has(e)).sort((a, b) => a - b);
  const onlyInLog = [...logged].filter((e) => !history.has(e)).sort((a, b) => a - b);
  return onlyInHistory.length + onlyInLog.length > 0 ? { registerSeq: logFinal.seq, onlyInHistory, onlyInLog } : null;
}

/** The register log in seq order (it is written in order; sorting costs nothing then). */
export function sortedLog(register: CheckInput['register']): readonly RegisterEntry[] {
  if (!register) return [];
  for (let i = 1; i < register.length; i++) {
    if ((register[i] as RegisterEntry).seq < (register[i - 1] as RegisterEntry).seq) return [...register].sort((a, b) => a.seq - b.seq);
  }
  return register;
}
