import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonlLines, labelled, latestResults, runCli, tempResults } from './cli-process.js';

// partition-leader on redis-sentinel: the primary is cut from the replicas, the sentinels and the
// clients on the other side, so the sentinels promote a replica while the old primary still
// serves the clients on its side. Short run; the 10-seed figures are in BENCHMARKS.md.

describe('redis-sentinel, partition-leader', () => {
  it('the sentinels fail over behind the isolated primary: two primaries grant, two holders', async () => {
    const results = tempResults();
    const cli = await runCli(['test', '--backend', 'redis-sentinel', '--nemesis', 'partition-leader', '--sentinel-down-after', '1000',
      '--fault-duration', '5000', '--ttl', '5000', '--hold', '1000-3000', '--fencing', 'none', '--time-limit', '25', '--seed', '6', '--results', results]);
    expect(cli.stderr).not.toMatch(/fencecheck: /);
    const dir = path.join(results, 'latest');
    const test = JSON.parse(fs.readFileSync(path.join(dir, 'test.json'), 'utf8')) as { runId: string };
    expect(await labelled(test.runId)).toEqual({ containers: 0, networks: 0 });

    const nemesis = jsonlLines(path.join(dir, 'history.jsonl')).map((l) => JSON.parse(l) as Record<string, any>).filter((op) => op.process === 'nemesis');
    const starts = nemesis.filter((op) => op.f === 'start');
    expect(starts.length).toBeGreaterThan(0);
    expect(nemesis.filter((op) => op.f === 'stop').length).toBe(starts.length);
    // The sentinels were placed with the replicas, away from the isolated primary.
    for (const start of starts) {
      const sees = start.value.sees as Record<string, string[]>;
      const isolated = Object.keys(sees).find((n) => /^n\d$/.test(n) && sees[n]!.length === 1)!;
      expect(isolated).toBeDefined();
      for (const s of ['s1', 's2', 's3']) expect(sees[s]).not.toContain(isolated);
    }
    // They failed over: a sentinel's log names the switch.
    const sentinelLogs = ['s1', 's2', 's3'].map((s) => fs.readFileSync(path.join(dir, 'nodes', `${s}.log`), 'utf8')).join('\n');
    expect(sentinelLogs).toMatch(/\+switch-master fencecheck /);

    const r = latestResults(results);
    expect(cli.exitCode).toBe(1);
    expect(r.checkers.exclusion.incidents.length).toBeGreaterThan(0);
    expect(cli.stdout).toMatch(/double holder: process \d+ \(token \d+\) held the lock/);
  });
});
