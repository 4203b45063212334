import { describe, expect, it } from 'vitest';
import { checkFencing } from './fencing.js';
import { HistoryBuilder } from './history-builder.js';

describe('fencing', () => {
  it('flags a grant whose token is lower than one certainly granted before it', () => {
    // p1 [0 acq 1] token 5 ── rel          p2 [3 acq 4] token 3 (after p1's ok: order certain)
    const h = new HistoryBuilder().acquire(0, 1, 1, 5).release(2, 2.5, 1, 5).acquire(3, 4, 2, 3).release(5, 6, 2, 3);
    const r = checkFencing({ history: h.ops, test: { fencing: 'full' } });
    expect(r.valid).toBe(false);
    expect(r.regressions).toEqual([{ lock: 'L',
      earlier: { lock: 'L', process: 1, token: '5', order: 'numeric', invokeIndex: 0, okIndex: 1, invokeTime: 0, okTime: 1e6 },
      later: { lock: 'L', process: 2, token: '3', order: 'numeric', invokeIndex: 4, okIndex: 5, invokeTime: 3e6, okTime: 4e6 } }]);
    expect(r.summary).toMatch(/1 grants got a lower token/);
  });

  it('does not compare concurrent acquires', () => {
    // p1 [0 ───── acq ───── 5] token 5
    // p2     [1 ── acq ── 4]   token 3   (overlapping: either could have been granted first)
    const h = new HistoryBuilder().invoke(0, 1, 'acquire', { lock: 'L' }).invoke(1, 2, 'acquire', { lock: 'L' })
      .ok(4, 2, 'acquire', { lock: 'L', token: 3 }).ok(5, 1, 'acquire', { lock: 'L', token: 5 });
    expect(checkFencing({ history: h.ops })).toMatchObject({ valid: true, regressions: [], duplicates: [] });
  });

  it('flags a token granted twice, even concurrently', () => {
    const h = new HistoryBuilder().invoke(0, 1, 'acquire', { lock: 'L' }).invoke(1, 2, 'acquire', { lock: 'L' })
      .ok(4, 2, 'acquire', { lock: 'L', token: 7 }).ok(5, 1, 'acquire', { lock: 'L', token: 7 });
    const r = checkFencing({ history: h.ops });
    expect(r.valid).toBe(false);
    expect(r.duplicates.map((d) => [d.token, d.grants.map((g) => g.process)])).toEqual([['7', [2, 1]]]);
  });

  const staleLog = (): HistoryBuilder => new HistoryBuilder().acquire(0, 1, 1, 1).acquire(2, 3, 2, 2)
    .entry(4, { op: 'read', process: 2, token: 2, decision: 'accepted', value: [] })
    .entry(5, { op: 'read', process: 1, token: 1, decision: 'accepted', value: [] })
    .entry(6, { op: 'write', process: 2, token: 2, decision: 'accepted', value: [2], element: 2 })
    .entry(7, { op: 'write', process: 1, token: 1, decision: 'accepted', value: [1], element: 1 });

  it('without fencing, reports stale requests accepted without failing', () => {
    const r = checkFencing({ history: staleLog().ops, register: staleLog().register, test: { fencing: 'none' } });
    expect(r).toMatchObject({ valid: true, decides: true, staleRequestsAccepted: 2, staleWritesAccepted: 1, staleAcceptedCount: 2 });
    expect(r.staleAccepted.map((s) => [s.seq, s.op, s.token, s.highest])).toEqual([[1, 'read', '1', '2'], [3, 'write', '1', '2']]);
    expect(r.summary).toMatch(/^fencing disabled: 2 stale requests accepted \(1 writes\)/);
  });

  it('fails when the register accepted what its mode must refuse', () => {
    const write = checkFencing({ history: staleLog().ops, register: staleLog().register, test: { fencing: 'write' } });
    expect(write).toMatchObject({ valid: false, staleAcceptedCount: 1 });
    const full = checkFencing({ history: staleLog().ops, register: staleLog().register, test: { fencing: 'full' } });
    expect(full).toMatchObject({ valid: false, staleAcceptedCount: 2 });
  });

  it('counts stale requests the register refused', () => {
    const h = new HistoryBuilder().acquire(0, 1, 1, 1).acquire(2, 3, 2, 2)
      .entry(4, { op: 'read', process: 2, token: 2, decision: 'accepted', value: [] })
      .entry(5, { op: 'read', process: 1, token: 1, decision: 'rejected', value: [] })
      .entry(6, { op: 'write', process: 1, token: 1, decision: 'rejected', value: [1], element: 1 });
    const r = checkFencing({ history: h.ops, register: h.register, test: { fencing: 'full' } });
    expect(r).toMatchObject({ valid: true, rejectedStale: 2, rejected: { read: 1, write: 1 }, staleAcceptedCount: 0 });
  });

  it('says unknown, without deciding, for a lock with no token', () => {
    const h = new HistoryBuilder().acquire(0, 1, 1, null).release(2, 3, 1, null);
    expect(checkFencing({ history: h.ops })).toMatchObject({ valid: 'unknown', decides: false, summary: expect.stringMatching(/^this lock has no fencing token/) });
  });

  it('passes an empty history', () => {
    expect(checkFencing({ history: [] })).toMatchObject({ valid: true, grants: 0, summary: expect.stringMatching(/no grants with a token/) });
  });
});
