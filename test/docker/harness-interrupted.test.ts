import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonlLines, labelled, latestResults, redisPause, runCli, startCli, tempResults, until } from './cli-process.js';

describe('a harness stopped before its time limit', () => {
  it('on SIGTERM heals the pause, removes its containers and still checks what it recorded', async () => {
    const results = tempResults();
    const child = startCli(redisPause({ fencing: 'none', seed: 5, seconds: 120, results }));
    const history = path.join(results, 'latest', 'history.jsonl');
    // Stop it in the middle of a pause: the paused client must be resumed and removed too.
    await until('a pause to start', () => {
      const ops = jsonlLines(history);
      const last = ops.filter((l) => l.includes('"nemesis"')).at(-1);
      return last !== undefined && last.includes('"start"');
    }, 120_000);
    const stoppedAt = Date.now();
    child.kill('SIGTERM');
    const done = await child;
    expect(Date.now() - stoppedAt).toBeLessThan(30_000);
    expect(String(done.stderr)).toMatch(/SIGTERM: stopping the test/);

    const ops = jsonlLines(history).map((l) => JSON.parse(l) as { process: unknown; f: string; type: string });
    const nemesis = ops.filter((op) => op.process === 'nemesis');
    expect(nemesis.at(-1)?.f).toBe('stop');
    expect(ops.some((op) => op.f === 'final-read' && op.type === 'ok')).toBe(true);
    const r = latestResults(results);
    expect(done.exitCode).toBe(r.valid === false ? 1 : r.valid === 'unknown' ? 2 : 0);
    const test = JSON.parse(fs.readFileSync(path.join(results, 'latest', 'test.json'), 'utf8')) as { runId: string };
    expect(await labelled(test.runId)).toEqual({ containers: 0, networks: 0 });
  });

  it('killed with SIGKILL, is reaped by the next test', async () => {
    const results = tempResults();
    const child = startCli(redisPause({ fencing: 'none', seed: 6, seconds: 120, results }));
    const history = path.join(results, 'latest', 'history.jsonl');
    await until('50 ops', () => jsonlLines(history).length > 50, 120_000);
    const test = JSON.parse(fs.readFileSync(path.join(results, 'latest', 'test.json'), 'utf8')) as { runId: string };
    child.kill('SIGKILL');
    await child;
    expect((await labelled(test.runId)).containers).toBeGreaterThan(0);

    const next = await runCli(['test', '--nemesis', 'none', '--ttl', '10000', '--time-limit', '2', '--seed', '1', '--results', results]);
    expect(next.exitCode).toBe(0);
    expect(next.stderr).toMatch(/removed [1-9]\d* containers and 1 networks left by runs whose harness is gone/);
    expect(await labelled(test.runId)).toEqual({ containers: 0, networks: 0 });
  });
});
