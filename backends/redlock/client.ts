import { Redis } from 'ioredis';
import Redlock from 'redlock';
import type { LockClientFactory } from '../lock-client.js';
import { retryAcquire } from '../../workloads/retry-acquire.js';
import { certainlyNoMajority } from './quorum-refusal.js';
import { holdPlain, holdUsing, type Hold } from './redlock-hold.js';
import { redlockSettings } from './redlock-settings.js';

const RECONNECT_MS = 50;
// A 2-core machine running a dozen containers answers in well under this.
const MIN_NODE_TIMEOUT_MS = 100;
const MIN_PAUSE_MS = 25;

/**
 * The Redlock recipe through the npm `redlock` package, over every node in config.nodes (each an
 * independent Redis). Redlock's lock value is a random string known only to its holder: it orders
 * nothing, so `acquire` returns no token (null), whatever the fencing mode.
 */
export const createLockClient: LockClientFactory = (config) => {
  if (config.nodes.length === 0) throw new Error('the redlock backend needs at least one node');
  const settings = redlockSettings(config.options);
  const nodeTimeoutMs = Math.min(config.requestTimeoutMs, Math.max(MIN_NODE_TIMEOUT_MS, Math.round(config.ttlMs / 10)));
  const clients = config.nodes.map((node) => {
    const redis = new Redis({
      host: node.host,
      port: node.port,
      // The Redlock algorithm's per-node timeout, small next to the TTL, so that a node that does
      // not answer costs one vote rather than the lease.
      commandTimeout: nodeTimeoutMs,
      connectTimeout: config.requestTimeoutMs,
      maxRetriesPerRequest: 0,
      // A node that is down refuses at once (never sent: a certain vote against) rather than
      // queue the command and send it at an unknown later time.
      enableOfflineQueue: false,
      retryStrategy: () => RECONNECT_MS,
    });
    // ioredis reconnects by itself; an error event without a listener would crash the process.
    redis.on('error', () => undefined);
    return redis;
  });
  const redlock = new Redlock(clients, settings);
  const resource = `fencecheck:lock:${config.lock}`;
  let held: Hold | null = null;

  return {
    async acquire() {
      // Each attempt is one redlock acquire with the user's retry settings; a refusal is retried
      // until the acquire timeout, as every recipe of the harness waits for a busy lock. Redlock
      // waits between its own attempts but not after the last one.
      held = await retryAcquire({
        acquireTimeoutMs: config.acquireTimeoutMs, retryMs: Math.max(MIN_PAUSE_MS, settings.retryDelay),
        certainlyNothing: (err) => certainlyNoMajority(err, { downMayHold: false }),
        busyMessage: 'a quorum of nodes refused the lock until the acquire timeout',
        attempt: () => (config.renew ? holdUsing(redlock, { resource, ttlMs: config.ttlMs }) : holdPlain(redlock, { resource, ttlMs: config.ttlMs })),
      });
      return { token: null };
    },
    async release() {
      const hold = held;
      held = null;
      if (hold === null) return { released: false };
      try {
        await hold.release();
        return { released: true };
      } catch (err) {
        // Our value certainly was not on a majority any more: it expired or was taken.
        if (await certainlyNoMajority(err, { downMayHold: true })) return { released: false };
        throw new Error(`release outcome unknown: ${String(err)}`, { cause: err });
      }
    },
    leaseLost: () => held?.lost() ?? false,
    async close() {
      held?.abandon();
      held = null;
      for (const redis of clients) redis.disconnect();
    },
  };
};
