import { describe, expect, it } from 'vitest';
import { REDLOCK_DEFAULTS, REDLOCK_OPTIONS, redlockSettings } from './redlock-settings.js';

describe('redlockSettings', () => {
  it('gives the package defaults when nothing is set, and the declared defaults agree', () => {
    expect(redlockSettings({})).toEqual(REDLOCK_DEFAULTS);
    expect(Object.fromEntries(REDLOCK_OPTIONS.map((o) => [o.name, o.default]))).toEqual({
      'redlock-retry-count': REDLOCK_DEFAULTS.retryCount,
      'redlock-retry-delay': REDLOCK_DEFAULTS.retryDelay,
      'redlock-drift-factor': REDLOCK_DEFAULTS.driftFactor,
    });
  });

  it('takes the user\'s values, -1 retries meaning forever', () => {
    expect(redlockSettings({ 'redlock-retry-count': -1, 'redlock-retry-delay': 50, 'redlock-drift-factor': 0.1 }))
      .toEqual({ retryCount: -1, retryDelay: 50, driftFactor: 0.1 });
  });

  it.each([
    ['redlock-retry-count', 1.5, /--redlock-retry-count must be an integer >= -1 \(got 1.5\)/],
    ['redlock-retry-count', -2, /--redlock-retry-count/],
    ['redlock-retry-delay', -1, /--redlock-retry-delay must be a number of milliseconds/],
    ['redlock-drift-factor', 1, /--redlock-drift-factor must be a fraction in \[0, 1\)/],
    ['redlock-drift-factor', 'x', /got x/],
  ])('refuses --%s %s in one line', (name, value, message) => {
    expect(() => redlockSettings({ [name]: value })).toThrow(message);
  });
});
