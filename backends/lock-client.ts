/**
 * The client side of a lock recipe, as one client process (or a user's own module, with
 * `--lock-client`) provides it. Calls are sequential: never two at once.
 *
 * - `acquire` resolves once the lock is ours, with its fencing token as a decimal string (64-bit
 *   revisions and zxids keep their precision) or an opaque string, or null when the recipe has
 *   none. It throws DefiniteFailure when the lock was certainly not taken (busy until the acquire
 *   timeout: a `fail`), and any other error when it cannot tell (an `info`: the grant may have
 *   happened).
 * - `release` resolves with released=false when the lock was no longer ours (expired or taken);
 *   it throws like acquire.
 * - `leaseLost`, when the recipe renews its lease, says whether a renewal has learned that the
 *   lease is gone; a careful client (`--on-lease-lost abort`) then refuses to write.
 * - `close` ends every connection; it never throws.
 */
export interface LockClient {
  acquire(): Promise<{ token: string | null; node?: string }>;
  release(): Promise<{ released: boolean }>;
  leaseLost?(): boolean;
  close(): Promise<void>;
}

/** What a recipe gets to build its client. */
export interface LockClientConfig {
  /** The history's process id of this client (never reused). */
  process: number;
  backend: string;
  recipe: string;
  nodes: readonly { name: string; host: string; port: number }[];
  lock: string;
  ttlMs: number;
  /** How long one acquire may wait for a busy lock before it gives up (a `fail`). */
  acquireTimeoutMs: number;
  /** How long one request to a lock node may take before its outcome is unknown. */
  requestTimeoutMs: number;
  /** Extend the lease every ttl/3 while holding (`--renew`). */
  renew: boolean;
  /** The backend's own options (`--redis-wait`, `--pooler`, …), by name. */
  options: Record<string, unknown>;
}

/** What backends/<name>/client.ts exports as `createLockClient`, and a user's module as its default export. */
export type LockClientFactory = (config: LockClientConfig) => LockClient | Promise<LockClient>;
