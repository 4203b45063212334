import { TestOptionsError } from './test-options.js';

/** What one client container takes, measured (BENCHMARKS.md, "A hundred clients"): a Node process
 * with a lock client, about 72 MB resident, rounded up for the engine's own share. */
export const CLIENT_BYTES = 96 * 2 ** 20;
/** Kept free for the lock service, the harness and the engine. */
const RESERVE_BYTES = 1024 * 2 ** 20;

const gb = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(1)} GB`;

/**
 * Refuses, before anything starts, a client count the engine's machine cannot hold: a test that
 * would run the machine out of memory halfway leaves a verdict of nothing. `memTotal` is the
 * engine's (docker info MemTotal), so a remote engine is judged by its own machine.
 */
export function checkClientCapacity(clients: number, memTotal: number): void {
  const most = Math.max(0, Math.floor((memTotal - RESERVE_BYTES) / CLIENT_BYTES));
  if (clients > most) {
    throw new TestOptionsError(`--clients ${clients} needs about ${gb(clients * CLIENT_BYTES + RESERVE_BYTES)} on the Docker engine's machine, which has ${gb(memTotal)}: use --clients ${most} or fewer`);
  }
}
