import fs from 'node:fs';
import path from 'node:path';
import { generateLockHistory } from './generate-lock-history.js';

// Writes a run folder (history.jsonl, register.jsonl, test.json) of a generated lock test in the
// harness's bounded line shape, for `fencecheck check` at scale.
// Usage: npm run build && node dist/bench/write-run-folder.js DIR [ops=1000000] [fencing=none] [keyEvery=1000] [nemesis=pause]
// The clients are the harness's (8, acquires that wait until granted). With nemesis `pause` a
// holder is paused past its TTL now and then (double holders, lost updates); with `none` the
// history is valid and every checker must read it to its end, the shape of a long fault-free run.

const dir = process.argv[2];
if (!dir) throw new Error('usage: node dist/bench/write-run-folder.js DIR [ops] [fencing] [keyEvery] [nemesis]');
const ops = Number(process.argv[3] ?? 1_000_000);
const fencing = (process.argv[4] ?? 'none') as 'none' | 'write' | 'full';
const keyEvery = Number(process.argv[5] ?? 1000);
const nemesis = process.argv[6] ?? 'pause';
if (nemesis !== 'pause' && nemesis !== 'none') throw new Error(`nemesis must be pause or none, got ${nemesis}`);
// Clients as the harness runs them: 8, each acquire waiting until granted, rare timeouts.
const g = generateLockHistory({ ops, seed: 7, fencing, keyEvery, workers: 8, blockingAcquire: true, infoRate: 0.00005,
  ...(nemesis === 'none' ? { pauseEveryMs: Number.MAX_SAFE_INTEGER } : {}) });
fs.mkdirSync(dir, { recursive: true });
const write = (file: string, rows: readonly unknown[]): void => {
  const fd = fs.openSync(path.join(dir, file), 'w');
  for (let i = 0; i < rows.length; i += 10_000) fs.writeSync(fd, rows.slice(i, i + 10_000).map((r) => `${JSON.stringify(r)}\n`).join(''));
  fs.closeSync(fd);
};
write('history.jsonl', g.history);
write('register.jsonl', g.register);
fs.writeFileSync(path.join(dir, 'test.json'), `${JSON.stringify({ backend: 'generated', fencing, nemesis, ttlMs: g.test.ttlMs, keyEvery }, null, 2)}\n`);
console.log(`${dir}: ${g.history.length} ops, ${g.register.length} register entries`);
