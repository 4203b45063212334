import { performance } from 'node:perf_hooks';
import type { Lease } from 'etcd3';

/** What a holder knows about its lease from the keep-alives the etcd3 package sends. */
export interface KeepAliveWatch {
  /** True once etcd said the lease is gone, or once it ran out on this client's monotonic clock since the last confirmed keep-alive. */
  lost(): boolean;
}

/**
 * Follows an etcd3 Lease's keep-alives. A confirmed keep-alive extends the lease from when it was
 * sent, never from when it was answered (answers come in the order of the sends on one stream;
 * after a broken stream an older send time is used, which only makes `lost` say so sooner).
 */
export function watchKeepAlives(lease: Lease, opts: { ttlMs: number; grantedAt: number }): KeepAliveWatch {
  let validUntil = opts.grantedAt + opts.ttlMs;
  let gone = false;
  const sent: number[] = [];
  lease.on('keepaliveFired', () => { sent.push(performance.now()); });
  lease.on('keepaliveSucceeded', () => {
    const at = sent.shift();
    if (at !== undefined) validUntil = Math.max(validUntil, at + opts.ttlMs);
  });
  lease.on('lost', () => { gone = true; });
  return { lost: () => gone || performance.now() > validUntil };
}
