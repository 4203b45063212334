import { describe, expect, it } from 'vitest';
import { HistoryBuilder } from './history-builder.js';
import { checkStats } from './stats.js';

describe('stats', () => {
  it('counts, times and splits by fault window', () => {
    // time (ms)  0    10   20   30   40   50   60   70   80   90   100
    // p1         [acq 2)─────────────)20 rel
    // p2                                    [40 acq 44)────────)60 rel
    // p3                                                 read [70 ···· open
    // nemesis                          start 30 ────────── stop 65
    const h = new HistoryBuilder()
      .acquire(0, 2, 1, 1).release(20, 21, 1, 1)
      .nemesis(30, 'start', { fault: 'pause', targets: ['c2'] })
      .acquire(40, 44, 2, 2).release(60, 61, 2, 2)
      .nemesis(65, 'stop', { fault: 'pause', targets: ['c2'] })
      .invoke(70, 3, 'read', { lock: 'L', token: null })
      .invoke(90, 4, 'acquire', { lock: 'L' }).fail(100, 4, 'acquire', { lock: 'L' });
    const r = checkStats({ history: h.ops });
    expect(r).toMatchObject({ valid: true, decides: false, open: 1, nemesis: { start: 1, stop: 1 }, faultWindows: 1, durationMs: 100 });
    expect(r.counts).toEqual({
      acquire: { invoke: 3, ok: 2, fail: 1, info: 0 },
      release: { invoke: 2, ok: 2, fail: 0, info: 0 },
      read: { invoke: 1, ok: 0, fail: 0, info: 1 },
    });
    expect(r.latencyMs.acquire).toEqual({ count: 2, p50: 2, p90: 4, p99: 4, max: 4 });
    // Held [2, 20) and [44, 60): 34 of 100 ms.
    expect(r.availability).toBeCloseTo(0.34);
    expect(r.okPerSecond).toBeCloseTo(40);
    const { inside, outside } = r.byNemesis;
    expect(inside).toMatchObject({ durationMs: 35, counts: { acquire: { ok: 1 }, release: { ok: 1 } } });
    expect(inside.availability).toBeCloseTo(16 / 35);
    expect(outside.durationMs).toBe(65);
    expect(outside.availability).toBeCloseTo(18 / 65);
    expect(outside.counts.read).toEqual({ invoke: 1, ok: 0, fail: 0, info: 1 });
    // Around the fault: p2 waits [40, 44) and p4 [90, 100) with nobody holding; p2's grant is 14 ms in.
    expect(r.aroundFaults).toMatchObject({ medianLongestMs: 10, maxLongestMs: 10, medianFirstGrantMs: 14 });
    expect(r.summary).toMatch(/unavailable around 1 fault: median 0\.01 s, max 0\.01 s, first grant after median 0\.01 s$/);
  });

  it('handles an empty history', () => {
    expect(checkStats({ history: [] })).toMatchObject({ valid: true, counts: {}, durationMs: 0, okPerSecond: 0, availability: 0 });
  });
});
