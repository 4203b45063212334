import { describe, expect, it } from 'vitest';
import { lockMutexChecker } from '../checkers/lock-mutex.js';
import { generateMutexHistory } from './linearizable-mutex-history.js';

describe('generateMutexHistory', () => {
  it('makes a history the mutex model accepts, with info ops and retired processes', () => {
    const history = generateMutexHistory({ ops: 20_000, processes: 20, infoRate: 0.01, seed: 3 });
    expect(history.filter((o) => o.type === 'info').length).toBeGreaterThan(50);
    expect(lockMutexChecker().check({ history }).valid).toBe(true);
  });

  it('gives false once one grant is moved inside another holder\'s section', () => {
    const history = generateMutexHistory({ ops: 2_000, processes: 5, infoRate: 0, seed: 5 });
    // Let the second acquire complete right after the first one, while the first holder holds.
    const oks = history.filter((o) => o.f === 'acquire' && o.type === 'ok');
    const [first, second] = oks as [typeof oks[number], typeof oks[number]];
    const invoked = history.find((o) => o.f === 'acquire' && o.type === 'invoke' && o.process === second.process && o.time <= second.time);
    expect(invoked).toBeDefined();
    const moved = history.map((o) => (o === second ? { ...o, time: first.time + 0.5 } : o === invoked ? { ...o, time: Math.min(o.time, first.time) } : o));
    expect(lockMutexChecker().check({ history: moved }).valid).toBe(false);
  });
});
