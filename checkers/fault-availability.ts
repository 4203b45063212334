import { beliefs } from './belief.js';
import { mergeIntervals, subtractIntervals, type Interval } from './intervals.js';
import { lockOf, nsToMs } from './lock-values.js';
import { faultWindows } from './nemesis-windows.js';
import type { PairedHistory } from './open-ops.js';
import type { History } from './history.js';

/**
 * How long the lock was unavailable around each fault (issue 9, scenario 5: elections).
 *
 * Contract. The lock L is *unavailable* at instant t when some process is waiting for L (one of
 * its acquires of L is in flight: from the invocation of an acquire to the completion of the last
 * of the acquires it retries at once, so a fail followed by the next attempt is one wait) and no
 * process may be acting as L's holder. A process may act as holder from its acquire's ok (the
 * belief's start, checkers/belief.ts) to the end of its belief, and, when an op of the process
 * ended `info` or stayed open, until that op's completion (or the end of the history): its belief
 * may have lasted that long, the history cannot say. An *unavailable stretch* is a maximal run of
 * such instants. Idle time (nobody asking) is never unavailable.
 *
 * Unknown outcomes, and why the figures are bounds, not guesses:
 * - A holder whose op ended `info` counts as holding until that completion (the lower bound,
 *   `durationMs`) and as free from its last proof of life on (the upper bound, `atMostMs`: the
 *   stretch in which no process *certainly* held L). The truth lies between; neither bound
 *   invents or hides time the history proves.
 * - An acquire that ended `info` (maybe granted, never answered) counts as waiting until its
 *   completion: its process never learned of a grant, so no one could use the lock; a grant lost
 *   in flight is unavailability as users see it. After the process retires, a grant the service
 *   keeps for it blocks the other waiters, which is unavailability too.
 * - A holder stops acting at its release's invocation: while the release travels (a revoke
 *   waiting for a lost member, say) the service may still keep the lock for it, and the waiters
 *   cannot use it, which is unavailability as users see it.
 * - Stamps bound ops from outside (DESIGN.md section 4), so waits and holds are measured to the
 *   harness's stamping precision (microseconds), far below the figures.
 *
 * Around a fault: the stretches that overlap its window (start to heal), and those that overlap
 * the margin after it (heal plus RECOVERY_MARGIN_MS, for an election after the heal, cut at the
 * next fault's start) unless they reach into the next fault's window: a hand-over that was under
 * way when the next fault struck is that fault's. A stretch through two faults' windows counts for
 * both (both elections fell inside it). A fault never healed reaches the end of the history.
 * Every fault window is reported: leader faults are the elections, the others come at no cost.
 */
export const RECOVERY_MARGIN_MS = 5000;

export interface UnavailableStretch {
  lock: string;
  /** Bounds in ms on the history's clock. */
  startMs: number;
  endMs: number;
  /** Certainly unavailable for this long (holders whose ops ended info counted as holding). */
  durationMs: number;
  /** At most this long (those holders counted as gone from their last proof of life). */
  atMostMs: number;
  /** What ended it: a grant, every waiter stopping waiting (failed, info), or the history's end. */
  endedBy: 'grant' | 'no-waiter' | 'history-end';
}

export interface FaultAvailability {
  fault: string;
  targets: string[];
  /** Index of the fault's start op in the history. */
  startIndex: number;
  startMs: number;
  /** Null when the history never saw it healed. */
  healMs: number | null;
  /** End of the range examined: heal + margin, cut at the next fault's start. */
  untilMs: number;
  /** The longest stretch overlapping the range, whole (it may reach outside), or null. */
  longest: UnavailableStretch | null;
  /** The longest the lock may have been unavailable around it: the longest stretch with holders
   * whose ops ended info counted as gone from their last proof of life (0 without one). */
  atMostMs: number;
  /** Unavailable time inside the range (lower bound). */
  unavailableMs: number;
  /** From the fault's start to the first grant after it; null when no grant followed. */
  firstGrantMs: number | null;
}

export interface AvailabilityAroundFaults {
  faults: FaultAvailability[];
  /** Medians (nearest rank) over faults of the longest stretch (0 without one) and of the time to
   * the first grant; null without faults (or grants). */
  medianLongestMs: number | null;
  maxLongestMs: number | null;
  medianAtMostMs: number | null;
  medianFirstGrantMs: number | null;
}

interface Spans { waits: Interval[]; certain: Interval[]; maybe: Interval[] }

/** Per lock: waits, certain holds and possible holds (certain ones extended over info tails). */
function spansByLock(paired: PairedHistory, history: History): Map<string, Spans> {
  const byLock = new Map<string, Spans>();
  const spans = (lock: string): Spans => {
    let s = byLock.get(lock);
    if (!s) byLock.set(lock, (s = { waits: [], certain: [], maybe: [] }));
    return s;
  };
  for (const ops of paired.byProcess.values()) {
    // Consecutive acquires of one lock are one wait: the cycle asks again at once after a fail.
    let wait: { lock: string; start: number; end: number } | null = null;
    for (const pair of ops) {
      const lock = pair.f === 'acquire' ? lockOf(pair) : null;
      if (wait !== null && wait.lock !== lock) {
        spans(wait.lock).waits.push({ start: wait.start, end: wait.end });
        wait = null;
      }
      if (lock === null) continue;
      wait ??= { lock, start: pair.invokeTime, end: 0 };
      wait.end = pair.completionTime ?? paired.end;
    }
    if (wait !== null) spans(wait.lock).waits.push({ start: wait.start, end: wait.end });
  }
  for (const b of beliefs(history).beliefs) {
    const own = paired.byProcess.get(b.process) ?? [];
    const last = own[own.length - 1];
    // A retired process's last op is the one that ended info (or stayed open); cut-off: the end.
    const maybeEnd = b.ending === 'retired' ? last?.completionTime ?? paired.end : b.ending === 'cut-off' ? paired.end : b.end;
    spans(b.lock).certain.push({ start: b.start, end: b.end });
    spans(b.lock).maybe.push({ start: b.start, end: Math.max(b.end, maybeEnd) });
  }
  return byLock;
}

type Span = Pick<UnavailableStretch, 'startMs' | 'endMs' | 'durationMs'>;

/** Unavailable stretches of every lock in time order: `lower` counts holders whose ops ended info
 * as holding until that completion, `upper` as gone from their last proof of life. */
function stretchBounds(paired: PairedHistory, history: History): { lower: UnavailableStretch[]; upper: Span[] } {
  const lower: UnavailableStretch[] = [];
  const upperAll: Span[] = [];
  for (const [lock, s] of spansByLock(paired, history)) {
    const waits = mergeIntervals(s.waits);
    const grants = new Set(s.certain.map((i) => i.start));
    const upper = subtractIntervals(waits, mergeIntervals(s.certain));
    // Lengths from ns, as for the lower bounds: a stretch is never longer than its upper bound.
    // A loop, not push(...): an hour-long run has hundreds of thousands of stretches, past the
    // number of arguments a call may take.
    for (const i of upper) upperAll.push({ startMs: nsToMs(i.start), endMs: nsToMs(i.end), durationMs: nsToMs(i.end - i.start) });
    let u = 0;
    for (const i of subtractIntervals(waits, mergeIntervals(s.maybe))) {
      while ((upper[u] as Interval).end < i.end) u++;
      const around = upper[u] as Interval;
      const endedBy = grants.has(i.end) ? 'grant' : i.end >= paired.end ? 'history-end' : 'no-waiter';
      lower.push({ lock, startMs: nsToMs(i.start), endMs: nsToMs(i.end), durationMs: nsToMs(i.end - i.start), atMostMs: nsToMs(around.end - around.start), endedBy });
    }
  }
  const byStart = (a: Span, b: Span): number => a.startMs - b.startMs;
  return { lower: lower.sort(byStart), upper: upperAll.sort(byStart) };
}

/** Every unavailable stretch of every lock, in time order (the lower bounds). */
export function unavailableStretches(paired: PairedHistory, history: History): UnavailableStretch[] {
  return stretchBounds(paired, history).lower;
}

/** First index of sorted `xs` whose key is >= at (xs.length if none). */
function firstAtLeast<T>(xs: readonly T[], key: (x: T) => number, at: number): number {
  let [lo, hi] = [0, xs.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(xs[mid] as T) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The spans of `sorted` (by start) that may overlap [from, until) (1 ms of slack for rounding:
 * `durationMs` comes from ns, the bounds from ms): a binary search on starts, so
 * a history with thousands of faults and stretches costs O(F log S), not O(F·S). */
function spansNear<T extends Span>(sorted: readonly T[], longestMs: number, from: number, until: number): T[] {
  return sorted.slice(firstAtLeast(sorted, (s) => s.startMs, from - longestMs - 1), firstAtLeast(sorted, (s) => s.startMs, until));
}

const nearestMedian = (xs: number[]): number | null => (xs.length === 0 ? null : [...xs].sort((a, b) => a - b)[Math.ceil(xs.length / 2) - 1] as number);

/** The unavailable stretches around every fault window of the history. */
export function availabilityAroundFaults(paired: PairedHistory, history: History): AvailabilityAroundFaults {
  const windows = faultWindows(paired.nemesis, paired.end);
  // A fault-free run has nothing to measure around: its stretches are not built at all.
  if (windows.length === 0) return { faults: [], medianLongestMs: null, maxLongestMs: null, medianAtMostMs: null, medianFirstGrantMs: null };
  const { lower, upper } = stretchBounds(paired, history);
  const grants = beliefs(history).beliefs.map((b) => b.start).sort((a, b) => a - b);
  const longestOf = (spans: readonly Span[]): number => spans.reduce((m, s) => Math.max(m, s.durationMs), 0);
  const [lowerLongest, upperLongest] = [longestOf(lower), longestOf(upper)];
  const faults = windows.map((w, i): FaultAvailability => {
    let next: (typeof windows)[number] | undefined;
    for (let j = i + 1; j < windows.length && next === undefined; j++) if ((windows[j] as typeof w).start > w.start) next = windows[j];
    const [from, heal] = [nsToMs(w.start), nsToMs(w.end)];
    const until = Math.max(heal, Math.min(heal + RECOVERY_MARGIN_MS, next ? nsToMs(next.start) : Infinity));
    const during = (s: Span, start: number, end: number): boolean => s.startMs < end && s.endMs > start;
    // A stretch met only in the margin that reaches into the next fault is that fault's.
    const mine = (s: Span): boolean => during(s, from, until) && (during(s, from, heal) || !next || !during(s, nsToMs(next.start), nsToMs(next.end)));
    const near = spansNear(lower, lowerLongest, from, until).filter(mine);
    const longest = near.reduce<UnavailableStretch | null>((a, s) => (a === null || s.durationMs > a.durationMs ? s : a), null);
    const grant = grants[firstAtLeast(grants, (t) => t, w.start)];
    // The longest stretch's own bound counts too: its upper stretch may reach into the next fault.
    const atMostMs = spansNear(upper, upperLongest, from, until).filter(mine).reduce((m, s) => Math.max(m, s.durationMs), longest?.atMostMs ?? 0);
    return {
      fault: w.fault, targets: w.targets, startIndex: w.startIndex, startMs: from, healMs: w.stopIndex === null ? null : heal, untilMs: until,
      longest, atMostMs, unavailableMs: near.reduce((sum, s) => sum + Math.min(s.endMs, until) - Math.max(s.startMs, from), 0),
      firstGrantMs: grant === undefined ? null : nsToMs(grant - w.start),
    };
  });
  const longestMs = faults.map((f) => f.longest?.durationMs ?? 0);
  return {
    faults, medianLongestMs: nearestMedian(longestMs), maxLongestMs: longestMs.length === 0 ? null : longestMs.reduce((a, b) => Math.max(a, b)),
    medianAtMostMs: nearestMedian(faults.map((f) => f.atMostMs)),
    medianFirstGrantMs: nearestMedian(faults.flatMap((f) => (f.firstGrantMs === null ? [] : [f.firstGrantMs]))),
  };
}
