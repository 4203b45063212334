// A Redis lock as a team might write it for its own services, in the shape fencecheck runs with
// `fencecheck test --backend redis --lock-client examples/lock-clients/redis-lock.mjs`.
//
// The grant and its fencing token are one Lua script (SET NX PX, then INCR), and the release
// deletes the key only while it still holds our value. A busy lock until the deadline is a
// DefiniteFailure (fencecheck records a `fail`); any other error leaves the outcome unknown.
import { randomBytes } from 'node:crypto';
import { DefiniteFailure } from 'fencecheck';
import { connectRedis } from './redis-connection.mjs';
import { retryUntil } from './retry-until.mjs';

const ACQUIRE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('INCR', KEYS[2])
end
return false`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/** @type {import('fencecheck').LockClientFactory} */
export default function createLockClient(config) {
  const { redis, node, key } = connectRedis(config);
  let owner = null;

  return {
    async acquire() {
      const value = randomBytes(12).toString('hex');
      let uncertain = null;
      const token = await retryUntil(config.acquireTimeoutMs, async () => {
        try {
          return await redis.eval(ACQUIRE, 2, key, `${key}:token`, value, String(config.ttlMs));
        } catch (err) {
          // A SET that timed out may have been applied: a later "busy" is no longer certain.
          uncertain = err;
          return null;
        }
      });
      if (token !== null) {
        owner = value;
        return { token: String(token), node };
      }
      if (uncertain) throw new Error(`acquire outcome unknown: ${uncertain.message}`);
      throw new DefiniteFailure('lock busy until the acquire timeout');
    },
    async release() {
      const value = owner;
      owner = null;
      if (value === null) return { released: false };
      return { released: Number(await redis.eval(RELEASE, 1, key, value)) === 1 };
    },
    async close() {
      redis.disconnect();
    },
  };
}
