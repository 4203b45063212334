import { describe, expect, it } from 'vitest';
import { junitXml } from './junit.js';
import { outcomeOf, runSuite, type RunReport } from './run-suite.js';
import { parseShard, shardOf } from './shard.js';
import { parseSuite, SuiteFileError, testArgs } from './suite-file.js';

const SUITE = JSON.stringify({
  name: 'nightly',
  defaults: { clients: 5, 'time-limit': 20 },
  entries: [{ backend: 'redis', nemesis: 'none', fencing: 'none', ttl: 10000, seeds: [1, 2], expect: 'valid' }],
  matrices: [{
    base: { backend: 'redis', nemesis: 'pause-holder' },
    axes: { fencing: ['none', 'full'], ttl: [1000, 2000], seed: [3] },
    expect: [{ when: { fencing: 'none' }, expect: 'invalid' }, { expect: 'valid' }],
  }],
});

describe('suite files', () => {
  it('expands entries by seed and matrices by every axis, with expectations by rule', () => {
    const suite = parseSuite(SUITE);
    expect(suite.name).toBe('nightly');
    expect(suite.runs.map((r) => [r.id, r.expect])).toEqual([
      ['redis-none-none-seed1', 'valid'], ['redis-none-none-seed2', 'valid'],
      ['redis-pause-holder-none-ttl1000-seed3', 'invalid'], ['redis-pause-holder-none-ttl2000-seed3', 'invalid'],
      ['redis-pause-holder-full-ttl1000-seed3', 'valid'], ['redis-pause-holder-full-ttl2000-seed3', 'valid'],
    ]);
    expect(testArgs(suite.runs[2]?.flags ?? {})).toEqual(['--clients', '5', '--time-limit', '20', '--backend', 'redis', '--nemesis', 'pause-holder', '--fencing', 'none', '--ttl', '1000', '--seed', '3']);
  });

  it('says what is wrong with a bad file', () => {
    expect(() => parseSuite('{')).toThrow(SuiteFileError);
    expect(() => parseSuite('{"entries":[{"backend":"redis","expect":"maybe"}]}')).toThrow(/"expect" must be "valid" or "invalid"/);
    expect(() => parseSuite('{"entries":[{"backend":"redis","ttl":[1],"expect":"valid"}]}')).toThrow(/"ttl" must be a string, number or boolean/);
    expect(() => parseSuite('{"matrices":[{"axes":{"fencing":["none"]},"expect":[{"when":{"fencing":"full"},"expect":"valid"}]}]}')).toThrow(/no "expect" rule matches/);
    expect(() => parseSuite('{}')).toThrow(/lists no runs/);
  });

  it('shards deal every run to exactly one shard, deterministically', () => {
    const items = Array.from({ length: 11 }, (_, i) => i);
    const shards = [1, 2, 3].map((index) => shardOf(items, { index, count: 3 }));
    expect(shards.flat().sort((a, b) => a - b)).toEqual(items);
    expect(shardOf(items, parseShard('2/3'))).toEqual(shards[1]);
    expect(() => parseShard('4/3')).toThrow(/--shard must be I\/N/);
    expect(() => parseShard('x')).toThrow(/--shard/);
  });
});

describe('running a suite', () => {
  it('tells a regression from an invalid run that was not reproduced, and writes one JUnit case per run', async () => {
    expect(outcomeOf('invalid', 'valid')).toBe('not-reproduced');
    expect(outcomeOf('valid', 'invalid')).toBe('regression');
    expect(outcomeOf('valid', 'unknown')).toBe('unknown');
    expect(outcomeOf('invalid', 'error')).toBe('error');
    const suite = parseSuite(SUITE);
    // A fake runner: what it returns is the point of the test, not a lock service.
    const verdicts: RunReport['verdict'][] = ['valid', 'invalid', 'valid', 'invalid', 'valid', 'error'];
    const lines: string[] = [];
    let n = 0;
    const results = await runSuite({
      runs: suite.runs, onProgress: (l) => lines.push(l),
      runOne: async () => ({ verdict: verdicts[n++] as RunReport['verdict'], folder: null, summary: 's', figures: { 'double holders': 0 }, seconds: 1 }),
    });
    expect(results.map((r) => r.outcome)).toEqual(['met', 'regression', 'not-reproduced', 'met', 'met', 'error']);
    expect(lines[0]).toBe('[1/6] redis-none-none-seed1: expect valid');
    const xml = junitXml({ suite: 'nightly', shard: '1/2', results });
    expect(xml.match(/<testcase /g)).toHaveLength(6);
    expect(xml).toContain('tests="6" failures="2" errors="1"');
    expect(xml).toContain('<failure type="not-reproduced" message="not reproduced: expected invalid');
    expect(xml).toContain('<failure type="regression"');
  });
});
