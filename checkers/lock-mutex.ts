import { beliefs } from './belief.js';
import { exclusionDecides } from './exclusion.js';
import type { Checker, CheckInput, CheckResult } from './history.js';
import type { BudgetOptions } from './linearizable/budget.js';
import { checkLinearizable } from './linearizable/check-linearizable.js';
import { beliefLinOps } from './linearizable/lock-history.js';

/**
 * The mutex-model checker for lock histories: the beliefs (checkers/belief.ts), as acquire and
 * release ops (beliefLinOps), must be linearizable as a mutex per lock, by a WGL search. Built on
 * the same beliefs as exclusion, it can never disagree with it about whether a violation was
 * proven; it is the search-based confirmation of exclusion's sweep. With a TTL lease, its `false`
 * is what an expiring lease under a paused holder looks like, so the summary says so. It decides
 * exactly when exclusion does (exclusionDecides), also when it fails to run.
 */
export function lockMutexChecker(opts: BudgetOptions = {}): Checker {
  return {
    name: 'mutex',
    decides: exclusionDecides,
    check(input: CheckInput): CheckResult {
      return { ...checkMutex(input, opts), decides: exclusionDecides(input) };
    },
  };
}

function checkMutex(input: CheckInput, opts: BudgetOptions): CheckResult {
  const ops = beliefLinOps(beliefs(input.history).beliefs);
  if (ops.length === 0) return { valid: true, summary: 'no belief with a certain length: nothing to check against the mutex model', ops: 0 };
  const result = checkLinearizable(ops, { ...opts, model: 'mutex' });
  if (result.valid !== false) return result;
  const ttl = input.test?.ttlMs;
  const lease = ttl === undefined
    ? 'If the lock is a lease with a TTL, a holder paused or cut off past it explains this: the service moved on, the client did not.'
    : `The lock is a lease (TTL ${ttl} ms): a holder paused or cut off past its TTL explains this, the service moved on while the client still believed it held the lock.`;
  const lock = result.counterexample?.key === undefined ? 'the lock' : `lock ${JSON.stringify(result.counterexample.key)}`;
  return { ...result, summary: `${lock} was not a mutex as its clients believed: ${result.summary.replace(/^not linearizable as a mutex( \(key "[^"]*"\))?: /, '')}. ${lease}` };
}
