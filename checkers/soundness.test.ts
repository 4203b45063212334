import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { beliefs } from './belief.js';
import { checkExclusion } from './exclusion.js';
import type { CheckInput, Op } from './history.js';
import { checkLockHistory } from './lock-checkers.js';
import { lockMutexChecker } from './lock-mutex.js';
import { simulate, type SimBug, type SimPlan } from './simulated-lock-service.js';

// Generated soundness tests (issue 6). A simulated correct lease-lock service
// (simulated-lock-service.ts) must never be judged invalid; a broken one must always be; exclusion
// and mutex must agree on every history. fast-check shrinks a failure to a small plan and prints
// its seed and path: put `seed` and `path` into REPLAY to replay exactly that case.

const REPLAY: { seed?: number; path?: string } = {};
const SCALE = 1;
const seedOpts = REPLAY;

const step = fc.record({
  client: fc.integer({ min: 0, max: 3 }),
  action: fc.integer({ min: 0, max: 99 }),
  gap: fc.integer({ min: 0, max: 6 }),
  before: fc.integer({ min: 0, max: 3 }),
  after: fc.integer({ min: 1, max: 8 }),
});

function plans(bug: fc.Arbitrary<SimBug>, tokens: fc.Arbitrary<SimPlan['tokens']>, fencing: fc.Arbitrary<SimPlan['fencing']>): fc.Arbitrary<SimPlan> {
  return fc.record({
    ttl: fc.integer({ min: 3, max: 40 }),
    eager: fc.boolean(),
    fencing,
    tokens,
    steps: fc.array(step, { maxLength: 40 }),
    finalRead: fc.boolean(),
    registerLog: fc.boolean(),
    // Bounded lines with a fresh key every 1-4 elements, or the older shape (one key, whole values).
    keyEvery: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    bug,
  }, { requiredKeys: ['ttl', 'eager', 'fencing', 'tokens', 'steps', 'finalRead', 'registerLog', 'bug'] });
}

const anyTokens = fc.constantFrom<SimPlan['tokens']>('string', 'number', 'huge', 'none');
const withTokens = fc.constantFrom<SimPlan['tokens']>('string', 'number', 'huge');
const anyFencing = fc.constantFrom<SimPlan['fencing']>('none', 'write', 'full');
const tally = new Map<string, number>();
const count = (key: string, n = 1): void => { tally.set(key, (tally.get(key) ?? 0) + n); };

/** Runs every checker, and counts verdicts and the kinds of belief the history holds. */
function judge(input: CheckInput, label: string) {
  const r = checkLockHistory(input, { extra: [lockMutexChecker()] });
  count(`verdict ${label}:${String(r.valid)}`);
  const all = beliefs(input.history).beliefs;
  for (const b of all) count(`belief ending ${b.ending}`);
  const nested = all.some((a) => all.some((b) => a !== b && a.process === b.process && a.lock !== b.lock && a.start < b.end && b.start < a.end));
  if (nested) count('histories with nested beliefs');
  const history = input.history as readonly Op[];
  const keys = new Set(history.filter((op) => op.f === 'write').map((op) => (op.value as { key?: number }).key ?? 0));
  if (keys.size > 1) count('histories writing several keys');
  if (history.some((op) => op.type === 'invoke' && !history.some((c) => c.process === op.process && c.index > op.index && c.type !== 'invoke'))) count('histories with open ops');
  return r;
}

describe('generated histories', () => {
  it('a correct lease-lock service is never judged invalid, by any checker, deciding or not', () => {
    fc.assert(fc.property(plans(fc.constant('none'), anyTokens, anyFencing), (plan) => {
      const input = simulate(plan);
      const r = judge(input, 'correct');
      for (const [name, result] of Object.entries(r.checkers)) expect([name, result.valid]).not.toEqual([name, false]);
      expect(r.valid).not.toBe(false);
    }), { numRuns: 2000 * SCALE, ...seedOpts });
  });

  const bugs: [SimBug, fc.Arbitrary<SimPlan['tokens']>, fc.Arbitrary<SimPlan['fencing']>][] = [
    ['grant-while-held', anyTokens, anyFencing],
    ['duplicate-token', withTokens, anyFencing],
    ['regressing-token', withTokens, anyFencing],
    ['stale-accept', withTokens, fc.constantFrom<SimPlan['fencing']>('write', 'full')],
    ['lost-write', anyTokens, anyFencing],
  ];
  for (const [bug, tokens, fencing] of bugs) {
    it(`a service with the bug ${bug} is always caught`, () => {
      fc.assert(fc.property(plans(fc.constant(bug), tokens, fencing), (plan) => {
        expect(judge(simulate(plan), bug).valid).toBe(false);
      }), { numRuns: 300 * SCALE, ...seedOpts });
    });
  }

  it('exclusion and mutex agree on every history, correct or broken', () => {
    const anyBug = fc.constantFrom<SimBug>('none', 'none', 'grant-while-held', 'duplicate-token', 'lost-write');
    fc.assert(fc.property(plans(anyBug, anyTokens, anyFencing), (plan) => {
      const input = simulate(plan);
      expect(lockMutexChecker().check(input).valid).toBe(checkExclusion(input).valid);
    }), { numRuns: 1500 * SCALE, ...seedOpts });
  });

  it('generated every kind of holder the correct service promises', () => {
    console.log(`generated: ${JSON.stringify(Object.fromEntries([...tally].sort()))}`);
    for (const kind of ['released', 'lease-lost', 'release-failed', 'retired', 'cut-off']) expect(tally.get(`belief ending ${kind}`) ?? 0).toBeGreaterThan(0);
    expect(tally.get('histories with nested beliefs') ?? 0).toBeGreaterThan(0);
    expect(tally.get('histories with open ops') ?? 0).toBeGreaterThan(0);
    expect(tally.get('histories writing several keys') ?? 0).toBeGreaterThan(0);
  });
});
