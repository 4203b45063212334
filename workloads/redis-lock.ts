import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import type { LockClient } from './lock-client.js';
import type { ClientConfig } from './protocol.js';
import { DefiniteFailure } from './outcome-errors.js';
import { sleep } from './sleep.js';

// The grant and the token are one atomic step, so a token always belongs to exactly one grant.
const ACQUIRE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('INCR', KEYS[2])
end
return false`;

// Compare-and-delete: never delete a lock that expired and was granted to someone else.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

const RETRY_MS = 25;

/** The single-Redis recipe: SET NX PX with an INCR token in the same script, Lua release. */
export function createRedisLock(config: ClientConfig): LockClient {
  const node = config.nodes[0];
  if (!node) throw new Error('the redis backend needs one node');
  const redis = new Redis({
    host: node.host,
    port: node.port,
    commandTimeout: config.requestTimeoutMs,
    connectTimeout: config.requestTimeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: true,
    lazyConnect: false,
  });
  // ioredis reconnects by itself; an error event without a listener would crash the process.
  redis.on('error', () => undefined);
  const key = `fencecheck:lock:${config.lock}`;
  const tokenKey = `fencecheck:token:${config.lock}`;
  let owner: string | null = null;

  return {
    async acquire() {
      const value = `${config.process}:${randomBytes(8).toString('hex')}`;
      // Monotonic: a clock-skew fault on this client must not stretch or cut its acquire timeout.
      const deadline = performance.now() + config.acquireTimeoutMs;
      let uncertain: unknown = null;
      for (;;) {
        try {
          const token = await redis.eval(ACQUIRE, 2, key, tokenKey, value, String(config.ttlMs));
          if (token !== null) {
            owner = value;
            return { token: Number(token), node: node.name };
          }
        } catch (err) {
          // A timed-out SET may have been applied: from here on, a plain "busy" is not definite.
          uncertain = err;
        }
        if (performance.now() >= deadline) break;
        await sleep(RETRY_MS);
      }
      if (uncertain) throw new Error(`acquire outcome unknown: ${String(uncertain)}`, { cause: uncertain });
      throw new DefiniteFailure('lock busy until the acquire timeout');
    },
    async release() {
      if (owner === null) return { released: false };
      const deleted = await redis.eval(RELEASE, 1, key, owner);
      owner = null;
      return { released: Number(deleted) === 1 };
    },
    async close() {
      redis.disconnect();
    },
  };
}
