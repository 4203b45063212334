import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A seeded source of randomness, so that a test's schedule follows from its seed. */
export interface Random {
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** An independent stream, for a part of the test that must not shift the others' draws. */
  fork(): Random;
}

export function seededRandom(seed: number): Random {
  const rng = xoroshiro128plus(seed);
  const random: Random = {
    int: (min, max) => uniformInt(rng, min, max),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[uniformInt(rng, 0, items.length - 1)] as (typeof items)[number];
    },
    fork: () => seededRandom(uniformInt(rng, 0, 0x7fffffff)),
  };
  return random;
}
