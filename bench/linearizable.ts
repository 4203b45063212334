/**
 * Linearizability checker benchmark (BENCHMARKS.md, "Linearizability checker"): times the check
 * of Porcupine's corpus, parsing excluded, as Porcupine's Go benchmarks do, and the growth of
 * peak RSS the check causes. Run one scenario per process for a clean peak:
 *   node --expose-gc dist/bench/linearizable.js [scenario] [--json]
 * Scenarios: etcd-all, etcd-002, kv-c50-ok, kv-c10-ok-whole, kv-c50-bad, kv-c10-bad-whole, mutex-100k, all (default).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { checkLinearizable, type LinearizableOptions } from '../checkers/linearizable/check-linearizable.js';
import type { LinOp } from '../checkers/linearizable/lin-op.js';
import { ETCD_COUNT, ETCD_EMPTY, ETCD_LINEARIZABLE, etcdFile, kvFile } from '../results/formats/corpus.js';
import { parseJepsenLog } from '../results/formats/jepsen-log.js';
import { parsePorcupineKv } from '../results/formats/porcupine-kv.js';
import { generateMutexHistory } from './linearizable-mutex-history.js';
import { lockHistoryToLinOps } from '../checkers/linearizable/lock-history.js';

interface Job { ops: readonly LinOp[]; opts: LinearizableOptions; expected: boolean | 'any' }

interface Scenario { name: string; jobs: () => Job[]; minMs: number }

const etcd = (n: number): Job => ({
  ops: parseJepsenLog(readFileSync(etcdFile(n), 'utf8')), opts: { model: 'cas-register' }, expected: ETCD_LINEARIZABLE.has(n),
});
const kv = (name: string, perKey: boolean): Job => ({
  ops: parsePorcupineKv(readFileSync(kvFile(name), 'utf8')), opts: { model: 'kv', perKey }, expected: name.endsWith('-ok'),
});

const SCENARIOS: Scenario[] = [
  { name: 'etcd-all', minMs: 2000, jobs: () => Array.from({ length: ETCD_COUNT }, (_, n) => n).filter((n) => n !== ETCD_EMPTY).map(etcd) },
  { name: 'etcd-002', minMs: 1000, jobs: () => [etcd(2)] },
  { name: 'kv-c50-ok', minMs: 1000, jobs: () => [kv('c50-ok', true)] },
  { name: 'kv-c10-ok-whole', minMs: 2000, jobs: () => [kv('c10-ok', false)] },
  { name: 'kv-c50-bad', minMs: 1000, jobs: () => [kv('c50-bad', true)] },
  { name: 'kv-c10-bad-whole', minMs: 2000, jobs: () => [kv('c10-bad', false)] },
  {
    name: 'mutex-100k', minMs: 0, jobs: () => {
      const history = generateMutexHistory({ ops: 200_000, processes: 20, infoRate: 0.01, seed: 7 });
      return [{ ops: lockHistoryToLinOps(history), opts: { model: 'mutex', timeLimitMs: 10_000, now: () => performance.now() }, expected: 'any' }];
    },
  },
];

function runOnce(jobs: readonly Job[]): string[] {
  return jobs.map((job) => {
    const r = checkLinearizable(job.ops, job.opts);
    if (job.expected !== 'any' && r.valid !== job.expected) throw new Error(`wrong verdict ${String(r.valid)}`);
    return `${String(r.valid)}${r.reason === undefined ? '' : ` (${r.reason})`}`;
  });
}

function measure(s: Scenario): { name: string; meanMs: number; runs: number; peakRssGrowthMb: number; peakRssMb: number; verdicts: string[] } {
  const jobs = s.jobs();
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.resourceUsage().maxRSS;
  let verdicts = runOnce(jobs);
  const peakRssGrowthMb = (process.resourceUsage().maxRSS - rssBefore) / 1024;
  for (let i = 0; i < 2 && s.minMs > 0; i++) runOnce(jobs);
  let runs = 0;
  const start = performance.now();
  do {
    verdicts = runOnce(jobs);
    runs++;
  } while (performance.now() - start < s.minMs || runs < (s.minMs > 0 ? 5 : 1));
  const meanMs = (performance.now() - start) / runs;
  return { name: s.name, meanMs, runs, peakRssGrowthMb, peakRssMb: process.resourceUsage().maxRSS / 1024, verdicts: [...new Set(verdicts)] };
}

const which = process.argv[2] ?? 'all';
const chosen = which === 'all' || which === '--json' ? SCENARIOS : SCENARIOS.filter((s) => s.name === which);
if (chosen.length === 0) {
  console.error(`unknown scenario ${which}: choose one of ${SCENARIOS.map((s) => s.name).join(', ')}, all`);
  process.exit(254);
}
for (const s of chosen) {
  const m = measure(s);
  if (process.argv.includes('--json')) console.log(JSON.stringify(m));
  else console.log(`${m.name.padEnd(18)} ${m.meanMs.toFixed(3).padStart(10)} ms/op  (${m.runs} runs)  peak RSS +${m.peakRssGrowthMb.toFixed(1)} MB (process ${m.peakRssMb.toFixed(0)} MB)  verdicts ${m.verdicts.join(', ')}`);
}
