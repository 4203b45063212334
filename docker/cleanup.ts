import os from 'node:os';
import type Docker from 'dockerode';
import { ignoreStatus } from './engine-status.js';
import { LABEL_HOST, LABEL_PID, LABEL_RUN } from './labels.js';

/** How much was removed, for a line such as "removed 3 containers, 1 network". */
export interface Removed {
  containers: number;
  networks: number;
  /** The run ids whose resources were removed. */
  runs: string[];
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
  for (const n of networks) {
    runs.add(n.Labels?.[LABEL_RUN] ?? '');
    await removeNetworkPatiently(docker, n.Id);
  }
  return { containers: containers.length, networks: networks.length, runs: [...runs].filter(Boolean).sort() };
}

/** A network whose last container was just removed can still report active endpoints for a moment. */
async function removeNetworkPatiently(docker: Docker, id: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await ignoreStatus(docker.getNetwork(id).remove(), [404]);
      return;
    } catch (err) {
      if (attempt >= 10) throw new Error(`could not remove network ${id.slice(0, 12)}: ${(err as Error).message}`, { cause: err });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
