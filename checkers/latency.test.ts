import { describe, expect, it } from 'vitest';
import { generateLockHistory } from '../bench/generate-lock-history.js';
import { joinTallies, latencyMs, tallyOps } from './latency.js';
import { pairOps } from './open-ops.js';

describe('op tallies', () => {
  it('joined from two disjoint parts, equal the tally of the whole', () => {
    const { pairs } = pairOps(generateLockHistory({ ops: 4000, seed: 11 }).history);
    for (const cut of [0, 1, 17, Math.floor(pairs.length / 2), pairs.length]) {
      // Interleaved parts, as inside and outside fault windows are.
      const [a, b] = [pairs.filter((_, i) => i % 3 === 0 && i >= cut), pairs.filter((_, i) => i % 3 !== 0 || i < cut)];
      const whole = tallyOps(pairs);
      const joined = joinTallies(tallyOps(a), tallyOps(b));
      expect(joined.counts).toEqual(whole.counts);
      expect(joined.ok).toBe(whole.ok);
      expect([...joined.latencyNs].map(([f, ns]) => [f, [...ns]]).sort()).toEqual([...whole.latencyNs].map(([f, ns]) => [f, [...ns]]).sort());
      expect(latencyMs(joined)).toEqual(latencyMs(whole));
    }
    expect(Object.keys(tallyOps(pairs).counts).sort()).toEqual(['acquire', 'final-read', 'read', 'release', 'write']);
  });
});
