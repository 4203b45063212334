import { beliefs } from './belief.js';
import { sortedLog } from './final-value.js';
import type { CheckInput, CheckResult, Checker } from './history.js';
import { registerFencing, type StaleAccept } from './register-fencing.js';
import { Grants, type DuplicateToken, type TokenRegression } from './token-order.js';

/** Lists in the result are cut to this many entries; the counts are always complete. */
const LISTED = 1000;

export interface FencingResult extends CheckResult {
  /** False when the lock has no tokens: there is nothing to decide. */
  decides: boolean;
  mode: 'none' | 'write' | 'full';
  grants: number;
  /** Grants without a token. */
  tokenless: number;
  regressions: TokenRegression[];
  regressionCount: number;
  duplicates: DuplicateToken[];
  duplicateCount: number;
  registerLog: boolean;
  /** The stale requests the mode should have refused (under `none`: every stale request), first
   * LISTED of them. */
  staleAccepted: StaleAccept[];
  staleAcceptedCount: number;
  staleWritesAccepted: number;
  staleRequestsAccepted: number;
  rejectedStale: number;
  rejected: { read: number; write: number };
  /** Grants whose order cannot be checked: opaque tokens (checked for duplicates only), and JSON
   * numbers past 2^53 (their digits were lost when parsed: neither order nor duplicates). */
  unorderedGrants: { opaque: number; imprecise: number };
  /** Register requests whose token order cannot be checked. */
  unorderedRequests: number;
}

/**
 * The lock's tokens must strictly increase over grants certainly ordered in real time and never
 * repeat; the register must not accept a token below one it accepted before, as far as its fencing
 * mode promises. Under mode `none` the register promises nothing: stale requests it accepted are
 * reported (they explain lost updates) but are not a fencing failure.
 */
export function checkFencing(input: CheckInput): FencingResult {
  const mode = input.test?.fencing ?? 'none';
  const grants = new Grants(beliefs(input.history).beliefs);
  const tokenless = grants.tokenless;
  const regressions = grants.regressions();
  const duplicates = grants.duplicates();
  const reg = registerFencing(sortedLog(input.register));
  const stale = mode === 'full' ? reg.staleRequests : mode === 'write' ? reg.staleWrites : reg.staleRequests;
  const base = {
    mode, grants: grants.length + tokenless, tokenless,
    regressions: regressions.slice(0, LISTED), regressionCount: regressions.length,
    duplicates: duplicates.slice(0, LISTED), duplicateCount: duplicates.length,
    registerLog: input.register !== undefined,
    staleAccepted: stale.slice(0, LISTED), staleAcceptedCount: stale.length,
    staleWritesAccepted: reg.staleWrites.length, staleRequestsAccepted: reg.staleRequests.length,
    rejectedStale: reg.rejectedStale, rejected: reg.rejected,
    unorderedGrants: grants.unordered(), unorderedRequests: reg.unordered,
  };
  if (grants.length === 0 && tokenless > 0) {
    return { valid: 'unknown', decides: false, ...base,
      summary: `this lock has no fencing token (${tokenless} grants without one): the register cannot refuse a stale holder` };
  }
  const problems = [
    regressions.length > 0 ? `${regressions.length} grants got a lower token than an earlier grant` : '',
    duplicates.length > 0 ? `${duplicates.length} tokens were granted more than once` : '',
    mode !== 'none' && stale.length > 0 ? `the register (fencing ${mode}) accepted ${stale.length} stale ${mode === 'write' ? 'writes' : 'requests'}` : '',
  ].filter((p) => p);
  const rejected = reg.rejectedStale > 0 ? `; ${reg.rejectedStale} stale requests refused` : '';
  const disabled = mode === 'none' ? `fencing disabled: ${reg.staleRequests.length} stale requests accepted (${reg.staleWrites.length} writes); ` : '';
  const known = input.test?.fencing === undefined ? ' (fencing mode not given: taken as none)'
    : mode !== 'none' && input.register === undefined ? ' (no register log: what the register accepted is not checked)' : '';
  const { opaque, imprecise } = base.unorderedGrants;
  const unordered = [
    opaque > 0 ? `; order of ${opaque} opaque tokens not checkable (checked for duplicates only)` : '',
    imprecise > 0 ? `; ${imprecise} tokens are JSON numbers past 2^53, whose digits were lost when parsed: not checked` : '',
    reg.unordered > 0 ? `; ${reg.unordered} register requests with tokens whose order is not checkable` : '',
  ].join('');
  if (problems.length > 0) return { valid: false, decides: true, ...base, summary: `${disabled}${problems.join('; ')}${rejected}${unordered}${known}` };
  const checked = grants.length === 0 ? 'no grants with a token to check' : `tokens of ${grants.length} grants: no regression, no duplicate`;
  return { valid: true, decides: true, ...base, summary: `${disabled}${checked}${rejected}${unordered}${known}` };
}

/** Fencing decides unless the lock hands out no tokens at all. */
function fencingDecides(input: CheckInput): boolean {
  const grants = new Grants(beliefs(input.history).beliefs);
  return grants.length > 0 || grants.tokenless === 0;
}

export const fencing: Checker = { name: 'fencing', check: (input) => checkFencing(input), decides: fencingDecides };
