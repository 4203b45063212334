import type { Cluster } from '../docker/cluster.js';
import { waitForPort } from '../docker/wait.js';
import { CLIENT_CONFIG_ENV, CLIENT_PORT, type ClientConfig } from '../workloads/protocol.js';
import { CLIENT_PACKAGE_DIR } from './client-image.js';
import { connectClient } from './client-connection.js';
import type { ClientProcess, ClientSpawner } from './client-process.js';
import { containerTarget } from './container-targets.js';

export interface DockerClientSpawnerOptions {
  cluster: Cluster;
  /** The client image's tag (harness/client-image.ts): it carries Node and the client code, so no
   * container of a test mounts the project folder. */
  image: string;
  /** Everything a client needs but its process id. */
  config: Omit<ClientConfig, 'process'>;
  startTimeoutMs: number;
}

/** Starts each client process as PID 1 of its own container on the test network. */
export function dockerClientSpawner(opts: DockerClientSpawnerOptions): ClientSpawner {
  return {
    async spawn(process) {
      const config: ClientConfig = { ...opts.config, process };
      const container = await opts.cluster.add({
        name: `client-${process}`,
        image: opts.image,
        cmd: ['node', `${CLIENT_PACKAGE_DIR}/dist/workloads/client-main.js`],
        env: { [CLIENT_CONFIG_ENV]: JSON.stringify(config) },
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
