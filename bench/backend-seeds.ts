import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FencingMode } from '../harness/fenced-register.js';
import { runTest } from '../harness/run-test.js';
import { median } from './median.js';

// Runs one scenario of any backend over seeds 1..N, one run at a time, and prints per seed the
// verdict, double-holder incidents, lost and acknowledged updates (and their share), stale
// requests refused and the time from runTest to the first operation; then the totals. The run
// folders stay, so `fencecheck check` can re-check each run.
// Usage: npm run build && node dist/bench/backend-seeds.js BACKEND FENCING NEMESIS TTL_MS SECONDS SEEDS HOLD INTERVAL_S
// e.g.   node dist/bench/backend-seeds.js etcd none pause-leader,pause-holder 2000 60 10 0-2000 5

const [backend = 'etcd', fencing = 'none', nemesis = 'pause-holder', ttl = '2000', seconds = '30', seeds = '10', hold = '100-500', interval = '3'] = process.argv.slice(2);
const [holdMin = 100, holdMax = 500] = hold.split('-').map(Number);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-seeds-'));
let invalid = 0;
let valid = 0;
let lostTotal = 0;
let ackedTotal = 0;
const firstOps: number[] = [];
console.log(`scenario: ${backend}, 5 clients, --ttl ${ttl} --nemesis ${nemesis} --nemesis-interval ${interval} --hold ${hold} --fencing ${fencing} --time-limit ${seconds}`);
console.log('seed  verdict  incidents  lost  acked  lost%  stale-refused  first-op-ms');
for (let seed = 1; seed <= Number(seeds); seed++) {
  const outcome = await runTest({
    test: { backend, clients: 5, ttlMs: Number(ttl), fencing: fencing as FencingMode, nemesis, nemesisIntervalMs: Number(interval) * 1000,
      timeLimitMs: Number(seconds) * 1000, seed, holdMs: { min: holdMin, max: holdMax }, resultsRoot: root },
    argv: [], signal: new AbortController().signal, onProgress: () => undefined,
  });
  const { results } = outcome;
  const c = results.checkers as Record<string, Record<string, unknown> | undefined>;
  const incidents = (c.exclusion?.incidents as unknown[] | undefined)?.length ?? 0;
  const lost = (c['lost-updates']?.lost as unknown[] | undefined)?.length ?? 0;
  const acked = (c['lost-updates']?.acknowledged as number | undefined) ?? Number.NaN;
  const refused = (c.fencing?.rejectedStale as number | undefined) ?? Number.NaN;
  lostTotal += lost;
  ackedTotal += Number.isFinite(acked) ? acked : 0;
  if (results.valid === false) invalid++;
  if (results.valid === true) valid++;
  firstOps.push(outcome.firstOpAfterMs ?? Number.NaN);
  const share = Number.isFinite(acked) && acked > 0 ? ((100 * lost) / acked).toFixed(1) : '-';
  console.log(`${String(seed).padStart(4)}  ${String(results.valid).padEnd(7)}  ${String(incidents).padStart(9)}  ${String(lost).padStart(4)}  ${String(acked).padStart(5)}  `
    + `${share.padStart(5)}  ${String(refused).padStart(13)}  ${(outcome.firstOpAfterMs ?? Number.NaN).toFixed(0).padStart(11)}`);
}
console.log(`${invalid} of ${seeds} seeds invalid, ${valid} valid, ${Number(seeds) - invalid - valid} unknown; `
  + `${lostTotal} of ${ackedTotal} acknowledged updates lost (${ackedTotal > 0 ? ((100 * lostTotal) / ackedTotal).toFixed(1) : '-'}%); `
  + `first op after ${median(firstOps).toFixed(0)} ms (median)`);
// Kept, so `fencecheck check` can re-check each run.
console.log(`run folders: ${root}`);
