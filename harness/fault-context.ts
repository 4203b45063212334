import type { FaultContext, FaultSettings, FaultTarget } from '../nemesis/fault-target.js';
import type { Random } from './random.js';

export interface FaultContextParts {
  /** The lock service's nodes as targets (helpers excluded). */
  nodes(): readonly FaultTarget[];
  /** The name of the node that leads now, asked of the service (DeployedBackend.leader). */
  leaderName(): Promise<string | null>;
  /** Live clients, and those holding the lock (between read and write first). */
  clients(): readonly FaultTarget[];
  holders(): readonly FaultTarget[];
  protectedIps: readonly string[];
  settings: FaultSettings;
  random: Random;
}

/** The running test as faults see it: the deployed service's nodes and leader, the clients, the holders. */
export function buildFaultContext(parts: FaultContextParts): FaultContext {
  const shuffle = <T,>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = parts.random.int(0, i);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };
  return {
    nodes: parts.nodes,
    async leader() {
      const name = await parts.leaderName();
      return name === null ? null : parts.nodes().find((n) => n.name === name) ?? null;
    },
    clients: parts.clients,
    holders: parts.holders,
    protectedIps: parts.protectedIps,
    pick: (items) => parts.random.pick(items),
    shuffle,
    settings: parts.settings,
  };
}
