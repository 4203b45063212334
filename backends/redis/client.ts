import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import type { LockClientFactory } from '../lock-client.js';
import { startLeaseRenewal, type LeaseRenewal } from '../../workloads/lease-renewal.js';
import { retryAcquire } from '../../workloads/retry-acquire.js';
import { notSent } from './not-sent.js';

// The grant and the token are one atomic step, so a token always belongs to exactly one grant.
export const ACQUIRE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('INCR', KEYS[2])
end
return false`;

// Compare-and-delete: never delete a lock that expired and was granted to someone else.
export const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

// Compare-and-pexpire: extend only a lease that is still ours (0: it expired or was taken).
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

const RETRY_MS = 25;

/** The single-Redis recipe: SET NX PX with an INCR token in the same script, Lua release, optional Lua renewal. */
export const createLockClient: LockClientFactory = (config) => {
  const node = config.nodes[0];
  if (!node) throw new Error('the redis backend needs one node');
  const redis = new Redis({
    host: node.host,
    port: node.port,
    commandTimeout: config.requestTimeoutMs,
    connectTimeout: config.requestTimeoutMs,
    maxRetriesPerRequest: 0,
    // Commands fail at once while disconnected rather than wait in a queue: a queued acquire would
    // be sent at an unknown later time, after its outcome was already reported.
    enableOfflineQueue: false,
    // Reconnect quickly after a restart of the server, as a production client tuned for locks would.
    retryStrategy: () => RETRY_MS * 2,
    lazyConnect: false,
  });
  // ioredis reconnects by itself; an error event without a listener would crash the process.
  redis.on('error', () => undefined);
  const key = `fencecheck:lock:${config.lock}`;
  const tokenKey = `fencecheck:token:${config.lock}`;
  let owner: string | null = null;
  let renewal: LeaseRenewal | null = null;
  const stopRenewal = (): void => {
    renewal?.stop();
  };

  return {
    async acquire() {
      const value = `${config.process}:${randomBytes(8).toString('hex')}`;
      return retryAcquire({
        acquireTimeoutMs: config.acquireTimeoutMs,
        retryMs: RETRY_MS,
        certainlyNothing: notSent,
        attempt: async () => {
          const asked = performance.now();
          const token = await redis.eval(ACQUIRE, 2, key, tokenKey, value, String(config.ttlMs));
          if (token === null) return null;
          owner = value;
          stopRenewal();
          if (config.renew) {
            renewal = startLeaseRenewal({
              ttlMs: config.ttlMs, grantedAt: asked,
              extend: async () => Number(await redis.eval(RENEW, 1, key, value, String(config.ttlMs))) === 1,
            });
          }
          return { token: String(token), node: node.name };
        },
      });
    },
    async release() {
      stopRenewal();
      renewal = null;
      if (owner === null) return { released: false };
      const deleted = await redis.eval(RELEASE, 1, key, owner);
      owner = null;
      return { released: Number(deleted) === 1 };
    },
    leaseLost: () => renewal?.lost() ?? false,
    async close() {
      stopRenewal();
      redis.disconnect();
    },
  };
};
