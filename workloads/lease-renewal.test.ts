import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { startLeaseRenewal } from './lease-renewal.js';

describe('lease renewal', () => {
  it('extends every TTL/3 and keeps the lease while renewals succeed', async () => {
    let calls = 0;
    const renewal = startLeaseRenewal({ ttlMs: 60, grantedAt: performance.now(), extend: async () => { calls += 1; return true; } });
    await sleep(200);
    expect(renewal.lost()).toBe(false);
    expect(calls).toBeGreaterThanOrEqual(5);
    renewal.stop();
    const after = calls;
    await sleep(60);
    expect(calls).toBe(after);
  });

  it('is lost once a renewal says the lease is gone, and stops asking', async () => {
    let calls = 0;
    const renewal = startLeaseRenewal({ ttlMs: 3000, grantedAt: performance.now(), extend: async () => { calls += 1; return false; } });
    await sleep(1100);
    expect(renewal.lost()).toBe(true);
    expect(calls).toBe(1);
    renewal.stop();
  });

  it('is lost when no renewal is confirmed before the lease runs out (a partition), though none said so', async () => {
    const renewal = startLeaseRenewal({ ttlMs: 60, grantedAt: performance.now(), extend: () => Promise.reject(new Error('timeout')) });
    expect(renewal.lost()).toBe(false);
    await sleep(100);
    expect(renewal.lost()).toBe(true);
    renewal.stop();
  });
});
