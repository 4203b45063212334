import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelled, latestResults, runCli, tempResults } from './cli-process.js';

// Bounds per history line, fixed whatever the run's length. BENCHMARKS.md (issue 8) measured 143
// bytes per history line and 40 bytes of register.jsonl per history line on a 60 s run of this
// workload; lines grow only by a digit or two as times, processes and elements grow, and each
// key's final read (at most K elements) is shared by K writes. The bounds leave about 40% and 50%
// headroom for that, while the square-growth shape this replaced wrote kilobytes per line within a
// minute (2.0 GB for 5 minutes), so a regression cannot stay under them.
const HISTORY_BYTES_PER_LINE = 200;
const REGISTER_BYTES_PER_HISTORY_LINE = 60;
/** A full-speed run makes about 116 history lines a second here; a third of that on a loaded CI machine. */
const MIN_HISTORY_LINES = 6000;

describe('a 3-minute full-speed run', () => {
  it('redis, 8 clients, holds of 0-20 ms: files stay under a fixed number of bytes per op and the verdict is valid', async () => {
    const results = tempResults();
    const run = await runCli(['test', '--backend', 'redis', '--clients', '8', '--hold', '0-20', '--ttl', '10000', '--nemesis', 'none',
      '--time-limit', '180', '--seed', '8', '--results', results]);
    expect(run.exitCode, run.stderr.slice(-2000)).toBe(0);
    const dir = path.join(results, 'latest');
    const r = latestResults(results);
    expect(r).toMatchObject({ valid: true, complete: true });
    const historyLines = r.ops as number;
    expect(historyLines).toBeGreaterThan(MIN_HISTORY_LINES);
    const historyBytes = fs.statSync(path.join(dir, 'history.jsonl')).size;
    const registerBytes = fs.statSync(path.join(dir, 'register.jsonl')).size;
    expect(historyBytes / historyLines).toBeLessThan(HISTORY_BYTES_PER_LINE);
    expect(registerBytes / historyLines).toBeLessThan(REGISTER_BYTES_PER_HISTORY_LINE);
    expect(r.checkers['lost-updates']).toMatchObject({ valid: true, lost: [] });
    const test = JSON.parse(fs.readFileSync(path.join(dir, 'test.json'), 'utf8')) as { runId: string };
    expect(await labelled(test.runId)).toEqual({ containers: 0, networks: 0 });
    console.log(`full-speed: ${historyLines} history lines, ${(historyBytes / historyLines).toFixed(1)} B/line history, `
      + `${(registerBytes / historyLines).toFixed(1)} B/line register`);
  }, 420_000);
});
