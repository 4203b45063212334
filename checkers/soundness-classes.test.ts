import { describe, expect, it } from 'vitest';
import { checkExclusion } from './exclusion.js';
import { checkFencing } from './fencing.js';
import { HistoryBuilder } from './history-builder.js';
import type { CheckInput } from './history.js';
import { checkLockHistory } from './lock-checkers.js';
import { lockMutexChecker } from './lock-mutex.js';

// The classes of false alarm and lost precision found by hand-written histories (issue 6), each on
// a small history that a correct lock service can produce. Every test here failed on the checkers
// as they were before the belief module. Timelines, times in ms:
//   [a acq b)   an acquire invoked at a, ok at b: the belief starts at b
//   ─────       the process certainly believes it holds the lock
//   rel a       a release invoked at a (its invocation ends the belief, whatever the answer)
//   ····        unknown: the process may have died, or not

const mutex = (input: CheckInput) => lockMutexChecker().check(input);

/** Exclusion and mutex must agree; returns their common verdict. */
function both(input: CheckInput): boolean | 'unknown' {
  const e = checkExclusion(input).valid;
  const m = mutex(input).valid;
  expect(m).toBe(e);
  return e;
}

describe('open ops count as info', () => {
  it('a holder whose op is still open at the end may have died after its last answered op', () => {
    // p1  [0 acq 1)── read [2 ok 3) ── write inv 4 ··········· (open: Ctrl-C during a pause)
    // p2                        [5 acq 20)──── read [21 ok 22) ── rel 23
    // p1 certainly believed over [1, 2) only; p2 over [20, 23): no overlap.
    const h = new HistoryBuilder().acquire(0, 1, 1, 1)
      .invoke(2, 1, 'read', { lock: 'L', token: 1 }).ok(3, 1, 'read', { lock: 'L', token: 1, value: [] })
      .invoke(4, 1, 'write', { lock: 'L', token: 1, value: [1], element: 1 })
      .acquire(5, 20, 2, 2)
      .invoke(21, 2, 'read', { lock: 'L', token: 2 }).ok(22, 2, 'read', { lock: 'L', token: 2, value: [] })
      .release(23, 24, 2, 2);
    expect(both({ history: h.ops })).toBe(true);
  });
});

describe('a retired holder\'s belief ends at its last proof of life', () => {
  it('not at the invocation of the op that ended info', () => {
    // p1  [0 acq 1)── read [2 ok 3) ········ write inv 10 ··· info 40   (died after 2, lease expired)
    // p2                     [4 acq 5)── read [6 ok 7) ── rel 8
    // p1: [1, 2); p2: [5, 8): no overlap. The old mutex released p1 only from 10 on.
    const h = new HistoryBuilder().acquire(0, 1, 1, 1)
      .invoke(2, 1, 'read', { lock: 'L', token: 1 }).ok(3, 1, 'read', { lock: 'L', token: 1, value: [] })
      .acquire(4, 5, 2, 2)
      .invoke(6, 2, 'read', { lock: 'L', token: 2 }).ok(7, 2, 'read', { lock: 'L', token: 2, value: [] })
      .release(8, 9, 2, 2)
      .invoke(10, 1, 'write', { lock: 'L', token: 1, value: [1], element: 1 })
      .info(40, 1, 'write', { lock: 'L', token: 1, value: [1], element: 1 });
    expect(both({ history: h.ops })).toBe(true);
  });
});

describe('nested locks: beliefs per process and per lock', () => {
  it('a process that holds two locks and retires frees both', () => {
    // p1  [0 acq A 1)───────── read [5 ok 6) ── write inv 8 ···· info 40
    //         [2 acq B 3)───── read [5 ok 6) ──
    // p2                                  [12 acq A 13)── read [14 ok 15) ── rel A 20
    // p1 believes A over [1, 5) and B over [3, 5); p2 A over [13, 20): no overlap. The old mutex
    // kept only B in p1's state and held A forever.
    const h = new HistoryBuilder().acquire(0, 1, 1, 1, 'A').acquire(2, 3, 1, 1, 'B')
      .invoke(5, 1, 'read', { lock: 'A', token: 1 }).ok(6, 1, 'read', { lock: 'A', token: 1, value: [] })
      .invoke(8, 1, 'write', { lock: 'A', token: 1, value: [1], element: 1 })
      .acquire(12, 13, 2, 2, 'A')
      .invoke(14, 2, 'read', { lock: 'A', token: 2 }).ok(15, 2, 'read', { lock: 'A', token: 2, value: [] })
      .release(20, 21, 2, 2, true, 'A')
      .info(40, 1, 'write', { lock: 'A', token: 1, value: [1], element: 1 });
    expect(both({ history: h.ops })).toBe(true);
  });

  it('a second lock\'s belief is a belief: two holders of B are found', () => {
    // p1  [0 acq A 1)────────────────────────── rel A 30
    //         [2 acq B 3)──────────────────────── rel B 31
    // p2                [10 acq B 11)── rel B 20            p2 holds B while p1 does: [11, 20)
    // The old exclusion dropped p1's second section and saw nothing.
    const h = new HistoryBuilder().acquire(0, 1, 1, 1, 'A').acquire(2, 3, 1, 1, 'B')
      .acquire(10, 11, 2, 2, 'B').release(20, 21, 2, 2, true, 'B')
      .release(30, 30.5, 1, 1, true, 'A').release(31, 32, 1, 1, true, 'B');
    expect(both({ history: h.ops })).toBe(false);
    expect(checkExclusion({ history: h.ops }).incidents.map((i) => [i.lock, i.processes, i.startMs, i.endMs])).toEqual([['B', [1, 2], 11, 20]]);
  });
});

describe('a failed release ends the belief at its invocation', () => {
  it('even in a one-client history, the lock is not held forever', () => {
    // p1  [0 acq 1)── rel 2 (fail 3)    [4 acq 5)── rel 6 (ok 7)
    // The old mutex dropped the failed release: p1's second acquire found the lock held.
    const h = new HistoryBuilder().acquire(0, 1, 1, 1)
      .invoke(2, 1, 'release', { lock: 'L', token: 1 }).fail(3, 1, 'release', { lock: 'L', token: 1 })
      .acquire(4, 5, 1, 2).release(6, 7, 1, 2);
    expect(both({ history: h.ops })).toBe(true);
  });

  it('and another client may take the lock after it', () => {
    // p1  [0 acq 1)── rel 2 (fail 3)
    // p2                 [2.5 acq 4)── rel 6 (ok 7)
    const h = new HistoryBuilder().acquire(0, 1, 1, 1)
      .invoke(2, 1, 'release', { lock: 'L', token: 1 }).fail(3, 1, 'release', { lock: 'L', token: 1 })
      .acquire(2.5, 4, 2, 2).release(6, 7, 2, 2);
    expect(both({ history: h.ops })).toBe(true);
  });
});

describe('a fail completion without a value', () => {
  it('does not break the pairing, and a non-deciding checker cannot turn the verdict unknown', () => {
    // p1  [0 acq 1)── rel 2 (fail 3, no value) ── [4 acq 5)── rel 6 (ok 7)      fencing full
    // The old mutex lost the pairing, threw, and its unknown decided although fencing was on.
    const h = new HistoryBuilder().acquire(0, 1, 1, 1)
      .invoke(2, 1, 'release', { lock: 'L', token: 1 }).fail(3, 1, 'release')
      .acquire(4, 5, 1, 2).release(6, 7, 1, 2).finalRead(10, []);
    const r = checkLockHistory({ history: h.ops, test: { fencing: 'full' } }, { extra: [lockMutexChecker()] });
    expect(r.checkers.mutex).toMatchObject({ valid: true });
    expect(r.valid).toBe(true);
  });

  it('a checker that does not decide and throws leaves the verdict alone', () => {
    const h = new HistoryBuilder().acquire(0, 1, 1, 1).release(2, 3, 1, 1).finalRead(10, []);
    const boom = { name: 'boom', decides: () => false, check: () => { throw new Error('bad state'); } };
    const r = checkLockHistory({ history: h.ops, test: { fencing: 'full' } }, { extra: [boom] });
    expect(r.checkers.boom).toMatchObject({ valid: 'unknown', decides: false });
    expect(r.valid).toBe(true);
  });
});

describe('a lease lost under a living holder', () => {
  it('is a warning, not a violation, when no other belief overlaps it', () => {
    // p1  [0 acq 1)── read [2 ok 3) ── rel 4 (ok 5, released: false)
    const h = new HistoryBuilder().acquire(0, 1, 1, 1)
      .invoke(2, 1, 'read', { lock: 'L', token: 1 }).ok(3, 1, 'read', { lock: 'L', token: 1, value: [] })
      .release(4, 5, 1, 1, false);
    expect(both({ history: h.ops })).toBe(true);
    expect(checkExclusion({ history: h.ops })).toMatchObject({ leaseLost: [{ lock: 'L', overlapped: false }] });
  });
});

describe('tokens keep their precision', () => {
  it('two increasing 64-bit tokens recorded as decimal strings are neither duplicates nor a regression', () => {
    // p1  [0 acq 1)── rel 2      token 9007199254740993 (2^53 + 1)
    // p2              [3 acq 4)── rel 5   token 9007199254740994
    // As doubles both would be 9007199254740992: "granted twice".
    const h = new HistoryBuilder()
      .invoke(0, 1, 'acquire', { lock: 'L' }).ok(1, 1, 'acquire', { lock: 'L', token: '9007199254740993' })
      .invoke(2, 1, 'release', { lock: 'L', token: '9007199254740993' }).ok(2.5, 1, 'release', { lock: 'L', released: true })
      .invoke(3, 2, 'acquire', { lock: 'L' }).ok(4, 2, 'acquire', { lock: 'L', token: '9007199254740994' })
      .invoke(5, 2, 'release', { lock: 'L', token: '9007199254740994' }).ok(5.5, 2, 'release', { lock: 'L', released: true });
    const r = checkFencing({ history: h.ops, test: { fencing: 'full' } });
    expect(r).toMatchObject({ valid: true, decides: true, duplicateCount: 0, regressionCount: 0, grants: 2 });
  });

  it('a regression between decimal strings past 2^53 is found', () => {
    const h = new HistoryBuilder()
      .invoke(0, 1, 'acquire', { lock: 'L' }).ok(1, 1, 'acquire', { lock: 'L', token: '18446744073709551615' })
      .invoke(3, 2, 'acquire', { lock: 'L' }).ok(4, 2, 'acquire', { lock: 'L', token: '18446744073709551614' });
    const r = checkFencing({ history: h.ops, test: { fencing: 'full' } });
    expect(r.valid).toBe(false);
    expect(r.regressions.map((x) => [x.earlier.token, x.later.token])).toEqual([['18446744073709551615', '18446744073709551614']]);
  });
});

describe('more histories a correct service can produce', () => {
  it('a re-entrant grant inside a belief is the same grant, whatever token it repeats', () => {
    // p1  [0 acq 1)── [2 acq 3) ── rel 4     both answers carry token 7 (a re-entrant lock)
    const h = new HistoryBuilder().acquire(0, 1, 1, 7).acquire(2, 3, 1, 7).release(4, 5, 1, 7);
    expect(checkFencing({ history: h.ops, test: { fencing: 'full' } })).toMatchObject({ valid: true, duplicateCount: 0, grants: 1 });
  });

  it('a write acknowledged after the final read began need not be in it', () => {
    // p1  write [1] [0 ·········· ok 12)
    // final read                  [10 ok 11) = []        concurrent: the write may land after it
    const h = new HistoryBuilder().invoke(0, 1, 'write', { lock: 'L', token: 1, value: [1], element: 1 })
      .op(10, -1, 'invoke', 'final-read', {}).op(11, -1, 'ok', 'final-read', { value: [] })
      .ok(12, 1, 'write', { lock: 'L', token: 1, value: [1], element: 1 });
    const r = checkLockHistory({ history: h.ops });
    expect(r.checkers['lost-updates']).toMatchObject({ valid: true, concurrentWithFinalRead: 1 });
  });

  it('but one acknowledged before the final read began must be', () => {
    const h = new HistoryBuilder().write(0, 5, 1, 1, [1]).finalRead(10, []);
    expect(checkLockHistory({ history: h.ops }).checkers['lost-updates']).toMatchObject({ valid: false, lost: [{ element: 1 }] });
  });

  it('a run cut short whose register holds an element with no write in the history is unknown, not invalid', () => {
    // p1  write [1] [0 ok 1)                      register: accepted [1], then accepted [1, 2]
    // p2  (its invocation of write 2 was the torn last line of a killed harness: not in the history)
    const h = new HistoryBuilder().write(0, 1, 1, 1, [1])
      .entry(0.5, { op: 'write', process: 1, token: 1, decision: 'accepted', value: [1], element: 1 })
      .entry(3, { op: 'write', process: 2, token: 2, decision: 'accepted', value: [1, 2], element: 2 });
    const r = checkLockHistory({ history: h.ops, register: h.register });
    expect(r.checkers['lost-updates']).toMatchObject({ valid: 'unknown', finalValueSource: 'register-last-write', unexpectedNeverWritten: [2] });
  });
});
