import { Etcd3 } from 'etcd3';
import type { LockClientConfig } from '../lock-client.js';

/**
 * The etcd3 client as a user would configure it: every member as a host, the package's default
 * retries and circuit breakers, and a deadline on every unary call so a request to a paused or
 * cut-off member ends (as unknown) instead of hanging.
 */
export function connectEtcd(config: LockClientConfig): Etcd3 {
  if (config.nodes.length === 0) throw new Error('the etcd recipes need at least one node');
  return new Etcd3({
    hosts: config.nodes.map((n) => `http://${n.host}:${n.port}`),
    dialTimeout: config.requestTimeoutMs,
    defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + config.requestTimeoutMs }),
  });
}

/** The lock's key; one per lock name. */
export function lockKey(lock: string): string {
  return `fencecheck/lock/${lock}`;
}
