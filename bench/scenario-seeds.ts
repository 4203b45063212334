import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FencingMode } from '../harness/fenced-register.js';
import { runTest } from '../harness/run-test.js';

// Runs one scenario over seeds 1..N and prints, per seed, the verdict, double-holder incidents,
// lost updates and stale requests refused, then how many seeds were invalid.
// Usage: npm run build && node dist/bench/scenario-seeds.js FENCING NEMESIS TTL_MS SECONDS [SEEDS=10]
// e.g.   node dist/bench/scenario-seeds.js none pause-holder 1000 30 10

const [fencing = 'none', nemesis = 'pause-holder', ttl = '1000', seconds = '30', seeds = '10'] = process.argv.slice(2);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-seeds-'));
let invalid = 0;
let valid = 0;
console.log(`scenario: redis, 5 clients, --ttl ${ttl} --nemesis ${nemesis} --fencing ${fencing} --time-limit ${seconds}`);
console.log('seed  verdict  incidents  lost  acked  stale-refused');
for (let seed = 1; seed <= Number(seeds); seed++) {
  const { results } = await runTest({
    test: { backend: 'redis', clients: 5, ttlMs: Number(ttl), fencing: fencing as FencingMode, nemesis, nemesisIntervalMs: 3000,
      timeLimitMs: Number(seconds) * 1000, seed, holdMs: { min: 100, max: 500 }, resultsRoot: root },
    argv: [], signal: new AbortController().signal, onProgress: () => undefined,
  });
  const c = results.checkers as Record<string, Record<string, unknown> | undefined>;
  const incidents = (c.exclusion?.incidents as unknown[] | undefined)?.length ?? 0;
  const lost = (c['lost-updates']?.lost as unknown[] | undefined)?.length ?? 0;
  const acked = (c['lost-updates']?.acknowledged as number | undefined) ?? Number.NaN;
  const refused = (c.fencing?.rejectedStale as number | undefined) ?? Number.NaN;
  if (results.valid === false) invalid++;
  if (results.valid === true) valid++;
  console.log(`${String(seed).padStart(4)}  ${String(results.valid).padEnd(7)}  ${String(incidents).padStart(9)}  ${String(lost).padStart(4)}  ${String(acked).padStart(5)}  ${String(refused).padStart(13)}`);
}
console.log(`${invalid} of ${seeds} seeds invalid, ${valid} valid, ${Number(seeds) - invalid - valid} unknown`);
fs.rmSync(root, { recursive: true, force: true });
