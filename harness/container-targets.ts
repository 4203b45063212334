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

/** The deployed service's lock nodes (kind `node`; helpers such as sentinels are not targets of node faults). */
export function nodeTargets(deployed: DeployedBackend): FaultTarget[] {
  return deployed.nodes.filter((n) => n.kind === 'node')
    .map((n) => ({ ...containerTarget(n.container, 'node', () => deployed.restart(n.name)), name: n.name }));
}
