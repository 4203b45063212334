import { beliefs, isCertain, type Belief, type BeliefEnding } from './belief.js';
import type { CheckInput, CheckResult, Checker } from './history.js';
import { mergeIntervals, totalLength } from './intervals.js';
import { nsToMs } from './lock-values.js';
import { faultWindows, nemesisAround } from './nemesis-windows.js';
import { pairedHistory } from './open-ops.js';
import { tokenText } from './token.js';

/** One holder of a double-holder incident: a belief (checkers/belief.ts) as results show it. */
export interface IncidentHolder {
  process: number;
  /** The grant's token as decimal text (or the opaque token), null without one. */
  token: string | null;
  node: string | null;
  acquireIndex: number;
  releaseIndex: number | null;
  startMs: number;
  endMs: number;
  ending: BeliefEnding;
}

/** Two processes that both certainly believed they held the same lock over [start, end). */
export interface ExclusionIncident {
  lock: string;
  processes: [number, number];
  tokens: [string | null, string | null];
  nodes: [string | null, string | null];
  holders: [IncidentHolder, IncidentHolder];
  start: number;
  end: number;
  overlapNs: number;
  overlapMs: number;
  startMs: number;
  endMs: number;
  /** Indices of nemesis ops in force during the overlap or within the look-back before it. */
  nemesis: number[];
}

/** A release that answered "no longer yours": the lease expired under a living holder. */
export interface LeaseLost { holder: IncidentHolder; lock: string; overlapped: boolean }

export interface ExclusionResult extends CheckResult {
  /** Whether this verdict counts towards the overall one (see exclusionDecides). */
  decides: boolean;
  incidents: ExclusionIncident[];
  /** Beliefs in the history, and how many of them end at a last proof of life (the process
   * retired or the history stopped): they may have lasted longer, or not. */
  sections: number;
  uncertainSections: number;
  /** Acquires that ended info or never completed: maybe granted, maybe not; no belief. */
  possibleHolders: number;
  /** Leases lost under a living holder (warnings; a violation only when an incident overlaps). */
  leaseLost: LeaseLost[];
  /** Total time (ms) during which two or more processes held the lock. */
  doubleHeldMs: number;
}

export interface ExclusionOptions {
  /** How far before an overlap a nemesis op is still reported as a likely cause. Default: the test's
   * TTL, or 5 s. */
  lookbackMs?: number;
}

/**
 * Whether exclusion (and mutex) decide the overall verdict. Under write or full fencing, two
 * holders are expected (the lock is only advisory) and the register's fencing is the defence, so
 * only lost updates and fencing decide; with any other mode, or for a lock that hands out no
 * tokens, a double holder is the failure. `test.exclusionDecides` overrides.
 */
export function exclusionDecides(input: CheckInput): boolean {
  const override = input.test?.exclusionDecides;
  if (typeof override === 'boolean') return override;
  const fencing = input.test?.fencing;
  if (fencing !== 'write' && fencing !== 'full') return true;
  return !beliefs(input.history).beliefs.some((b) => b.token !== null);
}

export function holderOf(b: Belief): IncidentHolder {
  return { process: b.process, token: tokenText(b.token), node: b.node, acquireIndex: b.acquire.completionIndex ?? b.acquire.invokeIndex,
    releaseIndex: b.release?.invokeIndex ?? null, startMs: nsToMs(b.start), endMs: nsToMs(b.end), ending: b.ending };
}

/** Overlapping pairs of different processes' beliefs in one lock, by a sweep over start times:
 * O(n log n + k·a) for k beliefs with at most a held at once. Beliefs are half-open: touching
 * ones (end == start) do not overlap, and one with no certain length overlaps nothing. */
export function overlaps(own: readonly Belief[]): [Belief, Belief, number, number][] {
  const found: [Belief, Belief, number, number][] = [];
  let active: Belief[] = [];
  for (const s of own.filter(isCertain).sort((a, b) => a.start - b.start || a.end - b.end)) {
    active = active.filter((a) => a.end > s.start);
    for (const a of active) {
      const end = Math.min(a.end, s.end);
      if (end > s.start && a.process !== s.process) found.push([a, s, s.start, end]);
    }
    active.push(s);
  }
  return found;
}

/** Beliefs grouped by lock. */
export function beliefsByLock(all: readonly Belief[]): Map<string, Belief[]> {
  const byLock = new Map<string, Belief[]>();
  for (const b of all) {
    const own = byLock.get(b.lock);
    if (own) own.push(b);
    else byLock.set(b.lock, [b]);
  }
  return byLock;
}

/** Two beliefs in the same lock that overlap in time are a double holder: no correct lock
 * service, which frees a lock only after its holder's last proof of life, grants it then. */
export function checkExclusion(input: CheckInput, opts: ExclusionOptions = {}): ExclusionResult {
  const paired = pairedHistory(input.history);
  const { beliefs: all, possibleHolders } = beliefs(input.history);
  const windows = faultWindows(paired.nemesis, paired.end);
  const lookbackNs = (opts.lookbackMs ?? input.test?.ttlMs ?? 5000) * 1e6;
  const incidents: ExclusionIncident[] = [];
  const doubled: { start: number; end: number }[] = [];
  const overlapped = new Set<Belief>();
  for (const [lock, own] of beliefsByLock(all)) {
    for (const [a, b, start, end] of overlaps(own)) {
      doubled.push({ start, end });
      overlapped.add(a).add(b);
      incidents.push({
        lock, processes: [a.process, b.process], tokens: [tokenText(a.token), tokenText(b.token)], nodes: [a.node, b.node],
        holders: [holderOf(a), holderOf(b)], start, end, overlapNs: end - start, overlapMs: nsToMs(end - start),
        startMs: nsToMs(start), endMs: nsToMs(end),
        nemesis: nemesisAround({ nemesis: paired.nemesis, windows, start, end, lookbackNs }),
      });
    }
  }
  incidents.sort((x, y) => x.start - y.start);
  const leaseLost = all.filter((b) => b.ending === 'lease-lost').map((b) => ({ holder: holderOf(b), lock: b.lock, overlapped: overlapped.has(b) }));
  const decides = exclusionDecides(input);
  const uncertainSections = all.filter((b) => b.ending === 'retired' || b.ending === 'cut-off').length;
  const doubleHeldMs = nsToMs(totalLength(mergeIntervals(doubled)));
  const note = decides ? '' : ' (not deciding: the register\'s fencing is the defence)';
  const maybe = possibleHolders.length > 0 ? `; ${possibleHolders.length} acquires of unknown outcome prove nothing` : '';
  const lost = leaseLost.length > 0 ? `; warning: ${leaseLost.length} releases answered "no longer yours" (lease lost under a living holder)` : '';
  const summary = incidents.length > 0
    ? `${incidents.length} double holders over ${doubleHeldMs.toFixed(1)} ms among ${all.length} beliefs${note}${maybe}${lost}`
    : `no two of ${all.length} beliefs overlap${maybe}${lost}`;
  return { valid: incidents.length === 0, summary, decides, incidents, sections: all.length, uncertainSections,
    possibleHolders: possibleHolders.length, leaseLost, doubleHeldMs };
}

export const exclusion: Checker = { name: 'exclusion', check: (input) => checkExclusion(input), decides: exclusionDecides };
