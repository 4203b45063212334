import { criticalSections } from './critical-sections.js';
import { exclusionDecides } from './exclusion.js';
import type { Checker, CheckInput, CheckResult } from './history.js';
import { pairedHistory } from './open-ops.js';
import type { BudgetOptions } from './linearizable/budget.js';
import { checkLinearizable } from './linearizable/check-linearizable.js';
import { lockHistoryToLinOps } from './linearizable/lock-history.js';

/**
 * The mutex-model checker for lock histories: the acquire and release ops of each lock must be
 * linearizable as a mutex (one holder at a time, released only by its holder). It is the rigorous
 * companion of the exclusion checker, which stays the primary and explained one. Its `false` says
 * the lock was not a mutex as its clients believed; with a TTL lease that is what an expiring
 * lease under a paused holder looks like, so the summary says so. It decides the verdict exactly
 * when the exclusion checker does: under fencing, two holders are expected and fencing decides.
 */
export function lockMutexChecker(opts: BudgetOptions = {}): Checker {
  return {
    name: 'mutex',
    check(input: CheckInput): CheckResult {
      const decides = exclusionDecides(input, criticalSections(pairedHistory(input.history)).sections);
      return { ...checkMutex(input, opts), decides };
    },
  };
}

function checkMutex(input: CheckInput, opts: BudgetOptions): CheckResult {
  const ops = lockHistoryToLinOps(input.history);
  if (ops.length === 0) return { valid: true, summary: 'no acquire or release in the history: nothing to check against the mutex model', ops: 0 };
  try {
    const result = checkLinearizable(ops, { ...opts, model: 'mutex' });
    if (result.valid !== false) return result;
    const ttl = input.test?.ttlMs;
    const lease = ttl === undefined
      ? 'If the lock is a lease with a TTL, a holder paused or cut off past it explains this: the service moved on, the client did not.'
      : `The lock is a lease (TTL ${ttl} ms): a holder paused or cut off past its TTL explains this, the service moved on while the client still believed it held the lock.`;
    const lock = result.counterexample?.key === undefined ? 'the lock' : `lock ${JSON.stringify(result.counterexample.key)}`;
    return { ...result, summary: `${lock} was not a mutex as its clients believed: ${result.summary.replace(/^not linearizable as a mutex( \(key "[^"]*"\))?: /, '')}. ${lease}` };
  } catch (err) {
    return { valid: 'unknown', summary: `the mutex check could not run: ${(err as Error).message}` };
  }
}

