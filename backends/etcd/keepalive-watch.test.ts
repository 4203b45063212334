import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { Lease } from 'etcd3';
import { describe, expect, it, vi } from 'vitest';
import { watchKeepAlives } from './keepalive-watch.js';

describe('watchKeepAlives', () => {
  it('extends the lease from when a confirmed keep-alive was sent, and says lost once it ran out', () => {
    let now = 1000;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const lease = new EventEmitter();
    const watch = watchKeepAlives(lease as unknown as Lease, { ttlMs: 2000, grantedAt: 1000 });
    now = 1600;
    lease.emit('keepaliveFired');
    now = 2900;
    // Answered late: the lease runs from the send (1600), not from the answer.
    lease.emit('keepaliveSucceeded');
    now = 3500;
    expect(watch.lost()).toBe(false);
    now = 3700;
    expect(watch.lost()).toBe(true);
    vi.restoreAllMocks();
  });

  it('a keep-alive never answered does not extend it; etcd saying it is gone is final', () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    const lease = new EventEmitter();
    const watch = watchKeepAlives(lease as unknown as Lease, { ttlMs: 2000, grantedAt: 0 });
    now = 600;
    lease.emit('keepaliveFired');
    now = 2100;
    expect(watch.lost()).toBe(true);
    const other = new EventEmitter();
    const second = watchKeepAlives(other as unknown as Lease, { ttlMs: 2000, grantedAt: 2000 });
    other.emit('lost', new Error('lease expired'));
    expect(second.lost()).toBe(true);
    vi.restoreAllMocks();
  });
});
