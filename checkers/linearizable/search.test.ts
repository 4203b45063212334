import { describe, expect, it } from 'vitest';
import { checkLinearizable } from './check-linearizable.js';
import { opsOf, type OpSpec } from './test-ops.js';

const cas = (specs: OpSpec[], initial?: unknown) => checkLinearizable(opsOf(specs), { model: 'cas-register', initial });

describe('WGL search on drawn timelines (time →)', () => {
  it('linearizes concurrent overlapping ops in an order other than their invocations', () => {
    // p0 |--write 1--------------|
    // p1     |--write 2--|
    // p2                    |--read 1--|
    expect(cas([
      [0, 'write', 1, undefined, 'ok', 0, 10], [1, 'write', 2, undefined, 'ok', 2, 5], [2, 'read', null, 1, 'ok', 8, 12],
    ]).valid).toBe(true);
  });

  it('refuses a stale read after a completed write', () => {
    // p0 |write 1|
    // p1          |write 2|
    // p2                   |read 1|
    const r = cas([
      [0, 'write', 1, undefined, 'ok', 0, 1], [1, 'write', 2, undefined, 'ok', 2, 3], [2, 'read', null, 1, 'ok', 4, 5],
    ]);
    expect(r.valid).toBe(false);
    expect(r.counterexample?.prefixLength).toBe(2);
    expect(r.counterexample?.state).toBe('2');
    expect(r.counterexample?.blocked?.id).toBe(2);
    expect(r.counterexample?.tried[0]?.why).toMatch(/cannot happen in state 2/);
  });

  it('lets an info write take effect late, long after its invocation', () => {
    // p0 |write 1 ........................ (info: unknown, open to the end)
    // p1           |read nil|
    // p2                       |read 1|
    expect(cas([
      [0, 'write', 1, undefined, 'info', 0, 1], [1, 'read', null, null, 'ok', 5, 6], [2, 'read', null, 1, 'ok', 10, 11],
    ]).valid).toBe(true);
  });

  it('lets an info write never take effect', () => {
    // p0 |write 1 ...........  (info)
    // p1 |write 2|
    // p2            |read 2|   |read 2|
    expect(cas([
      [0, 'write', 1, undefined, 'info', 0, 1], [1, 'write', 2, undefined, 'ok', 0, 2], [2, 'read', null, 2, 'ok', 5, 6], [2, 'read', null, 2, 'ok', 8, 9],
    ]).valid).toBe(true);
  });

  it('does not let an info write take effect before its invocation', () => {
    // p1 |read 1|
    // p0          |write 1 ...  (info)
    expect(cas([[1, 'read', null, 1, 'ok', 0, 1], [0, 'write', 1, undefined, 'info', 2, 3]]).valid).toBe(false);
  });

  it('does not let an info write take effect twice', () => {
    // p0 |write 1 ... (info)
    // p1   |write 2|
    // p2             |read 1|  |read 2|  |read 1|
    expect(cas([
      [0, 'write', 1, undefined, 'info', 0, 1], [1, 'write', 2, undefined, 'ok', 1, 2],
      [2, 'read', null, 1, 'ok', 3, 4], [2, 'read', null, 2, 'ok', 5, 6], [2, 'read', null, 1, 'ok', 7, 8],
    ]).valid).toBe(false);
  });

  it('treats zero-duration ops as points, concurrent with ops touching them', () => {
    // p0 |write 1|         (0..5)
    // p1       |read nil|  a point at 5: concurrent with the write's end
    // p2          |read 1| a point at 6
    expect(cas([[0, 'write', 1, undefined, 'ok', 0, 5], [1, 'read', null, null, 'ok', 5, 5], [2, 'read', null, 1, 'ok', 6, 6]]).valid).toBe(true);
    // the same points after the write ended: nil is stale
    expect(cas([[0, 'write', 1, undefined, 'ok', 0, 5], [1, 'read', null, null, 'ok', 6, 6]]).valid).toBe(false);
  });

  it('keeps a failed cas as an observation and drops failed writes', () => {
    // p0 |write 1|  p1 |cas 1→2 fail|  : the value was 1, so the cas could not have failed
    expect(cas([[0, 'write', 1, undefined, 'ok', 0, 1], [1, 'cas', [1, 2], undefined, 'fail', 2, 3]]).valid).toBe(false);
    expect(cas([[0, 'write', 1, undefined, 'fail', 0, 1], [1, 'read', null, null, 'ok', 2, 3]]).valid).toBe(true);
  });

  it('starts from the given initial value', () => {
    expect(cas([[0, 'read', null, 0, 'ok', 0, 1]]).valid).toBe(false);
    expect(cas([[0, 'read', null, 0, 'ok', 0, 1]], 0).valid).toBe(true);
  });

  it('checks keys separately and the first illegal key decides', () => {
    const specs: OpSpec[] = [
      [0, 'write', 1, undefined, 'ok', 0, 1, 'a'], [1, 'read', null, 1, 'ok', 2, 3, 'b'], [2, 'read', null, 1, 'ok', 2, 3, 'a'],
    ];
    const r = checkLinearizable(opsOf(specs), { model: 'cas-register' });
    expect(r.valid).toBe(false);
    expect(r.partitions).toBe(2);
    expect(r.counterexample?.key).toBe('b');
    expect(r.summary).toMatch(/key "b"/);
  });

  it('says unknown, never true, when the time budget runs out', () => {
    // 16 concurrent writes and reads of values no write produced force an exhaustive search.
    const specs: OpSpec[] = [];
    for (let p = 0; p < 14; p++) specs.push([p, 'write', p, undefined, 'ok', 0, 100]);
    for (let p = 14; p < 18; p++) specs.push([p, 'read', null, p - 14, 'ok', 1, 100]);
    specs.push([30, 'read', null, 99, 'ok', 101, 102]);
    let t = 0;
    const r = checkLinearizable(opsOf(specs), { model: 'cas-register', timeLimitMs: 5, now: () => (t += 1) });
    expect(r.valid).toBe('unknown');
    expect(r.reason).toMatch(/time limit of 5 ms exceeded/);
  });

  it('says unknown when the memory budget runs out', () => {
    const specs: OpSpec[] = [];
    for (let p = 0; p < 14; p++) specs.push([p, 'write', p, undefined, 'ok', 0, 100]);
    specs.push([30, 'read', null, 99, 'ok', 101, 102]);
    const r = checkLinearizable(opsOf(specs), { model: 'cas-register', memoryLimitMb: 0.1 });
    expect(r.valid).toBe('unknown');
    expect(r.reason).toMatch(/memory limit/);
  });

  it('rejects ops the model does not know, with a one-line message', () => {
    expect(() => checkLinearizable(opsOf([[0, 'acquire', null, undefined, 'ok', 0, 1]]), { model: 'register' }))
      .toThrow(/^the register model has no operation "acquire" \(op 0\): it knows read, write; choose another --model$/);
  });
});

describe('info ops: what the search leaves out loses no linearization', () => {
  it('lets two timed-out writes of the same value both take effect, and no more than two', () => {
    // p0 |write 1 ... (info)
    // p1 |write 1 ... (info)
    // p2        |read 1| |write 2| |read 2| |read 1|  (|write 2| |read 1| more: a third write 1)
    const both: OpSpec[] = [
      [0, 'write', 1, undefined, 'info', 0, 1], [1, 'write', 1, undefined, 'info', 0, 1],
      [2, 'read', null, 1, 'ok', 2, 3], [2, 'write', 2, undefined, 'ok', 4, 5], [2, 'read', null, 2, 'ok', 6, 7], [2, 'read', null, 1, 'ok', 8, 9],
    ];
    expect(cas(both).valid).toBe(true);
    expect(cas([...both, [2, 'write', 2, undefined, 'ok', 10, 11], [2, 'read', null, 1, 'ok', 12, 13]]).valid).toBe(false);
  });

  it('lets a timed-out write that would change nothing when invoked take effect later', () => {
    // p0 |write 1|
    // p1          |write 1 ... (info)
    // p2                  |write 2| |read 1|
    expect(cas([
      [0, 'write', 1, undefined, 'ok', 0, 1], [1, 'write', 1, undefined, 'info', 2, 3],
      [2, 'write', 2, undefined, 'ok', 4, 5], [2, 'read', null, 1, 'ok', 6, 7],
    ]).valid).toBe(true);
  });

  it('does not try the orders of timed-out writes of the same values one by one', () => {
    // 16 timed-out writes of 1 and 2, then a read of 3 that no op wrote: every subset and order
    // of the writes is dead, and the search sees them as counts of each value.
    const specs: OpSpec[] = [];
    for (let p = 0; p < 16; p++) specs.push([p, 'write', 1 + (p % 2), undefined, 'info', 0, 1]);
    specs.push([20, 'read', null, 3, 'ok', 2, 3]);
    const r = cas(specs);
    expect(r.valid).toBe(false);
    expect(r.configs).toBeLessThan(100);
  });
});
