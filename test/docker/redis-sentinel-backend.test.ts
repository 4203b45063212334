import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisSentinelBackend } from '../../backends/redis-sentinel/backend.js';
import { createLockClient } from '../../backends/redis-sentinel/client.js';
import { redisCommand } from '../../backends/redis-sentinel/sentinel-command.js';
import type { LockClient, LockClientConfig } from '../../backends/lock-client.js';
import { connectEngine } from '../../docker/engine.js';
import { isDefiniteFailure } from '../../workloads/outcome-errors.js';
import { clientConfig, deployBackend, type Deployed } from './redis-family.js';
import { pollUntil } from '../../lib/poll-until.js';

// A primary, two replicas and three sentinels, driven by the recipe from this process. The last
// test is the fail-over of the seeds: a grant the replicas never received is lost with its token.
let docker: Docker;
let run: Deployed;
const clients: LockClient[] = [];
const runId = `redis-sentinel-${process.pid}`;

async function client(over: Partial<LockClientConfig> & { process: number }): Promise<LockClient> {
  const c = await createLockClient(clientConfig(run.deployed, { backend: 'redis-sentinel', ttlMs: 30_000, ...over }));
  clients.push(c);
  return c;
}

function node(name: string) {
  const found = run.deployed.nodes.find((n) => n.name === name);
  if (!found) throw new Error(`no node ${name}`);
  return found.container;
}

async function settle(p: Promise<unknown>): Promise<unknown> {
  return p.then(() => new Error('it succeeded'), (err: unknown) => err);
}

async function leaderOtherThan(name: string, timeoutMs: number): Promise<string> {
  let leader: string | null = name;
  return pollUntil({ what: `a primary other than ${name}`, timeoutMs, intervalMs: 200, attempt: async () => {
    leader = await run.deployed.leader();
    return leader !== name ? leader : null;
  }, onTimeout: () => new Error(`the sentinels still name ${String(leader)} after ${timeoutMs} ms`) });
}

beforeAll(async () => {
  docker = await connectEngine();
  run = await deployBackend(docker, redisSentinelBackend, { runId, ttlMs: 30_000, options: { 'redis-wait': 0, 'sentinel-down-after': 1000 } });
});

afterAll(async () => {
  for (const c of clients) await c.close();
  await run?.cluster.dispose();
  const left = await docker.listContainers({ all: true, filters: { label: [`fencecheck.run=${runId}`] } });
  expect(left).toHaveLength(0);
});

describe('redis-sentinel backend', () => {
  it('deploys a primary, two replicas and three sentinel helpers; the sentinels name n1', async () => {
    expect(run.deployed.nodes.map((n) => `${n.name}:${n.kind}`)).toEqual(['n1:node', 'n2:node', 'n3:node', 's1:helper', 's2:helper', 's3:helper']);
    expect(await run.deployed.leader()).toBe('n1');
  });

  it('is exclusive while healthy and its tokens increase', async () => {
    const a = await client({ process: 1 });
    const b = await client({ process: 2 });
    const first = await a.acquire();
    expect(first).toMatchObject({ token: expect.stringMatching(/^\d+$/), node: 'n1' });
    expect(isDefiniteFailure(await settle(b.acquire()))).toBe(true);
    expect(await a.release()).toEqual({ released: true });
    const second = await b.acquire();
    expect(BigInt(second.token!)).toBeGreaterThan(BigInt(first.token!));
    expect(await b.release()).toEqual({ released: true });
  });

  it('a fail-over loses a grant the replicas had not received: a second holder gets the same token', async () => {
    const n1 = node('n1');
    const replicaIps = ['n2', 'n3'].map((n) => node(n).ip);
    // Replication from n1 stops; the sentinels still see n1.
    for (const ip of replicaIps) {
      const cut = await n1.exec(['iptables', '-A', 'OUTPUT', '-d', ip, '-j', 'DROP']);
      expect(cut.exitCode).toBe(0);
    }
    const careful = await client({ process: 3, lock: 'W', options: { 'redis-wait': 1 }, requestTimeoutMs: 500, acquireTimeoutMs: 300 });
    const waitRefused = await settle(careful.acquire());
    // WAIT 1 could not be met: the grant is not trusted and its outcome is unknown, not a plain "busy".
    expect(isDefiniteFailure(waitRefused)).toBe(false);
    expect(String(waitRefused)).toMatch(/replicas acknowledged/);

    const a = await client({ process: 4 });
    const granted = await a.acquire();
    expect(await redisCommand({ host: replicaIps[0]!, port: 6379 }, ['GET', 'fencecheck:lock:L'], 1000)).toBeNull();
    await n1.kill('SIGKILL');
    const promoted = await leaderOtherThan('n1', 20_000);
    expect(['n2', 'n3']).toContain(promoted);

    const b = await client({ process: 5, acquireTimeoutMs: 5000 });
    const second = await b.acquire();
    // a's lease has 30 s left and it never released: two holders, and the token went back.
    expect(second.node).toBe(promoted);
    expect(BigInt(second.token!)).toBeLessThanOrEqual(BigInt(granted.token!));
    await run.deployed.restart('n1');
  });
});
