import type { CheckInput, RegisterEntry } from './history.js';
import { listOf } from './lock-values.js';
import type { PairedHistory } from './open-ops.js';
import { keyOf, type RegisterVersions } from './register-versions.js';

/** Where the final value of a key came from, most trusted first. */
export type FinalValueSource = 'final-read' | 'register-final-read' | 'register-last-write' | 'none';
export const FINAL_VALUE_SOURCES: readonly FinalValueSource[] = ['final-read', 'register-final-read', 'register-last-write', 'none'];

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

const NONE: FinalValue = { source: 'none', value: null, at: null, since: null, conflict: null };

/**
 * The register's value of every key at the end, by one rule (README, "Exit codes and verdicts"):
 * 1. the history's last final read of the key that completed ok;
 * 2. else (the harness died before recording it) the register log's record of its final read;
 * 3. else the value of the key's last accepted write in the register log, rebuilt from the versions
 *    it records: the register's value when the run stopped, since the log is the resource's own
 *    account, written before each answer;
 * 4. else none, and lost updates on that key are unknown.
 * When both the history and the log recorded a final read and they disagree, `conflict` says how;
 * the lost-updates verdict is then unknown. `keys` are the keys asked about (those written to).
 * `versions` is asked for only when a key has no final read (it costs a record per write).
 */
export function finalValues(paired: PairedHistory, log: readonly RegisterEntry[], versions: () => RegisterVersions, keys: Iterable<number>): Map<number, FinalValue> {
  const historyFinal = new Map<number, { value: number[]; at: number; since: number }>();
  for (const pair of paired.pairs) {
    const value = pair.f === 'final-read' && pair.type === 'ok' ? listOf(pair.completion?.value) : null;
    if (value && pair.completion) historyFinal.set(keyOf(pair.completion.value as { key?: unknown }), { value, at: pair.completion.index, since: pair.invokeTime });
  }
  const logFinal = new Map<number, RegisterEntry>();
  const lastWrite = new Map<number, RegisterEntry>();
  for (const e of log) {
    if (e.decision !== 'accepted') continue;
    if (e.op === 'final-read') logFinal.set(keyOf(e), e);
    if (e.op === 'write') lastWrite.set(keyOf(e), e);
  }
  const out = new Map<number, FinalValue>();
  for (const key of new Set([...keys, ...historyFinal.keys(), ...logFinal.keys()])) {
    const fromHistory = historyFinal.get(key);
    const fromLog = logFinal.get(key);
    const written = lastWrite.get(key);
    if (fromHistory) {
      out.set(key, { source: 'final-read', value: fromHistory.value, at: fromHistory.at, since: fromHistory.since, conflict: conflictOf(fromHistory.value, fromLog) });
    } else if (fromLog) {
      out.set(key, { source: 'register-final-read', value: fromLog.value ?? [], at: fromLog.seq, since: fromLog.time, conflict: null });
    } else {
      const value = written ? versions().valueOf(written) : null;
      out.set(key, value && written ? { source: 'register-last-write', value, at: written.seq, since: null, conflict: null } : NONE);
    }
  }
  return out;
}

function conflictOf(value: readonly number[], logFinal: RegisterEntry | undefined): FinalValue['conflict'] {
  if (!logFinal) return null;
  const history = new Set(value);
  const logged = new Set(logFinal.value ?? []);
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
