import type { Backend } from './backend.js';
import { etcdBackend } from './etcd/backend.js';
import { postgresBackend } from './postgres/backend.js';
import { redisSentinelBackend } from './redis-sentinel/backend.js';
import { redisBackend } from './redis/backend.js';
import { redlockBackend } from './redlock/backend.js';
import { zookeeperBackend } from './zookeeper/backend.js';

/**
 * Every backend a test can run, one line each. A backend's folder is backends/<name>/: its deploy
 * side (backend.ts), its client recipes (client.ts, loaded by name in each client container) and
 * its images (images/<image>/Dockerfile).
 */
export const BACKENDS: readonly Backend[] = [
  redisBackend,
  redlockBackend,
  redisSentinelBackend,
  postgresBackend,
  etcdBackend,
  zookeeperBackend,
];

export const BACKEND_NAMES: readonly string[] = BACKENDS.map((b) => b.name);

/** The backend of that name; throws a one-line error naming the ones there are. */
export function findBackend(name: string): Backend {
  const backend = BACKENDS.find((b) => b.name === name);
  if (!backend) throw new Error(`unknown backend "${name}": choose from ${BACKEND_NAMES.join(', ')}`);
  return backend;
}
