import { problemOf, type Backend, type BackendNode, type DeployedBackend, type NodeAddress } from '../backend.js';
import type { Cluster } from '../../docker/cluster.js';
import type { StartedContainer } from '../../docker/container.js';
import { waitForExec } from '../../docker/wait.js';
import { CREATE_TOKEN_SEQUENCE } from './lock-sql.js';
import { pgbouncerIni } from './pgbouncer-ini.js';
import { POSTGRES_OPTIONS, readPostgresOptions } from './postgres-options.js';
import { serverArgs } from './server-args.js';

const NODE = 'n1';
const POOLER = 'pgbouncer';
const PORT = 5432;
const POOLER_PORT = 6432;

// Over TCP, so the official image's first-start server (socket only) does not count as ready.
const psql = (port: number, sql: string): string[] =>
  ['psql', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql];

/** One PostgreSQL 15 server, optionally behind one PgBouncer; locks are advisory locks (client.ts). */
export const postgresBackend: Backend = {
  name: 'postgres',
  description: 'one PostgreSQL 15 server, advisory locks through node-postgres, a sequence as token; optionally behind PgBouncer',
  images: ['postgres', 'pgbouncer'],
  defaultNodes: 1,
  nodeCounts: [1],
  recipes: [
    { name: 'session', description: 'pg_advisory_lock on a connection kept for the critical section; pg_advisory_unlock releases',
      token: 'nextval of a sequence, on the same connection right after the grant' },
    { name: 'xact', description: 'pg_advisory_xact_lock in a transaction held open for the critical section; COMMIT releases',
      token: 'nextval of a sequence, in the same transaction' },
  ],
  options: POSTGRES_OPTIONS,
  settingsProblem: ({ options }) => problemOf(() => readPostgresOptions(options)),
  faultNotApplicable: () => null,
  async deploy({ cluster, images, options, timeoutMs, onProgress }): Promise<DeployedBackend> {
    const settings = readPostgresOptions(options);
    const image = images.postgres;
    if (!image) throw new Error('the postgres image is missing');
    onProgress(`postgres ${NODE}${settings.pooler === 'pgbouncer' ? ', clients through pgbouncer (transaction pooling)' : ''}`);
    const server = await cluster.add({
      name: NODE, image, cmd: serverArgs(settings),
      // The official image's entry point wants this; this backend's own image trusts the network anyway.
      env: { POSTGRES_HOST_AUTH_METHOD: 'trust' },
      labels: { 'fencecheck.role': 'node' },
    });
    const serving = async (): Promise<void> => {
      await waitForExec(server, psql(PORT, 'SELECT 1'), { timeoutMs });
    };
    await serving();
    const created = await server.exec(psql(PORT, CREATE_TOKEN_SEQUENCE), { timeoutMs });
    if (created.exitCode !== 0) throw new Error(`could not create the token sequence on ${NODE}: ${created.stderr.trim()}`);

    const nodes: BackendNode[] = [{ name: NODE, container: server, kind: 'node' }];
    let addresses: NodeAddress[] = [{ name: NODE, host: server.ip, port: PORT }];
    if (settings.pooler === 'pgbouncer') {
      const pooler = await startPgbouncer(cluster, images, server, timeoutMs);
      nodes.push({ name: POOLER, container: pooler, kind: 'helper' });
      addresses = [{ name: POOLER, host: pooler.ip, port: POOLER_PORT }];
    }
    return {
      nodes,
      addresses,
      // One server leads alone.
      leader: async () => NODE,
      async restart(name) {
        const node = nodes.find((n) => n.name === name);
        if (!node) throw new Error(`postgres has no node ${name}`);
        await node.container.restart();
        if (node.container === server) await serving();
      },
    };
  },
};

async function startPgbouncer(cluster: Cluster, images: Record<string, string>, server: StartedContainer, timeoutMs: number): Promise<StartedContainer> {
  const image = images.pgbouncer;
  if (!image) throw new Error('the pgbouncer image is missing');
  const pooler = await cluster.add({
    name: POOLER, image, cmd: ['pgbouncer'],
    env: { FENCECHECK_PGBOUNCER_INI: pgbouncerIni({ serverHost: server.ip, serverPort: PORT, listenPort: POOLER_PORT }) },
    labels: { 'fencecheck.role': 'pooler' },
  });
  await waitForExec(pooler, psql(POOLER_PORT, 'SELECT 1'), { timeoutMs });
  return pooler;
}
