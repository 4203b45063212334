import type { Cluster } from '../../docker/cluster.js';
import type { StartedContainer } from '../../docker/container.js';
import { waitForPort } from '../../docker/wait.js';
import { MASTER_NAME, SENTINEL_PORT, SENTINEL_QUORUM } from './topology.js';

export interface SentinelNodeOptions {
  cluster: Cluster;
  name: string;
  image: string;
  primaryIp: string;
  primaryPort: number;
  /** How long the primary must be silent before a sentinel thinks it down. */
  downAfterMs: number;
  timeoutMs: number;
}

export interface SentinelNode {
  readonly name: string;
  readonly container: StartedContainer;
  serving(): Promise<void>;
}

const CONFIG = '/tmp/sentinel.conf';

/**
 * Starts one redis-sentinel. Sentinel insists on a config file it can rewrite (it records every
 * fail-over there), so the file is written on first start only: a restarted sentinel keeps what it
 * learned, as a real one would.
 */
export async function startSentinelNode(opts: SentinelNodeOptions): Promise<SentinelNode> {
  const config = [
    `port ${SENTINEL_PORT}`,
    'bind 0.0.0.0',
    'protected-mode no',
    `sentinel monitor ${MASTER_NAME} ${opts.primaryIp} ${opts.primaryPort} ${SENTINEL_QUORUM}`,
    `sentinel down-after-milliseconds ${MASTER_NAME} ${opts.downAfterMs}`,
    `sentinel failover-timeout ${MASTER_NAME} ${Math.max(3000, 3 * opts.downAfterMs)}`,
    `sentinel parallel-syncs ${MASTER_NAME} 1`,
  ].join('\n');
  const container = await opts.cluster.add({
    name: opts.name,
    image: opts.image,
    // exec: the sentinel replaces the shell as the main process, so signals reach it.
    cmd: ['sh', '-c', `test -f ${CONFIG} || printf '%s\\n' "$SENTINEL_CONFIG" > ${CONFIG}; exec redis-sentinel ${CONFIG}`],
    env: { SENTINEL_CONFIG: config },
    labels: { 'fencecheck.role': 'sentinel' },
  });
  const serving = (): Promise<void> => waitForPort({ host: container.ip, port: SENTINEL_PORT, timeoutMs: opts.timeoutMs, container });
  return { name: opts.name, container, serving };
}
