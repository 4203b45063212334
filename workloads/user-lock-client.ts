import { pathToFileURL } from 'node:url';
import type { LockClient, LockClientFactory } from '../backends/lock-client.js';
import { DefiniteFailure, isDefiniteFailure } from './outcome-errors.js';

/** A user's module cannot serve as a lock client; the message says which file and what to fix. */
export class LockClientModuleError extends Error {
  override name = 'LockClientModuleError';
}

/**
 * Loads a user's lock-client module (`--lock-client`): its default export, or else its export
 * named `createLockClient`, must be a LockClientFactory (backends/lock-client.ts). Returns the
 * factory wrapped so that what it builds is checked and its answers normalized.
 */
export async function loadUserLockClient(file: string, shownAs = file): Promise<LockClientFactory> {
  let module: Record<string, unknown>;
  try {
    module = await import(pathToFileURL(file).href) as Record<string, unknown>;
  } catch (err) {
    throw new LockClientModuleError(`${shownAs} cannot be loaded: ${oneLine(err)}`, { cause: err });
  }
  const factory = typeof module.default === 'function' ? module.default : module.createLockClient;
  if (typeof factory !== 'function') {
    throw new LockClientModuleError(`${shownAs} exports no lock-client factory: export a function as default (or as createLockClient) `
      + 'that takes the client config and returns { acquire, release, close }');
  }
  return async (config) => checked(await (factory as LockClientFactory)(config), shownAs);
}

function checked(lock: unknown, shownAs: string): LockClient {
  const candidate = lock as Partial<LockClient> | null;
  const missing = ['acquire', 'release', 'close'].filter((m) => typeof (candidate as Record<string, unknown> | null)?.[m] !== 'function');
  if (candidate === null || typeof candidate !== 'object' || missing.length > 0) {
    throw new LockClientModuleError(`the factory of ${shownAs} returned ${describe(lock)}: it must return an object with acquire, release and close functions`
      + (missing.length > 0 && candidate !== null && typeof candidate === 'object' ? ` (missing ${missing.join(', ')})` : ''));
  }
  const client = candidate as LockClient;
  return {
    acquire: () => definite(async () => {
      const result = await client.acquire() as { token?: unknown; node?: unknown } | undefined;
      const node = typeof result?.node === 'string' ? { node: result.node } : {};
      return { token: token(result?.token), ...node };
    }),
    release: () => definite(async () => {
      const result = await client.release() as { released?: unknown } | undefined;
      if (typeof result?.released !== 'boolean') throw new Error(`release resolved with ${describe(result)}, not { released: boolean }`);
      return { released: result.released };
    }),
    ...(client.leaseLost ? { leaseLost: () => client.leaseLost?.() === true } : {}),
    async close() {
      await Promise.resolve().then(() => client.close()).catch(() => undefined);
    },
  };
}

/** Tokens are decimal or opaque strings; a number that is not a safe integer has lost precision already. */
function token(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'bigint') return String(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw new Error(`acquire resolved with token ${describe(value)}: a token is a string, a bigint, a safe integer or null`);
}

/**
 * A user's module may throw its own error named DefiniteFailure (it need not import fencecheck's
 * class): either way the operation certainly did not happen.
 */
async function definite<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!isDefiniteFailure(err) && (err as { name?: unknown } | null)?.name === 'DefiniteFailure') {
      throw new DefiniteFailure((err as Error).message, {}, { cause: err });
    }
    throw err;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return `an object with keys ${Object.keys(value).join(', ') || '(none)'}`;
  return `${typeof value} ${String(value)}`.slice(0, 80);
}

function oneLine(err: unknown): string {
  return (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).split('\n')[0] ?? '';
}

