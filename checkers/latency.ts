import type { OpPair } from './open-ops.js';

/** Latency percentiles of ok ops, in ms (nearest rank). */
export interface Latency { count: number; p50: number; p90: number; p99: number; max: number }

export type Counts = Record<string, { invoke: number; ok: number; fail: number; info: number }>;

function rank(sorted: Float64Array, p: number): number {
  return (sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0) / 1e6;
}

/** Counts by f and completion type (open ops count as info), and latency of ok ops by f. */
export function countAndTime(pairs: Iterable<OpPair>): { counts: Counts; latencyMs: Record<string, Latency>; ok: number } {
  const counts: Counts = {};
  const latencies = new Map<string, number[]>();
  let ok = 0;
  // The last f's entries, kept at hand: ops of one f come in runs, and a history has millions.
  let lastF: string | undefined;
  let c = { invoke: 0, ok: 0, fail: 0, info: 0 };
  for (const pair of pairs) {
    if (pair.f !== lastF) {
      lastF = pair.f;
      c = (counts[pair.f] ??= { invoke: 0, ok: 0, fail: 0, info: 0 });
    }
    c.invoke++;
    if (pair.type === 'ok') c.ok++;
    else if (pair.type === 'fail') c.fail++;
    else c.info++;
    if (pair.type !== 'ok' || !pair.completion) continue;
    ok++;
    const own = latencies.get(pair.f);
    const ns = pair.completion.time - pair.invoke.time;
    if (own) own.push(ns);
    else latencies.set(pair.f, [ns]);
  }
  const latencyMs: Record<string, Latency> = {};
  for (const [f, ns] of latencies) {
    const sorted = Float64Array.from(ns).sort();
    latencyMs[f] = { count: sorted.length, p50: rank(sorted, 0.5), p90: rank(sorted, 0.9), p99: rank(sorted, 0.99), max: rank(sorted, 1) };
  }
  return { counts, latencyMs, ok };
}
