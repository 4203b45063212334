import type { History } from '../../checkers/history.js';
import { pairedHistory } from '../../checkers/open-ops.js';
import type { SeriesData } from './report-data.js';

/** At most this many buckets: a chart wider than a screen gains nothing, and the page stays small. */
const MAX_BUCKETS = 150;
const MIN_BUCKET_S = 0.2;

/** Buckets wide enough to hold a few completions on average: a median of one op is noise. */
const OPS_PER_BUCKET = 5;

function bucketSeconds(spanS: number, completions: number): number {
  const raw = Math.max(MIN_BUCKET_S, spanS / MAX_BUCKETS, (spanS * OPS_PER_BUCKET) / Math.max(1, completions));
  // A round width (1, 2 or 5 times a power of ten) so the axis reads "per 0.5 s", not "per 0.4371 s".
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].find((m) => m * power >= raw) ?? 10;
  return step * power;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  return Math.round((values[Math.floor((values.length - 1) / 2)] as number) * 1000) / 1000;
}

/**
 * Throughput (completions per second by type) and latency (median per op kind, and the slowest op)
 * in time buckets, by completion time. Ops never completed have no latency; they count nowhere.
 */
export function seriesData(history: History): SeriesData {
  const paired = pairedHistory(history);
  // From the first op, not the clock's start: the cluster's start-up before it has nothing to show.
  const startS = paired.start / 1e9;
  const endS = paired.end / 1e9;
  const width = bucketSeconds(endS - startS, paired.pairs.length);
  const origin = Math.floor(startS / width) * width;
  const count = Math.max(1, Math.ceil((endS - origin) / width));
  const x = Array.from({ length: count }, (_, i) => Math.round((origin + i * width) * 1000) / 1000);
  const bucketOf = (ns: number): number => Math.min(count - 1, Math.max(0, Math.floor((ns / 1e9 - origin) / width)));
  const byType = new Map<string, number[]>(['ok', 'fail', 'info'].map((t) => [t, new Array<number>(count).fill(0)]));
  const byF = new Map<string, number[][]>();
  const slowest = new Array<number | null>(count).fill(null);
  for (const pair of paired.pairs) {
    const done = pair.completionTime;
    if (done === null || pair.f === 'final-read') continue;
    const b = bucketOf(done);
    const counts = byType.get(pair.type);
    if (counts) counts[b] = (counts[b] as number) + 1 / width;
    if (pair.type !== 'ok') continue;
    const latency = (done - pair.invokeTime) / 1e6;
    let buckets = byF.get(pair.f);
    if (!buckets) {
      buckets = Array.from({ length: count }, () => []);
      byF.set(pair.f, buckets);
    }
    (buckets[b] as number[]).push(latency);
    slowest[b] = Math.max(slowest[b] ?? 0, Math.round(latency * 1000) / 1000);
  }
  const round = (v: number): number => Math.round(v * 100) / 100;
  return {
    x, bucketSeconds: width,
    throughput: [...byType].map(([name, values]) => ({ name: `${name}/s`, values: values.map(round) })),
    latency: [
      ...[...byF].map(([f, buckets]) => ({ name: `${f} median`, values: buckets.map(median) })),
      { name: 'slowest ok', values: slowest },
    ],
  };
}
