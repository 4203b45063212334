import type { BackendOption } from '../backend.js';

/** The Redlock settings users tune, with the npm redlock package's own defaults. */
export interface RedlockSettings {
  retryCount: number;
  retryDelay: number;
  driftFactor: number;
}

export const REDLOCK_DEFAULTS: RedlockSettings = { retryCount: 10, retryDelay: 200, driftFactor: 0.01 };

export const REDLOCK_OPTIONS: readonly BackendOption[] = [
  { name: 'redlock-retry-count', type: 'number', default: REDLOCK_DEFAULTS.retryCount,
    describe: 'how many times one redlock acquire retries a refused quorum (-1: forever)' },
  { name: 'redlock-retry-delay', type: 'number', default: REDLOCK_DEFAULTS.retryDelay,
    describe: 'milliseconds between redlock retries (plus the package\'s jitter of up to 100)' },
  { name: 'redlock-drift-factor', type: 'number', default: REDLOCK_DEFAULTS.driftFactor,
    describe: 'fraction of the TTL redlock subtracts from the lock\'s validity for clock drift' },
];

/** The settings from a test's backend options; a value out of range is refused in one line. */
export function redlockSettings(options: Record<string, unknown>): RedlockSettings {
  const read = (name: string, fallback: number, valid: (n: number) => boolean, what: string): number => {
    const value = options[name] ?? fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || !valid(value)) {
      throw new Error(`--${name} must be ${what} (got ${String(value)})`);
    }
    return value;
  };
  return {
    retryCount: read('redlock-retry-count', REDLOCK_DEFAULTS.retryCount, (n) => Number.isInteger(n) && n >= -1, 'an integer >= -1'),
    retryDelay: read('redlock-retry-delay', REDLOCK_DEFAULTS.retryDelay, (n) => n >= 0, 'a number of milliseconds >= 0'),
    driftFactor: read('redlock-drift-factor', REDLOCK_DEFAULTS.driftFactor, (n) => n >= 0 && n < 1, 'a fraction in [0, 1)'),
  };
}
