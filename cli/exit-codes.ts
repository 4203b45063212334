import type { Verdict } from '../checkers/history.js';

/** Exit codes as in Jepsen. */
export const EXIT = { valid: 0, invalid: 1, unknown: 2, badArguments: 254, crash: 255 } as const;

export function exitCodeFor(verdict: Verdict): number {
  return verdict === true ? EXIT.valid : verdict === false ? EXIT.invalid : EXIT.unknown;
}

/** Bad input from the user: printed as one line, exit 254. */
export class UsageError extends Error {
  override name = 'UsageError';
}
