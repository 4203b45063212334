import { describe, expect, it } from 'vitest';
import { checkClientCapacity } from './client-capacity.js';
import { TestOptionsError } from './test-options.js';

describe('checkClientCapacity', () => {
  it('lets a hundred clients run on 24 GB and refuses 500 on 8 GB in one line naming the most that fit', () => {
    expect(() => checkClientCapacity(100, 24 * 2 ** 30)).not.toThrow();
    const err = (() => { try { checkClientCapacity(500, 8 * 2 ** 30); } catch (e) { return e; } return null; })();
    expect(err).toBeInstanceOf(TestOptionsError);
    expect((err as Error).message).toBe('--clients 500 needs about 47.9 GB on the Docker engine\'s machine, which has 8.0 GB: use --clients 74 or fewer');
  });
});
