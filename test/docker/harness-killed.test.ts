import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonlLines, labelled, latestResults, redisPause, runCli, startCli, tempResults, until } from './cli-process.js';

describe('a harness killed with SIGKILL halfway', () => {
  it('leaves a history that `check` reads, and `cleanup` removes what it left', async () => {
    const results = tempResults();
    const child = startCli(redisPause({ fencing: 'none', seed: 3, seconds: 60, results }));
    const history = path.join(results, 'latest', 'history.jsonl');
    // Halfway: after at least one pause has started and a few hundred ops are recorded.
    await until('a nemesis op and 300 ops', () => {
      const ops = jsonlLines(history);
      return ops.length > 300 && ops.some((l) => l.includes('"nemesis"'));
    }, 120_000);
    child.kill('SIGKILL');
    await child;

    const test = JSON.parse(fs.readFileSync(path.join(results, 'latest', 'test.json'), 'utf8')) as { runId: string };
    expect((await labelled(test.runId)).containers).toBeGreaterThan(0);

    const recorded = jsonlLines(history).map((l) => JSON.parse(l) as { type: string; process: unknown; f: string });
    const invokes = recorded.filter((op) => op.type === 'invoke').length;
    const completions = recorded.filter((op) => op.type !== 'invoke' && op.process !== 'nemesis').length;
    expect(recorded.some((op) => op.f === 'final-read')).toBe(false);

    const check = await runCli(['check', path.join(results, 'latest')]);
    expect(check.stderr).toBe('');
    const r = latestResults(results);
    expect(r.complete).toBe(false);
    expect(r.ops).toBe(recorded.length);
    expect(check.exitCode).toBe(r.valid === false ? 1 : r.valid === 'unknown' ? 2 : 0);
    expect(check.stdout).toMatch(/cut short/);
    // Every operation the harness never saw complete is counted as unknown (info), none dropped.
    const counts = r.checkers.stats.counts as Record<string, Record<string, number>>;
    const total = (type: string): number => Object.values(counts).reduce((s, byType) => s + (byType[type] ?? 0), 0);
    expect(total('ok') + total('fail') + total('info')).toBe(invokes);
    expect(total('info')).toBeGreaterThanOrEqual(invokes - completions);

    const cleanup = await runCli(['cleanup']);
    expect(cleanup.exitCode).toBe(0);
    expect(cleanup.stdout).toMatch(/removed [1-9]\d* containers and 1 networks/);
    expect(await labelled(test.runId)).toEqual({ containers: 0, networks: 0 });
  });
});
