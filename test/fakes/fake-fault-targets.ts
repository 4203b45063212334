import type { FaultContext, FaultSettings, FaultTarget } from '../../nemesis/fault-target.js';

/** A target that records what faults do to it; `down` makes it act like a stopped container. */
export interface FakeTarget extends Omit<FaultTarget, 'ip'> {
  ip: string;
  /** Signals and commands in order: `signal SIGSTOP`, `exec sh -c …`, `restart`. */
  readonly log: string[];
  down: boolean;
  /** Answers an exec; default exit 0 and no output. */
  respond: (cmd: readonly string[]) => { exitCode: number; output: string };
}

function notRunning(name: string): Error {
  return Object.assign(new Error(`container ${name} is not running`), { statusCode: 409 });
}

export function fakeTarget(name: string, kind: FaultTarget['kind'], ip: string): FakeTarget {
  const target: FakeTarget = {
    name, kind, ip, log: [], down: false,
    respond: () => ({ exitCode: 0, output: '' }),
    async signal(sig) {
      if (target.down) throw notRunning(name);
      target.log.push(`signal ${sig}`);
      if (sig === 'SIGKILL') target.down = true;
    },
    async exec(cmd) {
      if (target.down) throw notRunning(name);
      target.log.push(`exec ${cmd.join(' ')}`);
      return target.respond(cmd);
    },
    async restart() {
      target.log.push('restart');
      if (kind !== 'client') target.down = false;
    },
  };
  return target;
}

export const FAKE_SETTINGS: FaultSettings = { ttlMs: 1000, durationMs: 50, clockOffsetMs: 1500, delayMs: 200, lossPercent: 25 };

export interface FakeCluster {
  nodes: FakeTarget[];
  clients: FakeTarget[];
  /** Sentinels s1… at 10.0.2.1… */
  helpers: FakeTarget[];
  holders: FakeTarget[];
  leader: FakeTarget | null;
  context: FaultContext;
  /** Adds a client and tells every onClientStart listener of it, as the harness does. */
  startClient(name: string, ip: string): Promise<FakeTarget>;
  /** onClientStart subscriptions in force. */
  readonly listeners: Set<(client: FaultTarget) => Promise<void>>;
}

/**
 * Nodes n1… at 10.0.0.1…, clients client-1… at 10.0.1.1…, the register at 10.0.9.9. pick takes the
 * first item and shuffle keeps the order, so target choice is predictable.
 */
export function fakeCluster(opts: { nodes: number; clients: number; helpers?: number; settings?: Partial<FaultSettings> }): FakeCluster {
  const listeners = new Set<(client: FaultTarget) => Promise<void>>();
  const cluster: FakeCluster = {
    nodes: Array.from({ length: opts.nodes }, (_, i) => fakeTarget(`n${i + 1}`, 'node', `10.0.0.${i + 1}`)),
    clients: Array.from({ length: opts.clients }, (_, i) => fakeTarget(`client-${i + 1}`, 'client', `10.0.1.${i + 1}`)),
    helpers: Array.from({ length: opts.helpers ?? 0 }, (_, i) => fakeTarget(`s${i + 1}`, 'helper', `10.0.2.${i + 1}`)),
    holders: [],
    leader: null,
    context: undefined as unknown as FaultContext,
    listeners,
    async startClient(name, ip) {
      const client = fakeTarget(name, 'client', ip);
      cluster.clients.push(client);
      await Promise.all([...listeners].map((l) => l(client)));
      return client;
    },
  };
  cluster.leader = cluster.nodes[0] ?? null;
  cluster.context = {
    nodes: () => cluster.nodes,
    helpers: () => cluster.helpers,
    onClientStart(listener) {
      const entry = (client: FaultTarget): Promise<void> => listener(client);
      listeners.add(entry);
      return () => { listeners.delete(entry); };
    },
    leader: async () => cluster.leader,
    // A killed client is retired by the harness: it leaves the live lists.
    clients: () => cluster.clients.filter((t) => !t.down),
    holders: () => cluster.holders.filter((t) => !t.down),
    protectedIps: ['10.0.9.9'],
    pick: <T,>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[0] as T;
    },
    shuffle: <T,>(items: readonly T[]): T[] => [...items],
    settings: { ...FAKE_SETTINGS, ...opts.settings },
  };
  return cluster;
}

/** Every line of every target's log, prefixed by its name, then cleared. */
export function drainLogs(targets: readonly FakeTarget[]): string[] {
  const lines = targets.flatMap((t) => t.log.map((l) => `${t.name}: ${l}`));
  for (const t of targets) t.log.length = 0;
  return lines;
}
