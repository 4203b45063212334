import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLockClient } from '../../backends/zookeeper/client.js';
import { zookeeperBackend } from '../../backends/zookeeper/backend.js';
import { deployBackend, type BackendUnderTest } from './deployed-backend.js';
import { pollUntil } from '../../lib/poll-until.js';

let zk: BackendUnderTest;
const TTL_MS = 2000;

beforeAll(async () => {
  zk = await deployBackend({ backend: zookeeperBackend, createLockClient, nodes: 3, ttlMs: TTL_MS });
});

afterAll(async () => {
  await zk?.[Symbol.asyncDispose]();
});

describe('zookeeper backend', () => {
  it('starts a 3-member ensemble with a leader, fast', async () => {
    expect(zk.deployMs).toBeLessThan(15_000);
    expect(['n1', 'n2', 'n3']).toContain(await zk.deployed.leader());
  });

  it('one holder at a time, increasing czxids, the waiter takes over on release', async () => {
    const a = await zk.client();
    const b = await zk.client({ acquireTimeoutMs: 300 });
    const first = await a.acquire();
    expect(first.token).toMatch(/^\d+$/);
    await expect(b.acquire()).rejects.toMatchObject({ name: 'DefiniteFailure' });
    const c = await zk.client({ acquireTimeoutMs: 5000 });
    const waiting = c.acquire();
    await delay(200);
    expect(await a.release()).toEqual({ released: true });
    const second = await waiting;
    expect(BigInt(second.token!)).toBeGreaterThan(BigInt(first.token!));
    expect(await c.release()).toEqual({ released: true });
  });

  it('a holder cut off past its session timeout loses the lock: the waiter gets it, the holder releases false', async () => {
    // The holder runs in this process, so its session is cut off by closing its member's port to it.
    const a = await zk.client({ nodes: zk.deployed.addresses.slice(0, 1) });
    const b = await zk.client({ acquireTimeoutMs: 3 * TTL_MS });
    const first = await a.acquire();
    const member = zk.deployed.nodes[0]!.container;
    const drop = ['iptables', '-I', 'INPUT', '-p', 'tcp', '--dport', '2181', '-j', 'DROP'];
    expect((await member.exec(drop)).exitCode).toBe(0);
    try {
      const second = await b.acquire();
      expect(BigInt(second.token!)).toBeGreaterThan(BigInt(first.token!));
      expect(a.leaseLost?.()).toBe(true);
      expect(await b.release()).toEqual({ released: true });
    } finally {
      await member.exec(['iptables', '-D', 'INPUT', '-p', 'tcp', '--dport', '2181', '-j', 'DROP']);
    }
    await delay(TTL_MS);
    expect(await a.release()).toEqual({ released: false });
  });

  it('names a new leader after the leader is killed, and the killed member serves again after restart', async () => {
    const old = await zk.deployed.leader();
    const member = zk.deployed.nodes.find((n) => n.name === old)!;
    await member.container.kill('SIGKILL');
    const now = await pollUntil({ what: 'a new leader', timeoutMs: 20_000, intervalMs: 250, attempt: async () => {
      const leader = await zk.deployed.leader();
      return leader !== old ? leader : null;
    } });
    expect(now).not.toBe(old);
    expect(['n1', 'n2', 'n3']).toContain(now);
    await zk.deployed.restart(old!);
    const client = await zk.client({ nodes: zk.deployed.addresses.filter((a) => a.name === old) });
    expect((await client.acquire()).token).toMatch(/^\d+$/);
    expect(await client.release()).toEqual({ released: true });
  });
});
