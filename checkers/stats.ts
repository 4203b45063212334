import { beliefs } from './belief.js';
import { availabilityAroundFaults, type AvailabilityAroundFaults } from './fault-availability.js';
import type { CheckInput, CheckResult, Checker } from './history.js';
import { covers, intersectionLength, mergeIntervals, type Interval } from './intervals.js';
import { joinTallies, latencyMs, tallyOps, type Counts, type Latency, type OpTally } from './latency.js';
import { nsToMs } from './lock-values.js';
import { faultWindows } from './nemesis-windows.js';
import { pairedHistory, type OpPair } from './open-ops.js';

/** Figures over a stretch of the test. Ops are placed by their invocation time. */
export interface PeriodStats {
  durationMs: number;
  counts: Counts;
  latencyMs: Record<string, Latency>;
  okPerSecond: number;
  /** Fraction of the stretch during which some process certainly held a lock. */
  availability: number;
}

export interface StatsResult extends CheckResult, PeriodStats {
  valid: true;
  decides: false;
  /** Client ops left without completion (counted as info in `counts`). */
  open: number;
  nemesis: Record<string, number>;
  faultWindows: number;
  byNemesis: { inside: PeriodStats; outside: PeriodStats };
  /** How long the lock was unavailable around each fault (fault-availability.ts). */
  aroundFaults: AvailabilityAroundFaults;
}

function period(tally: OpTally, span: number, held: number): PeriodStats {
  return { durationMs: nsToMs(span), counts: tally.counts, latencyMs: latencyMs(tally), okPerSecond: span > 0 ? tally.ok / (span / 1e9) : 0, availability: span > 0 ? held / span : 0 };
}

/** The figures around faults in a few words, for the summary line (and so the report). */
function aroundFaultsText(a: AvailabilityAroundFaults): string {
  if (a.faults.length === 0) return '';
  const s = (ms: number | null): string => (ms === null ? '-' : `${(ms / 1000).toFixed(2)} s`);
  return `; unavailable around ${a.faults.length} fault${a.faults.length > 1 ? 's' : ''}: median ${s(a.medianLongestMs)}${(a.medianAtMostMs ?? 0) > (a.medianLongestMs ?? 0) ? ` (at most ${s(a.medianAtMostMs)})` : ''}, max ${s(a.maxLongestMs)}, `
    + `first grant after median ${s(a.medianFirstGrantMs)}`;
}

/** Counts, latencies, throughput and lock availability, overall and inside vs outside fault
 * windows. Never judges: always valid and never decides. */
export function checkStats(input: CheckInput): StatsResult {
  const paired = pairedHistory(input.history);
  const whole: Interval[] = [{ start: paired.start, end: paired.end }];
  const held = mergeIntervals(beliefs(input.history).beliefs);
  const windows = faultWindows(paired.nemesis, paired.end);
  const faults = mergeIntervals(windows);
  // Without faults every op is outside them: the pairs themselves, not a copy of a million.
  const inside: OpPair[] = [];
  const outside: OpPair[] = faults.length === 0 ? paired.pairs : [];
  if (faults.length > 0) for (const pair of paired.pairs) (covers(faults, pair.invokeTime) ? inside : outside).push(pair);
  const span = paired.end - paired.start;
  const faultSpan = intersectionLength(faults, whole);
  const heldInFaults = intersectionLength(held, faults);
  const heldTotal = intersectionLength(held, whole);
  // Each op tallied once: the whole run is the join of inside and outside the faults.
  const [insideTally, outsideTally] = [tallyOps(inside), tallyOps(outside)];
  const all = period(joinTallies(insideTally, outsideTally), span, heldTotal);
  const byF = new Map<string, number>();
  for (const op of paired.nemesis) byF.set(op.f, (byF.get(op.f) ?? 0) + 1);
  const nemesis: Record<string, number> = Object.fromEntries(byF);
  const aroundFaults = availabilityAroundFaults(paired, input.history);
  const summary = `${paired.pairs.length} operations (${paired.openCount} open), ${all.okPerSecond.toFixed(1)} ok/s, lock held ${(all.availability * 100).toFixed(1)}% of ${(all.durationMs / 1000).toFixed(1)} s`
    + aroundFaultsText(aroundFaults);
  return {
    valid: true, decides: false, summary, ...all, open: paired.openCount, nemesis, faultWindows: windows.length, aroundFaults,
    byNemesis: { inside: period(insideTally, faultSpan, heldInFaults), outside: period(outsideTally, span - faultSpan, heldTotal - heldInFaults) },
  };
}

export const stats: Checker = { name: 'stats', check: (input) => checkStats(input), decides: () => false };
