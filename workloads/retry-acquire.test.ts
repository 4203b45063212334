import { describe, expect, it } from 'vitest';
import { notSent } from '../backends/redis/not-sent.js';
import { DefiniteFailure } from './outcome-errors.js';
import { retryAcquire } from './retry-acquire.js';

const answers = (...steps: Array<'busy' | 'unsent' | 'timeout' | string>) => {
  let i = 0;
  return async (): Promise<string | null> => {
    const step = steps[Math.min(i++, steps.length - 1)];
    if (step === 'busy') return null;
    if (step === 'unsent') throw new Error("Stream isn't writeable and enableOfflineQueue options is false");
    if (step === 'timeout') throw new Error('Command timed out');
    return step ?? null;
  };
};

describe('retryAcquire', () => {
  it('returns the first grant after busy answers', async () => {
    await expect(retryAcquire({ attempt: answers('busy', 'busy', 'token-3'), acquireTimeoutMs: 1000, retryMs: 1 })).resolves.toBe('token-3');
  });

  it('fails definitely when every attempt was busy or never sent', async () => {
    const err = await retryAcquire({ attempt: answers('busy', 'unsent'), acquireTimeoutMs: 20, retryMs: 1, certainlyNothing: notSent }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DefiniteFailure);
  });

  it('ends unknown once an attempt may have been applied, even if later ones say busy', async () => {
    const err = await retryAcquire({ attempt: answers('timeout', 'busy'), acquireTimeoutMs: 20, retryMs: 1, certainlyNothing: notSent }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(DefiniteFailure);
    expect((err as Error).message).toMatch(/outcome unknown/);
  });
});
