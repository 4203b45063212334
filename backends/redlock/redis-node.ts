import type { Cluster } from '../../docker/cluster.js';
import type { StartedContainer } from '../../docker/container.js';
import { waitForPort } from '../../docker/wait.js';

export const REDIS_PORT = 6379;

/** Flags every Redis node of the family runs with: reachable on the test network, nothing kept on disk. */
export const REDIS_BASE_ARGS: readonly string[] = [
  '--bind', '0.0.0.0', '--protected-mode', 'no', '--save', '', '--appendonly', 'no',
];

export interface RedisNodeOptions {
  cluster: Cluster;
  name: string;
  image: string;
  /** Flags after REDIS_BASE_ARGS (e.g. `--replicaof`). */
  args?: readonly string[];
  /** What the node is, for `fencecheck.role` and the logs: `node`, `primary`, `replica`. */
  role: string;
  timeoutMs: number;
}

/** A redis-server node that can be restarted with the data it kept (none: a restart forgets every key). */
export interface RedisNode {
  readonly name: string;
  readonly container: StartedContainer;
  /** Resolves once the server accepts connections. */
  serving(): Promise<void>;
}

/**
 * Starts one redis-server as the container's main process, so a signal to the container reaches
 * the server itself.
 */
export async function startRedisNode(opts: RedisNodeOptions): Promise<RedisNode> {
  const container = await opts.cluster.add({
    name: opts.name,
    image: opts.image,
    cmd: ['redis-server', ...REDIS_BASE_ARGS, ...(opts.args ?? [])],
    labels: { 'fencecheck.role': opts.role },
  });
  const serving = (): Promise<void> => waitForPort({ host: container.ip, port: REDIS_PORT, timeoutMs: opts.timeoutMs, container });
  return { name: opts.name, container, serving };
}
