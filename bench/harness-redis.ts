import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTest } from '../harness/run-test.js';
import { median } from './median.js';

// Harness figures with images cached: time from `fencecheck test` to the first operation, and
// operations recorded per second with 5 clients, no hold time and no faults (redis by default).
// Usage: npm run build && node dist/bench/harness-redis.js [runs=3] [seconds=20] [backend=redis]

const runs = Number(process.argv[2] ?? 3);
const seconds = Number(process.argv[3] ?? 20);
const backend = process.argv[4] ?? 'redis';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-bench-'));
const firstOp: number[] = [];
const opsPerSecond: number[] = [];
for (let i = 0; i < runs; i++) {
  const outcome = await runTest({
    test: { backend, clients: 5, ttlMs: 5000, fencing: 'none', nemesis: 'none', nemesisIntervalMs: 3000,
      timeLimitMs: seconds * 1000, seed: i + 1, holdMs: { min: 0, max: 0 }, resultsRoot: root },
    argv: [], signal: new AbortController().signal, onProgress: () => undefined,
  });
  const history = fs.readFileSync(outcome.folder.history, 'utf8').trim().split('\n');
  const completions = history.filter((l) => !l.includes('"type":"invoke"') && !l.includes('"nemesis"')).length;
  firstOp.push(outcome.firstOpAfterMs ?? Number.NaN);
  opsPerSecond.push(completions / seconds);
  console.log(`run ${i + 1}: first op after ${outcome.firstOpAfterMs?.toFixed(0)} ms, ${(completions / seconds).toFixed(0)} ops/s, verdict ${String(outcome.results.valid)}`);
}
console.log(`${backend}, median over ${runs} runs: first op after ${median(firstOp).toFixed(0)} ms; ${median(opsPerSecond).toFixed(0)} completed ops/s (5 clients, no hold, no faults, ${seconds} s)`);
fs.rmSync(root, { recursive: true, force: true });
