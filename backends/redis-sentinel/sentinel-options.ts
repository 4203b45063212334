import type { BackendOption } from '../backend.js';

export const DEFAULT_DOWN_AFTER_MS = 5000;

export const SENTINEL_OPTIONS: readonly BackendOption[] = [
  { name: 'redis-wait', type: 'number', default: 0,
    describe: 'replicas (0-2) that must acknowledge a grant (WAIT) before the client believes it; fewer in time: the outcome is unknown' },
  // Redis's own example configuration uses 5 s (its built-in default is 30 s): a primary that is
  // killed and restarted faster than this comes back empty without any fail-over.
  { name: 'sentinel-down-after', type: 'number', default: DEFAULT_DOWN_AFTER_MS,
    describe: 'milliseconds of silence before a sentinel thinks the primary down (down-after-milliseconds)' },
];

/** The option as an integer in [min, max], or a one-line error naming the flag. */
export function integerOption(options: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  const value = options[name] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`--${name} must be an integer from ${min} to ${max} (got ${String(value)})`);
  }
  return value;
}
