import os from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import type Docker from 'dockerode';
import { ignoreStatus } from './engine-status.js';
import { LABEL_HOST, LABEL_PID, LABEL_RUN } from './labels.js';

/** How much was removed, for a line such as "removed 3 containers, 1 network". */
export interface Removed {
  containers: number;
  networks: number;
  /** The run ids whose resources were removed. */
  runs: string[];
  /** Networks the engine refused to remove even with their endpoints disconnected: a warning, never a failure. */
  stuck: StuckNetwork[];
}

export interface StuckNetwork { name: string; reason: string }

/** What to tell a person about networks the engine keeps: they block nothing, but only a restart frees them. */
export function stuckWarning(stuck: readonly StuckNetwork[]): string | null {
  if (stuck.length === 0) return null;
  const names = stuck.map((n) => n.name).join(', ');
  return `the engine refuses to remove ${stuck.length} network(s) (${names}: ${stuck[0]?.reason ?? ''}); `
    + 'they do not block new tests, but only restarting the engine frees them (systemctl restart docker, or stop dockerd and run scripts/setup-docker.sh)';
}

/** Removes every container and network of one run. */
export function removeRun(docker: Docker, runId: string): Promise<Removed> {
  return removeWhere(docker, [`${LABEL_RUN}=${runId}`], () => true);
}

/** Removes everything fencecheck ever created on this engine, whichever run or host it belongs to. */
export function removeAll(docker: Docker): Promise<Removed> {
  return removeWhere(docker, [LABEL_RUN], () => true);
}

/**
 * Removes what runs on this host left behind when their harness died: resources whose pid label
 * names a process that no longer exists. A live harness's resources are never touched.
 */
export function reapOrphans(docker: Docker): Promise<Removed> {
  return removeWhere(docker, [LABEL_RUN, `${LABEL_HOST}=${os.hostname()}`], (labels) => {
    const pid = Number(labels[LABEL_PID]);
    return Number.isInteger(pid) && pid > 0 && !isAlive(pid);
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function removeWhere(docker: Docker, label: string[], select: (labels: Record<string, string>) => boolean): Promise<Removed> {
  const runs = new Set<string>();
  const containers = (await docker.listContainers({ all: true, filters: { label } })).filter((c) => select(c.Labels));
  await Promise.all(containers.map(async (c) => {
    runs.add(c.Labels[LABEL_RUN] ?? '');
    await ignoreStatus(docker.getContainer(c.Id).remove({ force: true, v: true }), [404, 409]);
  }));
  const networks = (await docker.listNetworks({ filters: { label } })).filter((n) => select(n.Labels ?? {}));
  const stuck: StuckNetwork[] = [];
  for (const n of networks) {
    runs.add(n.Labels?.[LABEL_RUN] ?? '');
    const reason = await removeNetworkPatiently(docker, n.Id);
    if (reason) stuck.push({ name: n.Name, reason });
  }
  return { containers: containers.length, networks: networks.length - stuck.length, runs: [...runs].filter(Boolean).sort(), stuck };
}

const NETWORK_ATTEMPTS = 10;

/**
 * A network whose last container was just removed can still report active endpoints for a moment;
 * after many containers at once the engine can keep stale endpoints for good ("has active
 * endpoints" until dockerd restarts). Endpoints are force-disconnected first; what still fails is
 * returned as a reason, so one unremovable leftover never blocks a cleanup or the next test.
 */
async function removeNetworkPatiently(docker: Docker, id: string): Promise<string | null> {
  const network = docker.getNetwork(id);
  let reason = '';
  for (let attempt = 0; attempt < NETWORK_ATTEMPTS; attempt++) {
    try {
      await ignoreStatus(network.remove(), [404]);
      return null;
    } catch (err) {
      reason = (err as Error).message.split('\n')[0] ?? 'refused';
      if (attempt === 1) await disconnectEndpoints(network);
      await delay(200);
    }
  }
  return reason;
}

async function disconnectEndpoints(network: Docker.Network): Promise<void> {
  const info = (await network.inspect().catch(() => null)) as { Containers?: Record<string, unknown> } | null;
  for (const container of Object.keys(info?.Containers ?? {})) {
    await ignoreStatus(network.disconnect({ Container: container, Force: true }), [404, 500]).catch(() => undefined);
  }
}
