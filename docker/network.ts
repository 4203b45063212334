import type Docker from 'dockerode';
import { ignoreStatus } from './engine-status.js';
import { dockerSafeName, runLabels } from './labels.js';

/** A user-defined bridge network of one run. */
export interface NetworkInfo {
  id: string;
  name: string;
  subnet: string;
  /** The host's own address on this network: a service bound here is reachable from containers. */
  gateway: string;
}

export interface CreateNetworkOptions {
  runId: string;
  /** The network's name; made Docker-safe, and must be unique on the engine. */
  name: string;
  labels?: Record<string, string>;
}

const ATTEMPTS = 5;

/**
 * Creates a labelled bridge network on a subnet the engine picked as free. The subnet is then
 * given explicitly, because the engine lets containers keep fixed addresses (the same address
 * after a restart) only on networks whose subnet was configured by the user.
 */
export async function createNetwork(docker: Docker, opts: CreateNetworkOptions): Promise<NetworkInfo> {
  const name = dockerSafeName(opts.name);
  const labels = runLabels(opts.runId, opts.labels);
  for (let attempt = 1; ; attempt++) {
    // A network made to learn which subnet is free, then made again with that subnet pinned.
    const probe = await create(docker, { Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: labels });
    await probe.network.remove();
    try {
      const pinned = await create(docker, {
        Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: labels,
        IPAM: { Driver: 'default', Config: [{ Subnet: probe.subnet, Gateway: probe.gateway }] },
      });
      return { id: pinned.network.id, name, subnet: pinned.subnet, gateway: pinned.gateway };
    } catch (err) {
      // Another run may have taken the subnet in between; the engine then offers the next one.
      if (attempt >= ATTEMPTS || !/overlap/i.test((err as Error).message)) throw err;
    }
  }
}

async function create(docker: Docker, options: Docker.NetworkCreateOptions): Promise<{ network: Docker.Network; subnet: string; gateway: string }> {
  const network = await docker.createNetwork(options);
  try {
    const info = await network.inspect() as { IPAM?: { Config?: Array<{ Subnet?: string; Gateway?: string }> } };
    const config = info.IPAM?.Config?.find((c) => c.Subnet && c.Gateway && !c.Subnet.includes(':'));
    if (!config?.Subnet || !config.Gateway) throw new Error(`the engine gave network ${options.Name} no IPv4 subnet and gateway`);
    return { network, subnet: config.Subnet, gateway: config.Gateway };
  } catch (err) {
    await network.remove().catch(() => undefined);
    throw err;
  }
}

/** Removes a network; one that is already gone is not an error. */
export async function removeNetwork(docker: Docker, idOrName: string): Promise<void> {
  await ignoreStatus(docker.getNetwork(idOrName).remove(), [404]);
}
