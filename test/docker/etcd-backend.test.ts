import { setTimeout as delay } from 'node:timers/promises';
import { Etcd3 } from 'etcd3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLockClient } from '../../backends/etcd/client.js';
import { etcdBackend } from '../../backends/etcd/backend.js';
import { lockKey } from '../../backends/etcd/etcd-connection.js';
import { deployBackend, type BackendUnderTest } from './deployed-backend.js';
import { pollUntil } from '../../lib/poll-until.js';

let etcd: BackendUnderTest;

beforeAll(async () => {
  etcd = await deployBackend({ backend: etcdBackend, createLockClient, nodes: 3, ttlMs: 2000 });
});

afterAll(async () => {
  await etcd?.[Symbol.asyncDispose]();
});

/** Revokes whatever lease holds the lock now, as an expiry would end it. */
async function revokeHolder(): Promise<void> {
  const admin = new Etcd3({ hosts: etcd.deployed.addresses.map((a) => `http://${a.host}:${a.port}`) });
  try {
    const kv = (await admin.get(lockKey('L')).exec()).kvs[0];
    expect(kv).toBeDefined();
    await admin.leaseClient.leaseRevoke({ ID: kv!.lease });
  } finally {
    admin.close();
  }
}

describe('etcd backend', () => {
  it('starts 3 members that agree on a leader, fast', async () => {
    expect(etcd.deployMs).toBeLessThan(15_000);
    expect(['n1', 'n2', 'n3']).toContain(await etcd.deployed.leader());
  });

  for (const recipe of ['lease', 'etcd3-lock']) {
    it(`${recipe}: one holder at a time, increasing create revisions, an ended lease releases false`, async () => {
      const a = await etcd.client({ recipe });
      const b = await etcd.client({ recipe, acquireTimeoutMs: 300 });
      const first = await a.acquire();
      expect(first.token).toMatch(/^\d+$/);
      await expect(b.acquire()).rejects.toMatchObject({ name: 'DefiniteFailure' });
      expect(await a.release()).toEqual({ released: true });
      const second = await b.acquire();
      expect(BigInt(second.token!)).toBeGreaterThan(BigInt(first.token!));
      await revokeHolder();
      expect(await b.release()).toEqual({ released: false });
      const third = await a.acquire();
      expect(BigInt(third.token!)).toBeGreaterThan(BigInt(second.token!));
      expect(await a.release()).toEqual({ released: true });
    });
  }

  it('lease: keep-alives hold the lock past its TTL; leaseLost stays false while they do', async () => {
    const a = await etcd.client({ recipe: 'lease' });
    const b = await etcd.client({ recipe: 'lease', acquireTimeoutMs: 300 });
    await a.acquire();
    await delay(3000);
    expect(a.leaseLost?.()).toBe(false);
    await expect(b.acquire()).rejects.toMatchObject({ name: 'DefiniteFailure' });
    expect(await a.release()).toEqual({ released: true });
  });

  it('names a new leader after the leader is killed, and the killed member serves again after restart', async () => {
    const old = await etcd.deployed.leader();
    const member = etcd.deployed.nodes.find((n) => n.name === old)!;
    await member.container.kill('SIGKILL');
    const now = await pollUntil({ what: 'a new leader', timeoutMs: 15_000, intervalMs: 250, attempt: async () => {
      const leader = await etcd.deployed.leader();
      return leader !== old ? leader : null;
    } });
    expect(now).not.toBe(old);
    expect(['n1', 'n2', 'n3']).toContain(now);
    await etcd.deployed.restart(old!);
    const client = await etcd.client({ nodes: etcd.deployed.addresses.filter((a) => a.name === old) });
    expect((await client.acquire()).token).toMatch(/^\d+$/);
    expect(await client.release()).toEqual({ released: true });
  });
});
