import { describe, expect, it } from 'vitest';
import { HistoryBuilder } from './history-builder.js';
import { MalformedHistoryError, pairOps } from './open-ops.js';

describe('pairOps', () => {
  it('pairs invokes with completions, and leaves the history-cut-short invokes open as info', () => {
    // p1: acquire [0──1] read [2──  (history ends at 5)
    // p2:                 acquire [3──4]
    const h = new HistoryBuilder().acquire(0, 1, 1, 7).invoke(2, 1, 'read', { lock: 'L', token: 7 }).acquire(3, 4, 2, 8)
      .nemesis(5, 'start', { fault: 'pause', targets: ['c1'] });
    const paired = pairOps(h.ops);
    expect(paired.pairs.map((p) => [p.process, p.f, p.type, p.open])).toEqual([
      [1, 'acquire', 'ok', false], [1, 'read', 'info', true], [2, 'acquire', 'ok', false]]);
    expect(paired.openCount).toBe(1);
    expect(paired.nemesis.map((op) => op.index)).toEqual([5]);
    expect([paired.start, paired.end]).toEqual([0, 5e6]);
  });

  it('handles an empty history', () => {
    expect(pairOps([])).toMatchObject({ pairs: [], openCount: 0, start: 0, end: 0 });
  });

  const malformed: [string, HistoryBuilder, RegExp, number][] = [
    ['a completion without invoke', new HistoryBuilder().ok(1, 1, 'acquire', { lock: 'L', token: 1 }), /ok of process 1 \(acquire\) at index 0 has no invocation/, 0],
    ['a duplicate completion', new HistoryBuilder().acquire(0, 1, 1, 1).ok(2, 1, 'acquire', { lock: 'L', token: 1 }), /at index 2 has no invocation in flight \(a duplicate completion/, 2],
    ['two ops in flight', new HistoryBuilder().invoke(0, 1, 'acquire').invoke(1, 1, 'read'), /already has acquire in flight since index 0/, 1],
    ['a completion of another f', new HistoryBuilder().invoke(0, 1, 'acquire').ok(1, 1, 'read'), /completes acquire, invoked at index 0/, 1],
    ['a retired process reused', new HistoryBuilder().invoke(0, 1, 'acquire').info(1, 1, 'acquire').invoke(2, 1, 'acquire'), /process 1 was retired when its acquire ended info at index 1/, 2],
    ['a completion before its invoke', new HistoryBuilder().invoke(5, 1, 'acquire').ok(4, 1, 'acquire'), /before its invocation/, 1],
  ];
  it.each(malformed)('rejects %s, naming the op', (_name, h, message, position) => {
    let error: unknown;
    try {
      pairOps(h.ops);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(MalformedHistoryError);
    expect((error as Error).message).toMatch(message);
    expect((error as MalformedHistoryError).position).toBe(position);
  });

  it('rejects indices that do not increase', () => {
    const ops = new HistoryBuilder().acquire(0, 1, 1, 1).ops;
    ops[1] = { ...ops[1]!, index: 0 };
    expect(() => pairOps(ops)).toThrow(/op index 0 follows index 0/);
  });
});
