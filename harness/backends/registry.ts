import type { LockBackend } from './lock-backend.js';
import { redisBackend } from './redis-backend.js';

/** Every backend a test can run, by name. */
export const BACKENDS: Record<string, LockBackend> = {
  [redisBackend.name]: redisBackend,
};

export function findBackend(name: string): LockBackend {
  const backend = BACKENDS[name];
  if (!backend) throw new Error(`unknown backend "${name}": choose from ${Object.keys(BACKENDS).join(', ')}`);
  return backend;
}
