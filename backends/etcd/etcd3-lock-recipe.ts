import { performance } from 'node:perf_hooks';
import { EtcdLockFailedError, type Lock } from 'etcd3';
import type { LockClient, LockClientConfig } from '../lock-client.js';
import { DefiniteFailure } from '../../workloads/outcome-errors.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectEtcd, lockKey } from './etcd-connection.js';
import { leaseSeconds } from './etcd-flags.js';

const RETRY_MS = 50;

/**
 * The `etcd3-lock` recipe: the etcd3 package's own `Lock` (a lease with automatic keep-alives and
 * a create-if-absent txn bound to it; release revokes the lease). Its `acquire` returns no
 * revision, so the token must be read back with a second request after the grant. In between, a
 * pause or a partition can let the lease expire and another client create the key: its create
 * revision would then be handed out as ours. So the read-back keeps the revision only when the key
 * is still bound to the Lock's lease; otherwise the grant happened and was lost before we could
 * know its token, and the acquire ends unknown.
 */
export function etcd3LockRecipe(config: LockClientConfig): LockClient {
  const client = connectEtcd(config);
  const key = lockKey(config.lock);
  const ttlSeconds = leaseSeconds(config.ttlMs);
  let held: { lock: Lock; leaseId: string } | null = null;

  const abandon = (lock: Lock): Promise<void> => lock.release().catch(() => undefined);

  return {
    async acquire() {
      const deadline = performance.now() + config.acquireTimeoutMs;
      for (;;) {
        const lock = client.lock(key).ttl(ttlSeconds);
        try {
          await lock.acquire();
        } catch (err) {
          if (!(err instanceof EtcdLockFailedError)) {
            // The txn (or the grant) failed without an answer: it may have applied. Revoking the
            // lease ends any grant, but whether one happened stays unknown.
            await abandon(lock);
            throw new Error(`acquire outcome unknown: ${(err as Error).message}`, { cause: err });
          }
          if (performance.now() >= deadline) throw new DefiniteFailure('lock busy until the acquire timeout');
          await sleep(RETRY_MS);
          continue;
        }
        const leaseId = await lock.leaseId();
        const kv = await client.get(key).exec().then((r) => r.kvs[0]).catch(async (err: unknown) => {
          await abandon(lock);
          throw new Error(`granted, but the token could not be read back: ${(err as Error).message}`, { cause: err });
        });
        if (!kv || kv.lease !== leaseId) {
          await abandon(lock);
          throw new Error(`granted, but by the time its revision was read the key was ${kv ? `bound to lease ${kv.lease}` : 'gone'}, `
            + `not to ours (${leaseId ?? 'none'}): the lease expired between the grant and the read-back`);
        }
        held = { lock, leaseId: leaseId ?? '' };
        return { token: kv.create_revision };
      }
    },
    async release() {
      const mine = held;
      held = null;
      if (!mine) return { released: false };
      // The package's release revokes the lease and hides whether it still existed; a read just
      // before it says whether the key was still ours.
      const read = await client.get(key).exec().then((r) => ({ kv: r.kvs[0] }), (err: unknown) => ({ err }));
      await mine.lock.release();
      if ('err' in read) throw new Error(`released, but whether it was still ours is unknown: ${String(read.err)}`, { cause: read.err });
      return { released: read.kv?.lease === mine.leaseId };
    },
    async close() {
      if (held) await abandon(held.lock);
      held = null;
      client.close();
    },
  };
}
