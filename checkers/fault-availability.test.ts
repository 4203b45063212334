import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { beliefs } from './belief.js';
import { availabilityAroundFaults, unavailableStretches } from './fault-availability.js';
import { HistoryBuilder } from './history-builder.js';
import { pairOps } from './open-ops.js';
import { simulate, type SimPlan } from './simulated-lock-service.js';

const around = (h: HistoryBuilder): ReturnType<typeof availabilityAroundFaults> => availabilityAroundFaults(pairOps(h.ops), h.ops);
const kill = { fault: 'kill', targets: ['n1'] };

describe('availability around faults', () => {
  it('measures the election gap: from the last release to the next grant, while someone waits', () => {
    // time (ms)  0    10   20   30   40   50   60   70
    // p1         [0 acq 2)──)10 rel
    // p2              [5 acq ··········· 40)──)50 rel
    // p3               [6 acq ········· fail 20 [20 acq ········ 55)──)70 rel
    // nemesis             kill 12 ───── heal 30
    const h = new HistoryBuilder()
      .acquire(0, 2, 1, 1).invoke(5, 2, 'acquire', { lock: 'L' }).invoke(6, 3, 'acquire', { lock: 'L' })
      .release(10, 11, 1, 1).nemesis(12, 'start', kill)
      .fail(20, 3, 'acquire', { lock: 'L' }).invoke(20, 3, 'acquire', { lock: 'L' })
      .nemesis(30, 'stop', kill).ok(40, 2, 'acquire', { lock: 'L', token: 2 })
      .release(50, 51, 2, 2).ok(55, 3, 'acquire', { lock: 'L', token: 3 }).release(70, 71, 3, 3);
    const r = around(h);
    expect(r.faults).toHaveLength(1);
    expect(r.faults[0]).toMatchObject({ fault: 'kill', targets: ['n1'], startMs: 12, healMs: 30, untilMs: 5030, firstGrantMs: 28 });
    expect(r.faults[0]?.longest).toEqual({ lock: 'L', startMs: 10, endMs: 40, durationMs: 30, atMostMs: 30, endedBy: 'grant' });
    // [12, 40) and [50, 55): the hand-over at 50 waits 5 ms with p3 asking.
    expect(r.faults[0]?.unavailableMs).toBe(33);
    expect(r).toMatchObject({ medianLongestMs: 30, maxLongestMs: 30, medianFirstGrantMs: 28 });
  });

  it('does not count idle time: a free lock nobody asks for is available', () => {
    // The next acquire comes after the range (heal + 5 s): nothing unavailable around the fault.
    const h = new HistoryBuilder()
      .acquire(0, 2, 1, 1).release(10, 11, 1, 1)
      .nemesis(20, 'start', kill).nemesis(30, 'stop', kill)
      .acquire(6000, 6001, 2, 2).release(6005, 6006, 2, 2);
    const [f] = around(h).faults;
    expect(f).toMatchObject({ untilMs: 5030, longest: null, unavailableMs: 0, firstGrantMs: 5981 });
  });

  it('bounds a stretch that starts at a holder whose op ended info, both ways', () => {
    // p1 holds from 2, proves it still lives at 3 (read), then its write ends info at 25: it may
    // have held until 25 (lower bound) or been gone from 3 (upper bound). p2 waits from 1 to 40.
    const h = new HistoryBuilder()
      .invoke(0, 1, 'acquire', { lock: 'L' }).invoke(1, 2, 'acquire', { lock: 'L' }).ok(2, 1, 'acquire', { lock: 'L', token: 1 })
      .invoke(3, 1, 'read', { lock: 'L', token: 1, key: 0 }).ok(4, 1, 'read', { lock: 'L', token: 1, key: 0, length: 0, version: 0 })
      .invoke(5, 1, 'write', { lock: 'L', token: 1, key: 0, element: 1, base: 0 })
      .nemesis(10, 'start', kill).nemesis(20, 'stop', kill)
      .info(25, 1, 'write', { lock: 'L', token: 1, key: 0, element: 1, base: 0 })
      .ok(40, 2, 'acquire', { lock: 'L', token: 2 }).release(45, 46, 2, 2);
    const [f] = around(h).faults;
    expect(f?.longest).toEqual({ lock: 'L', startMs: 25, endMs: 40, durationMs: 15, atMostMs: 37, endedBy: 'grant' });
    expect(f?.unavailableMs).toBe(15);
    expect(f?.atMostMs).toBe(37);
  });

  it('says how long the lock may have been unavailable when a holder\'s info tail covers the whole fault', () => {
    const h = new HistoryBuilder()
      .invoke(0, 1, 'acquire', { lock: 'L' }).invoke(1, 2, 'acquire', { lock: 'L' }).ok(2, 1, 'acquire', { lock: 'L', token: 1 })
      .invoke(3, 1, 'read', { lock: 'L', token: 1, key: 0 }).ok(4, 1, 'read', { lock: 'L', token: 1, key: 0, length: 0, version: 0 })
      .invoke(5, 1, 'release', { lock: 'L', token: 1 }).nemesis(10, 'start', kill).nemesis(20, 'stop', kill)
      .info(6000, 1, 'release', { lock: 'L', token: 1 }).ok(6001, 2, 'acquire', { lock: 'L', token: 2 }).release(6005, 6006, 2, 2);
    const r = around(h);
    expect(r.faults[0]).toMatchObject({ longest: null, atMostMs: 5998, unavailableMs: 0 });
    expect(r).toMatchObject({ medianLongestMs: 0, medianAtMostMs: 5998 });
  });

  it('counts an acquire that ended info as waiting until its completion, and no longer', () => {
    const h = new HistoryBuilder()
      .acquire(0, 1, 1, 1).invoke(5, 2, 'acquire', { lock: 'L' }).release(10, 11, 1, 1)
      .nemesis(12, 'start', kill).nemesis(20, 'stop', kill)
      .info(30, 2, 'acquire', { lock: 'L' })
      .acquire(35, 50, 3, 3).release(60, 61, 3, 3);
    const [f] = around(h).faults;
    // [10, 30) waiting on p2, idle [30, 35), then [35, 50) waiting on p3.
    expect(f?.longest).toMatchObject({ startMs: 10, endMs: 30, durationMs: 20, endedBy: 'no-waiter' });
    expect(f?.unavailableMs).toBe(33);
    expect(f?.firstGrantMs).toBe(38);
  });

  it('takes acquires retried at once after a fail as one wait', () => {
    const h = new HistoryBuilder()
      .acquire(0, 1, 1, 1).invoke(5, 2, 'acquire', { lock: 'L' }).release(10, 11, 1, 1).nemesis(12, 'start', kill)
      .fail(15, 2, 'acquire', { lock: 'L' }).invoke(15.5, 2, 'acquire', { lock: 'L' }).fail(20, 2, 'acquire', { lock: 'L' })
      .invoke(20.5, 2, 'acquire', { lock: 'L' }).nemesis(25, 'stop', kill).ok(30, 2, 'acquire', { lock: 'L', token: 2 })
      .release(40, 41, 2, 2);
    expect(around(h).faults[0]?.longest).toMatchObject({ startMs: 10, endMs: 30, durationMs: 20 });
  });

  it('gives a stretch to the fault it follows, not to the one before, and marks a wait the history cut short', () => {
    const pause = { fault: 'pause', targets: ['n2'] };
    const h = new HistoryBuilder()
      .acquire(0, 1, 1, 1).release(5, 6, 1, 1)
      .nemesis(10, 'start', kill).nemesis(12, 'stop', kill).nemesis(20, 'start', pause).nemesis(22, 'stop', pause)
      .invoke(30, 2, 'acquire', { lock: 'L' }).invoke(40, 3, 'read', { lock: 'L', token: null, key: 0 });
    const r = around(h);
    expect(r.faults.map((f) => [f.fault, f.untilMs])).toEqual([['kill', 20], ['pause', 5022]]);
    expect(r.faults[0]?.longest).toBeNull();
    expect(r.faults[1]?.longest).toMatchObject({ startMs: 30, endMs: 40, endedBy: 'history-end' });
    expect(r).toMatchObject({ medianLongestMs: 0, maxLongestMs: 10, medianFirstGrantMs: null });
  });

  it('never counts a stretch while some client certainly held the lock, on generated histories', () => {
    const step = fc.record({ client: fc.integer({ min: 0, max: 3 }), action: fc.integer({ min: 0, max: 99 }), gap: fc.integer({ min: 0, max: 6 }),
      before: fc.integer({ min: 0, max: 3 }), after: fc.integer({ min: 1, max: 8 }) });
    const plan = fc.record({ ttl: fc.integer({ min: 3, max: 40 }), eager: fc.boolean(), steps: fc.array(step, { maxLength: 40 }) });
    let stretches = 0;
    fc.assert(fc.property(plan, (p) => {
      const input = simulate({ ...p, fencing: 'full', tokens: 'string', finalRead: true, registerLog: false, bug: 'none' } satisfies SimPlan);
      const found = unavailableStretches(pairOps(input.history), input.history);
      stretches += found.length;
      for (const s of found) {
        expect(s.durationMs).toBeGreaterThan(0);
        expect(s.atMostMs).toBeGreaterThanOrEqual(s.durationMs);
        for (const b of beliefs(input.history).beliefs) {
          if (b.lock === s.lock && b.end > b.start) expect(b.end / 1e6 <= s.startMs || b.start / 1e6 >= s.endMs).toBe(true);
        }
      }
    }), { numRuns: 1000 });
    expect(stretches).toBeGreaterThan(100);
  });

  it('gives a stretch that starts in the margin and runs into the next fault to that fault only', () => {
    const a = { fault: 'partition', targets: ['n1', 'n2,n3'] };
    const b = { fault: 'partition', targets: ['n2', 'n1,n3'] };
    const h = new HistoryBuilder()
      .acquire(0, 1, 1, 1).nemesis(10, 'start', a).nemesis(12, 'stop', a)
      .invoke(15, 2, 'acquire', { lock: 'L' }).release(18, 19, 1, 1).nemesis(20, 'start', b)
      .ok(25, 2, 'acquire', { lock: 'L', token: 2 }).release(26, 27, 2, 2)
      .invoke(26.5, 3, 'acquire', { lock: 'L' }).ok(29, 3, 'acquire', { lock: 'L', token: 3 }).nemesis(30, 'stop', b).release(40, 41, 3, 3);
    const [fa, fb] = around(h).faults;
    expect(fa).toMatchObject({ untilMs: 20, longest: null, unavailableMs: 0 });
    expect(fb?.longest).toMatchObject({ startMs: 18, endMs: 25, durationMs: 7 });
    // [20, 25) and [26.5, 29) inside the range: the part before the fault started is not its.
    expect(fb?.unavailableMs).toBeCloseTo(7.5);
  });
});
