import { describe, expect, it } from 'vitest';
import { leftByLatestRun, latestResults, redisPause, runCli, tempResults } from './cli-process.js';

// The first scenario of DESIGN.md: a Redis lock holder paused (SIGSTOP) longer than its TTL.
// The 10-seed figures are in BENCHMARKS.md; CI runs a few seeds with a shorter time limit.
const SECONDS = 20;


describe('redis, holder paused past its TTL', () => {
  it.each([1, 2])('unfenced (seed %i): two holders at once and lost updates, named exactly', async (seed) => {
    const results = tempResults();
    const run = await runCli(redisPause({ fencing: 'none', seed, seconds: SECONDS, results }));
    expect(run.stderr).not.toMatch(/fencecheck: /);
    expect(run.exitCode).toBe(1);
    const r = latestResults(results);
    expect(await leftByLatestRun(results)).toEqual({ containers: 0, networks: 0 });
    expect(r.valid).toBe(false);
    const incidents = r.checkers.exclusion.incidents as any[];
    expect(incidents.length).toBeGreaterThan(0);
    expect(incidents[0].processes).toHaveLength(2);
    const lost = r.checkers['lost-updates'].lost as any[];
    expect(lost.length).toBeGreaterThan(0);
    expect(typeof lost[0].element).toBe('number');
    expect(run.stdout).toMatch(/double holder/);
    expect(run.stdout).toMatch(/lost updates: element \d+/);
  });

  it('fenced (full): the same pauses, no lost update, stale requests refused', async () => {
    const results = tempResults();
    const run = await runCli(redisPause({ fencing: 'full', seed: 1, seconds: SECONDS, results }));
    expect(run.stderr).not.toMatch(/fencecheck: /);
    expect(run.exitCode).toBe(0);
    const r = latestResults(results);
    expect(await leftByLatestRun(results)).toEqual({ containers: 0, networks: 0 });
    expect(r.valid).toBe(true);
    expect(r.checkers['lost-updates'].valid).toBe(true);
    expect(r.checkers['lost-updates'].lost).toEqual([]);
    expect(r.checkers.fencing.valid).toBe(true);
    expect(r.checkers.fencing.rejectedStale).toBeGreaterThan(0);
    // The pauses still made the lock non-exclusive: fencing, not the lock, kept the data safe.
    expect(r.checkers.exclusion.incidents.length).toBeGreaterThan(0);
  });
});
