import { describe, expect, it } from 'vitest';
import { leftByLatestRun, latestResults, runCli, tempResults } from './cli-process.js';


// A correct single-node lock with a TTL far longer than any hold, and no faults: any violation
// reported here would be a false alarm.
describe('no false alarm on a safe configuration', () => {
  it.each([1, 2, 3])('redis, no faults, 10 s TTL, unfenced (seed %i) is valid', async (seed) => {
    const results = tempResults();
    const run = await runCli(['test', '--backend', 'redis', '--nemesis', 'none', '--ttl', '10000', '--fencing', 'none',
      '--time-limit', '10', '--seed', String(seed), '--results', results]);
    expect(run.stderr).not.toMatch(/fencecheck: /);
    expect(run.exitCode).toBe(0);
    const r = latestResults(results);
    expect(await leftByLatestRun(results)).toEqual({ containers: 0, networks: 0 });
    expect(r.valid).toBe(true);
    expect(r.checkers.exclusion.incidents).toEqual([]);
    expect(r.checkers['lost-updates'].lost).toEqual([]);
    // The run did real work: writes were acknowledged and all of them are in the final value.
    expect(r.checkers.stats.counts.write.ok).toBeGreaterThan(5);
  });
});
