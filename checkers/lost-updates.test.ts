import { describe, expect, it } from 'vitest';
import { HistoryBuilder } from './history-builder.js';
import { checkLostUpdates } from './lost-updates.js';

describe('lost-updates', () => {
  it('names a lost element, its writer and the write that overwrote it', () => {
    // p1 (token 1, paused)  read [] ─────────────────────────── write [1] ok at 31
    // p2 (token 2)                    read [] ── write [2] ok at 21
    // p3 (token 3)                                                      read [1] ── write [1,3] ok
    // The register accepted p2's [2], then p1's [1] (no fencing): element 2 is gone.
    const h = new HistoryBuilder()
      .write(20, 21, 2, 2, [2]).entry(20.5, { op: 'write', process: 2, token: 2, decision: 'accepted', value: [2], element: 2 })
      .write(30, 31, 1, 1, [1]).entry(30.5, { op: 'write', process: 1, token: 1, decision: 'accepted', value: [1], element: 1 })
      .write(40, 41, 3, 3, [1, 3]).entry(40.5, { op: 'write', process: 3, token: 3, decision: 'accepted', value: [1, 3], element: 3 })
      .finalRead(50, [1, 3]);
    const r = checkLostUpdates({ history: h.ops, register: h.register });
    expect(r.valid).toBe(false);
    expect(r.lost).toEqual([{ element: 2, key: 0, process: 2, token: '2', writeIndex: 0, okIndex: 1, timeMs: 20, registerSeq: 0,
      overwrittenBy: { seq: 1, process: 1, token: '1', element: 1, timeMs: 30.5 } }]);
    expect(r).toMatchObject({ finalValueSource: 'final-read', finalValueAt: 7, acknowledged: 3, finalSize: 2 });
    expect(r.summary).toBe('1 of 3 acknowledged elements lost (final value from the history\'s final read, index 7)');
  });

  it('allows elements of writes with unknown outcome, and of open writes', () => {
    // p1 write [1] ··· info      p2 write [1,2] ok      p3 write [1,2,3] ··· (never completes)
    const h = new HistoryBuilder().write(0, 5, 1, 1, [1], 'info').write(10, 11, 2, 2, [1, 2])
      .invoke(20, 3, 'write', { lock: 'L', token: 3, value: [1, 2, 3], element: 3 }).finalRead(30, [1, 2, 3]);
    const r = checkLostUpdates({ history: h.ops });
    expect(r).toMatchObject({ valid: true, lost: [], unexpectedIndeterminate: 2, unexpectedFailed: [], unexpectedNeverWritten: [] });
  });

  it('flags an element of a failed write that the register rejected, or that was never written', () => {
    const h = new HistoryBuilder().write(0, 1, 1, 1, [1], 'fail')
      .entry(0.5, { op: 'write', process: 1, token: 1, decision: 'rejected', value: [1], element: 1 })
      .finalRead(10, [1, 99]);
    const r = checkLostUpdates({ history: h.ops, register: h.register });
    expect(r.valid).toBe(false);
    expect(r.unexpectedFailed).toEqual([{ element: 1, process: 1, token: '1', writeIndex: 0, registerSeq: 0 }]);
    expect(r.unexpectedNeverWritten).toEqual([99]);
  });

  it('trusts the register over a client that said fail: unknown, not a violation', () => {
    const h = new HistoryBuilder().write(0, 1, 1, 1, [1], 'fail')
      .entry(0.5, { op: 'write', process: 1, token: 1, decision: 'accepted', value: [1], element: 1 })
      .finalRead(10, [1]);
    const r = checkLostUpdates({ history: h.ops, register: h.register });
    expect(r.valid).toBe('unknown');
    expect(r.failedButAccepted.map((f) => f.element)).toEqual([1]);
    expect(r.unexpectedFailed).toEqual([]);
  });

  it('without a final read, takes the register log\'s last accepted write and says so', () => {
    const h = new HistoryBuilder()
      .write(0, 1, 1, 1, [1]).entry(0.5, { op: 'write', process: 1, token: 1, decision: 'accepted', value: [1], element: 1 })
      .write(2, 3, 2, 2, [2]).entry(2.5, { op: 'write', process: 2, token: 2, decision: 'accepted', value: [2], element: 2 })
      .entry(4, { op: 'read', process: 3, token: 3, decision: 'accepted', value: [2] });
    const r = checkLostUpdates({ history: h.ops, register: h.register });
    expect(r).toMatchObject({ valid: false, finalValueSource: 'register-last-write', finalValueAt: 1 });
    expect(r.lost.map((l) => [l.element, l.overwrittenBy?.seq])).toEqual([[1, 1]]);
    expect(r.summary).toMatch(/final value from the register log's last accepted write \(no final read\), seq 1/);
  });

  it('is unknown with neither a final read nor a register log', () => {
    const h = new HistoryBuilder().write(0, 1, 1, 1, [1]);
    expect(checkLostUpdates({ history: h.ops })).toMatchObject({ valid: 'unknown', lost: [], summary: expect.stringMatching(/no final value \(no final read, no register log\)/) });
    expect(checkLostUpdates({ history: [] })).toMatchObject({ valid: 'unknown', summary: 'no final value (no final read, no register log): nothing to compare with' });
  });

  it('takes the register log\'s final read when the history has none, and says so', () => {
    // The harness died after the register answered the final read but before recording it.
    const h = new HistoryBuilder()
      .write(0, 1, 1, 1, [1]).entry(0.5, { op: 'write', process: 1, token: 1, decision: 'accepted', value: [1], element: 1 })
      .entry(5, { op: 'final-read', process: -1, token: null, decision: 'accepted', value: [1] });
    const r = checkLostUpdates({ history: h.ops, register: h.register });
    expect(r).toMatchObject({ valid: true, finalValueSource: 'register-final-read', finalValueAt: 1 });
    expect(r.summary).toMatch(/final value from the register log's final read \(none in the history\), seq 1/);
  });

  it('says unknown when the history\'s final read and the register log\'s contradict each other', () => {
    // write 1 acknowledged; the history's final read says [1], the register's own record of that
    // read says [] : one of the two accounts is wrong, and nothing says which.
    const h = new HistoryBuilder()
      .write(0, 1, 1, 1, [1]).entry(0.5, { op: 'write', process: 1, token: 1, decision: 'accepted', value: [1], element: 1 })
      .entry(5, { op: 'final-read', process: -1, token: null, decision: 'accepted', value: [] })
      .finalRead(5, [1]);
    const r = checkLostUpdates({ history: h.ops, register: h.register });
    expect(r).toMatchObject({ valid: 'unknown', finalValueSource: 'final-read', finalValueConflict: { registerSeq: 1, onlyInHistory: [1], onlyInLog: [] } });
    expect(r.summary).toMatch(/disagree/);
  });

  it('uses the last final read, and passes when every acknowledged element is there', () => {
    const h = new HistoryBuilder().write(0, 1, 1, 1, [1]).finalRead(5, []).write(6, 7, 2, 2, [1, 2]).finalRead(10, [1, 2]);
    expect(checkLostUpdates({ history: h.ops })).toMatchObject({ valid: true, finalValueAt: 7, lost: [] });
  });

  it('bounded lines: names a lost element per key and the write that overwrote it, rebuilt from versions', () => {
    // Key 0: p1 writes 1 (v1), p2 writes 2 on v1 (v2), then p3, holding a read of v1, writes 3 on v1 (v3): 2 is lost.
    // Key 1: p4 writes 4 and it stays.
    const h = new HistoryBuilder()
      .keyedWrite(10, 11, 1, 1, { key: 0, element: 1, base: 0 }).entry(10.5, { op: 'write', process: 1, token: 1, decision: 'accepted', key: 0, element: 1, base: 0, version: 1, length: 1 })
      .keyedWrite(20, 21, 2, 2, { key: 0, element: 2, base: 1 }).entry(20.5, { op: 'write', process: 2, token: 2, decision: 'accepted', key: 0, element: 2, base: 1, version: 2, length: 2 })
      .keyedWrite(30, 31, 3, 3, { key: 0, element: 3, base: 1 }).entry(30.5, { op: 'write', process: 3, token: 3, decision: 'accepted', key: 0, element: 3, base: 1, version: 3, length: 2 })
      .keyedWrite(40, 41, 4, 4, { key: 1, element: 4, base: 0 }).entry(40.5, { op: 'write', process: 4, token: 4, decision: 'accepted', key: 1, element: 4, base: 0, version: 1, length: 1 })
      .keyedFinalRead(50, 0, [1, 3]).keyedFinalRead(51, 1, [4]);
    const r = checkLostUpdates({ history: h.ops, register: h.register });
    expect(r).toMatchObject({ valid: false, keys: 2, acknowledged: 4, finalSize: 3, unexpectedNeverWritten: [] });
    expect(r.lost).toEqual([{ element: 2, key: 0, process: 2, token: '2', writeIndex: 2, okIndex: 3, timeMs: 20, registerSeq: 1,
      overwrittenBy: { seq: 2, process: 3, token: '3', element: 3, timeMs: 30.5 } }]);
    // Without the history's final reads, the log's last writes rebuild the same values.
    const noFinal = checkLostUpdates({ history: h.ops.slice(0, 8), register: h.register });
    expect(noFinal).toMatchObject({ valid: false, finalValueSource: 'register-last-write', finalSize: 3 });
    expect(noFinal.lost.map((l) => l.element)).toEqual([2]);
  });

  it('bounded lines: an element found under another key than it was written to counts as never written there', () => {
    const h = new HistoryBuilder().keyedWrite(0, 1, 1, 1, { key: 0, element: 1, base: 0 }).keyedFinalRead(5, 0, []).keyedFinalRead(6, 1, [1]);
    const r = checkLostUpdates({ history: h.ops });
    expect(r).toMatchObject({ valid: false, unexpectedNeverWritten: [1] });
    expect(r.lost.map((l) => l.element)).toEqual([1]);
  });
});
