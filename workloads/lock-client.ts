import type { ClientConfig } from './protocol.js';

/**
 * One lock recipe, as one client process uses it. Calls are sequential.
 * - acquire resolves when the lock is ours, with its fencing token (null when the recipe has
 *   none); it throws DefiniteFailure when the lock was certainly not taken (busy until the
 *   acquire timeout), and any other error when it cannot tell.
 * - release resolves with released=false when the lock was no longer ours (expired or taken);
 *   it throws like acquire.
 */
export interface LockClient {
  acquire(): Promise<{ token: number | null; node?: string }>;
  release(): Promise<{ released: boolean }>;
  close(): Promise<void>;
}

export type LockClientFactory = (config: ClientConfig) => LockClient;
