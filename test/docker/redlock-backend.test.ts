import { setTimeout as sleep } from 'node:timers/promises';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redlockBackend } from '../../backends/redlock/backend.js';
import { createLockClient } from '../../backends/redlock/client.js';
import type { LockClient, LockClientConfig } from '../../backends/lock-client.js';
import { connectEngine } from '../../docker/engine.js';
import { isDefiniteFailure } from '../../workloads/outcome-errors.js';
import { clientConfig, deployBackend, type Deployed } from './redis-family.js';

// Redlock over five real Redis nodes, driven by the recipe from this process: what the clients
// in containers do, without the harness around it.
let docker: Docker;
let run: Deployed;
const clients: LockClient[] = [];
const runId = `redlock-${process.pid}`;

// Short retries: a refused acquire is decided in a few hundred milliseconds.
const OPTIONS = { 'redlock-retry-count': 2, 'redlock-retry-delay': 50, 'redlock-drift-factor': 0.01 };

async function client(over: Partial<LockClientConfig> & { process: number }): Promise<LockClient> {
  const c = await createLockClient(clientConfig(run.deployed, { backend: 'redlock', options: OPTIONS, ...over }));
  clients.push(c);
  return c;
}

async function refusal(p: Promise<unknown>): Promise<unknown> {
  return p.then(() => new Error('acquired'), (err: unknown) => err);
}

beforeAll(async () => {
  docker = await connectEngine();
  run = await deployBackend(docker, redlockBackend, { runId, ttlMs: 5000, options: OPTIONS });
});

afterAll(async () => {
  for (const c of clients) await c.close();
  await run?.cluster.dispose();
  const left = await docker.listContainers({ all: true, filters: { label: [`fencecheck.run=${runId}`] } });
  expect(left).toHaveLength(0);
});

describe('redlock backend', () => {
  it('deploys five independent nodes and names no leader', async () => {
    expect(run.deployed.nodes.map((n) => [n.name, n.kind])).toEqual(['n1', 'n2', 'n3', 'n4', 'n5'].map((n) => [n, 'node']));
    expect(run.deployed.addresses.map((a) => a.port)).toEqual([6379, 6379, 6379, 6379, 6379]);
    expect(await run.deployed.leader()).toBeNull();
  });

  it('is exclusive while healthy and gives no token', async () => {
    const a = await client({ process: 1 });
    const b = await client({ process: 2 });
    expect(await a.acquire()).toEqual({ token: null });
    const refused = await refusal(b.acquire());
    expect(isDefiniteFailure(refused)).toBe(true);
    expect(await a.release()).toEqual({ released: true });
    expect(await b.acquire()).toEqual({ token: null });
    expect(await b.release()).toEqual({ released: true });
  });

  it('says released=false once the lease ran out on a quorum', async () => {
    const a = await client({ process: 3, ttlMs: 300 });
    await a.acquire();
    await sleep(600);
    expect(await a.release()).toEqual({ released: false });
  });

  it('--renew keeps the lock past its TTL through redlock.using', async () => {
    const a = await client({ process: 4, ttlMs: 600, renew: true });
    const b = await client({ process: 5 });
    await a.acquire();
    await sleep(1500);
    expect(a.leaseLost?.()).toBe(false);
    expect(isDefiniteFailure(await refusal(b.acquire()))).toBe(true);
    expect(await a.release()).toEqual({ released: true });
    await b.acquire();
    expect(await b.release()).toEqual({ released: true });
  });

  it('still grants with a minority of nodes dead, and restarts them empty', async () => {
    const [n1, n2] = run.deployed.nodes;
    await n1!.container.kill('SIGKILL');
    await n2!.container.kill('SIGKILL');
    const a = await client({ process: 6 });
    expect(await a.acquire()).toEqual({ token: null });
    expect(await a.release()).toEqual({ released: true });
    await run.deployed.restart('n1');
    await run.deployed.restart('n2');
  });

  it('Kleppmann\'s steps: a bare-majority grant, one node\'s clock jumps past the TTL, a second client takes the lock', async () => {
    const addresses = run.deployed.addresses;
    // "Due to a network issue" a client reaches only some nodes: the others answer on a closed port.
    const reaching = (names: string[]) => addresses.map((a) => (names.includes(a.name) ? a : { ...a, port: 1 }));
    const a = await client({ process: 7, ttlMs: 10_000, nodes: reaching(['n1', 'n2', 'n3']) });
    const b = await client({ process: 8, ttlMs: 10_000, nodes: reaching(['n3', 'n4', 'n5']) });
    expect(await a.acquire()).toEqual({ token: null });
    // n3 still holds a's value: b gets n4 and n5 only, no majority.
    expect(isDefiniteFailure(await refusal(b.acquire()))).toBe(true);
    const n3 = run.deployed.nodes.find((n) => n.name === 'n3')!.container;
    const jump = await n3.exec(['fencecheck-clock', 'set', '15000', '0']);
    expect(jump.exitCode).toBe(0);
    try {
      // n3's clock is 15 s ahead: a's key there has expired, and b gets n3, n4 and n5.
      expect(await b.acquire()).toEqual({ token: null });
      // Both hold the lock now; nothing in either grant could tell the resource which is stale.
      expect(a.leaseLost?.() ?? false).toBe(false);
    } finally {
      await n3.exec(['fencecheck-clock', 'set', '0', '0']);
    }
  });
});
