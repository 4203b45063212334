import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The external corpus (Porcupine's test data) beside the repository: ../shared/data/porcupine. */
export function porcupineCorpusDir(): string {
  const fromEnv = process.env.FENCECHECK_PORCUPINE_DIR;
  if (fromEnv !== undefined && existsSync(join(fromEnv, 'MANIFEST.md'))) return fromEnv;
  for (const start of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    let dir = start;
    for (let i = 0; i < 6; i++) {
      const candidate = resolve(dir, '..', 'shared', 'data', 'porcupine');
      if (existsSync(join(candidate, 'MANIFEST.md'))) return candidate;
      dir = resolve(dir, '..');
    }
  }
  throw new Error('cannot find ../shared/data/porcupine beside the repository: clone shared/ next to it or set FENCECHECK_PORCUPINE_DIR');
}

/** Etcd files MANIFEST.md lists as linearizable; 095 is empty and has no verdict. */
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
