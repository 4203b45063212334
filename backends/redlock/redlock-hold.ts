import type Redlock from 'redlock';
import type { RedlockAbortSignal } from 'redlock';

/** A lock redlock granted, as the client holds it until release. */
export interface Hold {
  /** Releases through redlock; rejects as redlock does (ExecutionError when no quorum agreed). */
  release(): Promise<void>;
  /** True once redlock's auto-extension gave up and the lock ran out (`using` only). */
  lost(): boolean;
  /** Stops any extension without waiting for the nodes (the client is closing). */
  abandon(): void;
}

export interface HoldOptions { resource: string; ttlMs: number }

/** redlock.acquire, then lock.release: the package's plain use. */
export async function holdPlain(redlock: Redlock, opts: HoldOptions): Promise<Hold> {
  const lock = await redlock.acquire([opts.resource], opts.ttlMs);
  return {
    release: async () => { await lock.release(); },
    lost: () => false,
    abandon: () => undefined,
  };
}

/**
 * redlock.using: the package's auto-extension (`--renew`). The routine it runs is the span of the
 * hold: it starts once the lock is granted and ends when the client releases, after which `using`
 * releases the lock itself. Extensions start when 2/3 of the TTL are left, the renewal period of
 * the other recipes (TTL/3 after the grant).
 */
export function holdUsing(redlock: Redlock, opts: HoldOptions): Promise<Hold> {
  const threshold = Math.min(Math.round((2 * opts.ttlMs) / 3), opts.ttlMs - 100);
  if (threshold < 0) return Promise.reject(new Error(`--renew with redlock needs a TTL of at least 100 ms (got ${opts.ttlMs})`));
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => { finish = resolve; });
  return new Promise<Hold>((resolve, reject) => {
    const session = redlock.using([opts.resource], opts.ttlMs, { automaticExtensionThreshold: threshold },
      async (signal: RedlockAbortSignal) => {
        resolve({
          release: () => { finish(); return session; },
          lost: () => signal.aborted,
          abandon: finish,
        });
        await done;
      });
    // Before the routine ran this is the acquire's own failure; after, release() hands it on.
    session.catch(reject);
  });
}
