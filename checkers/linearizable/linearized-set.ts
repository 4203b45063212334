/**
 * The set of linearized ops of one partition: a bitset with an incremental Zobrist hash and a
 * canonical compact form. Definite (non-info) ops are bits [0, definite); their words below `lo`
 * are all ones and above `hi` all zeros, so only words [lo, hi) plus the info words need storing:
 * a long history costs a few words per configuration, not one bit per op.
 */
export class LinearizedSet {
  readonly words: Int32Array;
  /** Words holding definite ops; info ops start at bit 32 * definiteWords. */
  readonly definiteWords: number;
  private readonly zobrist: Int32Array;
  lo = 0;
  hi = 0;
  hash = 0;

  constructor(definite: number, info: number, seed: number) {
    this.definiteWords = (definite + 31) >>> 5;
    this.words = new Int32Array(this.definiteWords + ((info + 31) >>> 5));
    // Padding bits above the last definite op count as linearized, so full words are -1.
    if ((definite & 31) !== 0) this.words[this.definiteWords - 1] = ~((1 << (definite & 31)) - 1);
    this.zobrist = new Int32Array(32 * this.words.length);
    let x = seed | 1;
    for (let i = 0; i < this.zobrist.length; i++) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
      this.zobrist[i] = x;
    }
    this.lo = 0;
    while (this.lo < this.definiteWords && this.words[this.lo] === -1) this.lo++;
    this.hi = this.lo;
  }

  /** Bit position of local op `op` given the count of definite ops. */
  static bitOf(op: number, definite: number): number {
    return op < definite ? op : (((definite + 31) >>> 5) << 5) + (op - definite);
  }

  add(bit: number): void {
    const w = bit >>> 5;
    const words = this.words;
    words[w] = (words[w] as number) | (1 << (bit & 31));
    this.hash ^= this.zobrist[bit] as number;
    if (w >= this.definiteWords) return;
    if (w >= this.hi) this.hi = w + 1;
    if (w === this.lo && words[w] === -1) {
      let lo = w + 1;
      while (lo < this.definiteWords && words[lo] === -1) lo++;
      this.lo = lo;
      if (this.hi < lo) this.hi = lo;
    }
  }

  remove(bit: number): void {
    const w = bit >>> 5;
    const words = this.words;
    words[w] = (words[w] as number) & ~(1 << (bit & 31));
    this.hash ^= this.zobrist[bit] as number;
    if (w >= this.definiteWords) return;
    if (w < this.lo) this.lo = w;
    if (w === this.hi - 1) {
      let hi = this.hi;
      while (hi > this.lo && words[hi - 1] === 0) hi--;
      this.hi = hi;
    }
  }

  has(bit: number): boolean {
    return (((this.words[bit >>> 5] as number) >>> (bit & 31)) & 1) === 1;
  }
}
