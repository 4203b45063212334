/** One CI runner's share of a suite: shard `index` (1-based) of `count`. */
export interface Shard { index: number; count: number }

export function parseShard(spec: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(spec.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new Error(`--shard must be I/N with 1 <= I <= N, e.g. 2/4 (got "${spec}")`);
  return { index, count };
}

/** Runs dealt round-robin by their position in the suite: deterministic, balanced, and the shards
 * together hold every run exactly once. */
export function shardOf<T>(items: readonly T[], shard: Shard): T[] {
  return items.filter((_, i) => i % shard.count === shard.index - 1);
}
