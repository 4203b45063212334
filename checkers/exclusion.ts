import { criticalSections, type CriticalSection } from './critical-sections.js';
import type { CheckInput, CheckResult, Checker } from './history.js';
import { mergeIntervals, totalLength } from './intervals.js';
import { nsToMs } from './lock-values.js';
import { faultWindows, nemesisAround } from './nemesis-windows.js';
import { pairedHistory } from './open-ops.js';

/** One holder of a double-holder incident. */
export interface IncidentHolder {
  process: number;
  token: number | null;
  node: string | null;
  acquireIndex: number;
  releaseIndex: number | null;
  startMs: number;
  endMs: number;
  endKnown: boolean;
}

/** Two processes that both certainly believed they held the same lock over [start, end). */
export interface ExclusionIncident {
  lock: string;
  processes: [number, number];
  tokens: [number | null, number | null];
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

export interface ExclusionResult extends CheckResult {
  /** Whether this verdict counts towards the overall one (see exclusionDecides). */
  decides: boolean;
  incidents: ExclusionIncident[];
  sections: number;
  /** Sections whose end is unknown (process retired or history cut short): counted only up to the
   * last moment the process is known to be inside. */
  uncertainSections: number;
  /** Acquires that ended info or never completed: maybe granted, maybe not; not sections. */
  possibleHolders: number;
  /** Total time (ms) during which two or more processes held the lock. */
  doubleHeldMs: number;
}

export interface ExclusionOptions {
  /** How far before an overlap a nemesis op is still reported as a likely cause. Default: the test's
   * TTL, or 5 s. */
  lookbackMs?: number;
}

/**
 * Whether exclusion decides the overall verdict. Under write or full fencing, two holders are
 * expected (the lock is only advisory) and the register's fencing is the defence, so only lost
 * updates and fencing decide; without fencing, or for a lock that hands out no tokens, a double
 * holder is the failure. `test.exclusionDecides` overrides.
 */
export function exclusionDecides(input: CheckInput, sections: readonly CriticalSection[]): boolean {
  const override = input.test?.exclusionDecides;
  if (typeof override === 'boolean') return override;
  const fencing = input.test?.fencing ?? 'none';
  const hasTokens = sections.some((s) => s.token !== null);
  return fencing === 'none' || !hasTokens;
}

function holder(s: CriticalSection): IncidentHolder {
  return { process: s.process, token: s.token, node: s.node ?? null, acquireIndex: s.acquireIndex, releaseIndex: s.releaseIndex,
    startMs: nsToMs(s.start), endMs: nsToMs(s.end), endKnown: s.endKnown };
}

/** Overlapping pairs among one lock's sections, by a sweep over start times: O(n log n + k·a) for
 * k sections with at most a held at once. Touching sections (end == start) do not overlap. */
function overlaps(sections: CriticalSection[]): [CriticalSection, CriticalSection, number, number][] {
  const found: [CriticalSection, CriticalSection, number, number][] = [];
  let active: CriticalSection[] = [];
  for (const s of sections.sort((a, b) => a.start - b.start || a.end - b.end)) {
    active = active.filter((a) => a.end > s.start);
    for (const a of active) {
      const end = Math.min(a.end, s.end);
      if (end > s.start && a.process !== s.process) found.push([a, s, s.start, end]);
    }
    active.push(s);
  }
  return found;
}

export function checkExclusion(input: CheckInput, opts: ExclusionOptions = {}): ExclusionResult {
  const paired = pairedHistory(input.history);
  const { sections, possibleHolders } = criticalSections(paired);
  const windows = faultWindows(paired.nemesis, paired.end);
  const lookbackNs = (opts.lookbackMs ?? input.test?.ttlMs ?? 5000) * 1e6;
  const byLock = new Map<string, CriticalSection[]>();
  for (const s of sections) {
    const own = byLock.get(s.lock);
    if (own) own.push(s);
    else byLock.set(s.lock, [s]);
  }
  const incidents: ExclusionIncident[] = [];
  const doubled: { start: number; end: number }[] = [];
  for (const [lock, own] of byLock) {
    for (const [a, b, start, end] of overlaps(own)) {
      doubled.push({ start, end });
      incidents.push({
        lock, processes: [a.process, b.process], tokens: [a.token, b.token], nodes: [a.node ?? null, b.node ?? null],
        holders: [holder(a), holder(b)], start, end, overlapNs: end - start, overlapMs: nsToMs(end - start),
        startMs: nsToMs(start), endMs: nsToMs(end),
        nemesis: nemesisAround({ nemesis: paired.nemesis, windows, start, end, lookbackNs }),
      });
    }
  }
  incidents.sort((x, y) => x.start - y.start);
  const decides = exclusionDecides(input, sections);
  const uncertainSections = sections.filter((s) => !s.endKnown).length;
  const doubleHeldMs = nsToMs(totalLength(mergeIntervals(doubled)));
  const note = decides ? '' : ' (not deciding: the register\'s fencing is the defence)';
  const maybe = possibleHolders.length > 0 ? `; ${possibleHolders.length} acquires of unknown outcome not counted` : '';
  const summary = incidents.length > 0
    ? `${incidents.length} double holders over ${doubleHeldMs.toFixed(1)} ms in ${sections.length} critical sections${note}${maybe}`
    : `no two of ${sections.length} critical sections overlap${maybe}`;
  return { valid: incidents.length === 0, summary, decides, incidents, sections: sections.length, uncertainSections,
    possibleHolders: possibleHolders.length, doubleHeldMs };
}

export const exclusion: Checker = { name: 'exclusion', check: (input) => checkExclusion(input) };
