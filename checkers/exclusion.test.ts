import { describe, expect, it } from 'vitest';
import { checkExclusion } from './exclusion.js';
import { HistoryBuilder } from './history-builder.js';

// Timelines: ─ is a certain critical section (acquire ok → release invoke), · an uncertain tail.
describe('exclusion', () => {
  it('finds two holders whose sections overlap, with tokens, nodes and the nemesis ops around it', () => {
    // time (ms)  0    10   20   30   40   50   60
    // p1         [acq)─────────────────────)rel          token 1, paused 15..45
    // p2                    [acq)──────────────)rel      token 2
    // nemesis       start 15 ······· stop 45
    const h = new HistoryBuilder()
      .acquire(0, 1, 1, 1)
      .nemesis(15, 'start', { fault: 'pause', targets: ['c1'] })
      .acquire(20, 25, 2, 2)
      .nemesis(45, 'stop', { fault: 'pause', targets: ['c1'] })
      .release(50, 51, 1, 1, false)
      .release(60, 61, 2, 2);
    h.ops[1]!.node = 'c1';
    h.ops[4]!.node = 'c2';
    const r = checkExclusion({ history: h.ops, test: { fencing: 'none', ttlMs: 10 } });
    expect(r.valid).toBe(false);
    expect(r.decides).toBe(true);
    expect(r.incidents).toHaveLength(1);
    expect(r.incidents[0]).toMatchObject({
      lock: 'L', processes: [1, 2], tokens: ['1', '2'], nodes: ['c1', 'c2'], start: 25e6, end: 50e6, overlapNs: 25e6, overlapMs: 25,
      startMs: 25, endMs: 50, nemesis: [2, 5],
    });
    expect(r.incidents[0]!.holders[0]).toMatchObject({ process: 1, acquireIndex: 1, releaseIndex: 6, startMs: 1, endMs: 50, ending: 'lease-lost' });
    expect(r.doubleHeldMs).toBe(25);
    expect(r.summary).toMatch(/^1 double holders over 25\.0 ms/);
  });

  it('does not count sections that merely touch', () => {
    // p1  [0 acq 1)───────)10 rel
    // p2          [5 acq 10)───────)20 rel     p2's grant arrives exactly when p1 starts releasing
    const h = new HistoryBuilder().acquire(0, 1, 1, 1).invoke(5, 2, 'acquire', { lock: 'L' })
      .release(10, 11, 1, 1).ok(10, 2, 'acquire', { lock: 'L', token: 2 }).release(20, 21, 2, 2);
    const r = checkExclusion({ history: h.ops });
    expect(r).toMatchObject({ valid: true, incidents: [], sections: 2 });
  });

  it('keeps the locks apart', () => {
    const h = new HistoryBuilder().acquire(0, 1, 1, 1, 'A').acquire(0, 2, 2, 1, 'B').release(10, 11, 1, 1, true, 'A').release(10, 11, 2, 1, true, 'B');
    expect(checkExclusion({ history: h.ops }).incidents).toEqual([]);
  });

  it('does not treat an acquire of unknown outcome as a holder, but counts it', () => {
    // p1  [0 acq ······ info 30          (maybe granted, maybe not)
    // p2       [5 acq 6)──────────)20 rel
    const h = new HistoryBuilder().invoke(0, 1, 'acquire', { lock: 'L' }).acquire(5, 6, 2, 2).release(20, 21, 2, 2).info(30, 1, 'acquire', { lock: 'L' });
    const r = checkExclusion({ history: h.ops });
    expect(r).toMatchObject({ valid: true, incidents: [], possibleHolders: 1, sections: 1 });
  });

  it('counts a retired holder only up to the invocation of the last op it answered', () => {
    // p1  [0 acq 1)── read [2 ok 3) ── write inv 10 ····· info 40 (retired: may have crashed at 3)
    // p2                                  [12 acq 13)──────)30 rel
    // p1 is certainly inside only over [1, 2): no overlap with p2.
    const h = new HistoryBuilder().acquire(0, 1, 1, 1)
      .invoke(2, 1, 'read', { lock: 'L', token: 1 }).ok(3, 1, 'read', { lock: 'L', token: 1, value: [] })
      .invoke(10, 1, 'write', { lock: 'L', token: 1, value: [1], element: 1 })
      .acquire(12, 13, 2, 2).release(30, 31, 2, 2)
      .info(40, 1, 'write', { lock: 'L', token: 1, value: [1], element: 1 });
    const r = checkExclusion({ history: h.ops });
    expect(r).toMatchObject({ valid: true, incidents: [], uncertainSections: 1 });
  });

  it('does count a retired holder over the part that is certain', () => {
    // p1  [0 acq 1)───── read [15 ok 16) ── write inv 20 ···· info 40
    // p2          [5 acq 6)──────────────────────────)30 rel       certain overlap [6, 15)
    const h = new HistoryBuilder().acquire(0, 1, 1, 1).acquire(5, 6, 2, 2)
      .invoke(15, 1, 'read', { lock: 'L', token: 1 }).ok(16, 1, 'read', { lock: 'L', token: 1, value: [] })
      .invoke(20, 1, 'write', { lock: 'L', token: 1, value: [1], element: 1 })
      .release(30, 31, 2, 2).info(40, 1, 'write', { lock: 'L', token: 1, value: [1], element: 1 });
    const r = checkExclusion({ history: h.ops });
    expect(r.incidents.map((i) => [i.processes, i.startMs, i.endMs])).toEqual([[[1, 2], 6, 15]]);
    expect(r.incidents[0]!.holders[0].ending).toBe('retired');
  });

  it('does not count a holder that never answered after its acquire', () => {
    // p1  [0 acq 1) ── write inv 20 ···· info 40      (may have died right after its grant)
    // p2          [5 acq 6)────────────)30 rel
    const h = new HistoryBuilder().acquire(0, 1, 1, 1).acquire(5, 6, 2, 2)
      .invoke(20, 1, 'write', { lock: 'L', token: 1, value: [1], element: 1 })
      .release(30, 31, 2, 2).info(40, 1, 'write', { lock: 'L', token: 1, value: [1], element: 1 });
    expect(checkExclusion({ history: h.ops })).toMatchObject({ valid: true, incidents: [] });
  });

  it('does not count past a release whose outcome is unknown', () => {
    // p1  [0 acq 1)── read [2 ok 3) ── rel inv 10 ···· info 40
    // p2                                   [12 acq 13)────)30 rel
    const h = new HistoryBuilder().acquire(0, 1, 1, 1)
      .invoke(2, 1, 'read', { lock: 'L', token: 1 }).ok(3, 1, 'read', { lock: 'L', token: 1, value: [] })
      .invoke(10, 1, 'release', { lock: 'L', token: 1 })
      .acquire(11, 13, 2, 2).release(30, 31, 2, 2).info(40, 1, 'release', { lock: 'L', token: 1 });
    expect(checkExclusion({ history: h.ops })).toMatchObject({ valid: true, incidents: [], uncertainSections: 1 });
  });

  it('counts a section of a history cut short only up to the last request its process answered', () => {
    // p1  [0 acq 1)──────── read [5 ok 6)  ····· (history ends at 50: p1 never seen again)
    // p2         [2 acq 3)── read [4 ok 4.5) ── read [10 ···· (open)
    // certain: p1 [1, 5), p2 [3, 4): overlap [3, 4)
    const h = new HistoryBuilder().acquire(0, 1, 1, 1).acquire(2, 3, 2, 2)
      .invoke(4, 2, 'read', { lock: 'L', token: 2 }).ok(4.5, 2, 'read', { lock: 'L', token: 2, value: [] })
      .invoke(5, 1, 'read', { lock: 'L', token: 1 }).ok(6, 1, 'read', { lock: 'L', token: 1, value: [] })
      .invoke(10, 2, 'read', { lock: 'L', token: 2 }).nemesis(50, 'start', { fault: 'pause', targets: [] });
    const r = checkExclusion({ history: h.ops });
    expect(r.incidents.map((i) => [i.startMs, i.endMs])).toEqual([[3, 4]]);
    expect(r.uncertainSections).toBe(2);
  });

  it('reports but does not decide under fencing, unless told to, or unless the lock has no token', () => {
    const h = new HistoryBuilder().acquire(0, 1, 1, 1).acquire(2, 3, 2, 2).release(5, 6, 1, 1, false).release(7, 8, 2, 2);
    expect(checkExclusion({ history: h.ops, test: { fencing: 'full' } })).toMatchObject({ valid: false, decides: false });
    expect(checkExclusion({ history: h.ops, test: { fencing: 'write', exclusionDecides: true } }).decides).toBe(true);
    expect(checkExclusion({ history: h.ops, test: { fencing: 'none', exclusionDecides: false } }).decides).toBe(false);
    const tokenless = new HistoryBuilder().acquire(0, 1, 1, null).acquire(2, 3, 2, null).release(5, 6, 1, null).release(7, 8, 2, null);
    expect(checkExclusion({ history: tokenless.ops, test: { fencing: 'full' } })).toMatchObject({ valid: false, decides: true });
  });

  it('finds every pair when three hold at once', () => {
    // p1 [1────────────10)   p2 [2──────8)   p3 [3──5)
    const h = new HistoryBuilder().acquire(0, 1, 1, 1).acquire(0, 2, 2, 2).acquire(0, 3, 3, 3)
      .release(5, 6, 3, 3).release(8, 9, 2, 2).release(10, 11, 1, 1);
    const r = checkExclusion({ history: h.ops });
    expect(r.incidents.map((i) => [i.processes, i.startMs, i.endMs])).toEqual([[[1, 2], 2, 8], [[1, 3], 3, 5], [[2, 3], 3, 5]]);
    expect(r.doubleHeldMs).toBe(6);
  });

  it('passes empty and one-op histories', () => {
    expect(checkExclusion({ history: [] })).toMatchObject({ valid: true, incidents: [], sections: 0 });
    const one = new HistoryBuilder().invoke(0, 1, 'acquire', { lock: 'L' });
    expect(checkExclusion({ history: one.ops })).toMatchObject({ valid: true, possibleHolders: 1 });
  });
});
