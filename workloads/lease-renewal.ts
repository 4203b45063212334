import { performance } from 'node:perf_hooks';

/** A lease kept alive in the background while its client holds the lock (`--renew`). */
export interface LeaseRenewal {
  /**
   * True once a renewal answered that the lease is no longer ours, or once the lease ran out on
   * this client's monotonic clock without a confirmed renewal (a partition or a pause of the
   * client): either way a careful client must assume another may hold the lock now.
   */
  lost(): boolean;
  stop(): void;
}

export interface LeaseRenewalOptions {
  ttlMs: number;
  /** performance.now() when the grant was requested: the lease runs from no later than that. */
  grantedAt: number;
  /** Extends the lease by ttlMs if it is still ours: true extended, false gone; throws when it cannot tell. */
  extend(): Promise<boolean>;
}

/**
 * Extends the lease every TTL/3 (as redlock's `using`, Redisson's watchdog and etcd keep-alives
 * do). A renewal's lease runs from when it was sent, never from when it was answered, so `lost`
 * never says a lease is live when it may not be. A paused client pauses this timer too, as a real
 * GC pause stops a watchdog.
 */
export function startLeaseRenewal(opts: LeaseRenewalOptions): LeaseRenewal {
  let validUntil = opts.grantedAt + opts.ttlMs;
  let gone = false;
  let inFlight = false;
  const timer = setInterval(() => {
    if (inFlight || gone) return;
    inFlight = true;
    const asked = performance.now();
    opts.extend().then((extended) => {
      if (extended) validUntil = Math.max(validUntil, asked + opts.ttlMs);
      else gone = true;
    }, () => undefined).finally(() => { inFlight = false; });
  }, Math.max(1, Math.floor(opts.ttlMs / 3)));
  timer.unref();
  return {
    lost: () => gone || performance.now() > validUntil,
    stop: () => clearInterval(timer),
  };
}
