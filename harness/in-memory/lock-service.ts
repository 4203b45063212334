/**
 * A lock service in memory, for unit tests of the harness's loops: one holder at a time, tokens
 * from a counter, no lease. `grantTwice` breaks it on purpose: a busy lock is granted anyway to
 * every second asker, so two clients hold it at once (what the checkers must catch).
 */
export interface InMemoryLockService {
  /** The token of a grant, or null when the lock is busy. */
  acquire(owner: number): string | null;
  /** True when owner held the lock and no longer does. */
  release(owner: number): boolean;
  /** How many grants went to an asker while another held the lock. */
  readonly doubleGrants: number;
}

export function inMemoryLockService(opts: { grantTwice?: boolean } = {}): InMemoryLockService {
  const holders = new Set<number>();
  let counter = 0n;
  let busyAsks = 0;
  let doubleGrants = 0;
  return {
    acquire(owner) {
      if (holders.size > 0 && !holders.has(owner)) {
        busyAsks += 1;
        if (!opts.grantTwice || busyAsks % 2 === 1) return null;
        doubleGrants += 1;
      }
      holders.add(owner);
      counter += 1n;
      return String(counter);
    },
    release: (owner) => holders.delete(owner),
    get doubleGrants() { return doubleGrants; },
  };
}
