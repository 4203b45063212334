import type { Cluster } from '../docker/cluster.js';
import { waitForPort } from '../docker/wait.js';
import { CLIENT_CONFIG_ENV, CLIENT_PORT, type ClientConfig } from '../workloads/protocol.js';
import { connectClient } from './client-connection.js';
import type { ClientProcess, ClientSpawner } from './client-process.js';
import { containerTarget } from './container-targets.js';

export interface DockerClientSpawnerOptions {
  cluster: Cluster;
  /** Image tag that carries Node (docker/images/node-client). */
  image: string;
  /** The fencecheck folder, mounted read-only: clients run its dist/ with its node_modules. */
  projectRoot: string;
  /** Everything a client needs but its process id. */
  config: Omit<ClientConfig, 'process'>;
  startTimeoutMs: number;
}

const MOUNT = '/opt/fencecheck';

/** Starts each client process as PID 1 of its own container on the test network. */
export function dockerClientSpawner(opts: DockerClientSpawnerOptions): ClientSpawner {
  return {
    async spawn(process) {
      const config: ClientConfig = { ...opts.config, process };
      const container = await opts.cluster.add({
        name: `client-${process}`,
        image: opts.image,
        cmd: ['node', `${MOUNT}/dist/workloads/client-main.js`],
        env: { [CLIENT_CONFIG_ENV]: JSON.stringify(config) },
        binds: [`${opts.projectRoot}:${MOUNT}:ro`],
        labels: { 'fencecheck.role': 'client', 'fencecheck.process': String(process) },
      });
      await waitForPort({ host: container.ip, port: CLIENT_PORT, timeoutMs: opts.startTimeoutMs, container });
      const connection = await connectClient({ host: container.ip, port: CLIENT_PORT, timeoutMs: opts.startTimeoutMs });
      const client: ClientProcess = {
        process,
        name: container.name,
        // A killed client is not started again: the harness retires it and spawns a successor.
        target: containerTarget(container, 'client', async () => undefined),
        call: (req, timeoutMs) => connection.call(req, timeoutMs),
        async retire() {
          connection.close();
          await container.kill('SIGKILL').catch(() => undefined);
        },
      };
      return client;
    },
  };
}
