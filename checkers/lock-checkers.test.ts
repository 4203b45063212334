import { describe, expect, it } from 'vitest';
import { HistoryBuilder } from './history-builder.js';
import { checkLockHistory } from './lock-checkers.js';

/** Two holders: p1 (token 1) is paused past its TTL, p2 (token 2) takes the lock, then p1's stale
 * write lands (mode none) or is refused (mode full). */
function pausedHolder(mode: 'none' | 'full'): HistoryBuilder {
  const h = new HistoryBuilder()
    .acquire(0, 1, 1, 1)
    .invoke(2, 1, 'read', { lock: 'L', token: 1 }).ok(3, 1, 'read', { lock: 'L', token: 1, value: [] })
    .entry(2.5, { op: 'read', process: 1, token: 1, decision: 'accepted', value: [] })
    .acquire(20, 21, 2, 2)
    .invoke(22, 2, 'read', { lock: 'L', token: 2 }).ok(23, 2, 'read', { lock: 'L', token: 2, value: [] })
    .entry(22.5, { op: 'read', process: 2, token: 2, decision: 'accepted', value: [] })
    .write(24, 25, 2, 2, [2]).entry(24.5, { op: 'write', process: 2, token: 2, decision: 'accepted', value: [2], element: 2 })
    .release(26, 27, 2, 2);
  if (mode === 'none') {
    h.write(30, 31, 1, 1, [1]).entry(30.5, { op: 'write', process: 1, token: 1, decision: 'accepted', value: [1], element: 1 });
  } else {
    h.write(30, 31, 1, 1, [1], 'fail').entry(30.5, { op: 'write', process: 1, token: 1, decision: 'rejected', value: [1], element: 1 });
  }
  return h.release(32, 33, 1, 1, false).finalRead(40, mode === 'none' ? [1] : [2]);
}

describe('checkLockHistory', () => {
  it('unfenced: double holder and lost update decide false', () => {
    const h = pausedHolder('none');
    const r = checkLockHistory({ history: h.ops, register: h.register, test: { fencing: 'none' } });
    expect(r.valid).toBe(false);
    expect(Object.keys(r.checkers)).toEqual(['exclusion', 'lost-updates', 'fencing', 'stats']);
    expect(r.checkers.exclusion).toMatchObject({ valid: false, decides: true });
    expect(r.checkers['lost-updates']).toMatchObject({ valid: false, lost: [{ element: 2 }] });
    expect(r.checkers.fencing).toMatchObject({ valid: true, staleRequestsAccepted: 1 });
    expect(r.summary).toMatch(/^exclusion: 1 double holders .*; lost-updates: 1 of 2 acknowledged elements lost \(final value from the history's final read, index 17\)$/);
  });

  it('fully fenced: the double holder is reported but the run is valid', () => {
    const h = pausedHolder('full');
    const r = checkLockHistory({ history: h.ops, register: h.register, test: { fencing: 'full' } });
    expect(r.valid).toBe(true);
    expect(r.checkers.exclusion).toMatchObject({ valid: false, decides: false });
    expect(r.checkers.fencing).toMatchObject({ valid: true, rejectedStale: 1 });
    expect(r.summary).toMatch(/^passed: lost-updates, fencing; not deciding, exclusion: 1 double holders over 5\.0 ms/);
  });

  it('gives unknown, never true, for a checker that throws', () => {
    const r = checkLockHistory({ history: [] }, { checkers: [{ name: 'boom', check: () => { throw new Error('bad state'); } }] });
    expect(r).toEqual({ valid: 'unknown', summary: 'boom: boom failed: bad state', checkers: { boom: { valid: 'unknown', summary: 'boom failed: bad state', error: 'Error: bad state' } } });
  });

  it('says unknown for an empty history: no final read, nothing checked', () => {
    const r = checkLockHistory({ history: [] });
    expect(r.valid).toBe('unknown');
    expect(r.checkers.exclusion!.valid).toBe(true);
    expect(r.checkers['lost-updates']!.valid).toBe('unknown');
  });

  it('says unknown from every checker for a malformed history', () => {
    const h = new HistoryBuilder().ok(0, 1, 'acquire', { lock: 'L', token: 1 });
    const r = checkLockHistory({ history: h.ops });
    expect(r.valid).toBe('unknown');
    expect(r.summary).toMatch(/^malformed history: ok of process 1 \(acquire\) at index 0 has no invocation/);
    expect(Object.values(r.checkers).every((c) => c.valid === 'unknown')).toBe(true);
  });

  it('checks a history cut short: open ops are info, the final value comes from the register log', () => {
    const h = new HistoryBuilder().acquire(0, 1, 1, 1)
      .write(2, 3, 1, 1, [1]).entry(2.5, { op: 'write', process: 1, token: 1, decision: 'accepted', value: [1], element: 1 })
      .invoke(4, 1, 'release', { lock: 'L', token: 1 });
    const r = checkLockHistory({ history: h.ops, register: h.register, test: { fencing: 'none' } });
    expect(r.valid).toBe(true);
    expect(r.checkers['lost-updates']).toMatchObject({ finalValueSource: 'register-last-write' });
    expect(r.checkers.stats).toMatchObject({ open: 1, counts: { release: { invoke: 1, info: 1 } } });
  });
});
