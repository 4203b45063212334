import { FINAL_VALUE_SOURCES, finalValues, sortedLog, type FinalValue, type FinalValueSource } from './final-value.js';
import type { CheckInput, CheckResult, Checker, RegisterEntry } from './history.js';
import { elementOf, keyOfPair, nsToMs, tokenOf } from './lock-values.js';
import { parseToken, tokenText } from './token.js';
import { pairedHistory, type OpPair } from './open-ops.js';
import { keyOf, RegisterVersions } from './register-versions.js';

/** The accepted write that replaced the register's value with one lacking a lost element. */
export interface Overwrite { seq: number; process: number; token: string | null; element: number | null; timeMs: number }

/** An acknowledged element missing from the final value. */
export interface LostElement {
  element: number;
  /** The register key it was written to. */
  key: number;
  process: number;
  token: string | null;
  /** History indices of the write's invocation and ok, and its invocation time. */
  writeIndex: number;
  okIndex: number;
  timeMs: number;
  /** The register's entry for this write (null without a register log, or if it has none). */
  registerSeq: number | null;
  overwrittenBy: Overwrite | null;
}

/** An element in the final value from a write that ended fail. */
export interface FailedElement { element: number; process: number; token: string | null; writeIndex: number; registerSeq: number | null }

export interface LostUpdatesDetail {
  /** Where the final values came from: the least trusted source among the keys. */
  finalValueSource: FinalValueSource;
  /** History index (final read) or register seq the final value was taken from (one key only). */
  finalValueAt: number | null;
  /** Keys with a final value, and keys written to whose final value is unknown. */
  keys: number;
  keysWithoutFinalValue: number[];
  /** The history's final read and the register log's record of it disagree (then unknown). */
  finalValueConflict: FinalValue['conflict'];
  acknowledged: number;
  /** Elements in the final values of all keys. */
  finalSize: number;
  lost: LostElement[];
  /** Present but never acknowledged, from writes whose outcome is unknown (info or never completed):
   * possible, not a violation. */
  unexpectedIndeterminate: number;
  /** Present although the write failed and the register log (when there is one) rejected it. */
  unexpectedFailed: FailedElement[];
  /** Present although no write to that key ever carried them. */
  unexpectedNeverWritten: number[];
  /** The client said fail but the register accepted the write: the history contradicts the ground
   * truth, so the verdict can be no better than unknown. */
  failedButAccepted: FailedElement[];
  /** Acknowledged elements the register log never accepted, when the final value comes from the log:
   * the log is incomplete, so they are neither lost nor safe. */
  missingFromLog: number[];
  /** Acknowledged writes that completed only after the final read began: concurrent with it, so
   * they need not be in its value. */
  concurrentWithFinalRead: number;
}

export interface LostUpdatesResult extends CheckResult, LostUpdatesDetail {}

function writesByElement(pairs: readonly OpPair[]): Map<number, OpPair> {
  const writes = new Map<number, OpPair>();
  for (const pair of pairs) {
    if (pair.f !== 'write') continue;
    const element = elementOf(pair);
    if (element !== null) writes.set(element, pair);
  }
  return writes;
}

/** The first accepted write to the same key after position `from` whose value lacks `element`. */
function overwriteOf(accepted: readonly RegisterEntry[], versions: RegisterVersions, from: number, element: number): Overwrite | null {
  const key = keyOf(accepted[from]);
  for (let j = from + 1; j < accepted.length; j++) {
    const e = accepted[j] as RegisterEntry;
    if (keyOf(e) === key && versions.holds(e, element) === false) {
      return { seq: e.seq, process: e.process, token: tokenText(parseToken(e.token)), element: e.element ?? null, timeMs: nsToMs(e.time) };
    }
  }
  return null;
}

/** The value `make` makes, made on the first call. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
}

/** The accepted writes of a log in seq order, the position of each element among them, and the
 * entry of each element's write: the accepted one when there is one, else the first. */
function indexLog(log: readonly RegisterEntry[]): { accepted: RegisterEntry[]; acceptedAt: Map<number, number>; entryOf: Map<number, RegisterEntry> } {
  const accepted = log.filter((e) => e.op === 'write' && e.decision === 'accepted');
  const acceptedAt = new Map<number, number>();
  accepted.forEach((e, i) => { if (e.element !== undefined) acceptedAt.set(e.element, i); });
  const entryOf = new Map<number, RegisterEntry>();
  for (const e of log) if (e.op === 'write' && e.element !== undefined && !entryOf.has(e.element)) entryOf.set(e.element, e);
  for (const e of accepted) if (e.element !== undefined) entryOf.set(e.element, e);
  return { accepted, acceptedAt, entryOf };
}

/** The sources of the keys' final values, summed up as the least trusted. */
function weakest(finals: Iterable<FinalValue>): FinalValueSource {
  let worst = 0;
  for (const f of finals) worst = Math.max(worst, FINAL_VALUE_SOURCES.indexOf(f.source));
  return FINAL_VALUE_SOURCES[worst] as FinalValueSource;
}

/**
 * Every acknowledged element (a write that completed ok) must be in the final value; elements in it
 * that were never acknowledged are split by what the history says of their write.
 */
export function checkLostUpdates(input: CheckInput): LostUpdatesResult {
  const paired = pairedHistory(input.history);
  const writes = writesByElement(paired.pairs);
  const log = sortedLog(input.register);
  const hasLog = input.register !== undefined;
  // What the register log says of single elements is asked only for lost or unexpected ones: made
  // on first need, not as three maps of every write on every check.
  const versions = once(() => new RegisterVersions(log));
  const logIndex = once(() => indexLog(log));

  // Acknowledged writes are the writes that completed ok, gone over in the map's order.
  let acknowledged = 0;
  const writtenKeys = new Set<number>();
  for (const w of writes.values()) {
    if (w.type !== 'ok') continue;
    acknowledged++;
    writtenKeys.add(keyOfPair(w));
  }
  const finals = finalValues(paired, log, versions, writtenKeys);
  const known = [...finals].filter(([, f]) => f.value !== null);
  const keysWithoutFinalValue = [...finals].filter(([, f]) => f.value === null).map(([k]) => k).sort((a, b) => a - b);
  const only = finals.size === 1 ? [...finals.values()][0] : undefined;
  const base = { finalValueSource: weakest(finals.values()), finalValueAt: only?.at ?? null,
    finalValueConflict: [...finals.values()].find((f) => f.conflict !== null)?.conflict ?? null,
    acknowledged, keys: known.length, keysWithoutFinalValue };
  if (known.length === 0) {
    const summary = acknowledged > 0
      ? `no final value (no final read, no register log): ${acknowledged} acknowledged elements cannot be checked`
      : 'no final value (no final read, no register log): nothing to compare with';
    return { valid: 'unknown', summary, ...base, finalSize: 0, lost: [], unexpectedIndeterminate: 0, unexpectedFailed: [],
      unexpectedNeverWritten: [], failedButAccepted: [], missingFromLog: [], concurrentWithFinalRead: 0 };
  }
  const present = new Map(known.map(([k, f]) => [k, new Set(f.value)]));
  const lost: LostElement[] = [];
  const missingFromLog: number[] = [];
  let concurrentWithFinalRead = 0;
  for (const [element, w] of writes) {
    if (w.type !== 'ok') continue;
    const key = keyOfPair(w);
    const final = finals.get(key);
    if (!final || final.value === null || present.get(key)?.has(element)) continue;
    if (final.since !== null && (w.completionTime ?? Infinity) >= final.since) {
      concurrentWithFinalRead++;
      continue;
    }
    const { accepted, acceptedAt, entryOf } = logIndex();
    const at = acceptedAt.get(element);
    if (final.source !== 'final-read' && at === undefined) {
      missingFromLog.push(element);
      continue;
    }
    lost.push({ element, key, process: w.process, token: tokenText(tokenOf(w)), writeIndex: w.invokeIndex, okIndex: w.completionIndex ?? -1,
      timeMs: nsToMs(w.invokeTime), registerSeq: entryOf.get(element)?.seq ?? null,
      overwrittenBy: at === undefined ? null : overwriteOf(accepted, versions(), at, element) });
  }
  let unexpectedIndeterminate = 0;
  const unexpectedFailed: FailedElement[] = [];
  const failedButAccepted: FailedElement[] = [];
  const unexpectedNeverWritten: number[] = [];
  for (const [key, elements] of present) {
    for (const element of elements) {
      const w = writes.get(element);
      if (!w || keyOfPair(w) !== key) {
        unexpectedNeverWritten.push(element);
      } else if (w.type === 'info') {
        unexpectedIndeterminate++;
      } else if (w.type === 'fail') {
        const entry = logIndex().entryOf.get(element);
        const failed = { element, process: w.process, token: tokenText(tokenOf(w)), writeIndex: w.invokeIndex, registerSeq: entry?.seq ?? null };
        if (hasLog && entry?.decision === 'accepted') failedButAccepted.push(failed);
        else unexpectedFailed.push(failed);
      }
    }
  }
  lost.sort((a, b) => a.writeIndex - b.writeIndex);
  const finalSize = known.reduce((n, [, f]) => n + (f.value?.length ?? 0), 0);
  const result: LostUpdatesDetail = { ...base, finalSize, lost, unexpectedIndeterminate, unexpectedFailed,
    unexpectedNeverWritten: unexpectedNeverWritten.sort((a, b) => a - b), failedButAccepted, missingFromLog, concurrentWithFinalRead };
  return { ...verdict(result), ...result };
}

const SOURCES: Record<FinalValueSource, string> = {
  'final-read': 'the history\'s final read',
  'register-final-read': 'the register log\'s final read (none in the history)',
  'register-last-write': 'the register log\'s last accepted write (no final read)',
  none: 'nowhere',
};

function verdict(r: LostUpdatesDetail): CheckResult {
  const source = ` (final value from ${SOURCES[r.finalValueSource]}${r.finalValueAt === null ? '' : r.finalValueSource === 'final-read' ? `, index ${r.finalValueAt}` : `, seq ${r.finalValueAt}`})`;
  const c = r.finalValueConflict;
  if (c !== null) {
    return { valid: 'unknown', summary: `the history's final read and the register log's (seq ${c.registerSeq}) disagree: elements ${JSON.stringify(c.onlyInHistory)} only in the history, ${JSON.stringify(c.onlyInLog)} only in the log; the final value is not known` };
  }
  const problems = [
    r.lost.length > 0 ? `${r.lost.length} of ${r.acknowledged} acknowledged elements lost` : '',
    r.unexpectedFailed.length > 0 ? `${r.unexpectedFailed.length} elements of failed writes present` : '',
    r.unexpectedNeverWritten.length > 0 && r.finalValueSource === 'final-read' ? `${r.unexpectedNeverWritten.length} elements never written present` : '',
  ].filter((p) => p);
  const maybe = [
    r.unexpectedIndeterminate > 0 ? `; ${r.unexpectedIndeterminate} elements of writes with unknown outcome present (allowed)` : '',
    r.concurrentWithFinalRead > 0 ? `; ${r.concurrentWithFinalRead} acknowledged writes concurrent with the final read not required in it` : '',
  ].join('');
  if (problems.length > 0) return { valid: false, summary: `${problems.join('; ')}${maybe}${source}` };
  const doubts = [
    r.keysWithoutFinalValue.length > 0 ? `keys ${JSON.stringify(r.keysWithoutFinalValue)} have no final value (no final read, no register log): their acknowledged elements cannot be checked` : '',
    r.failedButAccepted.length > 0 ? `${r.failedButAccepted.length} writes reported fail were accepted by the register (the client's fail is wrong)` : '',
    r.missingFromLog.length > 0 ? `${r.missingFromLog.length} acknowledged elements are not in the register log (incomplete log)` : '',
    // A run cut short may have lost the invocation of a write the register accepted (a torn last line).
    r.unexpectedNeverWritten.length > 0 && r.finalValueSource !== 'final-read'
      ? `${r.unexpectedNeverWritten.length} elements in the register log's value have no write in the history (a history cut short may have lost its last invocations)` : '',
  ].filter((p) => p);
  if (doubts.length > 0) return { valid: 'unknown', summary: `${doubts.join('; ')}${maybe}${source}` };
  const keys = r.keys > 1 ? ` of their ${r.keys} keys` : '';
  return { valid: true, summary: `all ${r.acknowledged} acknowledged elements are in the final value${keys}${maybe}${source}` };
}

export const lostUpdates: Checker = { name: 'lost-updates', check: (input) => checkLostUpdates(input) };
