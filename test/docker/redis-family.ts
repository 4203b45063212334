import type Docker from 'dockerode';
import type { Backend, DeployedBackend } from '../../backends/backend.js';
import type { LockClientConfig } from '../../backends/lock-client.js';
import { createCluster, type Cluster } from '../../docker/cluster.js';
import { ensureImages } from '../../docker/images.js';
import { imagesFor } from '../../harness/images-needed.js';

export interface Deployed { cluster: Cluster; deployed: DeployedBackend }

/** Builds what the backend needs and deploys it in a fresh cluster, as the harness would. */
export async function deployBackend(docker: Docker, backend: Backend, opts: { runId: string; ttlMs: number; options: Record<string, unknown> }): Promise<Deployed> {
  const { dirs } = imagesFor(backend);
  const refs = await ensureImages({ docker, names: [...backend.images], dirs });
  const images = Object.fromEntries(Object.entries(refs).map(([name, ref]) => [name, ref.tag]));
  const cluster = await createCluster(docker, { runId: opts.runId, name: backend.name });
  try {
    const deployed = await backend.deploy({
      cluster, images, nodes: backend.defaultNodes, ttlMs: opts.ttlMs, recipe: backend.recipes[0]?.name ?? '',
      options: opts.options, timeoutMs: 60_000, onProgress: () => undefined,
    });
    return { cluster, deployed };
  } catch (err) {
    await cluster.dispose();
    throw err;
  }
}

/** A recipe's config as a client container would get it. */
export function clientConfig(deployed: DeployedBackend, over: Partial<LockClientConfig> & Pick<LockClientConfig, 'process' | 'backend'>): LockClientConfig {
  return {
    recipe: '', nodes: deployed.addresses, lock: 'L', ttlMs: 5000, acquireTimeoutMs: 500,
    requestTimeoutMs: 2000, renew: false, options: {}, ...over,
  };
}
