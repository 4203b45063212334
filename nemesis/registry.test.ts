import { describe, expect, it } from 'vitest';
import { faultTouchesNodes, listFaults, NEMESIS_NAMES, parseNemesis } from './registry.js';

describe('nemesis registry', () => {
  it('parses a comma-separated list into faults of the named kind and target', () => {
    const faults = parseNemesis('pause-leader, partition-halves,clock-bump-node');
    expect(faults.map((f) => [f.name, f.kind])).toEqual([['pause-leader', 'pause'], ['partition-halves', 'partition'], ['clock-bump-node', 'clock-bump']]);
    expect(parseNemesis('none')).toEqual([]);
    expect(parseNemesis('')).toEqual([]);
    expect(parseNemesis('pause-holder,pause-client').map((f) => f.name)).toEqual(['pause-holder', 'pause-client']);
  });

  it('refuses bad entries with one line that says what is valid', () => {
    const cases: Array<[string, RegExp]> = [
      ['sleep-node', /unknown nemesis "sleep-node": write KIND-TARGET with KIND one of pause, kill, partition, clock-bump, clock-strobe, delay, loss/],
      ['pause-everyone', /unknown target "everyone" in nemesis "pause-everyone": pause takes node, leader, minority, majority, holder, client/],
      ['pause-ring', /"pause-ring" is not valid: ring is a partition topology; pause acts on processes/],
      ['partition-majority', /is not valid: isolating a majority is the same cut as isolating the minority left over/],
      ['pause-node,pause-node', /names pause-node twice/],
      ['none,pause-node', /none cannot be combined/],
    ];
    for (const [spec, message] of cases) {
      const err = (() => { try { parseNemesis(spec); return null; } catch (e) { return e as Error; } })();
      expect(err?.message).toMatch(message);
      expect(err?.message).not.toContain('\n');
    }
  });

  it('lists every kind-target pair once, valid or with a reason', () => {
    const { valid, invalid } = listFaults();
    expect(valid.length + invalid.length).toBe(7 * 9);
    expect(valid.map((f) => f.name)).toContain('partition-bridge');
    expect(valid.map((f) => f.name)).toContain('clock-strobe-holder');
    expect(invalid.map((f) => f.name).sort()).toEqual([
      ...['clock-bump', 'clock-strobe', 'delay', 'kill', 'loss', 'pause'].flatMap((k) => [`${k}-bridge`, `${k}-halves`, `${k}-ring`]),
      'partition-majority',
    ].sort());
    expect(NEMESIS_NAMES[0]).toBe('none');
    for (const f of valid) expect(parseNemesis(f.name)[0]?.name).toBe(f.name);
  });

  it('tells faults on nodes (a backend may refuse their kind) from faults on clients only', () => {
    expect(parseNemesis('clock-bump-leader,clock-bump-client,partition-holder,partition-ring,kill-majority').map(faultTouchesNodes))
      .toEqual([true, false, false, true, true]);
  });
});
