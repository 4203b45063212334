import fs from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { addressAllocator } from './addresses.js';
import { startContainer, type ContainerSpec, type StartedContainer } from './container.js';
import { removeRun, stuckWarning } from './cleanup.js';
import { dockerSafeName } from './labels.js';
import { createNetwork, type NetworkInfo } from './network.js';

/**
 * What `add` needs: a container spec without the run and network, which the cluster supplies,
 * with a fixed address of the network unless the spec names one.
 */
export type ClusterContainerSpec = Omit<ContainerSpec, 'runId' | 'network'>;

/**
 * The containers of one run on one network, disposed of together (one cluster per run id). After
 * dispose nothing labelled with the run id is left on the engine; dispose never throws for what is already gone and may be
 * called any number of times.
 */
export interface Cluster extends AsyncDisposable {
  runId: string;
  network: NetworkInfo;
  /** In the order added. */
  readonly containers: readonly StartedContainer[];
  add(spec: ClusterContainerSpec): Promise<StartedContainer>;
  /** Writes <dir>/<name>.log with each container's output. */
  copyLogs(dir: string): Promise<void>;
  /** Resolves with a warning when the engine kept the run's network (cleanup.ts stuckWarning): it
   * blocks no test, but a person should know. Null when everything went. */
  dispose(): Promise<string | null>;
}

export interface CreateClusterOptions {
  runId: string;
  /** A readable name for the network (the test's name); the run id makes it unique. */
  name: string;
  labels?: Record<string, string>;
}

export async function createCluster(docker: Docker, opts: CreateClusterOptions): Promise<Cluster> {
  // Run ids often start with the test's name already; saying it twice only makes names long.
  const networkName = opts.runId.startsWith(opts.name) ? `fencecheck-${opts.runId}` : `fencecheck-${opts.name}-${opts.runId}`;
  const network = await createNetwork(docker, { runId: opts.runId, name: networkName, labels: opts.labels });
  const containers: StartedContainer[] = [];
  const nextAddress = addressAllocator(network.subnet, network.gateway);
  let disposed = false;
  let disposing: Promise<string | null> | null = null;

  const dispose = (): Promise<string | null> => {
    disposed = true;
    // By label rather than by the list above, so a container whose start failed halfway goes too.
    // A failure (say, the engine went away) leaves the next call free to try again.
    disposing ??= removeRun(docker, opts.runId).then((removed) => stuckWarning(removed.stuck), (err: unknown) => {
      disposing = null;
      throw new Error(`could not dispose of cluster ${opts.name} (run ${opts.runId}): ${(err as Error).message}`, { cause: err });
    });
    return disposing;
  };

  return {
    runId: opts.runId,
    network,
    containers,
    async add(spec) {
      if (disposed) throw new Error(`cluster ${opts.name} is disposed; cannot add ${spec.name}`);
      if (containers.some((c) => c.name === spec.name)) throw new Error(`cluster ${opts.name} already has a container named ${spec.name}`);
      const container = await startContainer(docker, {
        ip: nextAddress(), ...spec, runId: opts.runId, network: network.name, labels: { ...opts.labels, ...spec.labels },
      });
      containers.push(container);
      return container;
    },
    async copyLogs(dir) {
      fs.mkdirSync(dir, { recursive: true });
      const failures: Error[] = [];
      for (const container of containers) {
        try {
          fs.writeFileSync(path.join(dir, `${dockerSafeName(container.name)}.log`), await container.logs());
        } catch (err) {
          failures.push(new Error(`${container.name}: ${(err as Error).message}`, { cause: err }));
        }
      }
      if (failures.length > 0) throw new AggregateError(failures, `could not copy the logs of ${failures.length} container(s)`);
    },
    dispose,
    [Symbol.asyncDispose]: async () => { await dispose(); },
  };
}
