import { performance } from 'node:perf_hooks';
import { EtcdLeaseInvalidError, type Etcd3, type Lease } from 'etcd3';
import type { LockClient, LockClientConfig } from '../lock-client.js';
import { DefiniteFailure } from '../../workloads/outcome-errors.js';
import { retryAcquire } from '../../workloads/retry-acquire.js';
import { connectEtcd, lockKey } from './etcd-connection.js';
import { leaseSeconds } from './etcd-flags.js';
import { watchKeepAlives, type KeepAliveWatch } from './keepalive-watch.js';

const RETRY_MS = 50;

interface Held { lease: Lease; id: string; watch: KeepAliveWatch }

/**
 * The `lease` recipe: grant a lease of the TTL, create the key only if it is absent in a txn that
 * binds it to the lease, keep the lease alive from this process while holding (a pause stops the
 * keep-alives, as a GC pause would), revoke it on release. The token is the txn's revision, which
 * is the key's create revision: etcd gives every write txn its own revision, strictly increasing.
 */
export function leaseRecipe(config: LockClientConfig): LockClient {
  const client = connectEtcd(config);
  const key = lockKey(config.lock);
  const ttlSeconds = leaseSeconds(config.ttlMs);
  let held: Held | null = null;

  return {
    async acquire() {
      const grantedAt = performance.now();
      const lease = client.lease(ttlSeconds);
      let id: string;
      try {
        id = await lease.grant();
      } catch (err) {
        lease.release();
        // No lease, no key bound to it: the lock was certainly not taken.
        throw new DefiniteFailure(`could not grant a lease: ${(err as Error).message}`, {}, { cause: err });
      }
      try {
        // A timed-out txn may still apply (the else branch of a later one tells if it did): every
        // error leaves the outcome unknown.
        return await retryAcquire({
          startedAt: grantedAt, acquireTimeoutMs: config.acquireTimeoutMs, retryMs: RETRY_MS,
          attempt: async () => {
            const token = await tryCreate(client, key, id, config.process);
            if (token === null) return null;
            held = { lease, id, watch: watchKeepAlives(lease, { ttlMs: ttlSeconds * 1000, grantedAt }) };
            return { token };
          },
        });
      } catch (err) {
        // Revoking deletes any key bound to the lease, so from here on the lock is certainly not ours.
        await revoke(client, lease, id).catch(() => undefined);
        throw err;
      }
    },
    async release() {
      const mine = held;
      held = null;
      if (!mine) return { released: false };
      return { released: await revoke(client, mine.lease, mine.id) };
    },
    leaseLost: () => held?.watch.lost() ?? false,
    async close() {
      held?.lease.release();
      held = null;
      client.close();
    },
  };
}

/** The create revision when the key is ours (created now, or by an earlier attempt whose answer was lost), else null. */
async function tryCreate(client: Etcd3, key: string, leaseId: string, process: number): Promise<string | null> {
  const res = await client.if(key, 'Create', '==', 0)
    .then(client.put(key).value(String(process)).lease(leaseId))
    .else(client.get(key))
    .commit();
  if (res.succeeded) return res.header.revision;
  const kv = res.responses[0]?.response_range.kvs[0];
  return kv && kv.lease === leaseId ? kv.create_revision : null;
}

/**
 * Stops the keep-alives and revokes the lease: true when etcd still had it (so the key bound to it
 * was ours until now), false when it had already expired; throws when it cannot tell. The raw
 * request, because the package's Lease.revoke hides "lease not found".
 */
async function revoke(client: Etcd3, lease: Lease, id: string): Promise<boolean> {
  lease.release();
  try {
    await client.leaseClient.leaseRevoke({ ID: id });
    return true;
  } catch (err) {
    if (err instanceof EtcdLeaseInvalidError) return false;
    throw err;
  }
}
