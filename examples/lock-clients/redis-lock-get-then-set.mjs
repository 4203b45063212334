// A plausible broken Redis lock: it checks that the key is free with GET, then takes it with a
// plain SET. Between the two, another client can see the key free too, and both go on as the
// holder: no fault needed, only contention. fencecheck finds the double holders and the updates
// they lost (`--fencing none`); with `--fencing full` the register refuses the stale writes.
import { randomBytes } from 'node:crypto';
import { DefiniteFailure } from 'fencecheck';
import { connectRedis } from './redis-connection.mjs';
import { retryUntil } from './retry-until.mjs';

/** @type {import('fencecheck').LockClientFactory} */
export default function createLockClient(config) {
  const { redis, node, key } = connectRedis(config);
  let owner = null;

  return {
    async acquire() {
      const value = randomBytes(12).toString('hex');
      const granted = await retryUntil(config.acquireTimeoutMs, async () => {
        if ((await redis.get(key)) !== null) return null;
        await redis.set(key, value, 'PX', config.ttlMs);
        return true;
      });
      if (granted === null) throw new DefiniteFailure('lock busy until the acquire timeout');
      owner = value;
      return { token: String(await redis.incr(`${key}:token`)), node };
    },
    async release() {
      const value = owner;
      owner = null;
      if (value === null || (await redis.get(key)) !== value) return { released: false };
      await redis.del(key);
      return { released: true };
    },
    async close() {
      redis.disconnect();
    },
  };
}
