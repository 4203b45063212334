import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelled, latestResults, runCli, tempResults } from './cli-process.js';

// The Redis family's scenarios through the CLI, short runs (the 10-seed figures are in
// BENCHMARKS.md). Each run must leave nothing of its own behind on the engine.

async function run(args: string[]): Promise<{ exitCode: number; stdout: string; r: Record<string, any> }> {
  const results = tempResults();
  const cli = await runCli(['test', ...args, '--results', results]);
  expect(cli.stderr).not.toMatch(/fencecheck: /);
  const test = JSON.parse(fs.readFileSync(path.join(results, 'latest', 'test.json'), 'utf8')) as { runId: string };
  expect(await labelled(test.runId)).toEqual({ containers: 0, networks: 0 });
  return { exitCode: cli.exitCode, stdout: cli.stdout, r: latestResults(results) };
}

describe('redlock', () => {
  it('no faults, long TTL: valid, and the summary says why there is no token instead of printing one', async () => {
    const { exitCode, stdout, r } = await run(['--backend', 'redlock', '--nemesis', 'none', '--ttl', '10000', '--time-limit', '8', '--seed', '1']);
    expect(exitCode).toBe(0);
    expect(r.checkers.exclusion.incidents).toEqual([]);
    expect(r.checkers['lost-updates'].lost).toEqual([]);
    expect(r.checkers.stats.counts.write.ok).toBeGreaterThan(3);
    expect(r.checkers.fencing.tokenless).toBeGreaterThan(3);
    expect(stdout).toMatch(/no fencing token \(recipe redlock\): Redlock's lock value is a random string .* cannot be a fencing token/);
    expect(stdout).not.toMatch(/token null/);
  });

  it('holder paused past its TTL (the GC pause): two holders and lost updates, unfenced', async () => {
    const { exitCode, stdout, r } = await run(['--backend', 'redlock', '--nemesis', 'pause-holder', '--ttl', '1000', '--fencing', 'none', '--time-limit', '15', '--seed', '1']);
    expect(exitCode).toBe(1);
    expect(r.checkers.exclusion.valid).toBe(false);
    expect(r.checkers.exclusion.incidents.length).toBeGreaterThan(0);
    expect(stdout).toMatch(/double holder: process \d+ held the lock/);
    expect(stdout).not.toMatch(/token null/);
  });
});

describe('redis-sentinel', () => {
  it('no faults, long TTL: valid, tokens increase and are unique', async () => {
    const { exitCode, r } = await run(['--backend', 'redis-sentinel', '--nemesis', 'none', '--ttl', '10000', '--time-limit', '8', '--seed', '1']);
    expect(exitCode).toBe(0);
    expect(r.checkers.exclusion.incidents).toEqual([]);
    expect(r.checkers.fencing.valid).toBe(true);
    expect(r.checkers.fencing.grants).toBeGreaterThan(3);
    expect(r.checkers.fencing.tokenless).toBe(0);
  });
});
