import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { LockClientFactory } from '../lock-client.js';
import { ACQUIRE, RELEASE } from '../redis/client.js';
import { notSent } from '../redis/not-sent.js';
import { retryAcquire } from '../../workloads/retry-acquire.js';
import { integerOption } from './sentinel-options.js';
import { isSentinel, MASTER_NAME } from './topology.js';

const RETRY_MS = 25;

/**
 * The single-Redis recipe on whatever primary the sentinels name (ioredis sentinel mode): SET NX
 * PX and INCR in one Lua script, then, with `--redis-wait N`, WAIT until N replicas have it.
 */
export const createLockClient: LockClientFactory = (config) => {
  const sentinels = config.nodes.filter((n) => isSentinel(n.name)).map(({ host, port }) => ({ host, port }));
  if (sentinels.length === 0) throw new Error('the redis-sentinel backend needs its sentinels (nodes named s1, s2, …) in config.nodes');
  const wait = integerOption(config.options, 'redis-wait', 0, 0, 2);
  const redis = new Redis({
    sentinels,
    name: MASTER_NAME,
    role: 'master',
    commandTimeout: config.requestTimeoutMs,
    connectTimeout: config.requestTimeoutMs,
    sentinelCommandTimeout: config.requestTimeoutMs,
    maxRetriesPerRequest: 0,
    // As the single-Redis recipe: fail at once while disconnected (mid fail-over) instead of
    // sending a queued acquire at an unknown later time.
    enableOfflineQueue: false,
    retryStrategy: () => RETRY_MS * 2,
    // Reconnect at once when the sentinels announce a new primary, as production clients do.
    failoverDetector: true,
    // A demoted primary answers writes with READONLY: find the new one instead of failing forever.
    reconnectOnError: (err) => err.message.includes('READONLY'),
  });
  // ioredis reconnects by itself; an error event without a listener would crash the process.
  redis.on('error', () => undefined);
  const key = `fencecheck:lock:${config.lock}`;
  const tokenKey = `fencecheck:token:${config.lock}`;
  let owner: string | null = null;

  // Which data node answered: the history shows which primary handed out each token.
  const answeringNode = (): string | undefined => {
    const ip = redis.stream?.remoteAddress?.replace(/^::ffff:/, '');
    return config.nodes.find((n) => n.host === ip && !isSentinel(n.name))?.name;
  };

  const grant = async (value: string): Promise<{ token: string; node?: string } | null> => {
    const token = await redis.eval(ACQUIRE, 2, key, tokenKey, value, String(config.ttlMs));
    if (token === null) return null;
    const node = answeringNode();
    if (wait > 0) {
      // Half the request timeout, so the primary's own answer comes back before ioredis gives up.
      const waitMs = Math.max(1, Math.floor(config.requestTimeoutMs / 2));
      // The grant happened: whatever goes wrong from here leaves its outcome unknown.
      const acked = await redis.wait(wait, waitMs).catch((err: unknown) => {
        throw new Error(`WAIT after the grant failed: ${String(err)}`, { cause: err });
      });
      if (acked < wait) {
        // The primary granted it but the replicas may never get it; a careful client does not
        // trust it and gives it back. Whether anyone else could see it in between is unknown.
        await redis.eval(RELEASE, 1, key, value).catch(() => undefined);
        throw new Error(`only ${acked} of ${wait} replicas acknowledged the grant within ${waitMs} ms`);
      }
    }
    return { token: String(token), ...(node === undefined ? {} : { node }) };
  };

  return {
    async acquire() {
      const value = `${config.process}:${randomBytes(8).toString('hex')}`;
      // One never written (no connection to any primary) certainly did nothing: retryAcquire says so.
      const granted = await retryAcquire({ acquireTimeoutMs: config.acquireTimeoutMs, retryMs: RETRY_MS, certainlyNothing: notSent, attempt: () => grant(value) });
      owner = value;
      return granted;
    },
    async release() {
      if (owner === null) return { released: false };
      const value = owner;
      owner = null;
      const deleted = await redis.eval(RELEASE, 1, key, value);
      return { released: Number(deleted) === 1 };
    },
    async close() {
      redis.disconnect();
    },
  };
};
