import { describe, expect, it } from 'vitest';
import { resolveTestOptions, type TestOptions } from './test-options.js';

const base: TestOptions = { backend: 'redis', clients: 5, ttlMs: 1000, fencing: 'none', nemesis: 'none', nemesisIntervalMs: 3000,
  timeLimitMs: 10_000, seed: 1, holdMs: { min: 100, max: 500 }, resultsRoot: 'results' };

describe('test options', () => {
  it('fills in the backend\'s defaults: its first recipe, its node count, its options, and the fault settings', () => {
    const o = resolveTestOptions(base);
    expect(o).toMatchObject({ recipe: 'set-nx-px', nodes: 1, backendOptions: { 'redis-persistence': 'none' }, renew: false,
      onLeaseLost: 'continue', clockOffsetMs: 1500, faultDurationMs: 2500, images: {} });
  });

  it('keeps what the user chose, negative clock offsets included', () => {
    const o = resolveTestOptions({ ...base, clockOffsetMs: -3000, renew: true, onLeaseLost: 'abort',
      backendOptions: { 'redis-persistence': 'aof-always' }, images: { redis: 'redis:7.2' } });
    expect(o).toMatchObject({ clockOffsetMs: -3000, renew: true, onLeaseLost: 'abort', backendOptions: { 'redis-persistence': 'aof-always' }, images: { redis: 'redis:7.2' } });
  });

  it.each([
    [{ backend: 'mongodb' }, /unknown backend "mongodb": choose from redis/],
    [{ nodes: 3 }, /--nodes 3 is not a size the redis backend runs: choose from 1/],
    [{ recipe: 'zk' }, /unknown --recipe "zk" for backend redis: choose from set-nx-px/],
    [{ backendOptions: { 'redis-persistence': 'rdb' } }, /unknown --redis-persistence "rdb" for backend redis: choose from none, aof-always/],
    [{ backendOptions: { pooler: 'pgbouncer' } }, /--pooler is an option of backend postgres, not of redis/],
    [{ backendOptions: { 'no-such-flag': true } }, /--no-such-flag is an option of backend \(none\), not of redis/],
    [{ images: { etcd: 'x' } }, /runs no image etcd/],
    [{ onLeaseLost: 'abort' as const }, /--on-lease-lost abort needs --renew/],
    [{ lossPercent: 0 }, /--loss must be a percentage/],
    [{ backend: 'etcd' }, /etcd raises any lease below 2 s to 2 s .*use --ttl 2000 or more \(got 1000\)/],
    [{ backend: 'zookeeper', ttlMs: 500 }, /ZooKeeper sessions last at least two ticks \(1000 ms\)/],
    [{ backend: 'redis-sentinel', backendOptions: { 'redis-wait': 5 } }, /--redis-wait must be an integer from 0 to 2 \(got 5\)/],
    [{ backend: 'redlock', backendOptions: { 'redlock-drift-factor': -1 } }, /--redlock-drift-factor must be a fraction in \[0, 1\)/],
    [{ backend: 'postgres', backendOptions: { 'pg-keepalives-idle': -1 } }, /--pg-keepalives-idle must be a whole number >= 0/],
    [{ backend: 'etcd', ttlMs: 2500 }, /etcd leases are whole seconds: --ttl 2500/],
  ])('refuses %j in one line', (change, message) => {
    expect(() => resolveTestOptions({ ...base, ...change })).toThrow(message);
  });
});
