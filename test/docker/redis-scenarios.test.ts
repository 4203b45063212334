import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelled, latestResults, runCli, tempResults } from './cli-process.js';

// The Redis scenarios of the fault plane (issue 7), each a short end-to-end run through the real
// CLI; the 10-seed figures and their commands are in BENCHMARKS.md.

async function scenario(flags: string[], seed = 1): Promise<{ exitCode: number; stdout: string; r: Record<string, any>; dir: string }> {
  const results = tempResults();
  const run = await runCli(['test', '--backend', 'redis', '--clients', '5', '--seed', String(seed), '--results', results, ...flags]);
  expect(run.stderr).not.toMatch(/^fencecheck: /m);
  const dir = path.join(results, 'latest');
  // Every container and network of this run is gone, every fault healed with them (the engine is
  // shared: only this run's own label counts).
  const test = JSON.parse(fs.readFileSync(path.join(dir, 'test.json'), 'utf8')) as { runId: string };
  expect(await labelled(test.runId)).toEqual({ containers: 0, networks: 0 });
  return { exitCode: run.exitCode, stdout: run.stdout, r: latestResults(results), dir };
}

function expectDoubleHoldersAndLostUpdates(r: Record<string, any>): void {
  expect(r.valid).toBe(false);
  expect(r.checkers.exclusion.incidents.length).toBeGreaterThan(0);
  expect(r.checkers['lost-updates'].lost.length).toBeGreaterThan(0);
}

function expectSafeWithFencing(r: Record<string, any>): void {
  expect(r.valid).toBe(true);
  expect(r.checkers['lost-updates'].lost).toEqual([]);
  expect(r.checkers.stats.counts.write.ok).toBeGreaterThan(3);
}

const nemesisOps = (dir: string): any[] => fs.readFileSync(path.join(dir, 'history.jsonl'), 'utf8').split('\n')
  .filter((l) => l.includes('"nemesis"')).map((l) => JSON.parse(l));

describe('redis: the node\'s clock jumps forward while a lock is held (clock-bump-leader)', () => {
  const flags = ['--nemesis', 'clock-bump-leader', '--ttl', '1000', '--time-limit', '15', '--nemesis-interval', '2'];

  it('unfenced: the key expires early, two holders, lost updates', async () => {
    const { exitCode, r, dir } = await scenario([...flags, '--fencing', 'none']);
    expect(exitCode).toBe(1);
    expectDoubleHoldersAndLostUpdates(r);
    expect(nemesisOps(dir).find((op) => op.f === 'start')?.value).toMatchObject({ fault: 'clock-bump-leader', targets: ['n1'], offsetMs: 1500 });
  });

  it('fenced (full): the same jumps, no lost update', async () => {
    const { exitCode, r } = await scenario([...flags, '--fencing', 'full']);
    expect(exitCode).toBe(0);
    expectSafeWithFencing(r);
  });
});

describe('redis: the node dies during a critical section and is back before it ends (kill-leader)', () => {
  // Kills come every second or so: a restart takes about a second here, so only a kill early in a
  // critical section leaves the holder inside it when the node is back.
  const flags = ['--nemesis', 'kill-leader', '--fault-duration', '300', '--hold', '1000-1500', '--ttl', '5000', '--time-limit', '25', '--nemesis-interval', '1'];

  it('unfenced, no persistence: the restarted node forgot the lock and its token counter', async () => {
    const { exitCode, r, dir } = await scenario([...flags, '--redis-persistence', 'none', '--fencing', 'none']);
    expect(exitCode).toBe(1);
    expect(r.valid).toBe(false);
    // The counter starts again at 1 after a restart: later grants get lower tokens. (Whether two
    // clients also held the lock at once depends on where in a critical section the kill fell;
    // BENCHMARKS.md counts it over 10 seeds.)
    expect(r.checkers.fencing.regressionCount).toBeGreaterThan(0);
    // The same data and address after each restart: clients reconnected and kept working.
    const starts = nemesisOps(dir).filter((op) => op.f === 'start');
    expect(starts.length).toBeGreaterThan(2);
    const test = JSON.parse(fs.readFileSync(path.join(dir, 'test.json'), 'utf8'));
    expect(test.backendOptions).toEqual({ 'redis-persistence': 'none' });
  });

  it('fenced (full), no persistence: the fencing checker names the token regression', async () => {
    const { exitCode, r, stdout } = await scenario([...flags, '--redis-persistence', 'none', '--fencing', 'full']);
    expect(exitCode).toBe(1);
    expect(r.checkers.fencing.valid).toBe(false);
    expect(r.checkers.fencing.regressionCount).toBeGreaterThan(0);
    expect(stdout).toMatch(/fencing\s+false\s+\d+ grants got a lower token than an earlier grant/);
  });

  it('fenced (full), aof-always: every acknowledged update survives the restarts', async () => {
    const { exitCode, r } = await scenario([...flags, '--redis-persistence', 'aof-always', '--fencing', 'full']);
    expect(exitCode).toBe(0);
    expectSafeWithFencing(r);
  });
});

describe('redis: the holder is cut off from the node while renewing, not from the resource (partition-holder --renew)', () => {
  const flags = ['--nemesis', 'partition-holder', '--renew', '--hold', '1500-3000', '--ttl', '1000', '--time-limit', '20', '--nemesis-interval', '2'];

  it('unfenced, a naive client that writes anyway: two holders, lost updates', async () => {
    const { exitCode, r } = await scenario([...flags, '--on-lease-lost', 'continue', '--fencing', 'none']);
    expect(exitCode).toBe(1);
    expectDoubleHoldersAndLostUpdates(r);
  });

  it('fenced (full): the same partitions, no lost update', async () => {
    const { exitCode, r } = await scenario([...flags, '--on-lease-lost', 'continue', '--fencing', 'full']);
    expect(exitCode).toBe(0);
    expectSafeWithFencing(r);
  });

  it('a careful client (abort) answers a write after a lost lease with fail, without sending it', async () => {
    const { r, dir } = await scenario([...flags, '--on-lease-lost', 'abort', '--fencing', 'none']);
    const history = fs.readFileSync(path.join(dir, 'history.jsonl'), 'utf8').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l));
    const refused = history.filter((op) => op.f === 'write' && op.type === 'fail' && op.value.leaseLost === true);
    expect(refused.length).toBeGreaterThan(0);
    const register = fs.readFileSync(path.join(dir, 'register.jsonl'), 'utf8');
    // Nothing the client refused reached the register.
    for (const op of refused) expect(register).not.toContain(`"element":${op.value.element},`);
    expect(r.checkers['lost-updates'].lost.length).toBeLessThanOrEqual(1);
  });
});

// A correct lock (long TTL, or full fencing) under faults: any violation would be a false alarm.
describe('redis: no false alarm under faults', () => {
  // delay-leader needs the kernel's netem qdisc, which this machine's kernel lacks (the fault says
  // so at setup); loss-leader, built on iptables, stands in for a degraded network here.
  it('kill-holder, pause-leader and loss-leader at once, 5 s TTL, unfenced: valid', async () => {
    const { exitCode, r, dir } = await scenario(['--nemesis', 'kill-holder,pause-leader,loss-leader', '--ttl', '5000',
      '--fault-duration', '1000', '--fencing', 'none', '--time-limit', '20', '--nemesis-interval', '2']);
    expect(r.valid).toBe(true);
    expect(exitCode).toBe(0);
    const faults = new Set(nemesisOps(dir).filter((op) => op.f === 'start').map((op) => op.value.fault));
    expect(faults).toEqual(new Set(['kill-holder', 'pause-leader', 'loss-leader']));
    // A killed holder keeps the lock for a whole TTL, so few cycles complete; some must.
    expect(r.checkers.stats.counts.write.ok).toBeGreaterThan(1);
  });
});
