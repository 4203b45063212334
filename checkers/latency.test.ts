import { describe, expect, it } from 'vitest';
import { generateLockHistory } from '../bench/generate-lock-history.js';
import { joinTallies, latencyMs, tallyOps } from './latency.js';
import { pairOps } from './open-ops.js';

describe('op tallies', () => {
  it('joined from two disjoint parts, equal the tally of the whole', () => {
    const { pairs } = pairOps(generateLockHistory({ ops: 4000, seed: 11 }).history);
    const parts = [0, 1, 17, Math.floor(pairs.length / 2), pairs.length].map((cut) => (_: unknown, i: number) => i % 3 === 0 && i >= cut);
    // A part that starts with later fs (writes, final reads) than the whole does.
    parts.push((p, i) => i > 40 && ['write', 'final-read'].includes((p as { f: string }).f));
    for (const inA of parts) {
      // Interleaved parts, as inside and outside fault windows are.
      const [a, b] = [pairs.filter((p, i) => inA(p, i)), pairs.filter((p, i) => !inA(p, i))];
      const whole = tallyOps(pairs);
      const joined = joinTallies(tallyOps(a), tallyOps(b));
      expect(joined.counts).toEqual(whole.counts);
      // The same order of fs too: results.json reads the same joined or not.
      expect(JSON.stringify(joined.counts)).toBe(JSON.stringify(whole.counts));
      expect(JSON.stringify(latencyMs(joined))).toBe(JSON.stringify(latencyMs(whole)));
      expect(joined.ok).toBe(whole.ok);
      expect([...joined.latencyNs].map(([f, ns]) => [f, [...ns]]).sort()).toEqual([...whole.latencyNs].map(([f, ns]) => [f, [...ns]]).sort());
      expect(latencyMs(joined)).toEqual(latencyMs(whole));
    }
    expect(Object.keys(tallyOps(pairs).counts).sort()).toEqual(['acquire', 'final-read', 'read', 'release', 'write']);
  });

  it('counts an op of any name, "__proto__" and "constructor" included', () => {
    // The first 40 operations renamed, invocation and completion alike.
    const history = generateLockHistory({ ops: 200, seed: 2 }).history;
    const names = new Map<number, string>();
    pairOps(history).pairs.slice(0, 40).forEach((p, k) => {
      for (const at of [p.invokeAt, p.completionAt]) names.set(at, k % 2 === 0 ? '__proto__' : 'constructor');
    });
    const renamed = history.map((op, at) => ({ ...op, f: names.get(at) ?? op.f }));
    const odd = pairOps(renamed).pairs.filter((p) => names.has(p.invokeAt));
    expect(odd).toHaveLength(40);
    const t = tallyOps(odd);
    expect(Object.keys(t.counts).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(t.counts)).toBe(Object.prototype);
    const joined = joinTallies(tallyOps(odd.slice(0, 7)), tallyOps(odd.slice(7)));
    expect(JSON.stringify(joined.counts)).toBe(JSON.stringify(t.counts));
  });
});
