import { describe, expect, it } from 'vitest';
import { addressAllocator } from './addresses.js';

describe('address allocator', () => {
  it('hands out each address once, skipping the gateway, and stops before the broadcast address', () => {
    const next = addressAllocator('172.20.0.0/29', '172.20.0.1');
    expect([next(), next(), next(), next(), next()]).toEqual(['172.20.0.2', '172.20.0.3', '172.20.0.4', '172.20.0.5', '172.20.0.6']);
    expect(() => next()).toThrow(/no free address left/);
  });

  it('works from a subnet written with host bits and a gateway in the middle', () => {
    const next = addressAllocator('10.1.2.77/24', '10.1.2.2');
    expect([next(), next(), next()]).toEqual(['10.1.2.1', '10.1.2.3', '10.1.2.4']);
    expect(() => addressAllocator('fd00::/64', 'fd00::1')).toThrow(/cannot hand out addresses/);
  });
});
