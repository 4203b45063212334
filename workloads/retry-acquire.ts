import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { DefiniteFailure } from './outcome-errors.js';

export interface RetryAcquireOptions<T> {
  /** One grant attempt: the grant, or null when the lock is busy (a definite refusal). */
  attempt: () => Promise<T | null>;
  acquireTimeoutMs: number;
  /** Pause between attempts. */
  retryMs: number;
  /** performance.now() at which the acquire began (default: now), when setup came first. */
  startedAt?: number;
  /** True for an attempt's error that certainly did nothing (a command never sent, a quorum that
   * certainly refused). Default: none does, as an answer that never came may have been applied. */
  certainlyNothing?: (err: unknown) => boolean | Promise<boolean>;
  /** The DefiniteFailure's message when every attempt was refused. */
  busyMessage?: string;
}

/**
 * Retries a grant until it succeeds or the acquire timeout passes: every recipe waits for a busy
 * lock this way. The outcome is definite (DefiniteFailure) only if no attempt could have taken
 * effect: once one attempt failed without a certain answer, its grant may have been applied, so a
 * later "busy" proves nothing and the acquire ends unknown. The deadline is monotonic, so a clock
 * fault on the client neither stretches nor cuts the acquire window.
 */
export async function retryAcquire<T>(opts: RetryAcquireOptions<T>): Promise<T> {
  const deadline = (opts.startedAt ?? performance.now()) + opts.acquireTimeoutMs;
  let uncertain: unknown = null;
  for (;;) {
    try {
      const granted = await opts.attempt();
      if (granted !== null) return granted;
    } catch (err) {
      if (!(await opts.certainlyNothing?.(err))) uncertain = err;
    }
    if (performance.now() >= deadline) break;
    await sleep(opts.retryMs);
  }
  if (uncertain) throw new Error(`acquire outcome unknown: ${String(uncertain)}`, { cause: uncertain });
  throw new DefiniteFailure(opts.busyMessage ?? 'lock busy until the acquire timeout');
}
