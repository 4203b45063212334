import { describe, expect, it } from 'vitest';
import type { Op } from '../checkers/history.js';
import { LiveStats } from './live-stats.js';
import { formatStatus } from './status-line.js';

const op = (index: number, ms: number, type: Op['type'], process: Op['process'], f: string, value?: unknown): Op => ({ index, time: ms * 1e6, type, process, f, value });

describe('live status of a running test', () => {
  it('counts ops, faults in force now and double holders so far, never an op still in flight', () => {
    let now = 0;
    const stats = new LiveStats(() => now);
    const ops = [
      op(0, 0, 'invoke', 0, 'acquire', { lock: 'L' }),
      op(1, 10, 'ok', 0, 'acquire', { lock: 'L', token: 1 }),
      op(2, 20, 'info', 'nemesis', 'start', { fault: 'pause', targets: ['client-0'] }),
      op(3, 1500, 'invoke', 1, 'acquire', { lock: 'L' }),
      op(4, 1510, 'ok', 1, 'acquire', { lock: 'L', token: 2 }),
      op(5, 1600, 'invoke', 1, 'release', { lock: 'L', token: 2 }),
    ];
    for (const o of ops) stats.add(o);
    now = 1600;
    const during = stats.snapshot();
    expect(during).toMatchObject({ ops: 6, faults: ['pause client-0'], incidents: 0 });
    expect(during.elapsedMs).toBe(1600);
    // Process 0 answers after its pause: it was inside while process 1 held the lock.
    now = 0;
    const later = new LiveStats(() => now);
    for (const o of [...ops, op(6, 1605, 'ok', 1, 'release', { lock: 'L', released: true }), op(7, 2600, 'info', 'nemesis', 'stop', { fault: 'pause', targets: ['client-0'] }),
      op(8, 2601, 'invoke', 0, 'release', { lock: 'L', token: 1 }), op(9, 2602, 'ok', 0, 'release', { lock: 'L', released: false })]) later.add(o);
    now = 2600;
    const after = later.snapshot();
    expect(after).toMatchObject({ ops: 10, faults: [], incidents: 1 });
    expect(formatStatus(after, 30_000)).toBe('3/30 s · 10 ops · 1.5 ok/s · faults now: none · double holders so far: 1');
  });
});
