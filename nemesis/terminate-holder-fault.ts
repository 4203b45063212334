import type { ActiveFault, Fault } from './fault.js';
import type { FaultKind } from './fault-kind.js';
import type { FaultContext, FaultTarget } from './fault-target.js';

// Over TCP as the postgres superuser: works in this project's postgres image and the official one.
const psql = (sql: string): string[] => ['psql', '-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-At', '-c', sql];

/**
 * The server sessions that hold an advisory lock and whose connection comes from the client's
 * address, each terminated. The address is the container's own, a literal of the harness's making.
 */
export function terminateSql(clientIp: string): string {
  if (!/^[0-9a-f.:]+$/i.test(clientIp)) throw new Error(`not an IP address: ${clientIp}`);
  // Materialized first, so the planner cannot call pg_terminate_backend before the filter.
  return `WITH held AS MATERIALIZED (SELECT DISTINCT l.pid FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid `
    + `WHERE l.locktype = 'advisory' AND l.granted AND a.client_addr = '${clientIp}') `
    + 'SELECT pid FROM held WHERE pg_terminate_backend(pid)';
}

async function terminate(node: FaultTarget, holder: FaultTarget): Promise<number[]> {
  const run = await node.exec(psql(terminateSql(holder.ip)));
  if (run.exitCode !== 0) throw new Error(`psql on ${node.name} exited ${run.exitCode}: ${run.output.trim()}`);
  return run.output.split('\n').map((line) => line.trim()).filter((line) => /^\d+$/.test(line)).map(Number);
}

/**
 * pg_terminate_backend of the server session through which the holder holds its advisory lock:
 * the server frees the lock at once, and the client learns only at its next query (its release),
 * having worked on as the holder meanwhile. Needs PostgreSQL nodes with psql (the postgres
 * backend); behind a pooler the holder's own session cannot be told apart, so nothing is hit.
 * Nothing to heal: a terminated session stays terminated and the client connects anew.
 */
const terminateHolder: Fault = {
  name: 'terminate-holder',
  kind: 'terminate',
  description: 'pg_terminate_backend of the server session that holds the lock for the holding client (postgres backend)',
  backends: ['postgres'],
  async setup(ctx: FaultContext) {
    for (const node of ctx.nodes()) {
      const probe = await node.exec(['psql', '--version']);
      if (probe.exitCode !== 0) throw new Error(`terminate-holder needs PostgreSQL nodes with psql (--backend postgres); node ${node.name} has none`);
    }
  },
  async start(ctx: FaultContext): Promise<ActiveFault | null> {
    const holder = ctx.holders()[0];
    const node = ctx.nodes()[0];
    if (!holder || !node) return null;
    const sessions = await terminate(node, holder);
    // The server had no lock for this client (already lost, or not yet granted): try again later.
    if (sessions.length === 0) return null;
    return { targets: [holder.name], details: { node: node.name, sessions }, heal: async () => undefined };
  },
};

/** The kind `terminate`: it has one target, the holder (a session belongs to a client). */
export const terminateKind: FaultKind = {
  kind: 'terminate',
  description: 'pg_terminate_backend of the server session that holds the advisory lock (postgres backend)',
  targets: ['holder'],
  invalidReason: (target) => `terminate ends the server session of the lock holder only (terminate-holder), not of ${target}`,
  make(target) {
    if (target !== 'holder') throw new Error(`terminate-${target}: ${this.invalidReason(target)}`);
    return terminateHolder;
  },
};
