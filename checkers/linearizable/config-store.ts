import type { LinearizedSet } from './linearized-set.js';
import type { State } from './model.js';

/**
 * The configurations (linearized set, model state) the search has fully explored without
 * finding a linearization. Open addressing on a 32-bit hash, confirmed by exact comparison of
 * the state and of the set's compact form, so a hash collision can never prune a live branch.
 */
export class ConfigStore {
  private table = new Int32Array(1024);
  private hashes = new Int32Array(256);
  private offsets = new Int32Array(256);
  private readonly states: State[] = [];
  private pool = new Int32Array(4096);
  private poolLen = 0;
  size = 0;

  has(hash: number, set: LinearizedSet, state: State): boolean {
    const mask = this.table.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const slot = this.table[i] as number;
      if (slot === 0) return false;
      const k = slot - 1;
      if (this.hashes[k] === hash && this.states[k] === state && this.sameSet(this.offsets[k] as number, set)) return true;
    }
  }

  add(hash: number, set: LinearizedSet, state: State): void {
    if (2 * (this.size + 1) > this.table.length) this.rehash();
    if (this.size === this.hashes.length) {
      this.hashes = grow(this.hashes, this.size * 2);
      this.offsets = grow(this.offsets, this.size * 2);
    }
    const k = this.size++;
    this.hashes[k] = hash;
    this.offsets[k] = this.poolLen;
    this.states.push(state);
    this.store(set);
    const mask = this.table.length - 1;
    let i = hash & mask;
    while (this.table[i] !== 0) i = (i + 1) & mask;
    this.table[i] = k + 1;
  }

  /** Bytes held, for the memory budget. */
  bytes(): number {
    return 4 * (this.table.length + 2 * this.hashes.length + this.pool.length) + 16 * this.states.length;
  }

  private store(set: LinearizedSet): void {
    const { lo, hi, words, definiteWords } = set;
    const need = 2 + (hi - lo) + (words.length - definiteWords);
    if (this.poolLen + need > this.pool.length) this.pool = grow(this.pool, Math.max(2 * this.pool.length, this.poolLen + need));
    const pool = this.pool;
    let p = this.poolLen;
    pool[p++] = lo;
    pool[p++] = hi;
    for (let w = lo; w < hi; w++) pool[p++] = words[w] as number;
    for (let w = definiteWords; w < words.length; w++) pool[p++] = words[w] as number;
    this.poolLen = p;
  }

  private sameSet(offset: number, set: LinearizedSet): boolean {
    const pool = this.pool;
    const { lo, hi, words, definiteWords } = set;
    if (pool[offset] !== lo || pool[offset + 1] !== hi) return false;
    let p = offset + 2;
    for (let w = lo; w < hi; w++) if (pool[p++] !== words[w]) return false;
    for (let w = definiteWords; w < words.length; w++) if (pool[p++] !== words[w]) return false;
    return true;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2);
    const mask = table.length - 1;
    for (let k = 0; k < this.size; k++) {
      let i = (this.hashes[k] as number) & mask;
      while (table[i] !== 0) i = (i + 1) & mask;
      table[i] = k + 1;
    }
    this.table = table;
  }
}

function grow(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}
