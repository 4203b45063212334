import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonlLines, labelled, latestResults, runCli, tempResults } from './cli-process.js';

const OLD_RUN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../data/run-before-keys');
/** With --key-every 5 no value holds much more than 5 elements, so no line comes near this. */
const MAX_LINE = 400;

// DESIGN.md section 5: every line is bounded. A real run that writes many times K elements keeps
// every line of history.jsonl and register.jsonl short, and the whole values appear only in the
// final reads, one per key. A run folder written before keys still checks.
describe('bounded lines', () => {
  it('a real run past K elements: short lines, several keys, whole values only in final reads, valid', async () => {
    const results = tempResults();
    const run = await runCli(['test', '--backend', 'redis', '--clients', '4', '--ttl', '10000', '--nemesis', 'none', '--hold', '0-5',
      '--key-every', '5', '--time-limit', '10', '--seed', '3', '--results', results]);
    expect(run.stderr).not.toMatch(/fencecheck: /);
    expect(run.exitCode).toBe(0);
    const dir = path.join(results, 'latest');
    const runId = (JSON.parse(fs.readFileSync(path.join(dir, 'test.json'), 'utf8')) as { runId: string }).runId;
    expect(await labelled(runId)).toEqual({ containers: 0, networks: 0 });

    const history = jsonlLines(path.join(dir, 'history.jsonl'));
    const register = jsonlLines(path.join(dir, 'register.jsonl'));
    const ops = history.map((l) => JSON.parse(l) as { f: string; type: string; value: { key?: number; value?: unknown } });
    const acked = ops.filter((op) => op.f === 'write' && op.type === 'ok');
    expect(acked.length).toBeGreaterThan(4 * 5);
    expect(new Set(acked.map((op) => op.value.key)).size).toBeGreaterThan(4);
    for (const line of [...history, ...register]) expect(line.length).toBeLessThanOrEqual(MAX_LINE);
    expect(new Set(ops.filter((op) => op.value?.value !== undefined).map((op) => op.f))).toEqual(new Set(['final-read']));
    const logged = register.map((l) => JSON.parse(l) as { op: string; value?: unknown });
    expect(new Set(logged.filter((e) => e.value !== undefined).map((e) => e.op))).toEqual(new Set(['final-read']));
    expect(latestResults(results).checkers['lost-updates']).toMatchObject({ valid: true, acknowledged: acked.length, lost: [] });
  });

  it('a run folder of the older shape (no keys, whole values) still checks, naming the lost element and its overwrite', async () => {
    // A copy: check writes results.json beside the history.
    const dir = tempResults();
    for (const file of fs.readdirSync(OLD_RUN)) fs.copyFileSync(path.join(OLD_RUN, file), path.join(dir, file));
    const run = await runCli(['check', dir]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('lost updates: element 2 (process 1, token 2, overwritten by process 0 (token 1))');
  });

  it('a client count the engine cannot hold is refused in one line before anything starts', async () => {
    const results = tempResults();
    const run = await runCli(['test', '--backend', 'redis', '--clients', '100000', '--time-limit', '5', '--results', results]);
    expect(run.exitCode).toBe(254);
    expect(run.stderr.trim()).toMatch(/^fencecheck: --clients 100000 needs about [\d.]+ GB on the Docker engine's machine, which has [\d.]+ GB: use --clients \d+ or fewer$/);
    expect(fs.readdirSync(results)).toEqual([]);
  });
});
