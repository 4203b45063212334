import { describe, expect, it } from 'vitest';
import { checkLockHistory } from '../checkers/lock-checkers.js';
import { generateLockHistory } from './generate-lock-history.js';

// The simulated test knows its own truth: the checkers must find exactly it.
describe('generateLockHistory + lock checkers', () => {
  it('unfenced: the lost elements are exactly the acknowledged ones missing from the final read', () => {
    const g = generateLockHistory({ ops: 20_000, seed: 3, fencing: 'none', keyEvery: 500 });
    expect(Math.abs(g.history.length - 20_000)).toBeLessThanOrEqual(2);
    const acked = g.history.filter((op) => op.f === 'write' && op.type === 'ok').map((op) => op.value as { key: number; element: number });
    const finals = new Map(g.history.filter((op) => op.f === 'final-read' && op.type === 'ok').map((op) => [(op.value as { key: number }).key, new Set((op.value as { value: number[] }).value)]));
    expect(finals.size).toBeGreaterThan(1);
    const missing = acked.filter((w) => !finals.get(w.key)?.has(w.element)).map((w) => w.element);
    const r = checkLockHistory({ history: g.history, register: g.register, test: g.test });
    expect(missing.length).toBeGreaterThan(0);
    expect((r.checkers['lost-updates']!.lost as { element: number }[]).map((l) => l.element).sort((a, b) => a - b)).toEqual(missing.sort((a, b) => a - b));
    expect((r.checkers.exclusion!.incidents as unknown[]).length).toBeGreaterThan(0);
    expect(r.valid).toBe(false);
  });

  it.each([1, 2, 3])('fully fenced (seed %i): the same pauses, no violation', (seed) => {
    const g = generateLockHistory({ ops: 20_000, seed, fencing: 'full' });
    const r = checkLockHistory({ history: g.history, register: g.register, test: g.test });
    expect(r.valid).toBe(true);
    expect(r.checkers.fencing!.rejectedStale).toBeGreaterThan(0);
    expect(r.checkers.exclusion).toMatchObject({ valid: false, decides: false });
  });

  it('without pauses or timeouts, no double holder and nothing lost', () => {
    const g = generateLockHistory({ ops: 20_000, seed: 5, fencing: 'none', pauseEveryMs: 1e12, infoRate: 0 });
    const r = checkLockHistory({ history: g.history, register: g.register, test: g.test });
    expect(r.checkers.exclusion).toMatchObject({ incidents: [] });
    expect(r.valid).toBe(true);
  });
});
