import { describe, expect, it } from 'vitest';
import { pollUntil, PollTimeoutError } from './poll-until.js';

describe('pollUntil', () => {
  it('resolves with the first value that is not a miss, trying again after misses and throws', async () => {
    const answers: unknown[] = [false, null, undefined, new Error('not up yet'), 0, 'ready'];
    let calls = 0;
    const value = await pollUntil({
      what: 'the answer', timeoutMs: 5000, intervalMs: 1,
      attempt: () => {
        const answer = answers[calls++];
        if (answer instanceof Error) throw answer;
        return answer as string | false | null | undefined | number;
      },
    });
    // 0 is a value, not a miss.
    expect(value).toBe(0);
    expect(calls).toBe(5);
  });

  it('gives up at the deadline, after one last attempt, naming what it waited for with the last error as the cause', async () => {
    const started = Date.now();
    let calls = 0;
    const err = await pollUntil({ what: 'the primary', timeoutMs: 120, intervalMs: 50,
      attempt: async () => { calls++; throw new Error('connection refused'); } })
      .then(() => null, (e: unknown) => e as Error);
    expect(err).toBeInstanceOf(PollTimeoutError);
    expect(err?.message).toBe('timed out after 120 ms waiting for the primary');
    expect((err?.cause as Error).message).toBe('connection refused');
    expect(Date.now() - started).toBeGreaterThanOrEqual(120);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(calls).toBeGreaterThanOrEqual(3);
  });

  it('has no cause when the last attempt just missed, and takes the caller\'s timeout error', async () => {
    const plain = await pollUntil({ what: 'x', timeoutMs: 10, intervalMs: 5, attempt: () => false }).catch((e: unknown) => e as Error);
    expect(plain.cause).toBeUndefined();
    const own = await pollUntil({ what: 'x', timeoutMs: 10, intervalMs: 5, attempt: () => false,
      onTimeout: async (last) => new Error(`etcd did not elect a leader (${String(last)})`) }).catch((e: unknown) => e as Error);
    expect(own.message).toBe('etcd did not elect a leader (undefined)');
  });

  it('throws a fatal error at once, and stops early when afterMiss throws', async () => {
    let calls = 0;
    const fatal = await pollUntil({ what: 'x', timeoutMs: 5000, intervalMs: 1, isFatal: (e) => (e as Error).message === 'bad',
      attempt: () => { calls++; throw new Error(calls < 3 ? 'not yet' : 'bad'); } }).catch((e: unknown) => e as Error);
    expect(fatal.message).toBe('bad');
    expect(calls).toBe(3);
    const exited = await pollUntil({ what: 'x', timeoutMs: 5000, intervalMs: 1, attempt: () => false,
      afterMiss: async () => { throw new Error('the container exited'); } }).catch((e: unknown) => e as Error);
    expect(exited.message).toBe('the container exited');
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('test stopped')), 20);
    const err = await pollUntil({ what: 'x', timeoutMs: 60_000, intervalMs: 10, attempt: () => false, signal: controller.signal })
      .catch((e: unknown) => e as Error);
    expect(err.name).toBe('AbortError');
  });
});
