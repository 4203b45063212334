import { performance } from 'node:perf_hooks';
import { checkExclusion } from '../checkers/exclusion.js';
import { checkFencing } from '../checkers/fencing.js';
import type { CheckInput } from '../checkers/history.js';
import { checkLockHistory } from '../checkers/lock-checkers.js';
import { checkLostUpdates } from '../checkers/lost-updates.js';
import { checkStats } from '../checkers/stats.js';
import { parseHistoryJsonl } from '../results/history-jsonl.js';
import { parseRegisterJsonl } from '../results/register-jsonl.js';
import { generateLockHistory } from './generate-lock-history.js';
import { median } from './median.js';

// Lock checkers on a synthetic history: time of each checker and of all together (median of runs),
// heap retained, and the process's peak RSS.
// Usage: npm run build && node --expose-gc dist/bench/checkers.js [ops=1000000] [runs=3] [fencing=none]

const ops = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 3);
const fencing = (process.argv[4] ?? 'none') as 'none' | 'write' | 'full';
const gc = (globalThis as { gc?: () => void }).gc ?? ((): void => undefined);
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

let started = performance.now();
const generated = generateLockHistory({ ops, seed: 7, fencing });
console.log(`generated ${generated.history.length} ops and ${generated.register.length} register entries in ${((performance.now() - started) / 1000).toFixed(1)} s`);
gc();
console.log(`after generation: rss ${mb(process.memoryUsage().rss)}, heap ${mb(process.memoryUsage().heapUsed)}`);

// A fresh copy of the history array per run: the pairing of ops is cached per array, and each
// checker alone must pay for it as it would in a fresh process.
const fresh = (): CheckInput => ({ history: generated.history.slice(), register: generated.register, test: generated.test });
const cases: [string, (input: CheckInput) => unknown][] = [
  ['exclusion', checkExclusion], ['lost-updates', checkLostUpdates], ['fencing', checkFencing], ['stats', checkStats],
  ['all (checkLockHistory)', checkLockHistory],
];
for (const [name, check] of cases) {
  const times: number[] = [];
  let retained = 0;
  for (let i = 0; i < runs; i++) {
    const input = fresh();
    gc();
    const before = process.memoryUsage().heapUsed;
    started = performance.now();
    const result = check(input);
    times.push(performance.now() - started);
    gc();
    retained = Math.max(retained, process.memoryUsage().heapUsed - before);
    if (i === runs - 1 && name.startsWith('all')) {
      const r = result as ReturnType<typeof checkLockHistory>;
      console.log(`verdict ${String(r.valid)}: ${r.summary}`);
      for (const [checker, c] of Object.entries(r.checkers)) console.log(`  ${checker}: ${String(c.valid)}: ${c.summary}`);
    }
  }
  console.log(`${name.padEnd(24)} median ${(median(times) / 1000).toFixed(2)} s  (runs: ${times.map((t) => (t / 1000).toFixed(2)).join(', ')})  heap retained by pairing + result ${mb(retained)}`);
}

const historyText = generated.history.map((op) => JSON.stringify(op)).join('\n') + '\n';
const registerText = generated.register.map((e) => JSON.stringify(e)).join('\n') + '\n';
const parseTimes: number[] = [];
for (let i = 0; i < runs; i++) {
  gc();
  started = performance.now();
  parseHistoryJsonl(historyText);
  parseRegisterJsonl(registerText);
  parseTimes.push(performance.now() - started);
}
console.log(`${'parse jsonl (+validate)'.padEnd(24)} median ${(median(parseTimes) / 1000).toFixed(2)} s  (${mb(historyText.length)} history, ${mb(registerText.length)} register)`);
console.log(`peak rss over the whole bench: ${mb(process.resourceUsage().maxRSS * 1024)}`);
