import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yargs from 'yargs';
import { testBuilder, testOptionsFromArgs, type TestArgs } from '../cli/commands/test-command.js';
import type { AvailabilityAroundFaults } from '../checkers/fault-availability.js';
import { runTest } from '../harness/run-test.js';
import { median } from './median.js';

// Runs one scenario over seeds 1..N, one run at a time, and prints per seed the verdict,
// double-holder incidents, lost updates, stale requests the register refused, token regressions,
// tokens granted more than once, the lock's availability (share of the run it was held, from the
// stats) and the time of the first violation (ms after the first client operation), then the count
// of each verdict, and from the stats checker the lock's unavailability around faults (the median
// over the run's faults of the longest unavailable stretch, and of the time to the first grant;
// pooled over every fault of every seed at the end). With --results FOLDER the run folders stay
// there (for `fencecheck check` with newer checkers); without it they go to a temporary folder
// removed at the end.
// Usage: npm run build && node dist/bench/scenario-seeds.js SEEDS <fencecheck test flags>
// e.g.   node dist/bench/scenario-seeds.js 10 --nemesis clock-bump-leader --ttl 1000 --time-limit 15 --fencing none

type Result = Record<string, unknown> | undefined;
const list = (r: Result, field: string): Record<string, unknown>[] => (r?.[field] as Record<string, unknown>[] | undefined) ?? [];
const num = (r: Result, field: string): number => (typeof r?.[field] === 'number' ? r[field] : Number.NaN);

const [seedsArg = '10', ...flags] = process.argv.slice(2);
const seeds = Number(seedsArg);
const args = await yargs(['test', ...flags]).command('test', '', testBuilder).strict().parseAsync() as unknown as TestArgs;
const keep = flags.some((f) => f === '--results' || f.startsWith('--results='));
const root = keep ? path.resolve(args.results) : fs.mkdtempSync(path.join(os.tmpdir(), 'fc-seeds-'));
const counts = { true: 0, false: 0, unknown: 0 };
console.log(`scenario: fencecheck test ${flags.join(' ')} --seed 1..${seeds}`);
console.log('seed  verdict  incidents  lost  acked  stale-refused  regressions  duplicates  held-%  first-violation-ms  unavailable-ms  first-grant-ms');
const longest: number[] = [];
const grants: number[] = [];
const ms = (xs: number[]): string => (xs.length > 0 ? median(xs).toFixed(0) : '-');
for (let seed = 1; seed <= seeds; seed++) {
  const test = { ...testOptionsFromArgs({ ...args, seed }), resultsRoot: root };
  const { results, folder } = await runTest({ test, argv: flags, signal: new AbortController().signal, onProgress: () => undefined });
  // History times count from the harness's clock start, before the cluster starts: measure from the first client op.
  const firstOp = fs.readFileSync(folder.history, 'utf8').split('\n').find((l) => /"process":\d/.test(l));
  const startMs = firstOp ? (JSON.parse(firstOp) as { time: number }).time / 1e6 : 0;
  const c = results.checkers as Record<string, Result>;
  const incidents = list(c.exclusion, 'incidents');
  const lost = list(c['lost-updates'], 'lost');
  const firsts = [...incidents.map((i) => i.startMs), ...lost.map((l) => l.timeMs)].filter((t): t is number => typeof t === 'number');
  const first = firsts.length > 0 ? (Math.min(...firsts) - startMs).toFixed(0) : '-';
  const regressions = typeof c.fencing?.regressionCount === 'number' ? c.fencing.regressionCount : list(c.fencing, 'regressions').length;
  const duplicates = num(c.fencing, 'duplicateCount');
  const held = (num(c.stats, 'availability') * 100).toFixed(1);
  counts[String(results.valid) as keyof typeof counts] += 1;
  const faults = (c.stats?.aroundFaults as AvailabilityAroundFaults | undefined)?.faults ?? [];
  const runLongest = faults.map((f) => f.longest?.durationMs ?? 0);
  const runGrants = faults.flatMap((f) => (f.firstGrantMs === null ? [] : [f.firstGrantMs]));
  longest.push(...runLongest);
  grants.push(...runGrants);
  console.log(`${String(seed).padStart(4)}  ${String(results.valid).padEnd(7)}  ${String(incidents.length).padStart(9)}  ${String(lost.length).padStart(4)}  `
    + `${String(num(c['lost-updates'], 'acknowledged')).padStart(5)}  ${String(num(c.fencing, 'rejectedStale')).padStart(13)}  ${String(regressions).padStart(11)}  `
    + `${String(duplicates).padStart(10)}  ${held.padStart(6)}  ${first.padStart(18)}  ${ms(runLongest).padStart(14)}  ${ms(runGrants).padStart(14)}`);
}
console.log(`${counts.false} of ${seeds} seeds invalid, ${counts.true} valid, ${counts.unknown} unknown`);
console.log(`around ${longest.length} faults: longest unavailable stretch median ${ms(longest)} ms (max ${longest.length > 0 ? Math.max(...longest).toFixed(0) : '-'}), first grant after median ${ms(grants)} ms`);
if (keep) console.log(`run folders in ${root}`);
else fs.rmSync(root, { recursive: true, force: true });
