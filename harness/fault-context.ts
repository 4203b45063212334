import type { FaultContext, FaultSettings, FaultTarget } from '../nemesis/fault-target.js';
import type { Random } from './random.js';

export interface FaultContextParts {
  /** The lock service's nodes as targets (helpers excluded). */
  nodes(): readonly FaultTarget[];
  /** Its helpers (sentinels, poolers); none when absent. */
  helpers?(): readonly FaultTarget[];
  /** The name of the node that leads now, asked of the service (DeployedBackend.leader). */
  leaderName(): Promise<string | null>;
  /** Live clients, and those holding the lock (between read and write first). */
  clients(): readonly FaultTarget[];
  holders(): readonly FaultTarget[];
  protectedIps: readonly string[];
  settings: FaultSettings;
  random: Random;
}

/** The fault context, and how the harness tells it that a client started. */
export interface HarnessFaultContext extends FaultContext {
  /** Runs every onClientStart listener on a client that just started; rejects naming the client if one fails. */
  clientStarted(client: FaultTarget): Promise<void>;
}

/** The running test as faults see it: the deployed service's nodes, helpers and leader, the clients, the holders. */
export function buildFaultContext(parts: FaultContextParts): HarnessFaultContext {
  const listeners = new Set<(client: FaultTarget) => Promise<void>>();
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
    helpers: () => parts.helpers?.() ?? [],
    async leader() {
      const name = await parts.leaderName();
      return name === null ? null : parts.nodes().find((n) => n.name === name) ?? null;
    },
    clients: parts.clients,
    onClientStart(listener) {
      // Wrapped, so that one listener subscribed twice is two subscriptions.
      const entry = (client: FaultTarget): Promise<void> => listener(client);
      listeners.add(entry);
      return () => { listeners.delete(entry); };
    },
    async clientStarted(client) {
      const results = await Promise.allSettled([...listeners].map((l) => l(client)));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw new Error(`a fault in force could not act on the new client ${client.name}: ${(failed.reason as Error).message}`, { cause: failed.reason });
    },
    holders: parts.holders,
    protectedIps: parts.protectedIps,
    pick: (items) => parts.random.pick(items),
    shuffle,
    settings: parts.settings,
  };
}
