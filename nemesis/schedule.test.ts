import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { drainLogs, fakeCluster } from '../test/fakes/fake-fault-targets.js';
import { clockBumpKind } from './clock-bump-fault.js';
import type { Fault } from './fault.js';
import { killKind } from './kill-fault.js';
import { pauseHolder, pauseKind } from './pause-fault.js';
import { runNemesisSchedule, type NemesisOp } from './schedule.js';
import { pollUntil } from '../lib/poll-until.js';

function recorder(): { ops: NemesisOp[]; record(op: NemesisOp): void } {
  const ops: NemesisOp[] = [];
  return { ops, record: (op) => { ops.push(op); } };
}

/** Sleeps that return at once once `stop` is set, as the harness's do. */
function stopper(): { stop: boolean; stopping(): boolean; sleep(ms: number): Promise<void> } {
  const s = {
    stop: false,
    stopping: () => s.stop,
    sleep: (ms: number) => new Promise<void>((resolve) => {
      const started = Date.now();
      const tick = setInterval(() => { if (s.stop || Date.now() - started >= ms) { clearInterval(tick); resolve(); } }, 2);
    }),
  };
  return s;
}

const fixedRandom = { int: (min: number) => min };
const summary = (ops: NemesisOp[]): string[] => ops.map((op) => `${op.f} ${op.value.fault} ${op.value.targets.join(',')}`);

describe('nemesis schedule', () => {
  it('pauses a holder, records start and stop, and resumes it when the test stops mid-fault', async () => {
    const c = fakeCluster({ nodes: 1, clients: 1, settings: { durationMs: 10_000 } });
    c.holders = [c.clients[0]!];
    const rec = recorder();
    const s = stopper();
    const done = runNemesisSchedule({ faults: [pauseHolder], context: c.context, recorder: rec, random: fixedRandom, intervalMs: 20, stopping: s.stopping, sleep: s.sleep });
    while (c.clients[0]!.log.length === 0) await delay(2);
    s.stop = true;
    await done;
    // The pause, its heal, then teardown's sweep (SIGCONT of every node and client).
    expect(drainLogs([...c.clients, ...c.nodes])).toEqual(['client-1: signal SIGSTOP', 'client-1: signal SIGCONT', 'client-1: signal SIGCONT', 'n1: signal SIGCONT']);
    expect(summary(rec.ops)).toEqual(['start pause-holder client-1', 'stop pause-holder client-1']);
  });

  it('waits for a holder rather than pausing nobody', async () => {
    const c = fakeCluster({ nodes: 1, clients: 0 });
    const rec = recorder();
    let polls = 0;
    const s = stopper();
    const context = { ...c.context, holders: () => { polls += 1; if (polls > 5) s.stop = true; return []; } };
    await runNemesisSchedule({ faults: [pauseHolder], context, recorder: rec, random: fixedRandom, intervalMs: 2, stopping: s.stopping, sleep: s.sleep });
    expect(polls).toBeGreaterThan(5);
    expect(rec.ops).toEqual([]);
  });

  it('runs faults of different kinds at once, one fault of a kind at a time', async () => {
    const c = fakeCluster({ nodes: 3, clients: 2, settings: { durationMs: 15 } });
    c.holders = [c.clients[1]!];
    const rec = recorder();
    const s = stopper();
    const faults = [pauseKind.make('leader'), pauseKind.make('holder'), clockBumpKind.make('client')];
    const done = runNemesisSchedule({ faults, context: c.context, recorder: rec, random: fixedRandom, intervalMs: 4, stopping: s.stopping, sleep: s.sleep });
    // Until each fault has had a turn (pause-leader and pause-holder must take turns).
    await pollUntil({ what: 'every fault to have a turn', timeoutMs: 5000, intervalMs: 20, attempt: () => new Set(rec.ops.map((o) => o.value.fault)).size === 3 });
    s.stop = true;
    await done;
    const open = new Map<string, number>();
    let overlapAcrossKinds = false;
    for (const op of rec.ops) {
      const kind = op.value.fault.split('-')[0]!;
      if (op.f === 'start') {
        expect(open.get(kind) ?? 0).toBe(0);
        if ([...open.values()].some((n) => n > 0)) overlapAcrossKinds = true;
        open.set(kind, 1);
      } else if (op.f === 'stop') {
        open.set(kind, 0);
      }
    }
    expect(overlapAcrossKinds).toBe(true);
    expect(new Set(rec.ops.filter((o) => o.f === 'start').map((o) => o.value.fault))).toEqual(new Set(['pause-leader', 'pause-holder', 'clock-bump-client']));
    expect(rec.ops.filter((o) => o.f === 'start').length).toBe(rec.ops.filter((o) => o.f === 'stop').length);
    // Whatever ran last, every target ends resumed and at true time.
    for (const t of [...c.nodes, ...c.clients]) {
      expect(t.log.filter((l) => l.startsWith('signal')).at(-1)).toBe('signal SIGCONT');
      expect(t.log.filter((l) => l.includes('fencecheck-clock')).at(-1)).toBe('exec fencecheck-clock set 0 0');
    }
  });

  it('a fault waiting for something to hit does not hold its kind: pause-leader runs while pause-holder waits', async () => {
    const c = fakeCluster({ nodes: 1, clients: 1, settings: { durationMs: 10 } });
    const rec = recorder();
    const s = stopper();
    const done = runNemesisSchedule({ faults: [pauseHolder, pauseKind.make('leader')], context: c.context, recorder: rec, random: fixedRandom, intervalMs: 4, stopping: s.stopping, sleep: s.sleep });
    await pollUntil({ what: 'three stops', timeoutMs: 3000, intervalMs: 10, attempt: () => rec.ops.filter((o) => o.f === 'stop').length >= 3 });
    s.stop = true;
    await done;
    expect(summary(rec.ops).slice(0, 2)).toEqual(['start pause-leader n1', 'stop pause-leader n1']);
    expect(rec.ops.filter((o) => o.f === 'stop').length).toBeGreaterThanOrEqual(3);
    expect(rec.ops.every((o) => o.value.fault === 'pause-leader')).toBe(true);
  });

  it('keeps other faults off a killed node until it is back', async () => {
    const c = fakeCluster({ nodes: 1, clients: 0, settings: { durationMs: 60 } });
    const rec = recorder();
    const s = stopper();
    const done = runNemesisSchedule({ faults: [killKind.make('leader'), pauseKind.make('node')], context: c.context, recorder: rec, random: { int: (min, max) => (max > 10 ? max : min) }, intervalMs: 20, stopping: s.stopping, sleep: s.sleep });
    await delay(250);
    s.stop = true;
    await done;
    const log = c.nodes[0]!.log.join(' | ');
    // The pause never lands between the kill and the restart.
    expect(log).not.toMatch(/signal SIGKILL \| signal SIGSTOP/);
    expect(rec.ops.some((o) => o.f === 'start' && o.value.fault === 'kill-leader')).toBe(true);
    expect(c.nodes[0]!.down).toBe(false);
  });

  it('records a failed start, heals what it started, and stops the test after repeated failures', async () => {
    const c = fakeCluster({ nodes: 1, clients: 0 });
    const rec = recorder();
    const s = stopper();
    const broken: Fault = { name: 'broken-node', kind: 'broken', description: 'always fails', start: () => Promise.reject(new Error('no iptables here')) };
    const run = runNemesisSchedule({ faults: [broken, pauseKind.make('node')], context: { ...c.context, settings: { ...c.context.settings, durationMs: 1000 } }, recorder: rec, random: fixedRandom, intervalMs: 2, stopping: s.stopping, sleep: s.sleep });
    await expect(run).rejects.toThrow(/broken-node failed to start 3 times in a row: no iptables here/);
    expect(rec.ops.filter((o) => o.f === 'error').map((o) => o.value.error)).toEqual(['no iptables here', 'no iptables here', 'no iptables here']);
    expect(c.nodes[0]!.log.at(-1)).toBe('signal SIGCONT');
    expect(summary(rec.ops).filter((l) => !l.startsWith('error'))).toEqual(['start pause-node n1', 'stop pause-node n1']);
  });
});
