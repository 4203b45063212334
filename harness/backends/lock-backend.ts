import type { Cluster } from '../../docker/cluster.js';
import type { NodeAddress } from '../../workloads/protocol.js';

/**
 * A lock service as the harness deploys it. `start` runs the service's nodes in the cluster and
 * resolves once every node serves; the nodes stay in the cluster, which disposes of them.
 */
export interface LockBackend {
  readonly name: string;
  readonly description: string;
  /** Images (docker/images/<name>) the nodes run. */
  readonly images: readonly string[];
  readonly defaultNodes: number;
  /** What the backend's fencing token is, or null when the recipe has none. */
  readonly token: string | null;
  start(opts: { cluster: Cluster; images: Record<string, string>; nodes: number; timeoutMs: number }): Promise<NodeAddress[]>;
}
