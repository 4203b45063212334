import type { LockClientFactory } from './lock-client.js';
import { createRedisLock } from './redis-lock.js';

/** Lock recipes by backend name, as client processes load them. */
export const LOCK_CLIENTS: Record<string, LockClientFactory> = {
  redis: createRedisLock,
};
