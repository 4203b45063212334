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

/** Creates a labelled bridge network, letting the engine pick a free subnet. */
export async function createNetwork(docker: Docker, opts: CreateNetworkOptions): Promise<NetworkInfo> {
  const name = dockerSafeName(opts.name);
  const created = await docker.createNetwork({
    Name: name,
    Driver: 'bridge',
    CheckDuplicate: true,
    Labels: runLabels(opts.runId, opts.labels),
  });
  try {
    const info = await docker.getNetwork(created.id).inspect() as { IPAM?: { Config?: Array<{ Subnet?: string; Gateway?: string }> } };
    const config = info.IPAM?.Config?.find((c) => c.Subnet && c.Gateway && !c.Subnet.includes(':'));
    if (!config?.Subnet || !config.Gateway) throw new Error(`the engine gave network ${name} no IPv4 subnet and gateway`);
    return { id: created.id, name, subnet: config.Subnet, gateway: config.Gateway };
  } catch (err) {
    await created.remove().catch(() => undefined);
    throw err;
  }
}

/** Removes a network; one that is already gone is not an error. */
export async function removeNetwork(docker: Docker, idOrName: string): Promise<void> {
  await ignoreStatus(docker.getNetwork(idOrName).remove(), [404]);
}
