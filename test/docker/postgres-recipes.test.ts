import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeployedBackend } from '../../backends/backend.js';
import type { LockClient, LockClientConfig } from '../../backends/lock-client.js';
import { createLockClient } from '../../backends/postgres/client.js';
import { postgresBackend } from '../../backends/postgres/backend.js';
import { createCluster, type Cluster } from '../../docker/cluster.js';
import type { StartedContainer } from '../../docker/container.js';
import { connectEngine } from '../../docker/engine.js';
import { ensureImages } from '../../docker/images.js';
import type { FaultContext, FaultTarget } from '../../nemesis/fault-target.js';
import { terminateKind } from '../../nemesis/terminate-holder-fault.js';
import { isDefiniteFailure } from '../../workloads/outcome-errors.js';

// The recipes against a real PostgreSQL 15 and a real PgBouncer 1.18, driven from the test
// process: what each does to mutual exclusion, directly and behind transaction pooling.

const terminateHolder = terminateKind.make('holder');
const IMAGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../backends/postgres/images');
let cluster: Cluster;
let deployed: DeployedBackend;
const open: LockClient[] = [];

beforeAll(async () => {
  const docker = await connectEngine();
  const refs = await ensureImages({ docker, names: postgresBackend.images.slice(), dirs: Object.fromEntries(postgresBackend.images.map((n) => [n, path.join(IMAGES, n)])) });
  cluster = await createCluster(docker, { runId: `pg-recipes-${process.pid}`, name: 'pg-recipes' });
  deployed = await postgresBackend.deploy({
    cluster, images: Object.fromEntries(Object.entries(refs).map(([n, r]) => [n, r.tag])), nodes: 1, ttlMs: 1000, recipe: 'session',
    options: { pooler: 'pgbouncer' }, timeoutMs: 60_000, onProgress: () => undefined,
  });
});

afterAll(async () => {
  for (const client of open) await client.close();
  await cluster?.dispose();
});

function server(): { name: string; host: string; port: number } {
  const node = serverContainer();
  return { name: node.name, host: node.ip, port: 5432 };
}

let nextProcess = 0;
async function client(recipe: string, via: 'direct' | 'pgbouncer', lock: string): Promise<LockClient> {
  const config: LockClientConfig = {
    process: nextProcess++, backend: 'postgres', recipe, lock, ttlMs: 1000, acquireTimeoutMs: 500, requestTimeoutMs: 3000,
    renew: false, options: {}, nodes: via === 'direct' ? [server()] : deployed.addresses,
  };
  const made = await createLockClient(config);
  open.push(made);
  return made;
}

async function refused(lock: LockClient): Promise<boolean> {
  try {
    await lock.acquire();
    return false;
  } catch (err) {
    if (isDefiniteFailure(err)) return true;
    throw err;
  }
}

describe('postgres advisory-lock recipes', () => {
  it('session, direct: exclusive; tokens increase; unlock frees it', async () => {
    const a = await client('session', 'direct', 'direct-session');
    const b = await client('session', 'direct', 'direct-session');
    const first = await a.acquire();
    expect(first.node).toBe('n1');
    expect(await refused(b)).toBe(true);
    expect(await a.release()).toEqual({ released: true });
    const second = await b.acquire();
    expect(BigInt(second.token ?? '0')).toBeGreaterThan(BigInt(first.token ?? '0'));
    expect(await b.release()).toEqual({ released: true });
  });

  it('xact, direct: exclusive; COMMIT frees it', async () => {
    const a = await client('xact', 'direct', 'direct-xact');
    const b = await client('xact', 'direct', 'direct-xact');
    await a.acquire();
    expect(await refused(b)).toBe(true);
    expect(await a.release()).toEqual({ released: true });
    await b.acquire();
    expect(await b.release()).toEqual({ released: true });
  });

  it('session through pgbouncer (transaction pooling): a second client is granted the held lock', async () => {
    const a = await client('session', 'pgbouncer', 'pooled-session');
    const b = await client('session', 'pgbouncer', 'pooled-session');
    const first = await a.acquire();
    expect(first.node).toBe('pgbouncer');
    // The grant belongs to the pooled server connection, which pgbouncer hands to the next client.
    const second = await b.acquire();
    expect(second.token).not.toBe(first.token);
    expect(second).toMatchObject({ session: (first as { session?: number }).session });
  });

  it('xact through pgbouncer: still exclusive, the transaction keeps its server connection', async () => {
    const a = await client('xact', 'pgbouncer', 'pooled-xact');
    const b = await client('xact', 'pgbouncer', 'pooled-xact');
    await a.acquire();
    expect(await refused(b)).toBe(true);
    expect(await refused(b)).toBe(true);
    expect(await a.release()).toEqual({ released: true });
    await b.acquire();
    expect(await b.release()).toEqual({ released: true });
  });

  it('terminate-holder: the server frees the lock at once, the holder learns only at its release', async () => {
    const a = await client('session', 'direct', 'terminated');
    const b = await client('session', 'direct', 'terminated');
    const held = await a.acquire() as { session?: number };
    expect(typeof held.session).toBe('number');
    const ctx = faultContext(await clientAddress(held.session ?? 0));
    await terminateHolder.setup?.(ctx);
    const fault = await terminateHolder.start(ctx);
    expect(fault?.details).toEqual({ node: 'n1', sessions: [held.session] });
    // Nothing of the holder's is left to terminate.
    expect(await terminateHolder.start(ctx)).toBeNull();
    await b.acquire();
    expect(await a.release()).toEqual({ released: false });
    expect(await b.release()).toEqual({ released: true });
  });
});

/** The address the server sees this test process connect from. */
async function clientAddress(session: number): Promise<string> {
  const run = await serverContainer().exec(['psql', '-h', '127.0.0.1', '-U', 'postgres', '-At', '-c', `SELECT host(client_addr) FROM pg_stat_activity WHERE pid = ${session}`]);
  return run.stdout.trim();
}

function serverContainer(): StartedContainer {
  const node = deployed.nodes.find((n) => n.kind === 'node');
  if (!node) throw new Error('no postgres node');
  return node.container;
}

function target(container: StartedContainer): FaultTarget {
  return {
    name: container.name, kind: 'node', ip: container.ip,
    signal: (sig) => container.kill(sig),
    async exec(cmd) {
      const run = await container.exec([...cmd]);
      return { exitCode: run.exitCode, output: run.stdout + run.stderr };
    },
    restart: () => deployed.restart(container.name),
  };
}

/** The fault's view of this test: the real server, and this process as the holding client. */
function faultContext(holderIp: string): FaultContext {
  const holder: FaultTarget = {
    name: 'test-process', kind: 'client', ip: holderIp,
    signal: async () => { throw new Error('the test process is not signalled'); },
    exec: async () => { throw new Error('the test process runs no commands'); },
    restart: async () => undefined,
  };
  return {
    nodes: () => [target(serverContainer())], leader: async () => target(serverContainer()), clients: () => [holder], holders: () => [holder],
    protectedIps: [], pick: (items) => items[0] as never, shuffle: (items) => [...items],
    settings: { ttlMs: 1000, durationMs: 1000, clockOffsetMs: 0, delayMs: 0, lossPercent: 0 },
  };
}
