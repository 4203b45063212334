import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LockClientConfig } from '../backends/lock-client.js';
import { isDefiniteFailure } from './outcome-errors.js';
import { loadUserLockClient } from './user-lock-client.js';

const CONFIG: LockClientConfig = {
  process: 1, backend: 'redis', recipe: 'x', nodes: [], lock: 'L', ttlMs: 1000, acquireTimeoutMs: 100, requestTimeoutMs: 100, renew: false, options: {},
};

function moduleFile(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-user-lock-'));
  const file = path.join(dir, 'm.mjs');
  fs.writeFileSync(file, text);
  return file;
}

describe('a user lock client, as the client process runs it', () => {
  it('takes the default export, turns numeric and bigint tokens into decimal strings', async () => {
    const factory = await loadUserLockClient(moduleFile(`let n = 0n;
      export default (config) => ({ acquire: async () => ({ token: config.process === 1 ? 41 : ++n, node: 'n1' }), release: async () => ({ released: true }), close() {} });`));
    const lock = await factory(CONFIG);
    expect(await lock.acquire()).toEqual({ token: '41', node: 'n1' });
    expect(await (await factory({ ...CONFIG, process: 2 })).acquire()).toEqual({ token: '1', node: 'n1' });
    expect(await lock.release()).toEqual({ released: true });
  });

  it('an error named DefiniteFailure is a certain failure; any other error is not', async () => {
    const factory = await loadUserLockClient(moduleFile(`
      class DefiniteFailure extends Error { name = 'DefiniteFailure' }
      export function createLockClient() {
        return { acquire: async () => { throw new DefiniteFailure('busy'); }, release: async () => { throw new Error('timeout'); }, close: async () => {} };
      }`));
    const lock = await factory(CONFIG);
    const acquired = await lock.acquire().catch((e: unknown) => e);
    expect(isDefiniteFailure(acquired)).toBe(true);
    const released = await lock.release().catch((e: unknown) => e);
    expect(isDefiniteFailure(released)).toBe(false);
  });

  it('refuses a factory that builds the wrong shape, and answers of the wrong shape', async () => {
    const wrong = await loadUserLockClient(moduleFile('export default () => ({ acquire() {} });'));
    await expect(wrong(CONFIG)).rejects.toThrow(/must return an object with acquire, release and close functions \(missing release, close\)/);
    const sloppy = await loadUserLockClient(moduleFile(`export default () => ({ acquire: async () => ({ token: 1.5 }), release: async () => true, close: async () => {} });`));
    const lock = await sloppy(CONFIG);
    await expect(lock.acquire()).rejects.toThrow(/token number 1.5/);
    await expect(lock.release()).rejects.toThrow(/not \{ released: boolean \}/);
  });
});
