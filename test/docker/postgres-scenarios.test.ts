import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelled, latestResults, runCli, tempResults } from './cli-process.js';

// The PostgreSQL rows of DESIGN.md through the real CLI, short runs (the 10-seed figures are in
// BENCHMARKS.md): the pooled session lock with no fault, the transaction lock behind the same
// pooler, the holder's session terminated or cut off, and a fault-free direct run.

function postgres(opts: { flags: string[]; seconds: number; seed?: number }): { args: string[]; results: string } {
  const results = tempResults();
  return {
    results,
    args: ['test', '--backend', 'postgres', '--clients', '5', '--ttl', '1000', '--time-limit', String(opts.seconds),
      '--seed', String(opts.seed ?? 1), '--results', results, ...opts.flags],
  };
}

async function verdict(opts: { flags: string[]; seconds: number }): Promise<{ exitCode: number; stdout: string; r: Record<string, any> }> {
  const { args, results } = postgres(opts);
  const run = await runCli(args);
  expect(run.stderr).not.toMatch(/fencecheck: /);
  // Only this run's own: other tests may share the engine.
  const test = JSON.parse(fs.readFileSync(path.join(results, 'latest', 'test.json'), 'utf8')) as { runId: string };
  expect(await labelled(test.runId)).toEqual({ containers: 0, networks: 0 });
  return { exitCode: run.exitCode, stdout: run.stdout, r: latestResults(results) };
}

describe('postgres advisory locks through the CLI', () => {
  it('session lock behind PgBouncer transaction pooling, no fault: two holders at once', async () => {
    const { exitCode, r } = await verdict({ flags: ['--pooler', 'pgbouncer', '--recipe', 'session', '--nemesis', 'none', '--fencing', 'none'], seconds: 8 });
    expect(exitCode).toBe(1);
    expect(r.valid).toBe(false);
    const incidents = r.checkers.exclusion.incidents as any[];
    expect(incidents.length).toBeGreaterThan(0);
    expect(incidents[0].processes).toHaveLength(2);
  });

  it('transaction lock behind the same pooler, no fault: valid', async () => {
    const { exitCode, r } = await verdict({ flags: ['--pooler', 'pgbouncer', '--recipe', 'xact', '--nemesis', 'none', '--fencing', 'none'], seconds: 8 });
    expect(r.checkers.exclusion.incidents).toEqual([]);
    expect(exitCode).toBe(0);
    expect(r.valid).toBe(true);
  });

  it('terminate-holder, unfenced: the server freed the lock under a working holder', async () => {
    const { exitCode, r } = await verdict({ flags: ['--nemesis', 'terminate-holder', '--nemesis-interval', '1', '--fault-duration', '500', '--fencing', 'none'], seconds: 15 });
    expect(exitCode).toBe(1);
    expect(r.checkers.exclusion.incidents.length).toBeGreaterThan(0);
  });

  it('terminate-holder, full fencing: the stale holder\'s requests are refused, nothing lost', async () => {
    const { exitCode, r } = await verdict({ flags: ['--nemesis', 'terminate-holder', '--nemesis-interval', '1', '--fault-duration', '500', '--fencing', 'full'], seconds: 15 });
    expect(r.checkers['lost-updates'].lost).toEqual([]);
    expect(r.checkers.fencing.valid).toBe(true);
    expect(exitCode).toBe(0);
  });

  // The server's keepalives drop the cut-off holder's session (and its lock) within about two
  // seconds; the holder, still reaching the register, works on for seconds more.
  const partition = ['--nemesis', 'partition-holder', '--hold', '4000-5000', '--fault-duration', '6000', '--nemesis-interval', '1',
    '--pg-keepalives-idle', '1', '--pg-keepalives-interval', '1', '--pg-keepalives-count', '1'];

  it('partition-holder, unfenced: the server dropped the session of a holder that worked on', async () => {
    const { exitCode, r } = await verdict({ flags: [...partition, '--fencing', 'none'], seconds: 20 });
    expect(exitCode).toBe(1);
    expect(r.checkers.exclusion.incidents.length).toBeGreaterThan(0);
  });

  it('partition-holder, full fencing: nothing lost', async () => {
    const { exitCode, r } = await verdict({ flags: [...partition, '--fencing', 'full'], seconds: 20 });
    expect(r.checkers['lost-updates'].lost).toEqual([]);
    expect(r.checkers.fencing.valid).toBe(true);
    expect(exitCode).toBe(0);
  });

  it('session lock, direct, no fault: valid', async () => {
    const { exitCode, r } = await verdict({ flags: ['--recipe', 'session', '--nemesis', 'none', '--fencing', 'none'], seconds: 8 });
    expect(r.checkers.exclusion.incidents).toEqual([]);
    expect(exitCode).toBe(0);
  });
});
