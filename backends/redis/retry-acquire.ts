import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DefiniteFailure } from '../../workloads/outcome-errors.js';

// ioredis rejects a command with this when it was never written (no connection, offline queue
// off): such an attempt certainly did nothing, unlike one whose connection broke in flight.
const NOT_SENT = "Stream isn't writeable";
export const notSent = (err: unknown): boolean => err instanceof Error && err.message.startsWith(NOT_SENT);

export interface RetryAcquireOptions<T> {
  /** One grant attempt: the grant, or null when the lock is busy. */
  attempt: () => Promise<T | null>;
  acquireTimeoutMs: number;
  retryMs: number;
}

/**
 * Retries a Redis-family grant until it succeeds or the acquire timeout passes. The outcome is
 * definite (DefiniteFailure) only if no attempt could have taken effect: once one attempt timed out
 * or broke in flight, its SET may have been applied, so a later "busy" proves nothing and the
 * acquire ends unknown.
 */
export async function retryAcquire<T>(opts: RetryAcquireOptions<T>): Promise<T> {
  // Monotonic: a clock fault on this client must not stretch or cut its acquire timeout.
  const deadline = performance.now() + opts.acquireTimeoutMs;
  let uncertain: unknown = null;
  for (;;) {
    try {
      const granted = await opts.attempt();
      if (granted !== null) return granted;
    } catch (err) {
      if (!notSent(err)) uncertain = err;
    }
    if (performance.now() >= deadline) break;
    await sleep(opts.retryMs);
  }
  if (uncertain) throw new Error(`acquire outcome unknown: ${String(uncertain)}`, { cause: uncertain });
  throw new DefiniteFailure('lock busy until the acquire timeout');
}
