import type { OpPair } from './open-ops.js';

/** Latency percentiles of ok ops, in ms (nearest rank). */
export interface Latency { count: number; p50: number; p90: number; p99: number; max: number }

export type Counts = Record<string, { invoke: number; ok: number; fail: number; info: number }>;

/** Counts by f and completion type (open ops count as info), and the sorted latencies (ns) of ok
 * ops by f. Two tallies of disjoint ops join into the tally of both without going over the ops
 * again: the stats checker tallies inside and outside fault windows, and joins them for the whole.
 * Fs are kept in the order of their first op in the history (`firstIndex`), joined or not, so
 * results.json reads the same either way. */
export interface OpTally { counts: Counts; latencyNs: Map<string, Float64Array>; ok: number; firstIndex: Map<string, number> }

export function tallyOps(pairs: readonly OpPair[]): OpTally {
  // One entry per f, found once per op: fs alternate op by op (acquire, read, write, release).
  const byF = new Map<string, { counts: Counts[string]; first: number; ns: Float64Array | null; filled: number }>();
  let ok = 0;
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i] as OpPair;
    let own = byF.get(pair.f);
    if (own === undefined) byF.set(pair.f, (own = { counts: { invoke: 0, ok: 0, fail: 0, info: 0 }, first: pair.invokeIndex, ns: null, filled: 0 }));
    const c = own.counts;
    c.invoke++;
    if (pair.type === 'ok') c.ok++;
    else if (pair.type === 'fail') c.fail++;
    else c.info++;
  }
  // The latencies of each f in a list made at its size (a million ops' lists grown by push left as
  // much again behind), filled in a second pass.
  for (const own of byF.values()) if (own.counts.ok > 0) own.ns = new Float64Array(own.counts.ok);
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i] as OpPair;
    if (pair.type !== 'ok' || pair.open) continue;
    ok++;
    const own = byF.get(pair.f)!;
    (own.ns as Float64Array)[own.filled++] = (pair.completionTime as number) - pair.invokeTime;
  }
  const latencyNs = new Map<string, Float64Array>();
  const firstIndex = new Map<string, number>();
  for (const [f, own] of byF) {
    if (own.ns !== null) latencyNs.set(f, own.ns.sort());
    firstIndex.set(f, own.first);
  }
  // fromEntries makes own keys of any name, "__proto__" included (an assignment would not).
  return { counts: Object.fromEntries([...byF].map(([f, own]) => [f, own.counts])), latencyNs, ok, firstIndex };
}

export function joinTallies(a: OpTally, b: OpTally): OpTally {
  if (Object.keys(a.counts).length === 0) return b;
  if (Object.keys(b.counts).length === 0) return a;
  const firstIndex = new Map(a.firstIndex);
  for (const [f, i] of b.firstIndex) firstIndex.set(f, Math.min(i, firstIndex.get(f) ?? Infinity));
  const fs = [...firstIndex.keys()].sort((x, y) => (firstIndex.get(x) as number) - (firstIndex.get(y) as number));
  const zero = { invoke: 0, ok: 0, fail: 0, info: 0 };
  const own = (t: OpTally, f: string): Counts[string] => (Object.hasOwn(t.counts, f) ? t.counts[f] as Counts[string] : zero);
  const counts: Counts = Object.fromEntries(fs.map((f) => {
    const [x, y] = [own(a, f), own(b, f)];
    return [f, { invoke: x.invoke + y.invoke, ok: x.ok + y.ok, fail: x.fail + y.fail, info: x.info + y.info }];
  }));
  const latencyNs = new Map<string, Float64Array>();
  for (const f of fs) if (a.latencyNs.has(f) || b.latencyNs.has(f)) latencyNs.set(f, mergeSorted(a.latencyNs.get(f), b.latencyNs.get(f)));
  return { counts, latencyNs, ok: a.ok + b.ok, firstIndex: new Map(fs.map((f) => [f, firstIndex.get(f) as number])) };
}

function mergeSorted(x: Float64Array = new Float64Array(0), y: Float64Array = new Float64Array(0)): Float64Array {
  const out = new Float64Array(x.length + y.length);
  let [i, j, k] = [0, 0, 0];
  while (i < x.length && j < y.length) out[k++] = (x[i] as number) <= (y[j] as number) ? (x[i++] as number) : (y[j++] as number);
  out.set(x.subarray(i), k);
  out.set(y.subarray(j), k + x.length - i);
  return out;
}

function rank(sorted: Float64Array, p: number): number {
  return (sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? 0) / 1e6;
}

/** The tally's latency percentiles by f, in ms. */
export function latencyMs(tally: OpTally): Record<string, Latency> {
  const out: Record<string, Latency> = {};
  for (const [f, sorted] of tally.latencyNs) out[f] = { count: sorted.length, p50: rank(sorted, 0.5), p90: rank(sorted, 0.9), p99: rank(sorted, 0.99), max: rank(sorted, 1) };
  return out;
}
