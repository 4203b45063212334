import type { DeployedBackend } from '../backends/backend.js';
import type { StartedContainer } from '../docker/container.js';
import type { FaultTarget } from '../nemesis/fault-target.js';

/** A container as a fault target: signals and exec through the engine; restart as the caller says. */
export function containerTarget(container: StartedContainer, kind: FaultTarget['kind'], restart: () => Promise<void>): FaultTarget {
  return {
    name: container.name,
    kind,
    ip: container.ip,
    signal: (sig) => container.kill(sig),
    async exec(cmd) {
      const r = await container.exec([...cmd]);
      return { exitCode: r.exitCode, output: `${r.stdout}${r.stderr}` };
    },
    restart,
  };
}

/** The deployed service's containers of one kind: lock nodes, or helpers (sentinels, poolers) that only partitions place on a side. */
export function nodeTargets(deployed: DeployedBackend, kind: 'node' | 'helper' = 'node'): FaultTarget[] {
  return deployed.nodes.filter((n) => n.kind === kind)
    .map((n) => ({ ...containerTarget(n.container, kind, () => deployed.restart(n.name)), name: n.name }));
}
