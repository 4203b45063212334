import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonlLines, labelled, latestResults, runCli, tempResults } from './cli-process.js';

// The Redis family's scenarios through the CLI, short runs (the 10-seed figures are in
// BENCHMARKS.md). Each run must leave nothing of its own behind on the engine.

async function run(args: string[]): Promise<{ exitCode: number; stdout: string; r: Record<string, any> }> {
  const { history: _history, ...rest } = await runWithHistory(args);
  return rest;
}

async function runWithHistory(args: string[]): Promise<{ exitCode: number; stdout: string; r: Record<string, any>; history: Record<string, any>[] }> {
  const results = tempResults();
  const cli = await runCli(['test', ...args, '--results', results]);
  expect(cli.stderr).not.toMatch(/fencecheck: /);
  const test = JSON.parse(fs.readFileSync(path.join(results, 'latest', 'test.json'), 'utf8')) as { runId: string };
  expect(await labelled(test.runId)).toEqual({ containers: 0, networks: 0 });
  const history = jsonlLines(path.join(results, 'latest', 'history.jsonl')).map((line) => JSON.parse(line) as Record<string, any>);
  return { exitCode: cli.exitCode, stdout: cli.stdout, r: latestResults(results), history };
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

  it('Kleppmann\'s clock jump: minorities of nodes jump past the TTL during long holds: two holders', async () => {
    // A grant reaches all five nodes, so one jump of two leaves the holder three; holds of 2.5-3.5 s
    // next to a jump every 0.8-1.8 s see two jumps on different minorities, which leave it at most
    // two. One redlock attempt per call (retry count 0) gives a refused contender's nodes back at
    // once, so the next contender finds the freed nodes together: two holders within seconds.
    const { exitCode, r, history } = await runWithHistory(['--backend', 'redlock', '--nemesis', 'clock-bump-minority', '--ttl', '5000',
      '--hold', '2500-3500', '--clock-offset', '10000', '--fault-duration', '300', '--nemesis-interval', '1',
      '--redlock-retry-count', '0', '--fencing', 'none', '--time-limit', '25', '--seed', '1']);
    expect(exitCode).toBe(1);
    expect(r.checkers.exclusion.valid).toBe(false);
    type Holder = { process: number; startMs: number; acquireIndex: number };
    const incident = r.checkers.exclusion.incidents[0] as { holders: [Holder, Holder] } | undefined;
    if (!incident) throw new Error('no double holder in the run');
    // The holds end well within the TTL, so only a jump can have freed the lock: a node's clock
    // jumped after the first holder asked for the lock and before the second got it.
    const [first, second] = [...incident.holders].sort((a, b) => a.startMs - b.startMs) as [Holder, Holder];
    const asked = history.filter((op) => op.process === first.process && op.f === 'acquire' && op.type === 'invoke' && op.index < first.acquireIndex).at(-1);
    expect(asked).toBeDefined();
    const jumps = history.filter((op) => op.process === 'nemesis' && op.f === 'start' && op.value.fault === 'clock-bump-minority'
      && op.time > (asked?.time as number) && op.time / 1e6 < second.startMs);
    expect(jumps.length).toBeGreaterThan(0);
  });
});

describe('redis-sentinel', () => {
  it('no faults, long TTL: valid, tokens increase and are unique', async () => {
    const { exitCode, r, history } = await runWithHistory(['--backend', 'redis-sentinel', '--nemesis', 'none', '--ttl', '10000', '--time-limit', '8', '--seed', '1']);
    expect(exitCode).toBe(0);
    expect(r.checkers.exclusion.incidents).toEqual([]);
    const tokens = tokenGrants(history).sort((a, b) => a.okTime - b.okTime).map((g) => BigInt(g.token));
    expect(tokens.length).toBeGreaterThan(3);
    expect(tokens.every((t, i) => i === 0 || t > (tokens[i - 1] as bigint))).toBe(true);
  });

  it('primary killed and restarted before the sentinels fail over: it comes back empty, two holders, a token granted twice', async () => {
    // Holds long next to the outage (the kill lasts 0.5 s): the holder is still working when n1 is back.
    const { exitCode, r, history } = await runWithHistory(['--backend', 'redis-sentinel', '--nemesis', 'kill-leader', '--ttl', '10000',
      '--hold', '3000-5000', '--fault-duration', '500', '--nemesis-interval', '2', '--fencing', 'none', '--time-limit', '20', '--seed', '1']);
    expect(exitCode).toBe(1);
    expect(r.checkers.exclusion.incidents.length).toBeGreaterThan(0);
    // The history shows the counter starting again: the same token granted twice. (A lower token
    // certainly after a higher one is rarer: waiters invoke their acquire long before the grant.)
    const tokens = tokenGrants(history).map((g) => g.token);
    expect(new Set(tokens).size).toBeLessThan(tokens.length);
  });
});

interface TokenGrant { token: string; invokeTime: number; okTime: number }

/** Acquires that completed ok with a token, with their invocation and completion times. */
function tokenGrants(history: Record<string, any>[]): TokenGrant[] {
  const invoked = new Map<unknown, number>();
  const grants: TokenGrant[] = [];
  for (const op of history) {
    if (op.f !== 'acquire') continue;
    if (op.type === 'invoke') invoked.set(op.process, op.time as number);
    else if (op.type === 'ok' && typeof op.value?.token === 'string') {
      grants.push({ token: op.value.token as string, invokeTime: invoked.get(op.process) ?? 0, okTime: op.time as number });
    }
  }
  return grants;
}
