import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Porcupine's test data, kept in the repository (test/data/porcupine, with its MIT licence), so
 * that a fresh clone tests itself. Found from this module's place: the source tree and the
 * compiled dist/ both lie under the repository's root, the first folder upwards with a
 * package.json. */
export function porcupineCorpusDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the repository root (a folder with package.json) above results/formats/corpus: run from a fencecheck checkout');
    dir = up;
  }
  const corpus = join(dir, 'test', 'data', 'porcupine');
  if (!existsSync(join(corpus, 'README.md'))) throw new Error(`cannot find ${corpus}: the checkout is missing Porcupine's test data (test/data/porcupine)`);
  return corpus;
}

/** Etcd files the corpus README lists as linearizable; 095 is empty. */
export const ETCD_LINEARIZABLE = new Set([2, 5, 7, 18, 25, 31, 38, 45, 48, 49, 51, 53, 56, 67, 75, 76, 80, 87, 92, 98, 100, 101, 102]);
export const ETCD_EMPTY = 95;
export const ETCD_COUNT = 103;

export function etcdFile(n: number): string {
  return join(porcupineCorpusDir(), 'jepsen', `etcd_${String(n).padStart(3, '0')}.log`);
}

export const KV_FILES = ['c01-ok', 'c01-bad', 'c10-ok', 'c10-bad', 'c50-ok', 'c50-bad'] as const;

export function kvFile(name: string): string {
  return join(porcupineCorpusDir(), 'kv', `${name}.txt`);
}
