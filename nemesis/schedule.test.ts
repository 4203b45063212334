import { describe, expect, it } from 'vitest';
import type { FaultContext, FaultTarget } from './fault.js';
import { startClock } from '../harness/clock.js';
import { createHistoryRecorder } from '../harness/history-recorder.js';
import { seededRandom } from '../harness/random.js';
import { pauseHolder } from './pause-fault.js';
import { runNemesisSchedule } from './schedule.js';

/** A client that only remembers the signals it got: the schedule, not Docker, is under test. */
function signalLog(process: number): FaultTarget & { signals: string[] } {
  const signals: string[] = [];
  return {
    name: `client-${process}`, kind: 'client', ip: '10.0.0.1', signals,
    signal: async (sig) => { signals.push(sig); },
    exec: async () => ({ exitCode: 0, output: '' }),
    restart: async () => undefined,
  };
}

function context(holders: () => FaultTarget[]): FaultContext {
  return {
    nodes: () => [], leader: async () => null, holders, clients: holders, protectedIps: [],
    pick: <T,>(xs: readonly T[]) => xs[0] as T, shuffle: <T,>(xs: readonly T[]) => [...xs],
    settings: { ttlMs: 1000, durationMs: 1000, clockOffsetMs: 1500, delayMs: 100, lossPercent: 10 },
  };
}

describe('nemesis schedule', () => {
  it('pauses a holder, records start and stop, and resumes it when the test stops mid-fault', async () => {
    const recorder = createHistoryRecorder({ clock: startClock(), writer: { append: () => undefined, close: () => undefined } });
    const holder = signalLog(3);
    let stop = false;
    const done = runNemesisSchedule({
      faults: [pauseHolder], recorder, random: seededRandom(1), intervalMs: 20, durationMs: 10_000,
      context: context(() => [holder]),
      stopping: () => stop,
      sleep: (ms) => new Promise((resolve) => {
        const started = Date.now();
        const tick = setInterval(() => { if (stop || Date.now() - started >= ms) { clearInterval(tick); resolve(); } }, 5);
      }),
    });
    while (holder.signals.length === 0) await new Promise((r) => setTimeout(r, 5));
    stop = true;
    await done;
    expect(holder.signals).toEqual(['SIGSTOP', 'SIGCONT']);
    expect(recorder.ops.map((op) => [op.process, op.type, op.f, (op.value as { targets: string[] }).targets])).toEqual([
      ['nemesis', 'info', 'start', ['client-3']],
      ['nemesis', 'info', 'stop', ['client-3']],
    ]);
  });

  it('waits for a holder rather than pausing nobody', async () => {
    const recorder = createHistoryRecorder({ clock: startClock(), writer: { append: () => undefined, close: () => undefined } });
    let polls = 0;
    let stop = false;
    await runNemesisSchedule({
      faults: [pauseHolder], recorder, random: seededRandom(2), intervalMs: 2, durationMs: 1,
      context: context(() => { polls += 1; if (polls > 5) stop = true; return []; }),
      stopping: () => stop,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    });
    expect(polls).toBeGreaterThan(5);
    expect(recorder.ops).toEqual([]);
  });
});
