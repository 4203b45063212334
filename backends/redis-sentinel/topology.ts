/** The names the backend and its clients share: who is a sentinel, what the primary is called. */

/** The name the sentinels monitor the primary under (ioredis's `name`). */
export const MASTER_NAME = 'fencecheck';
export const SENTINEL_PORT = 26379;
export const DATA_NODES = ['n1', 'n2', 'n3'] as const;
export const SENTINELS = ['s1', 's2', 's3'] as const;
/** Sentinels that must agree that the primary is down before a fail-over starts. */
export const SENTINEL_QUORUM = 2;

/** Sentinels are named s1, s2, …; data nodes n1, n2, … (both are in every client's config.nodes). */
export function isSentinel(name: string): boolean {
  return /^s\d+$/.test(name);
}
