import { describe, expect, it } from 'vitest';
import { loadLockClientFactory } from './load-lock-client.js';

describe('loading a backend\'s client', () => {
  it('loads backends/<name>/client and its createLockClient', async () => {
    expect(typeof await loadLockClientFactory('redis')).toBe('function');
  });

  it('refuses a name that is not a backend folder name, and says which file it could not load', async () => {
    await expect(loadLockClientFactory('../harness')).rejects.toThrow(/not a backend name/);
    await expect(loadLockClientFactory('nosuch')).rejects.toThrow(/cannot load the client of backend nosuch from .*backends\/nosuch\/client\.js/);
  });
});
