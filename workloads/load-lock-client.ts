import type { LockClientFactory } from '../backends/lock-client.js';

const NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * The recipe factory of one backend, loaded by dynamic import of backends/<name>/client.js beside
 * this file's folder, so a client container loads only its own backend's driver.
 */
export async function loadLockClientFactory(backend: string): Promise<LockClientFactory> {
  if (!NAME.test(backend)) throw new Error(`not a backend name: ${JSON.stringify(backend)}`);
  const url = new URL(`../backends/${backend}/client.js`, import.meta.url);
  let module: { createLockClient?: unknown };
  try {
    module = await import(url.href) as { createLockClient?: unknown };
  } catch (err) {
    throw new Error(`cannot load the client of backend ${backend} from ${url.pathname}`, { cause: err });
  }
  if (typeof module.createLockClient !== 'function') throw new Error(`${url.pathname} exports no createLockClient function`);
  return module.createLockClient as LockClientFactory;
}
