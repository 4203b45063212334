import { setTimeout as sleep } from 'node:timers/promises';

/** A poll ran out of time; `cause` is the last attempt's error, or what the caller's `onTimeout` gave. */
export class PollTimeoutError extends Error {
  override name = 'PollTimeoutError';
}

/** A miss: the condition does not hold yet. */
type Miss = false | null | undefined;

export interface PollOptions<T> {
  /** What is awaited, for the timeout message: `timed out after N ms waiting for WHAT`. */
  what: string;
  timeoutMs: number;
  /** The pause between two attempts (never past the deadline). */
  intervalMs: number;
  /**
   * One try: the value awaited, or false / null / undefined to try again. A throw is a miss too
   * (the service is not up yet), unless `isFatal` says it ends the poll.
   */
  attempt(): T | Miss | Promise<T | Miss>;
  /** Errors of `attempt` that are thrown at once instead of tried again; default none. */
  isFatal?(err: unknown): boolean;
  /** Runs after each miss, before the deadline is checked; it throws to give up early (the container exited). */
  afterMiss?(): Promise<void>;
  /**
   * The error to throw at the deadline, given the last attempt's error (undefined when the last
   * attempt just missed); default a PollTimeoutError with that error as its cause.
   */
  onTimeout?(lastError: unknown): Error | Promise<Error>;
  /** Stops the poll early: the sleep rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Tries `attempt` every `intervalMs` until it gives a value, then resolves with it. At the
 * deadline (one last attempt is made at it) it throws the timeout error. The one poll/retry loop
 * of the project: readiness waits, fail-over waits, test helpers.
 */
export async function pollUntil<T>(opts: PollOptions<T>): Promise<Exclude<T, Miss>> {
  // Monotonic: a clock fault on the process that polls must not stretch or cut the wait.
  const deadline = performance.now() + opts.timeoutMs;
  for (;;) {
    let lastError: unknown;
    try {
      const value = await opts.attempt();
      if (value !== false && value !== null && value !== undefined) return value as Exclude<T, Miss>;
    } catch (err) {
      if (opts.isFatal?.(err)) throw err;
      lastError = err;
    }
    await opts.afterMiss?.();
    const left = deadline - performance.now();
    if (left <= 0) {
      throw opts.onTimeout ? await opts.onTimeout(lastError)
        : new PollTimeoutError(`timed out after ${opts.timeoutMs} ms waiting for ${opts.what}`, lastError === undefined ? undefined : { cause: lastError });
    }
    await sleep(Math.min(opts.intervalMs, left), undefined, opts.signal ? { signal: opts.signal } : undefined);
  }
}
