import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { CheckInput, Op } from '../checkers/history.js';
import { checkLockHistory } from '../checkers/lock-checkers.js';
import type { Fault } from '../nemesis/fault.js';
import { runInMemory, type InMemoryRun } from './in-memory/run-in-memory.js';
import { noopFault } from './in-memory/noop-fault.js';
import { CANCELLED_ERROR } from './stop-in-flight.js';

/** The real lock checkers on what an in-memory run produced, as `fencecheck check` runs them. */
function check(run: InMemoryRun, fencing: 'none' | 'full') {
  return checkLockHistory({ history: run.history, register: run.register as unknown as CheckInput['register'], test: { fencing } });
}

const ofProcess = (history: readonly Op[], process: number): Op[] => history.filter((op) => op.process === process);

/** SIGKILLs a holder, between its read and its write when there is one. */
const killHolder: Fault = {
  name: 'kill-holder', kind: 'kill', description: 'SIGKILL a holder',
  async start(ctx) {
    const target = ctx.holders()[0];
    if (!target) return null;
    await target.signal('SIGKILL');
    return { targets: [target.name], details: {}, heal: async () => undefined };
  },
};

describe('the harness without Docker', () => {
  it('a correct lock: every cycle runs, tokens are decimal strings, and the checkers find it valid', async () => {
    const run = await runInMemory({ fencing: 'none', clients: 3, timeLimitMs: 300 });
    const results = check(run, 'none');
    expect(results.checkers.exclusion?.valid).toBe(true);
    expect(results.checkers['lost-updates']?.valid).toBe(true);
    expect(results.valid).not.toBe(false);
    const grants = run.history.filter((op) => op.f === 'acquire' && op.type === 'ok');
    expect(grants.length).toBeGreaterThan(10);
    expect(grants.every((op) => typeof (op.value as { token: unknown }).token === 'string')).toBe(true);
    expect(run.history.filter((op) => op.f === 'write' && op.type === 'ok').length).toBeGreaterThan(10);
    expect(run.service.doubleGrants).toBe(0);
  });

  it('a lock that grants twice is caught: double holders and lost updates, unfenced', async () => {
    const run = await runInMemory({ fencing: 'none', clients: 4, timeLimitMs: 400, holdMs: { min: 1, max: 5 }, grantTwice: true });
    expect(run.service.doubleGrants).toBeGreaterThan(0);
    const results = check(run, 'none');
    expect(results.valid).toBe(false);
    expect((results.checkers.exclusion?.incidents as unknown[]).length).toBeGreaterThan(0);
    expect((results.checkers['lost-updates']?.lost as unknown[]).length).toBeGreaterThan(0);
  });

  it('retires a process whose op ended info, and never uses its id again', async () => {
    let lost = false;
    const run = await runInMemory({
      fencing: 'none', clients: 2, timeLimitMs: 200,
      loseReply: (process, f) => { if (process === 0 && f === 'write' && !lost) { lost = true; return true; } return false; },
    });
    const own = ofProcess(run.history, 0);
    expect(own.at(-1)).toMatchObject({ f: 'write', type: 'info', error: 'reply lost' });
    expect(run.spawner.retired).toContain(0);
    expect(run.spawner.spawned.length).toBeGreaterThan(2);
    expect(new Set(run.spawner.spawned).size).toBe(run.spawner.spawned.length);
  });

  it('retires a client a fault killed: its op ends info or it stops between ops, and a successor takes over', async () => {
    const run = await runInMemory({ fencing: 'none', clients: 2, timeLimitMs: 300, holdMs: { min: 5, max: 10 }, faults: [killHolder], nemesisIntervalMs: 30 });
    const starts = run.history.filter((op) => op.process === 'nemesis' && op.f === 'start');
    expect(starts.length).toBeGreaterThan(0);
    const killed = starts.map((op) => Number((op.value as { targets: string[] }).targets[0]?.replace('client-', '')));
    for (const process of killed) {
      expect(run.spawner.retired).toContain(process);
      const last = ofProcess(run.history, process).at(-1);
      // Killed mid-op: unknown outcome. Killed between ops: no op was invoked after the kill.
      expect(last?.type).not.toBe('invoke');
    }
    expect(run.spawner.spawned.length).toBeGreaterThanOrEqual(2 + killed.length);
  });

  it('tells a fault in force of every client that starts while it is active, and a listener that fails stops the run', async () => {
    // Stays on for the whole run and records whom it was told of.
    const watcher = (onClient: (name: string) => void): Fault => ({
      name: 'watch-client', kind: 'watch', description: 'listens for new clients',
      async start(ctx) {
        const unsubscribe = ctx.onClientStart?.(async (client) => onClient(client.name)) ?? (() => undefined);
        return { targets: [], details: {}, heal: async () => unsubscribe() };
      },
    });
    const told: number[] = [];
    // Every fifth write loses its reply all along the run: its client is retired and a successor starts.
    let writes = 0;
    const run = await runInMemory({
      fencing: 'none', clients: 2, timeLimitMs: 300, faults: [watcher((name) => told.push(Number(name.replace('client-', ''))))],
      nemesisIntervalMs: 2, faultDurationMs: 60_000, loseReply: (_p, f) => f === 'write' && ++writes % 5 === 0,
    });
    expect(told.length).toBeGreaterThan(0);
    // Every client spawned once the fault was on (the first it was told of) was announced.
    expect(told.sort((a, b) => a - b)).toEqual(run.spawner.spawned.filter((p) => p >= Math.min(...told)).sort((a, b) => a - b));
    writes = 0;
    const err = await runInMemory({
      fencing: 'none', clients: 2, timeLimitMs: 5000, faults: [watcher(() => { throw new Error('no iptables'); })],
      nemesisIntervalMs: 2, faultDurationMs: 60_000, loseReply: (_p, f) => f === 'write' && ++writes % 5 === 0,
    }).then(() => new Error('the run succeeded'), (e: unknown) => e);
    expect((err as Error).message).toMatch(/a fault in force could not act on the new client client-\d+: no iptables/);
  });

  it('fails the run naming the client that did not start, and tears faults down', async () => {
    const fault = noopFault();
    const started = Date.now();
    const err = await runInMemory({ fencing: 'none', clients: 2, timeLimitMs: 5000, failSpawn: (p) => p === 1, faults: [fault] })
      .then(() => new Error('the run succeeded'), (e: unknown) => e);
    expect((err as Error).message).toBe('client-1 did not start');
    expect(Date.now() - started).toBeLessThan(4000);
    expect(fault.calls[0]).toBe('setup');
    expect(fault.calls.at(-1)).toBe('teardown');
  });

  it('sets faults up before the first client and refuses to run when a setup fails, tearing down what was set up', async () => {
    const good = noopFault({ kind: 'noop' });
    const bad = noopFault({ kind: 'other', failSetup: true });
    const err = await runInMemory({ fencing: 'none', clients: 1, timeLimitMs: 100, faults: [good, bad] }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/could not set up the faults: setup refused/);
    expect(good.calls).toEqual(['setup', 'teardown']);
    expect(bad.calls).toEqual(['setup', 'teardown']);
  });

  it('on abort stops within the grace period, heals the active fault, tears down, and still ends with a final read', async () => {
    const fault = noopFault();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const run = await runInMemory({ fencing: 'none', clients: 2, timeLimitMs: 60_000, faults: [fault], nemesisIntervalMs: 10, faultDurationMs: 60_000, signal: controller.signal });
    expect(Date.now() - started).toBeLessThan(3500);
    expect(fault.calls[0]).toBe('setup');
    expect(fault.calls.slice(-2)).toEqual(['heal', 'teardown']);
    const nemesis = run.history.filter((op) => op.process === 'nemesis');
    expect(nemesis.map((op) => op.f)).toEqual(['start', 'stop']);
    expect(run.history.at(-1)).toMatchObject({ f: 'final-read', type: 'ok' });
  });

  it('on abort with workers mid-hold, cancels and awaits every worker: nothing is recorded after the final read', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    // Every holder sleeps 4 s between its read and its write: longer than the 3 s grace.
    const run = await runInMemory({ fencing: 'none', clients: 3, timeLimitMs: 60_000, holdMs: { min: 4000, max: 4000 }, signal: controller.signal });
    expect(Date.now() - started).toBeLessThan(3900);
    const finalAt = run.history.length;
    // Past the end of every hold: an abandoned worker would write now.
    await delay(4500 - (Date.now() - started));
    expect(run.history.length).toBe(finalAt);
    expect(run.history.at(-1)).toMatchObject({ f: 'final-read', type: 'ok' });
    const cancelled = run.history.filter((op) => op.type === 'info' && op.error === CANCELLED_ERROR);
    expect(cancelled.length).toBeGreaterThan(0);
    // Every invoke before the final read has its completion: no worker was left inside a call.
    const open = new Set<unknown>();
    for (const op of run.history) {
      if (op.type === 'invoke') open.add(op.process);
      else open.delete(op.process);
    }
    expect(open.size).toBe(0);
  });
});
