import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, labelled, latestResults, runCli, tempResults } from './cli-process.js';

// `--lock-client`: a user's own lock module, copied into the client containers and run there
// against the real backend, with the example modules of examples/lock-clients/.

const EXAMPLES = path.resolve(path.dirname(BIN), '../examples/lock-clients');

async function withModule(module: string, flags: string[], seconds: number): Promise<{ exitCode: number; r: Record<string, any>; test: Record<string, any> }> {
  const results = tempResults();
  const run = await runCli(['test', '--backend', 'redis', '--lock-client', path.join(EXAMPLES, module), '--clients', '5', '--ttl', '1000',
    '--time-limit', String(seconds), '--seed', '1', '--results', results, ...flags]);
  expect(run.stderr).not.toMatch(/fencecheck: /);
  const test = JSON.parse(fs.readFileSync(path.join(results, 'latest', 'test.json'), 'utf8')) as Record<string, any>;
  // Only this run's own: other tests may share the engine.
  expect(await labelled(test.runId as string)).toEqual({ containers: 0, networks: 0 });
  return { exitCode: run.exitCode, r: latestResults(results), test };
}

describe('your own lock client', () => {
  it('a correct Redis lock module, no fault: valid, run from its copy in the client image', async () => {
    const { exitCode, r, test } = await withModule('redis-lock.mjs', ['--nemesis', 'none', '--fencing', 'none'], 8);
    expect(test.lockClientModule).toMatchObject({ files: ['redis-connection.mjs', 'redis-lock.mjs', 'retry-until.mjs'], packages: ['fencecheck', 'ioredis'] });
    expect(r.checkers.exclusion.incidents).toEqual([]);
    expect(r.checkers['lost-updates'].acknowledged).toBeGreaterThan(5);
    expect(exitCode).toBe(0);
  });

  it('the correct module under pause-holder with full fencing: nothing lost, stale requests refused', async () => {
    const { exitCode, r } = await withModule('redis-lock.mjs', ['--nemesis', 'pause-holder', '--fencing', 'full'], 15);
    expect(r.checkers['lost-updates'].lost).toEqual([]);
    expect(r.checkers.fencing.rejectedStale).toBeGreaterThan(0);
    expect(exitCode).toBe(0);
  });

  it('the broken module (GET, then a plain SET) is caught with no fault: two holders, lost updates', async () => {
    // The race needs two waiters to poll between a release and the next SET: short holds make many
    // hand-overs, so the run sees hundreds of chances instead of a few dozen.
    const { exitCode, r } = await withModule('redis-lock-get-then-set.mjs', ['--nemesis', 'none', '--fencing', 'none', '--hold', '0-20'], 12);
    expect(exitCode).toBe(1);
    expect(r.checkers.exclusion.incidents.length).toBeGreaterThan(0);
  });

  it.each([
    ['a missing file', 'no-such-lock.mjs', /no such file/],
    ['a module without a factory', '../../package.json', /cannot be loaded|not a valid ES module|exports no lock-client factory/],
  ])('refuses %s with one line and exit 254, before anything starts', async (_what, module, message) => {
    const results = tempResults();
    const run = await runCli(['test', '--backend', 'redis', '--lock-client', path.join(EXAMPLES, module), '--time-limit', '5', '--results', results]);
    expect(run.exitCode).toBe(254);
    expect(run.stderr.trim().split('\n').filter((l) => l.startsWith('fencecheck: '))).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(fs.readdirSync(results)).toEqual([]);
  });
});
