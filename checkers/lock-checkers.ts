import { exclusion } from './exclusion.js';
import { fencing } from './fencing.js';
import { combineVerdicts, type CheckInput, type CheckResult, type Checker, type Verdict } from './history.js';
import { lostUpdates } from './lost-updates.js';
import { pairedHistory } from './open-ops.js';
import { stats } from './stats.js';

/*
 * The soundness rule every lock checker follows: a history is invalid only if no run of a correct
 * lock service explains it, a correct service being one that may free a lock at any time after
 * its holder's last proof of life, and whose `info` ops may or may not have happened (at any time
 * after their invocation). Each rule below traces to it:
 * - beliefs (belief.ts) count only what the history proves a process believed: from its
 *   acquire's ok to its release's invocation, or to its last proof of life when it may have died;
 * - exclusion: two beliefs of one lock overlapping in time cannot both be explained by a service
 *   that frees a lock only after its holder's last proof of life;
 * - mutex: the same beliefs as mutex ops (linearizable/lock-history.ts), so the same rule;
 * - fencing: token order is judged only for grants certainly ordered in real time, with exactly
 *   recorded numeric tokens; the register log is the resource's own account;
 * - lost-updates: an element is lost only if its write was acknowledged (ok) and the final value
 *   lacks it; elements of `info` writes may or may not be there.
 * A malformed history, or a checker that fails, gives `unknown`, never `true`.
 */

/** The checkers a lock test runs, in report order. */
export const LOCK_CHECKERS: readonly Checker[] = [exclusion, lostUpdates, fencing, stats];

export interface LockCheckOptions {
  /** Replaces the default set (LOCK_CHECKERS). */
  checkers?: readonly Checker[];
  /** Added after the default set (the linearizability checker, say). */
  extra?: readonly Checker[];
}

export interface LockCheckResult {
  valid: Verdict;
  summary: string;
  checkers: Record<string, CheckResult>;
}

/** A result counts towards the overall verdict unless it says `decides: false`. */
export function decides(result: CheckResult): boolean {
  return result.decides !== false;
}

/** Whether a checker decides this input, asked before it runs: a checker that does not decide can
 * never change the verdict, even when it throws. If the question itself fails, it decides (an
 * unknown then shows). */
function decidesInput(checker: Checker, input: CheckInput): boolean {
  try {
    return checker.decides?.(input) ?? true;
  } catch {
    return true;
  }
}

function runOne(checker: Checker, input: CheckInput): CheckResult {
  try {
    return checker.check(input);
  } catch (err) {
    const failed: CheckResult = { valid: 'unknown', summary: `${checker.name} failed: ${err instanceof Error ? err.message : String(err)}`, error: String(err) };
    return decidesInput(checker, input) ? failed : { ...failed, decides: false };
  }
}

/**
 * Runs every lock checker on one history. The overall verdict combines the deciding checkers only
 * (exclusion under fencing, stats, fencing of a tokenless lock report but do not decide). A checker
 * that throws gives unknown, never true. A malformed history gives unknown from every checker.
 */
export function checkLockHistory(input: CheckInput, opts: LockCheckOptions = {}): LockCheckResult {
  const checkers = [...(opts.checkers ?? LOCK_CHECKERS), ...(opts.extra ?? [])];
  let malformed: string | null = null;
  try {
    pairedHistory(input.history);
  } catch (err) {
    malformed = `malformed history: ${err instanceof Error ? err.message : String(err)}`;
  }
  const results: Record<string, CheckResult> = {};
  for (const checker of checkers) {
    results[checker.name] = malformed === null ? runOne(checker, input) : { valid: 'unknown', summary: malformed };
  }
  const deciding = Object.entries(results).filter(([, r]) => decides(r));
  const valid = combineVerdicts(deciding.map(([, r]) => r.valid));
  return { valid, summary: malformed ?? overall(valid, results), checkers: results };
}

/** The deciding checkers that set the verdict; when it is true, also what the others found. */
function overall(valid: Verdict, results: Record<string, CheckResult>): string {
  const entries = Object.entries(results);
  if (valid !== true) {
    return entries.filter(([, r]) => decides(r) && r.valid === valid).map(([name, r]) => `${name}: ${r.summary}`).join('; ');
  }
  const passed = entries.filter(([, r]) => decides(r)).map(([name]) => name);
  const noted = entries.filter(([, r]) => !decides(r) && r.valid !== true).map(([name, r]) => `; not deciding, ${name}: ${r.summary}`);
  return `${passed.length > 0 ? `passed: ${passed.join(', ')}` : 'no deciding checker'}${noted.join('')}`;
}
