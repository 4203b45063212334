import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Backend, DeployedBackend } from '../../backends/backend.js';
import type { LockClient, LockClientConfig, LockClientFactory } from '../../backends/lock-client.js';
import { createCluster, type Cluster } from '../../docker/cluster.js';
import { connectEngine } from '../../docker/engine.js';
import { ensureImages } from '../../docker/images.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A backend deployed on its own (no harness), for tests that drive its nodes and recipes directly. */
export interface BackendUnderTest extends AsyncDisposable {
  cluster: Cluster;
  deployed: DeployedBackend;
  /** Milliseconds from the first container's start to a serving service. */
  deployMs: number;
  /** A lock client of the recipe, run in this (the test's) process against the nodes. */
  client(overrides?: Partial<LockClientConfig>): Promise<LockClient>;
}

export interface DeployBackendOptions {
  backend: Backend;
  createLockClient: LockClientFactory;
  nodes: number;
  ttlMs: number;
  recipe?: string;
  /** Image tags to use instead of the backend's own (as `--image NAME=TAG`). */
  images?: Record<string, string>;
}

let runs = 0;

/** Builds (or finds) the backend's images, deploys it on a fresh network and makes clients for it. */
export async function deployBackend(opts: DeployBackendOptions): Promise<BackendUnderTest> {
  const docker = await connectEngine();
  const dirs = Object.fromEntries(opts.backend.images.map((i) => [i, path.join(ROOT, 'backends', opts.backend.name, 'images', i)]));
  const own = opts.backend.images.filter((i) => opts.images?.[i] === undefined);
  const built = await ensureImages({ docker, names: own, dirs });
  const images = { ...Object.fromEntries(Object.entries(built).map(([n, r]) => [n, r.tag])), ...opts.images };
  const cluster = await createCluster(docker, { runId: `${opts.backend.name}-${process.pid}-${runs++}`, name: opts.backend.name });
  const recipe = opts.recipe ?? opts.backend.recipes[0]!.name;
  const clients: LockClient[] = [];
  try {
    const started = Date.now();
    const deployed = await opts.backend.deploy({
      cluster, images, nodes: opts.nodes, ttlMs: opts.ttlMs, recipe, options: {}, timeoutMs: 60_000, onProgress: () => undefined,
    });
    const deployMs = Date.now() - started;
    const dispose = async (): Promise<void> => {
      await Promise.all(clients.map((c) => c.close()));
      await cluster.dispose();
    };
    return {
      cluster, deployed, deployMs,
      async client(overrides = {}) {
        const client = await opts.createLockClient({
          process: clients.length, backend: opts.backend.name, recipe, nodes: deployed.addresses, lock: 'L',
          ttlMs: opts.ttlMs, acquireTimeoutMs: 1000, requestTimeoutMs: 2000, renew: false, options: {}, ...overrides,
        });
        clients.push(client);
        return client;
      },
      [Symbol.asyncDispose]: dispose,
    };
  } catch (err) {
    await cluster.dispose();
    throw err;
  }
}
